/*
 * The console: kernel output (cprintf, panic) and the console device
 * (major CONSOLE) that user programs read and write.
 *
 * dom0's output goes to the hypervisor's console with CONSOLEIO_write;
 * its input is the serial line the hypervisor lends us: VIRQ_CONSOLE
 * says bytes arrived, CONSOLEIO_read fetches them.  A domU's console is
 * its console ring, served by xenconsoled (console_front.c), unless its
 * command line says "console=io": then its output goes to the
 * hypervisor's console too, and it has no input.  Either way,
 * consoleintr() edits typed bytes into lines (backspace, ^U kills the
 * line, ^D ends the input, ^P lists the processes).  A reader gets at
 * most one line per read.
 *
 * In raw mode (ioctl CONSOLE_SETRAW, for `xl console`) nothing is edited
 * or echoed: every byte is at once there for the reader, who gets what
 * has arrived.  Raw mode belongs to the open file that set it and ends
 * when that file is closed; bytes it left unread are then edited as
 * typed input.
 */
#include <stdarg.h>
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/console_front.h"
#include "xenolinux-lite/include/abi/xenio.h"

#define CTRL(c) ((c) - '@')
#define BACKSPACE 0x100
/* Typed bytes waiting for a reader.  xv6 keeps 128; ours holds more, since
 * input typed ahead while a reader is busy (a domU running a long program
 * under xl console) would otherwise be dropped once the buffer is full. */
#define INPUT_BUF 1024

static struct {
    struct spinlock lock;
    int locking;                /* 0 once we panic */
    int panicking;              /* a domU's ring console also copies to console_io */
    int raw;                    /* raw mode (input.lock = lock) */
    struct file *raw_owner;     /* the open file that set it */
} cons;

static struct {
    char buf[INPUT_BUF];
    uint32_t r;                 /* next to read */
    uint32_t w;                 /* end of the lines readers may take */
    uint32_t e;                 /* end of what is being edited */
} input;

/*
 * Write n bytes to the console: the console ring or the hypervisor's
 * console (any context; callers serialise with cons.lock when they
 * can).  After a panic a ring console's output goes to both, so that
 * the hypervisor's log shows why the domain stopped.
 */
void console_write(const char *s, int n)
{
    if (n <= 0)
        return;
    int ring = console_front_active();
    if (!ring || cons.panicking)
        HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_write, n, s);
    if (ring)
        console_front_write(s, n, 0);
}

static void consputc(int c)
{
    if (c == BACKSPACE) {
        console_write("\b \b", 3);
    } else {
        char ch = (char)c;
        console_write(&ch, 1);
    }
}

void cprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int locking = cons.locking;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    if (locking)
        acquire(&cons.lock);
    console_write(buf, n);
    if (locking)
        release(&cons.lock);
}

/* A kernel invariant broke: say so and stop the domain (as a crash). */
void panic(const char *why)
{
    events_disable();
    cons.locking = 0;
    cons.panicking = 1;
    cprintf("panic: %s\n", why);
    if (myproc())
        cprintf("  in pid %d (%s)\n", myproc()->pid, myproc()->name);
    struct sched_shutdown s = { .reason = SHUTDOWN_crash };
    for (;;)
        HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
}

/* Raw mode: every byte as it is, at once, while there is room. */
static void take_raw(const char *buf, int n)
{
    for (int i = 0; i < n && input.e - input.r < INPUT_BUF; i++)
        input.buf[input.e++ % INPUT_BUF] = buf[i];
    input.w = input.e;
    wakeup(&input.r);
}

/* Edit typed bytes into lines and wake readers at each line's end
 * (cons.lock held).  Returns 1 if ^P asked for a process list. */
static int take_cooked(const char *buf, int n)
{
    int dump = 0;
    for (int i = 0; i < n; i++) {
        int c = (unsigned char)buf[i];
        switch (c) {
        case CTRL('P'):
            dump = 1;
            break;
        case CTRL('U'):
            while (input.e != input.w &&
                   input.buf[(input.e - 1) % INPUT_BUF] != '\n') {
                input.e--;
                consputc(BACKSPACE);
            }
            break;
        case CTRL('H'):
        case 0x7F:
            if (input.e != input.w) {
                input.e--;
                consputc(BACKSPACE);
            }
            break;
        default:
            if (c == 0 || input.e - input.r >= INPUT_BUF)
                break;
            if (c == '\r')
                c = '\n';
            input.buf[input.e++ % INPUT_BUF] = (char)c;
            if (c != CTRL('D'))
                consputc(c);
            if (c == '\n' || c == CTRL('D') || input.e == input.r + INPUT_BUF) {
                input.w = input.e;
                wakeup(&input.r);
            }
        }
    }
    return dump;
}

/* Take typed bytes: edit them into lines (or in raw mode, take them as
 * they are) and wake readers. */
