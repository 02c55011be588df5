/* Helpers for the xenstore core: copies, decimal numbers, prefixes. */
#include "dom0/xenstored/xs_lib.h"

char *xs_memdup(const void *p, size_t len)
{
    char *copy = malloc(len + 1);

    if (copy == NULL)
        return NULL;
    if (len > 0)
        memcpy(copy, p, len);
    copy[len] = '\0';
    return copy;
}

char *xs_strdup(const char *s)
{
    return xs_memdup(s, strlen(s));
}

size_t xs_format_uint(char *buf, uint32_t v)
{
    char digits[XS_DECIMAL_MAX];
    size_t n = 0, i;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (i = 0; i < n; i++)
        buf[i] = digits[n - 1 - i];
    buf[n] = '\0';
    return n;
}

int xs_parse_uint(const char *s, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    size_t i;

    if (s[0] == '\0' || (s[0] == '0' && s[1] != '\0'))
        return -EINVAL;
    for (i = 0; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -EINVAL;
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > max)
            return -EINVAL;
    }
    *out = (uint32_t)v;
    return 0;
}

bool xs_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}
