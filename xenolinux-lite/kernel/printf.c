/*
 * Formatted output into a buffer: %d %i %u %x %p %s %c %%, with the l
 * and ll length modifiers, a field width and '0' or '-' flags.
 */
#include <stdarg.h>
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"

struct out {
    char *buf;
    int size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_num(struct out *o, unsigned long long v, int base, int neg,
                    int width, char pad, int left)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        tmp[n++] = '-';
    int fill = width > n ? width - n : 0;
    if (neg && pad == '0') {
        put(o, '-');
        n--;
    }
    if (!left)
        while (fill-- > 0)
            put(o, pad);
    while (n > 0)
        put(o, tmp[--n]);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

int vsnprintf(char *buf, int size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        int left = 0, width = 0, lng = 0;
        char pad = ' ';
        if (*fmt == '-') {
            left = 1;
            fmt++;
        }
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        switch (*fmt) {
        case 'd':
        case 'i': {
            long long v = lng >= 2 ? va_arg(ap, long long) : va_arg(ap, long);
            put_num(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
                    10, v < 0, width, pad, left);
            break;
        }
        case 'u':
        case 'x': {
            unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                                            : va_arg(ap, unsigned long);
            put_num(&o, v, *fmt == 'u' ? 10 : 16, 0, width, pad, left);
            break;
        }
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_num(&o, (uint32_t)va_arg(ap, void *), 16, 0, 8, '0', 0);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            int n = strlen(s), fill = width > n ? width - n : 0;
            if (!left)
                while (fill-- > 0)
                    put(&o, ' ');
            while (*s)
                put(&o, *s++);
            if (left)
                while (fill-- > 0)
                    put(&o, ' ');
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case '%':
            put(&o, '%');
            break;
        case 0:
            fmt--;
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
        }
    }
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = 0;
    return o.len;
}

int snprintf(char *buf, int size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
