/*
 * Processes.  The core owns this file and may add fields; the ones the
 * file system relies on (marked FS) keep their names and meanings.
 */
#ifndef XL_PROC_H
#define XL_PROC_H
#include <stdint.h>
#include "xenolinux-lite/kernel/param.h"

enum procstate { UNUSED, EMBRYO, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct proc {
    uint32_t sz;                /* bytes of user memory (from address 0) */
    uint32_t *pgdir;            /* its L2, as the kernel sees it */
    char *kstack;               /* bottom of its kernel stack */
    enum procstate state;
    int pid;                    /* FS: for sleep locks' owners */
    struct proc *parent;
    struct trapframe *tf;       /* user registers, on the kernel stack */
    struct context *context;    /* where swtch() resumes it */
    void *chan;                 /* sleeping on this, if not 0 */
    int killed;                 /* FS: checked in long waits */
    struct file *ofile[NOFILE]; /* FS: open files */
    struct inode *cwd;          /* FS: current directory */
    char name[16];              /* for debugging */
    void (*kthread)(void *);    /* a kernel thread's function, else 0 */
    void *kthread_arg;
};
#endif
