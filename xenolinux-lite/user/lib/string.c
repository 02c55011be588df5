/*
 * Byte and string functions with the signatures xv6 programs expect
 * (memmove takes an int count, strlen returns uint).  The compiler may also
 * call memcpy and memset itself, for structure copies.
 */
#include "types.h"
#include "user.h"

uint
strlen(const char *s)
{
    uint n = 0;

    while (s[n] != '\0')
        n++;
    return n;
}

char *
strcpy(char *dst, const char *src)
{
    char *d = dst;

    while ((*d++ = *src++) != '\0')
        ;
    return dst;
}

/* Compare as unsigned bytes: <0, 0 or >0 like the C library's. */
int
strcmp(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return (uchar)*a - (uchar)*b;
}

/* strcmp limited to the first n bytes. */
int
strncmp(const char *a, const char *b, uint n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b)
            return (uchar)*a - (uchar)*b;
        if (*a == '\0')
            return 0;
    }
    return 0;
}

/* The first c in s, or 0.  c == 0 finds nothing (as in xv6). */
char *
strchr(const char *s, char c)
{
    for (; *s != '\0'; s++)
        if (*s == c)
            return (char *)s;
    return 0;
}

void *
memset(void *dst, int c, uint n)
{
    uchar *d = dst;

    while (n-- > 0)
        *d++ = (uchar)c;
    return dst;
}

/* Copy n bytes; the areas may overlap. */
void *
memmove(void *dst, const void *src, int n)
{
    uchar *d = dst;
    const uchar *s = src;

    if (n <= 0 || d == s)
        return dst;
    if (s < d && s + n > d) {
        /* dst overlaps the tail of src: copy from the end backwards. */
        d += n;
        s += n;
        while (n-- > 0)
            *--d = *--s;
    } else {
        while (n-- > 0)
            *d++ = *s++;
    }
    return dst;
}

void *
memcpy(void *dst, const void *src, uint n)
{
    return memmove(dst, src, (int)n);
}

int
memcmp(const void *a, const void *b, uint n)
{
    const uchar *x = a, *y = b;

    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

/* The decimal number at the start of s: an optional '-', then digits.
 * Stops at the first other character; 0 if there are no digits. */
int
atoi(const char *s)
{
    int negative = 0, n = 0;

    if (*s == '-') {
        negative = 1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    return negative ? -n : n;
}
