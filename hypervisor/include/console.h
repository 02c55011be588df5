/*
 * The hypervisor's console: its log on the serial port, with levels.
 *
 * printk(LOG_x, ...) prints when x is at or above the threshold set by
 * loglvl= (default info).  Guests' console_io output goes through
 * console_guest_write() and is tagged with the domain id.
 */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H
#include <stddef.h>
#include <stdint.h>

enum log_level {
    LOG_DEBUG,
    LOG_INFO,
    LOG_WARN,
    LOG_ERR,
    LOG_NONE,    /* as a threshold: print nothing; as a level: always */
};

void console_init(const char *console_opt);
void console_set_level(enum log_level lvl);
/* Parse a loglvl= value: all, debug, info, warning, error, none. */
int log_level_parse(const char *s, enum log_level *out);

void printk(enum log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void console_write_raw(const char *s, size_t n);
void console_guest_write(uint16_t domid, const char *s, size_t n);
/*
 * console_history.c: the hypervisor's own log, kept for dom0's readconsole.
 * read copies the oldest bytes (at most max) through out, in order, and
 * returns the count or out's negative error; clear empties the history.
 */
void console_history_append(const char *s, size_t n);
long console_history_read(size_t max, int clear,
                          int (*out)(void *ctx, size_t off, const char *p, size_t n),
                          void *ctx);
/* Read up to n bytes of dom0's serial input without waiting. */
size_t console_read(char *buf, size_t n);
/* The serial IRQ: take input; returns 1 if some went to dom0. */
int console_receive(void);
int console_irq(void);
void console_enable_input_irq(void);
/* A debug key typed while input goes to the hypervisor (keyhandler.c). */
void debug_key(char key);

/* Stop the machine after a broken hypervisor invariant. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define BUG_ON(c) do { if (c) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)
#endif
