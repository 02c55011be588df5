/*
 * Console: the hypervisor log and guests' console_io output on the serial
 * port.  Output from guests is line-buffered per domain and prefixed with
 * "(dN) " so interleaved domains stay readable.
 */
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/shutdown.h"
#include "arch/x86_32/uart.h"
#include "arch/x86_32/cpu.h"

static struct {
    uint16_t port;          /* 0: no serial console */
    enum log_level level;
} console = { COM1_PORT, LOG_INFO };

#define GUEST_LINE_MAX 256
#define GUEST_LINE_DOMS 8   /* domains with a line buffer; others unbuffered */

static struct guest_line {
    uint16_t domid;
    uint16_t used;
    size_t len;
    char buf[GUEST_LINE_MAX];
} guest_lines[GUEST_LINE_DOMS];

void console_init(const char *console_opt)
{
    if (console_opt && strcmp(console_opt, "none") == 0)
        console.port = 0;
    else if (console_opt && strcmp(console_opt, "com2") == 0)
        console.port = COM2_PORT;
    else
        console.port = COM1_PORT;
    if (console.port)
        uart_init(console.port, 115200);
}

void console_set_level(enum log_level lvl)
{
    console.level = lvl;
}

int log_level_parse(const char *s, enum log_level *out)
{
    static const struct { const char *name; enum log_level lvl; } names[] = {
        { "all", LOG_DEBUG }, { "debug", LOG_DEBUG }, { "info", LOG_INFO },
        { "warning", LOG_WARN }, { "error", LOG_ERR }, { "none", LOG_NONE },
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].lvl;
            return 0;
        }
    }
    return -1;
}

void console_write_raw(const char *s, size_t n)
{
    if (!console.port)
        return;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            uart_putc(console.port, '\r');
        uart_putc(console.port, s[i]);
    }
}

static void vprintk(enum log_level lvl, const char *fmt, va_list ap)
{
    char buf[512];
    if (lvl < console.level)
        return;
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    console_write_raw("(XEN) ", 6);
    console_write_raw(buf, (size_t)n);
}

void printk(enum log_level lvl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(lvl, fmt, ap);
    va_end(ap);
}

static struct guest_line *guest_line_for(uint16_t domid)
{
    struct guest_line *free = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(guest_lines); i++) {
        if (guest_lines[i].used && guest_lines[i].domid == domid)
            return &guest_lines[i];
        if (!guest_lines[i].used && !free)
            free = &guest_lines[i];
    }
    if (free) {
        free->used = 1;
        free->domid = domid;
        free->len = 0;
    }
    return free;
}

static void guest_line_flush(struct guest_line *l)
{
    char tag[16];
    int n = snprintf(tag, sizeof(tag), "(d%u) ", l->domid);
    console_write_raw(tag, (size_t)n);
    console_write_raw(l->buf, l->len);
    l->len = 0;
}

void console_guest_write(uint16_t domid, const char *s, size_t n)
{
    struct guest_line *l = guest_line_for(domid);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r')
            continue;
        if (!l) {
            console_write_raw(&c, 1);
            continue;
        }
        l->buf[l->len++] = c;
        if (c == '\n' || l->len == GUEST_LINE_MAX)
            guest_line_flush(l);
    }
}

size_t console_read(char *buf, size_t n)
{
    size_t got = 0;
    int c;
    if (!console.port)
        return 0;
    while (got < n && (c = uart_getc(console.port)) >= 0)
        buf[got++] = (char)c;
    return got;
}

void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    irq_disable();
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    console.level = LOG_DEBUG;
    printk(LOG_ERR, "****************************************\n");
    printk(LOG_ERR, "Panic: %s\n", buf);
    printk(LOG_ERR, "****************************************\n");
    machine_halt_after_panic();
}
