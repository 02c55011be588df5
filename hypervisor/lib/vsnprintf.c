/*
 * vsnprintf for the hypervisor and for dom0's programs (it is in
 * xenolinux-lite's user C library too): %d %i %u %x %X %o %p %s %c %%,
 * with the flags '-', '0', '#', a width, and the length modifiers l, ll,
 * z.  A directive it does not know is copied out as written.
 */
#include "hypervisor/include/lib.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
                       int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0)
            put(o, pad);
    while (n--)
        put(o, *s++);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, int base,
                       int upper, int neg, int width, int left, char pad)
{
    char tmp[24];
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;
    do {
        tmp[sizeof(tmp) - 1 - n++] = digits[v % (unsigned)base];
        v /= (unsigned)base;
    } while (v);
    if (neg) {
        if (pad == '0') {
            put(o, '-');
            width--;
        } else {
            tmp[sizeof(tmp) - 1 - n++] = '-';
        }
    }
    put_padded(o, tmp + sizeof(tmp) - n, n, width, left, pad);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        const char *directive = fmt;    /* copied out if we do not know it */
        int left = 0, width = 0, lng = 0, alt = 0;
        char pad = ' ';
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '#')
                alt = 1;
            else if (*fmt == '0')
                pad = '0';
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'z') {
            lng += (*fmt == 'l') ? 1 : (sizeof(size_t) > 4 ? 2 : 0);
            fmt++;
        }
        unsigned long long u;
        long long s;
        switch (*fmt) {
        case 'd':
        case 'i':
            s = lng >= 2 ? va_arg(ap, long long)
                : lng ? va_arg(ap, long) : va_arg(ap, int);
            put_number(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
                       10, 0, s < 0, width, left, pad);
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            u = lng >= 2 ? va_arg(ap, unsigned long long)
                : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            if (alt && (*fmt == 'x' || *fmt == 'X')) {
                put(&o, '0');
                put(&o, *fmt);
                width -= 2;
            }
            put_number(&o, u, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
                       *fmt == 'X', 0, width, left, pad);
            break;
        case 'p':
            u = (uintptr_t)va_arg(ap, void *);
            put_number(&o, u, 16, 0, 0, 8, 0, '0');
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            put_padded(&o, str, strlen(str), width, left, ' ');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_padded(&o, &c, 1, width, left, ' ');
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case 0:                 /* the format ends inside a directive */
            while (directive < fmt)
                put(&o, *directive++);
            fmt--;
            break;
        default:                /* not a conversion we know: as written */
            while (directive <= fmt)
                put(&o, *directive++);
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
