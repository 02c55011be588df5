/*
 * The console: kernel output (cprintf, panic) and the console device
 * (major CONSOLE) that user programs read and write.
 *
 * Output goes to the hypervisor's console with CONSOLEIO_write.  Input,
 * for dom0, is the serial line the hypervisor lends us: VIRQ_CONSOLE
 * says bytes arrived, CONSOLEIO_read fetches them, and consoleintr()
 * edits them into lines (backspace, ^U kills the line, ^D ends the
 * input, ^P lists the processes).  A reader gets at most one line per
 * read.
 */
#include <stdarg.h>
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"

#define CTRL(c) ((c) - '@')
#define BACKSPACE 0x100
#define INPUT_BUF 128

/* The device switch (file.h), indexed by major number; the console is
 * its only device so far. */
struct devsw devsw[NDEV];

static struct {
    struct spinlock lock;
    int locking;                /* 0 once we panic */
} cons;

static struct {
    char buf[INPUT_BUF];
    uint32_t r;                 /* next to read */
    uint32_t w;                 /* end of the lines readers may take */
    uint32_t e;                 /* end of what is being edited */
} input;

/* Write n bytes to the hypervisor's console (any context, no lock). */
void console_write(const char *s, int n)
{
    if (n > 0)
        HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_write, n, s);
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
    cprintf("panic: %s\n", why);
    if (myproc())
        cprintf("  in pid %d (%s)\n", myproc()->pid, myproc()->name);
    struct sched_shutdown s = { .reason = SHUTDOWN_crash };
    for (;;)
        HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
}

/* Take typed bytes: edit them into lines and wake readers. */
void consoleintr(const char *buf, int n)
{
    int dump = 0;
    acquire(&cons.lock);
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
    release(&cons.lock);
    if (dump)
        procdump();
}

/*
 * Read up to n bytes of typed input into dst: waits for a whole line and
 * returns at most that line.  ^D ends the input: 0 at the start of a
 * line, otherwise the bytes before it.
 */
static int consoleread(struct inode *ip, char *dst, int n)
{
    int target = n;
    iunlock(ip);
    acquire(&cons.lock);
    while (n > 0) {
        while (input.r == input.w) {
            if (myproc()->killed) {
                release(&cons.lock);
                ilock(ip);
                return -1;
            }
            sleep(&input.r, &cons.lock);
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
    ilock(ip);
    return target - n;
}

/* Write n bytes from dst (user memory) through a kernel buffer. */
static int consolewrite(struct inode *ip, char *src, int n)
{
    static char chunk[512];
    iunlock(ip);
    acquire(&cons.lock);
    for (int done = 0; done < n;) {
        int m = n - done < (int)sizeof(chunk) ? n - done : (int)sizeof(chunk);
        memmove(chunk, src + done, m);
        console_write(chunk, m);
        done += m;
    }
    release(&cons.lock);
    ilock(ip);
    return n;
}

void consoleinit(void)
{
    initlock(&cons.lock, "console");
    cons.locking = 1;
    devsw[CONSOLE].read = consoleread;
    devsw[CONSOLE].write = consolewrite;
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
        /*
         * TODO(split drivers): a domU's input arrives on its console ring
         * (start_info console.domU); until that is wired, it reads nothing.
         */
        return;
    }
    if (bind_virq(VIRQ_CONSOLE, on_console_input) < 0)
        panic("bind VIRQ_CONSOLE");
    on_console_input(0);        /* what was typed before we listened */
}
