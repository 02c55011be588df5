/* Small helpers the xl commands share. */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "user.h"

/* The name of a negative errno value the hypervisor returned. */
static const char *errno_name(long rc)
{
    switch (-rc) {
    case EPERM: return "EPERM (not allowed)";
    case ENOENT: return "ENOENT (no such thing)";
    case ESRCH: return "ESRCH (no such domain)";
    case ENOMEM: return "ENOMEM (out of memory)";
    case EFAULT: return "EFAULT (bad address)";
    case EBUSY: return "EBUSY (busy)";
    case EEXIST: return "EEXIST (exists already)";
    case EINVAL: return "EINVAL (invalid argument)";
    case ENOSPC: return "ENOSPC (no space)";
    case ENOSYS: return "ENOSYS (not implemented)";
    default: return "error";
    }
}

void xl_error(const char *what, long rc)
{
    printf(2, "xl: %s: %s (%d)\n", what, errno_name(rc), (int)rc);
}

/* Is s a decimal number (the whole of it)? */
static int is_number(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int xl_find_domain(struct xl *xl, const char *name_or_id, domid_t *out)
{
    int id;
    if (strcmp(name_or_id, "Domain-0") == 0) {
        id = 0;
    } else if (is_number(name_or_id)) {
        id = atoi(name_or_id);
    } else {
        struct xs xs;
        id = xs_open(&xs) < 0 ? -1 : xl_domain_by_name(&xs, name_or_id);
        xs_close(&xs);
        if (id < 0) {
            printf(2, "xl: no domain named '%s'\n", name_or_id);
            return -1;
        }
    }
    xen_domctl_getdomaininfo_t info;
    if (id > 0x7FEF || xc_domain_getinfo(xl->xc, (domid_t)id, &info) < 0 ||
        info.domain != id) {
        printf(2, "xl: no domain with id %d\n", id);
        return -1;
    }
    *out = (domid_t)id;
    return 0;
}

void xl_put_padded(int fd, const char *s, int width, int left)
{
    int n = (int)strlen(s);
    if (!left)
        for (int i = n; i < width; i++)
            write(fd, " ", 1);
    write(fd, s, n);
    if (left)
        for (int i = n; i < width; i++)
            write(fd, " ", 1);
}

int xl_next_domain(struct xl *xl, domid_t *next, xen_domctl_getdomaininfo_t *info)
{
    if (*next >= DOMID_FIRST_RESERVED ||
        xc_domain_getinfo(xl->xc, *next, info) != 0)
        return 0;
    *next = (domid_t)(info->domain + 1);
    return 1;
}

void xl_display_name(struct xs *xs, domid_t id, char *buf, int size)
{
    if (id == 0)
        snprintf(buf, size, "Domain-0");
    else if (!xs || xl_domain_name(xs, id, buf, size) <= 0)
        snprintf(buf, size, "(domain %u)", id);
}
