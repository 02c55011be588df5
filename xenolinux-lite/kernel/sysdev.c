/*
 * The device system calls: ioctl, and poll over any kind of file.
 *
 * poll sleeps on the one poll channel of file.c, which everything that
 * can make a file ready wakes; a poll with a time limit is also woken by
 * every timer tick while it waits (poll_timer_tick), to look at the clock.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/include/abi/xenio.h"

static struct {
    struct spinlock lock;
    int timed;          /* sleeping polls that have a time limit */
} polls = { .lock = { 0, "poll", 0 } };

/* The open file of descriptor fd of the current process, or 0. */
static struct file *fd_file(int fd)
{
    if (fd < 0 || fd >= NOFILE)
        return 0;
    return myproc()->ofile[fd];
}

/* ioctl(fd, cmd, arg): the device's answer, -1 if fd is not a device. */
int sys_ioctl(void)
{
    int fd, cmd, arg;
    struct file *f;
    if (argint(0, &fd) < 0 || argint(1, &cmd) < 0 || argint(2, &arg) < 0 ||
        (f = fd_file(fd)) == 0)
        return -1;
    return fileioctl(f, (uint32_t)cmd, (uint32_t)arg);
}

/*
 * Fill in every revents; the number of fds with any.  -1 if an fd is
 * not open.  polls.lock held (events masked), so nothing can become
 * ready unseen between this look and the sleep that follows it.
 */
static int poll_scan(struct pollfd *fds, int n)
{
    int ready = 0;
    for (int i = 0; i < n; i++) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;
        struct file *f = fd_file(fds[i].fd);
        if (!f)
            return -1;
        fds[i].revents = filepoll(f) & (fds[i].events | POLLHUP);
        ready += fds[i].revents != 0;
    }
    return ready;
}

/* Ticks that cover ms milliseconds, rounded up. */
static uint32_t ms_to_ticks(uint32_t ms)
{
    const uint32_t ms_per_tick = 1000 / HZ;
    return ms / ms_per_tick + (ms % ms_per_tick != 0);
}

/* poll(fds, n, timeout_ms): see xenio.h. */
int sys_poll(void)
{
    int n, timeout;
    char *p;
    if (argint(1, &n) < 0 || n < 0 || n > POLL_MAX ||
        argptr(0, &p, n * (int)sizeof(struct pollfd)) < 0 ||
        argint(2, &timeout) < 0 || timeout < -1)
        return -1;
    struct pollfd *fds = (struct pollfd *)p;
    uint32_t start = ticks_now();
    uint32_t limit = timeout > 0 ? ms_to_ticks((uint32_t)timeout) : 0;
    int ready;

    acquire(&polls.lock);
    for (;;) {
        ready = poll_scan(fds, n);
        if (ready != 0 || timeout == 0)
            break;
        if (timeout > 0 && ticks_now() - start >= limit)
            break;
        if (myproc()->killed) {
            ready = -1;
            break;
        }
        polls.timed += timeout > 0;
        pollsleep(&polls.lock);
        polls.timed -= timeout > 0;
    }
    release(&polls.lock);
    return ready;
}

/* A timer tick (event context): a waiting poll with a time limit looks
 * at the clock. */
void poll_timer_tick(void)
{
    if (polls.timed > 0)
        pollwakeup();
}

/* Does a waiting poll need timer ticks? */
int poll_timer_wanted(void)
{
    return polls.timed > 0;
}
