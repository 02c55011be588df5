/*
 * Console: the hypervisor log and guests' console_io output on the serial
 * port.  Each line of guest output starts with "(dN) ", so interleaved
 * domains stay readable.
 */
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/shutdown.h"
#include "arch/x86_32/uart.h"
#include "arch/x86_32/cpu.h"

#define INPUT_RING 1024        /* bytes of dom0 input waiting to be read */
#define CTRL_A 0x01
#define SWITCH_PRESSES 3

static struct {
    uint16_t port;          /* 0: no serial console */
    enum log_level level;
    int input_to_hypervisor;    /* else to dom0 */
    int ctrl_a_run;             /* consecutive Ctrl-A presses */
    unsigned int in_prod, in_cons;
    char input[INPUT_RING];
} console = { COM1_PORT, LOG_INFO, 0, 0, 0, 0, { 0 } };

/*
 * Who wrote last and whether they are in the middle of a line: guest
 * output is written as it comes (so a shell's prompt shows at once), with
 * "(dN) " at the start of each line, and a line another writer interrupts
 * is ended first.
 */
#define WRITER_HYPERVISOR 0xFFFFu
static struct {
    uint32_t writer;
    int mid_line;
} out = { WRITER_HYPERVISOR, 0 };

/* Make writer the current one, ending another writer's open line. */
static void switch_writer(uint32_t writer)
{
    if (out.writer != writer && out.mid_line) {
        console_write_raw("\n", 1);
        out.mid_line = 0;
    }
    out.writer = writer;
}

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
    if (lvl < console.level && lvl != LOG_NONE)
        return;
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    switch_writer(WRITER_HYPERVISOR);
    console_write_raw("(XEN) ", 6);
    console_write_raw(buf, (size_t)n);
    console_history_append("(XEN) ", 6);
    console_history_append(buf, (size_t)n);
}

void printk(enum log_level lvl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(lvl, fmt, ap);
    va_end(ap);
}

void console_guest_write(uint16_t domid, const char *s, size_t n)
{
    switch_writer(domid);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r')
            continue;
        if (!out.mid_line) {
            char tag[16];
            int len = snprintf(tag, sizeof(tag), "(d%u) ", domid);
            console_write_raw(tag, (size_t)len);
            out.mid_line = 1;
        }
        console_write_raw(&c, 1);
        if (c == '\n')
            out.mid_line = 0;
    }
}

int console_irq(void)
{
    if (console.port == COM1_PORT)
        return 4;
    return console.port == COM2_PORT ? 3 : -1;
}

void console_enable_input_irq(void)
{
    if (console.port)
        uart_enable_rx_irq(console.port);
}

static void input_to_dom0(char c)
{
    if (console.in_prod - console.in_cons < INPUT_RING)
        console.input[console.in_prod++ % INPUT_RING] = c;
}

/*
 * Serial input: three Ctrl-A presses in a row switch it between dom0 and
 * the hypervisor's debug keys, as in Xen.  Returns 1 if dom0 got input.
 */
int console_receive(void)
{
    int c, for_dom0 = 0;
    if (!console.port)
        return 0;
    while ((c = uart_getc(console.port)) >= 0) {
        if (c == CTRL_A && ++console.ctrl_a_run == SWITCH_PRESSES) {
            console.ctrl_a_run = 0;
            console.input_to_hypervisor = !console.input_to_hypervisor;
            printk(LOG_NONE, "*** Serial input -> %s (type 'CTRL-a' three "
                   "times to switch input to %s)\n",
                   console.input_to_hypervisor ? "Xen" : "DOM0",
                   console.input_to_hypervisor ? "DOM0" : "Xen");
            continue;
        }
        if (c == CTRL_A)
            continue;
        /* Ctrl-A presses that did not make a switch are input too. */
        for (; console.ctrl_a_run; console.ctrl_a_run--) {
            if (!console.input_to_hypervisor) {
                input_to_dom0(CTRL_A);
                for_dom0 = 1;
            }
        }
        if (console.input_to_hypervisor) {
            debug_key((char)c);
        } else {
            input_to_dom0((char)c);
            for_dom0 = 1;
        }
    }
    return for_dom0;
}

size_t console_read(char *buf, size_t n)
{
    size_t got = 0;
    console_receive();
    while (got < n && console.in_cons != console.in_prod)
        buf[got++] = console.input[console.in_cons++ % INPUT_RING];
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