void consoleintr(const char *buf, int n)
{
    int dump = 0;
    acquire(&cons.lock);
    if (cons.raw)
        take_raw(buf, n);
    else
        dump = take_cooked(buf, n);
    pollwakeup();
    release(&cons.lock);
    if (dump)
        procdump();
}

/*
 * Leave raw mode (cons.lock held).  Bytes typed in raw mode that nobody
 * read (typed ahead after `xl console`'s Ctrl-]) are edited again as if
 * typed now, so they reach the shell as the lines they were meant to be.
 */
static void end_raw(void)
{
    static char pending[INPUT_BUF];     /* under cons.lock */
    int n = 0;

    cons.raw = 0;
    cons.raw_owner = 0;
    while (input.r != input.e)
        pending[n++] = input.buf[input.r++ % INPUT_BUF];
    input.w = input.e = input.r;
    take_cooked(pending, n);
    pollwakeup();
}

/*
 * Read up to n bytes of typed input into dst.  Cooked: waits for a whole
 * line and returns at most that line; ^D ends the input: 0 at the start
 * of a line, otherwise the bytes before it.  Raw: waits for a byte and
 * returns what has arrived.
 */
static int consoleread(struct file *f, char *dst, int n)
{
    int target = n;
    (void)f;
    acquire(&cons.lock);
    while (n > 0) {
        while (input.r == input.w) {
            if (myproc()->killed) {
                release(&cons.lock);
                return -1;
            }
            sleep(&input.r, &cons.lock);
        }
        if (cons.raw) {
            while (n > 0 && input.r != input.w) {
                *dst++ = input.buf[input.r++ % INPUT_BUF];
                --n;
            }
            break;
        }
        int c = input.buf[input.r++ % INPUT_BUF];
        if (c == CTRL('D')) {
            if (n < target)
                input.r--;      /* keep it: the next read returns 0 */
            break;
        }
        *dst++ = (char)c;
        --n;
        if (c == '\n')
            break;
    }
    release(&cons.lock);
    return target - n;
}

/*
 * Write n bytes from src (user memory).  To the console ring directly,
 * sleeping while it is full; to the hypervisor's console through a
 * kernel buffer.
 */
static int consolewrite(struct file *f, char *src, int n)
{
    static char chunk[512];
    (void)f;
    acquire(&cons.lock);
    if (console_front_active()) {
        int done = console_front_write(src, n, &cons.lock);
        release(&cons.lock);
        return done == 0 && n > 0 ? -1 : done;     /* killed at once */
    }
    for (int done = 0; done < n;) {
        int m = n - done < (int)sizeof(chunk) ? n - done : (int)sizeof(chunk);
        memmove(chunk, src + done, m);
        console_write(chunk, m);
        done += m;
    }
    release(&cons.lock);
    return n;
}

static int consoleopen(struct file *f)
{
    (void)f;
    return 0;
}

/* Raw mode ends with the file that set it. */
static void consoleclose(struct file *f)
{
    acquire(&cons.lock);
    if (cons.raw && cons.raw_owner == f)
        end_raw();
    release(&cons.lock);
}

/*
 * CONSOLE_SETRAW 1: raw mode, owned by f; a line half typed goes to the
 * reader as it is.  CONSOLE_SETRAW 0: cooked.  Anything else: -1.
 */
static int consoleioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
    if (cmd != CONSOLE_SETRAW || arg > 1)
        return -1;
    acquire(&cons.lock);
    if (!arg) {
        if (cons.raw)
            end_raw();
        release(&cons.lock);
        return 0;
    }
    cons.raw = 1;
    cons.raw_owner = f;
    if (input.w != input.e) {
        input.w = input.e;
        wakeup(&input.r);
        pollwakeup();
    }
    release(&cons.lock);
    return 0;
}

/* Readable when a read would not wait; always writable. */
static int consolepoll(struct file *f)
{
    (void)f;
    acquire(&cons.lock);
    int ready = POLLOUT | (input.r != input.w ? POLLIN : 0);
    release(&cons.lock);
    return ready;
}

void consoleinit(void)
{
    initlock(&cons.lock, "console");
    cons.locking = 1;
    devsw[CONSOLE].open = consoleopen;
    devsw[CONSOLE].close = consoleclose;
    devsw[CONSOLE].read = consoleread;
    devsw[CONSOLE].write = consolewrite;
    devsw[CONSOLE].ioctl = consoleioctl;
    devsw[CONSOLE].poll = consolepoll;
}

/* VIRQ_CONSOLE: fetch everything that arrived. */
static void on_console_input(evtchn_port_t port)
{
    char buf[64];
    long n;
    (void)port;
    while ((n = HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_read,
                           sizeof(buf), buf)) > 0)
        consoleintr(buf, (int)n);
}

void console_input_init(void)
{
    if (!is_dom0()) {
        console_front_input_init();     /* nothing with console=io */
        return;
    }
    if (bind_virq(VIRQ_CONSOLE, on_console_input) < 0)
        panic("bind VIRQ_CONSOLE");
    on_console_input(0);        /* what was typed before we listened */
}
