/*
 * Pipes: a ring of PIPESIZE bytes between a writing and a reading file.
 *
 * nread and nwrite count bytes ever read and written; they only grow
 * (wrapping at 2^32 is harmless: only their difference and their value
 * modulo PIPESIZE are used).  The ring is empty when they are equal and
 * full when nwrite == nread + PIPESIZE.  Readers sleep on &nread,
 * writers on &nwrite; every change also wakes poll() (pollwakeup).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/include/abi/xenio.h"

#define PIPESIZE 512

struct pipe {
    struct spinlock lock;
    char data[PIPESIZE];
    uint32_t nread;     /* bytes read */
    uint32_t nwrite;    /* bytes written */
    int readopen;       /* the read end is still open */
    int writeopen;      /* the write end is still open */
};

_Static_assert(sizeof(struct pipe) <= 4096, "a pipe fits in one page");

/*
 * Create a pipe and two files for it: *f0 reads, *f1 writes.  Returns 0,
 * or -1 (nothing left allocated) if memory or file slots run out.
 */
int pipealloc(struct file **f0, struct file **f1)
{
    struct pipe *p = 0;

    *f0 = *f1 = 0;
    if ((*f0 = filealloc()) == 0 || (*f1 = filealloc()) == 0)
        goto fail;
    if ((p = (struct pipe *)kalloc()) == 0)
        goto fail;
    initlock(&p->lock, "pipe");
    p->nread = p->nwrite = 0;
    p->readopen = p->writeopen = 1;

    (*f0)->type = FD_PIPE;
    (*f0)->readable = 1;
    (*f0)->writable = 0;
    (*f0)->pipe = p;
    (*f1)->type = FD_PIPE;
    (*f1)->readable = 0;
    (*f1)->writable = 1;
    (*f1)->pipe = p;
    return 0;

fail:
    if (*f0)
        fileclose(*f0);
    if (*f1)
        fileclose(*f1);
    *f0 = *f1 = 0;
    return -1;
}

/* Close one end (the writing one if writable); the second close frees
 * the pipe. */
void pipeclose(struct pipe *p, int writable)
{
    acquire(&p->lock);
    if (writable) {
        p->writeopen = 0;
        wakeup(&p->nread);      /* readers see end of file */
    } else {
        p->readopen = 0;
        wakeup(&p->nwrite);     /* writers see the broken pipe */
    }
    pollwakeup();
    if (p->readopen || p->writeopen) {
        release(&p->lock);
        return;
    }
    release(&p->lock);
    kfree(p);
}

/*
 * Write all n bytes of src, sleeping while the ring is full.  Returns n,
 * or -1 if the read end is closed (before or during the write: nobody
 * will ever read the rest) or the writer is killed meanwhile.
 */
int pipewrite(struct pipe *p, char *src, int n)
{
    int i = 0;

    acquire(&p->lock);
    while (i < n) {
        if (!p->readopen || killed(myproc())) {
            release(&p->lock);
            return -1;
        }
        if (p->nwrite == p->nread + PIPESIZE) {
            wakeup(&p->nread);
            pollwakeup();
            sleep(&p->nwrite, &p->lock);
        } else {
            p->data[p->nwrite++ % PIPESIZE] = src[i++];
        }
    }
    wakeup(&p->nread);
    pollwakeup();
    release(&p->lock);
    return n;
}

/*
 * Read up to n bytes into dst, sleeping while the ring is empty and a
 * writer exists.  Returns the count, 0 at end of file, -1 if killed.
 */
int piperead(struct pipe *p, char *dst, int n)
{
    int i;

    acquire(&p->lock);
    while (p->nread == p->nwrite && p->writeopen) {
        if (killed(myproc())) {
            release(&p->lock);
            return -1;
        }
        sleep(&p->nread, &p->lock);
    }
    for (i = 0; i < n && p->nread != p->nwrite; i++)
        dst[i] = p->data[p->nread++ % PIPESIZE];
    wakeup(&p->nwrite);
    pollwakeup();
    release(&p->lock);
    return i;
}

/*
 * What the end (the writing one if writable) is ready for: the read end
 * POLLIN when bytes wait, POLLHUP when the writer is gone; the write end
 * POLLOUT when there is room, POLLHUP when the reader is gone.
 */
int pipepoll(struct pipe *p, int writable)
{
    int ready = 0;

    acquire(&p->lock);
    if (writable) {
        if (!p->readopen)
            ready |= POLLHUP;
        else if (p->nwrite != p->nread + PIPESIZE)
            ready |= POLLOUT;
    } else {
        if (p->nread != p->nwrite)
            ready |= POLLIN;
        if (!p->writeopen)
            ready |= POLLHUP;
    }
    release(&p->lock);
    return ready;
}
