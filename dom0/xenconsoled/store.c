/* xenconsoled's xenstore entries (see store.h). */
#include "dom0/xenconsoled/store.h"
#include "public/errno.h"
#include "public/io/xs_wire.h"
#include "user.h"

/* A decimal number that fits in 32 bits, nothing else; 0 or -EINVAL. */
static int parse_u32(const char *s, uint32_t *v)
{
    uint64_t n = 0;
    if (*s == 0)
        return -EINVAL;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -EINVAL;
        n = n * 10 + (uint32_t)(*s - '0');
        if (n > 0xFFFFFFFFu)
            return -EINVAL;
    }
    *v = (uint32_t)n;
    return 0;
}

int store_watch_domains(struct xs *xs)
{
    int rc = xs_watch(xs, "@introduceDomain", "introduce");
    if (rc < 0)
        return rc;
    return xs_watch(xs, "@releaseDomain", "release");
}

int store_list_domains(struct xs *xs, uint32_t *ids, int max)
{
    static char names[XENSTORE_PAYLOAD_MAX + 1];
    int len = xs_directory(xs, "/local/domain", names, XENSTORE_PAYLOAD_MAX);
    if (len < 0)
        return len;
    names[len] = 0;
    int count = 0;
    for (int at = 0; at < len && count < max; at += strlen(names + at) + 1) {
        if (parse_u32(names + at, &ids[count]) == 0)
            count++;
    }
    return count;
}

/* Read domid's console/NAME as a number. */
static int read_number(struct xs *xs, uint32_t domid, const char *name,
                       uint32_t *v)
{
    char path[64], value[16];
    snprintf(path, sizeof(path), "/local/domain/%u/console/%s", domid, name);
    int rc = xs_read(xs, path, value, sizeof(value));
    if (rc < 0)
        return rc == -ENOSPC ? -EINVAL : rc;
    return parse_u32(value, v);
}

int store_console_info(struct xs *xs, uint32_t domid, uint32_t *mfn,
                       uint32_t *port)
{
    int rc = read_number(xs, domid, "ring-ref", mfn);
    if (rc < 0)
        return rc;
    return read_number(xs, domid, "port", port);
}

int store_publish_tty(struct xs *xs, uint32_t domid, int pty)
{
    char path[64], value[16];
    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    snprintf(value, sizeof(value), "/dev/pts%d", pty);
    return xs_write(xs, path, value);
}

void store_remove_tty(struct xs *xs, uint32_t domid)
{
    char path[64];
    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    xs_rm(xs, path);            /* gone already if xl destroyed the domain */
}
