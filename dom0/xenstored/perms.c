/* Permission lists: wire form and access checks (see perms.h). */
#include "dom0/xenstored/perms.h"

static const char perm_letters[] = { 'n', 'r', 'w', 'b' };

static int perm_parse_one(const char *s, struct xs_perm *out)
{
    uint32_t domid;
    unsigned int rights;

    for (rights = 0; rights < sizeof(perm_letters); rights++)
        if (s[0] == perm_letters[rights])
            break;
    if (rights == sizeof(perm_letters))
        return -EINVAL;
    if (xs_parse_uint(s + 1, DOMID_FIRST_RESERVED - 1, &domid) < 0)
        return -EINVAL;
    out->domid = (domid_t)domid;
    out->rights = (uint8_t)rights;
    return 0;
}

int xs_perms_parse(const char *buf, size_t len, struct xs_perm **out,
                   uint32_t *n)
{
    uint32_t count = 0, i;
    struct xs_perm *list;
    size_t pos;
    int rc;

    if (len == 0 || buf[len - 1] != '\0')
        return -EINVAL;
    for (pos = 0; pos < len; pos++)
        if (buf[pos] == '\0')
            count++;
    list = malloc(count * sizeof(*list));
    if (list == NULL)
        return -ENOMEM;
    for (i = 0, pos = 0; i < count; i++) {
        rc = perm_parse_one(buf + pos, &list[i]);
        if (rc < 0) {
            free(list);
            return rc;
        }
        pos += strlen(buf + pos) + 1;
    }
    *out = list;
    *n = count;
    return 0;
}

size_t xs_perms_format(const struct xs_perm *p, uint32_t n, char *buf,
                       size_t room)
{
    char entry[1 + XS_DECIMAL_MAX];
    size_t total = 0, elen;
    uint32_t i;

    for (i = 0; i < n; i++)
        total += 2 + xs_format_uint(entry, p[i].domid);
    if (total > room)
        return total;
    for (i = 0; i < n; i++) {
        entry[0] = perm_letters[p[i].rights & XS_PERM_BOTH];
        elen = xs_format_uint(entry + 1, p[i].domid) + 2;
        memcpy(buf, entry, elen);
        buf += elen;
    }
    return total;
}

bool xs_perms_allow(const struct xs_perm *p, uint32_t n, domid_t who,
                    unsigned int want)
{
    unsigned int rights = p[0].rights;
    uint32_t i;

    if (who == 0 || p[0].domid == who)
        return true;
    for (i = 1; i < n; i++) {
        if (p[i].domid == who) {
            rights = p[i].rights;
            break;
        }
    }
    return (rights & want) == want;
}

struct xs_perm *xs_perms_copy(const struct xs_perm *p, uint32_t n)
{
    struct xs_perm *copy = malloc(n * sizeof(*copy));

    if (copy != NULL)
        memcpy(copy, p, n * sizeof(*copy));
    return copy;
}
