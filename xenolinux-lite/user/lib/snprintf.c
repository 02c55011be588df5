/*
 * snprintf and vsnprintf: formatted text into a buffer, as C's, with the
 * conversions our programs use: %d (signed decimal), %u (unsigned
 * decimal), %x (hexadecimal, lower case, no "0x"), %s (NULL prints
 * "(null)"), %c and %%.  A width may come between '%' and the letter
 * ("%4d"); a '0' before it pads numbers with zeros after any '-' sign
 * ("%08x", "%03d" of -5 is "-05").  Strings and characters are padded
 * with spaces.  An unknown conversion is copied out as it stands.
 *
 * Both always end the buffer with a NUL when size > 0, never write past
 * size bytes, and return the length the whole text would have had, so
 * a result >= size means it was cut short.
 */
#include <stdarg.h>
#include "types.h"
#include "user.h"

/* The buffer being filled: len counts every character, written or not. */
struct sbuf {
    char *buf;
    uint size;
    uint len;
};

static void
put_char(struct sbuf *out, char c)
{
    if (out->len + 1 < out->size)
        out->buf[out->len] = c;
    out->len++;
}

static void
put_repeated(struct sbuf *out, char c, int count)
{
    while (count-- > 0)
        put_char(out, c);
}

/* Text right-aligned in width, padded on the left with spaces. */
static void
put_text(struct sbuf *out, const char *s, int n, int width)
{
    put_repeated(out, ' ', width - n);
    while (n-- > 0)
        put_char(out, *s++);
}

/*
 * The digits of magnitude in base (10 or 16), after a '-' if negative,
 * right-aligned in width: padded with '0' between sign and digits when
 * zero_pad is set, otherwise with spaces before the sign.
 */
static void
put_number(struct sbuf *out, uint magnitude, uint base, int negative,
           int width, int zero_pad)
{
    static const char digits[] = "0123456789abcdef";
    char reversed[12];
    int n = 0;
    int length;

    do {
        reversed[n++] = digits[magnitude % base];
        magnitude /= base;
    } while (magnitude != 0);
    length = n + (negative ? 1 : 0);
    if (!zero_pad)
        put_repeated(out, ' ', width - length);
    if (negative)
        put_char(out, '-');
    if (zero_pad)
        put_repeated(out, '0', width - length);
    while (n > 0)
        put_char(out, reversed[--n]);
}

int
vsnprintf(char *buf, uint size, const char *fmt, va_list ap)
{
    struct sbuf out = { buf, size, 0 };
    const char *p;

    for (p = fmt; *p != '\0'; p++) {
        const char *start = p;
        int zero_pad = 0, width = 0;

        if (*p != '%') {
            put_char(&out, *p);
            continue;
        }
        p++;
        if (*p == '0') {
            zero_pad = 1;
            p++;
        }
        while (*p >= '0' && *p <= '9' && width < 1000)
            width = width * 10 + (*p++ - '0');

        switch (*p) {
        case 'd': {
            int v = va_arg(ap, int);
            /* -(uint)v is the magnitude, INT_MIN included. */
            put_number(&out, v < 0 ? -(uint)v : (uint)v, 10, v < 0,
                       width, zero_pad);
            break;
        }
        case 'u':
            put_number(&out, va_arg(ap, uint), 10, 0, width, zero_pad);
            break;
        case 'x':
            put_number(&out, va_arg(ap, uint), 16, 0, width, zero_pad);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == 0)
                s = "(null)";
            put_text(&out, s, (int)strlen(s), width);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_text(&out, &c, 1, width);
            break;
        }
        case '%':
            put_char(&out, '%');
            break;
        case '\0':          /* the format ends inside a conversion */
            put_text(&out, start, (int)(p - start), 0);
            p--;
            break;
        default:            /* not ours: copy it out unchanged */
            put_text(&out, start, (int)(p - start) + 1, 0);
            break;
        }
    }
    if (size > 0)
        buf[out.len < size ? out.len : size - 1] = '\0';
    return (int)out.len;
}

int
snprintf(char *buf, uint size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
