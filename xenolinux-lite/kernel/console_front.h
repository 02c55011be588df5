/*
 * A domU's console over its console ring page (console_front.c), for
 * console.c.  dom0, and a domU booted with "console=io", use the
 * hypervisor's console (console_io) instead.
 */
#ifndef XL_CONSOLE_FRONT_H
#define XL_CONSOLE_FRONT_H

struct spinlock;

/*
 * Is the console the ring?  Decided at the first call (so that even the
 * first line the kernel prints goes where the rest will): yes for a domU
 * whose start_info names a usable ring page and port, unless its command
 * line says "console=io".
 */
int console_front_active(void);

/*
 * Send n bytes of s to the back end, waiting while the ring is full (see
 * console_front.c for how long, and what happens to output nobody
 * takes).  With lk (held by the caller, and the only lock it holds) the
 * wait sleeps, releasing lk meanwhile; without it the vCPU polls the
 * console port, which works in any context.  Returns the bytes written
 * or dropped; fewer than n only if the calling process was killed while
 * it waited.
 */
int console_front_write(const char *s, int n, struct spinlock *lk);

/* Start taking typed input from the ring (consoleinit must have run). */
void console_front_input_init(void);
#endif
