/*
 * String searching and number parsing with their standard C meanings:
 * the part of the string library dom0's programs share with the
 * hypervisor (xenolinux-lite's user C library builds this file too).
 */
#include "hypervisor/include/lib.h"

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

char *strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncmp(hay, needle, n) == 0)
            return (char *)hay;
    return n == 0 ? (char *)hay : NULL;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    unsigned long long v = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    if (base == 0) {
        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
            base = 16;
            s += 2;
        } else if (s[0] == '0') {
            base = 8;
        } else {
            base = 10;
        }
    } else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
    }
    for (; digit_value(*s) < base; s++)
        v = v * (unsigned)base + (unsigned)digit_value(*s);
    if (end)
        *end = (char *)s;
    return v;
}
