/*
 * printf(fd, fmt, ...): formatted output to a file descriptor, with xv6's
 * conversions: %d (signed decimal), %u (unsigned decimal), %x and %p
 * (unsigned hexadecimal, no "0x"), %s (NULL prints "(null)"), %c and %%.
 * Anything else after '%' is printed as it stands.
 *
 * The text is gathered in a buffer and written in as few write() calls as
 * possible, so one short printf reaches a shared console in one piece.
 */
#include <stdarg.h>
#include "types.h"
#include "user.h"

struct outbuf {
    int fd;
    int len;
    char data[128];
};

static void
flush(struct outbuf *out)
{
    if (out->len > 0)
        write(out->fd, out->data, out->len);
    out->len = 0;
}

static void
put_char(struct outbuf *out, char c)
{
    if (out->len == (int)sizeof(out->data))
        flush(out);
    out->data[out->len++] = c;
}

static void
put_string(struct outbuf *out, const char *s)
{
    if (s == 0)
        s = "(null)";
    while (*s != '\0')
        put_char(out, *s++);
}

/* value in base 10 or 16; if is_signed, value is really an int. */
static void
put_number(struct outbuf *out, uint value, uint base, int is_signed)
{
    static const char digits[] = "0123456789abcdef";
    char reversed[12];
    int n = 0;

    if (is_signed && (int)value < 0) {
        put_char(out, '-');
        value = -value;     /* also right for INT_MIN, as unsigned */
    }
    do {
        reversed[n++] = digits[value % base];
        value /= base;
    } while (value != 0);
    while (n > 0)
        put_char(out, reversed[--n]);
}

void
printf(int fd, const char *fmt, ...)
{
    struct outbuf out;
    va_list ap;
    const char *p;

    out.fd = fd;
    out.len = 0;
    va_start(ap, fmt);
    for (p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            put_char(&out, *p);
            continue;
        }
        p++;
        switch (*p) {
        case 'd':
            put_number(&out, va_arg(ap, int), 10, 1);
            break;
        case 'u':
            put_number(&out, va_arg(ap, uint), 10, 0);
            break;
        case 'x':
        case 'p':
            put_number(&out, va_arg(ap, uint), 16, 0);
            break;
        case 's':
            put_string(&out, va_arg(ap, const char *));
            break;
        case 'c':
            put_char(&out, (char)va_arg(ap, int));
            break;
        case '%':
            put_char(&out, '%');
            break;
        case '\0':          /* a lone '%' ends the format */
            put_char(&out, '%');
            p--;
            break;
        default:
            put_char(&out, '%');
            put_char(&out, *p);
            break;
        }
    }
    va_end(ap);
    flush(&out);
}
