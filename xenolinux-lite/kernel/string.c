/* Memory and string helpers (the compiler may also call memcpy/memset). */
#include "xenolinux-lite/kernel/defs.h"

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    if ((((uint32_t)d | n) & 3) == 0) {
        uint32_t w = (uint8_t)c * 0x01010101u;
        uint32_t *d4 = dst;
        for (size_t i = 0; i < n / 4; i++)
            d4[i] = w;
        return dst;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = (uint8_t)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *p = a, *q = b;
    for (size_t i = 0; i < n; i++)
        if (p[i] != q[i])
            return p[i] - q[i];
    return 0;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (s < d && s + n > d) {
        while (n-- > 0)
            d[n] = s[n];
    } else if ((((uint32_t)d | (uint32_t)s | n) & 3) == 0) {
        uint32_t *d4 = dst;
        const uint32_t *s4 = src;
        for (size_t i = 0; i < n / 4; i++)
            d4[i] = s4[i];
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n)
{
    return memmove(dst, src, n);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n > 0 && *a && *a == *b; n--, a++, b++)
        ;
    if (n == 0)
        return 0;
    return (uint8_t)*a - (uint8_t)*b;
}

/* Copy at most n bytes, padding with NULs (not necessarily terminated). */
char *strncpy(char *dst, const char *src, int n)
{
    char *d = dst;
    while (n > 0 && *src) {
        *d++ = *src++;
        n--;
    }
    while (n-- > 0)
        *d++ = 0;
    return dst;
}

/* Like strncpy but always NUL-terminated (if n > 0). */
char *safestrcpy(char *dst, const char *src, int n)
{
    char *d = dst;
    if (n <= 0)
        return dst;
    while (--n > 0 && *src)
        *d++ = *src++;
    *d = 0;
    return dst;
}

int strlen(const char *s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}
