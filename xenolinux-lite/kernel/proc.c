/*
 * Processes: creation (fork), termination (exit, wait, kill), the
 * scheduler, and sleep/wakeup.
 *
 * One vCPU runs everything.  The scheduler runs on the boot stack; each
 * process has its own kernel stack, and swtch() moves between them.  The
 * process table lock is a spinlock, so holding it masks events: nothing
 * can preempt a process while it changes its own state and enters the
 * scheduler.  A process gives up the vCPU in sched(), with only that
 * lock held; the timer event makes a running process yield (trap.c).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/xen.h"

static struct {
    struct spinlock lock;
    struct proc proc[NPROC];
} ptable;

struct cpu cpu0;
static struct proc *initproc;
static int nextpid = 1;
static char kstacks[NPROC][KSTACKSIZE] __attribute__((aligned(PGSIZE)));

extern void trapret(void);
static void forkret(void);
static void kthread_entry(void);
static void wakeup1(void *chan);

void pinit(void)
{
    initlock(&ptable.lock, "ptable");
}

struct proc *myproc(void)
{
    pushcli();
    struct proc *p = mycpu()->proc;
    popcli();
    return p;
}

/*
 * Take an UNUSED slot and give it a pid and a kernel stack arranged so
 * that its first swtch() lands in forkret, which returns through trapret
 * with the registers in p->tf.  Returns 0 if the table is full.
 */
static struct proc *allocproc(void)
{
    struct proc *p;
    acquire(&ptable.lock);
    for (p = ptable.proc; p < &ptable.proc[NPROC]; p++)
        if (p->state == UNUSED)
            break;
    if (p == &ptable.proc[NPROC]) {
        release(&ptable.lock);
        return 0;
    }
    p->state = EMBRYO;
    p->pid = nextpid++;
    release(&ptable.lock);

    p->kstack = kstacks[p - ptable.proc];
    char *sp = p->kstack + KSTACKSIZE;
    sp -= sizeof(*p->tf);
    p->tf = (struct trapframe *)sp;
    sp -= 4;
    *(uint32_t *)sp = (uint32_t)trapret;
    sp -= sizeof(*p->context);
    p->context = (struct context *)sp;
    memset(p->context, 0, sizeof(*p->context));
    p->context->eip = (uint32_t)forkret;
    return p;
}

/* Give a slot back (its memory is already freed).  ptable.lock held. */
static void freeproc(struct proc *p)
{
    p->kstack = 0;
    p->pgdir = 0;
    p->sz = 0;
    p->pid = 0;
    p->parent = 0;
    p->name[0] = 0;
    p->killed = 0;
    p->chan = 0;
    p->kthread = 0;
    p->kthread_arg = 0;
    p->state = UNUSED;
}

/* The first process: initcode.S at address 0, which execs /init. */
void userinit(void)
{
    extern char initcode_start[], initcode_end[];
    struct proc *p = allocproc();
    if (!p || !(p->pgdir = setupkvm()))
        panic("userinit");
    initproc = p;
    inituvm(p->pgdir, initcode_start, initcode_end - initcode_start);
    vmactivate(p->pgdir);
    p->sz = PGSIZE;
    memset(p->tf, 0, sizeof(*p->tf));
    p->tf->cs = FLAT_USER_CS;
    p->tf->ds = p->tf->es = p->tf->fs = p->tf->gs = FLAT_USER_DS;
    p->tf->ss = FLAT_USER_SS;
    p->tf->eflags = FL_IF;
    p->tf->esp = PGSIZE;
    p->tf->eip = 0;
    safestrcpy(p->name, "initcode", sizeof(p->name));
    acquire(&ptable.lock);
    p->state = RUNNABLE;
    release(&ptable.lock);
}

/*
 * Start a kernel thread: a process without user memory (it runs on the
 * kernel's own page directory) that runs fn(arg) in process context, so
 * it may sleep, and never enters ring 3.  It has no parent, kill()
 * refuses it, and fn must never return.  Returns its pid, or -1 if the
 * process table is full.
 */
int kthread_start(const char *name, void (*fn)(void *), void *arg)
{
    struct proc *p = allocproc();
    if (!p)
        return -1;
    p->pgdir = kpgdir;
    p->kthread = fn;
    p->kthread_arg = arg;
    p->context->eip = (uint32_t)kthread_entry;
    safestrcpy(p->name, name, sizeof(p->name));
    acquire(&ptable.lock);
    p->state = RUNNABLE;
    release(&ptable.lock);
    return p->pid;
}

/* Grow (n > 0) or shrink the current process's memory by n bytes. */
int growproc(int n)
{
    struct proc *p = myproc();
    uint32_t sz = p->sz;
    if (n > 0) {
        if (sz + n < sz || (sz = allocuvm(p->pgdir, sz, sz + n)) == 0)
            return -1;
    } else if (n < 0) {
        if ((uint32_t)-n > sz)
            return -1;
        sz = deallocuvm(p->pgdir, sz, sz + n);
    }
    p->sz = sz;
    return 0;
}

/*
 * Copy the current process: memory (new pages, validated and pinned in
 * one multicall), registers (the child's fork returns 0), open files and
 * directory.  Returns the child's pid, or -1.
 */
int fork(void)
{
    struct proc *cur = myproc(), *np;
    if ((np = allocproc()) == 0)
        return -1;
    if ((np->pgdir = copyuvm(cur->pgdir, cur->sz)) == 0) {
        acquire(&ptable.lock);
        freeproc(np);
        release(&ptable.lock);
        return -1;
    }
    vmactivate(np->pgdir);
    np->sz = cur->sz;
    np->parent = cur;
    *np->tf = *cur->tf;
    np->tf->eax = 0;
    for (int i = 0; i < NOFILE; i++)
        if (cur->ofile[i])
            np->ofile[i] = filedup(cur->ofile[i]);
    np->cwd = idup(cur->cwd);
    safestrcpy(np->name, cur->name, sizeof(cur->name));
    int pid = np->pid;
    acquire(&ptable.lock);
    np->state = RUNNABLE;
    release(&ptable.lock);
    return pid;
}

/*
 * End the current process: drop its foreign mappings, close its files,
 * hand its children to init, become a ZOMBIE for the parent's wait()
 * (which frees the memory), and never return.
 */
void exit(void)
{
    struct proc *cur = myproc();
    if (cur == initproc)
        panic("init exiting");
    foreign_unmap_all(cur->pgdir);
    for (int fd = 0; fd < NOFILE; fd++) {
        if (cur->ofile[fd]) {
            fileclose(cur->ofile[fd]);
            cur->ofile[fd] = 0;
        }
    }
    if (cur->cwd) {
        begin_op();
        iput(cur->cwd);
        end_op();
        cur->cwd = 0;
    }
    acquire(&ptable.lock);
    wakeup1(cur->parent);
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
        if (p->parent == cur) {
            p->parent = initproc;
            if (p->state == ZOMBIE)
                wakeup1(initproc);
        }
    }
    cur->state = ZOMBIE;
    sched();
    panic("zombie exit");
}

/* Wait for a child to exit; return its pid, or -1 if there is none. */
int wait(void)
{
    struct proc *cur = myproc();
    acquire(&ptable.lock);
    for (;;) {
        int havekids = 0;
        for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
            if (p->parent != cur)
                continue;
            havekids = 1;
            if (p->state == ZOMBIE) {
                int pid = p->pid;
                freevm(p->pgdir);
                freeproc(p);
                release(&ptable.lock);
                return pid;
            }
        }
        if (!havekids || cur->killed) {
            release(&ptable.lock);
            return -1;
        }
        sleep(cur, &ptable.lock);
    }
}

static int any_runnable(void)
{
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++)
        if (p->state == RUNNABLE)
            return 1;
    return 0;
}

/* Is a process sleeping on chan?  (The idle loop's timer question.) */
int sleeping_on(void *chan)
{
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++)
        if (p->state == SLEEPING && p->chan == chan)
            return 1;
    return 0;
}

/*
 * Nothing to run: mask events, and if still nothing is runnable, block
 * in the hypervisor (which unmasks them atomically) until an event.  A
 * one-shot timer keeps ticks coming while someone sleeps on them, since
 * the periodic tick goes only to a running vCPU.
 */
static void idle(void)
{
    events_disable();
    if (!any_runnable()) {
        if (timer_wanted())
            set_timer_at(system_time_ns() + 1000000000ull / HZ);
        block_events();
    }
    events_enable();
}

/*
 * The scheduler, forever: run each RUNNABLE process in turn until it
 * calls sched(); when there is none, idle.
 */
void scheduler(void)
{
    struct cpu *c = mycpu();
    c->proc = 0;
    for (;;) {
        int ran = 0;
        /* A process may have entered sched() with events masked. */
        events_enable();
        acquire(&ptable.lock);
        for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
            if (p->state != RUNNABLE)
                continue;
            c->proc = p;
            switchuvm(p);
            p->state = RUNNING;
            swtch(&c->scheduler, p->context);
            c->proc = 0;
            ran = 1;
        }
        release(&ptable.lock);
        if (!ran)
            idle();
    }
}

/*
 * Enter the scheduler.  The caller holds ptable.lock and nothing else and
 * has already changed its state.  intena belongs to this kernel thread,
 * not to the vCPU, so it is saved across the switch.
 */
void sched(void)
{
    struct proc *p = myproc();
    if (!holding(&ptable.lock))
        panic("sched ptable.lock");
    if (mycpu()->ncli != 1)
        panic("sched locks");
    if (p->state == RUNNING)
        panic("sched running");
    if (events_enabled())
        panic("sched interruptible");
    int intena = mycpu()->intena;
    swtch(&p->context, mycpu()->scheduler);
    mycpu()->intena = intena;
}

void yield(void)
{
    acquire(&ptable.lock);
    myproc()->state = RUNNABLE;
    sched();
    release(&ptable.lock);
}

/* A new process's first return from the scheduler; trapret follows. */
static void forkret(void)
{
    static int first = 1;
    release(&ptable.lock);
    if (first) {
        /* The file system sleeps, so it starts in a process. */
        first = 0;
        iinit(ROOTDEV);
        initlog(ROOTDEV);
        myproc()->cwd = namei("/");
    }
}

/*
 * A kernel thread's first return from the scheduler.  The release does
 * not unmask events if the thread the scheduler ran before us gave up
 * the CPU with them masked (a yield from the timer's upcall); a user
 * process gets them back at its iret, but a kernel thread never returns
 * to user mode, so it unmasks them itself, or the timer could never
 * preempt it.
 */
static void kthread_entry(void)
{
    release(&ptable.lock);
    events_enable();
    struct proc *p = myproc();
    p->kthread(p->kthread_arg);
    panic("kernel thread returned");
}

/* Release lk and sleep on chan; reacquire lk when woken. */
void sleep(void *chan, struct spinlock *lk)
{
    struct proc *p = myproc();
    if (!p)
        panic("sleep");
    if (!lk)
        panic("sleep without lk");
    if (lk != &ptable.lock) {
        acquire(&ptable.lock);
        release(lk);
    }
    p->chan = chan;
    p->state = SLEEPING;
    sched();
    p->chan = 0;
    if (lk != &ptable.lock) {
        release(&ptable.lock);
        acquire(lk);
    }
}

static void wakeup1(void *chan)
{
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++)
        if (p->state == SLEEPING && p->chan == chan)
            p->state = RUNNABLE;
}

void wakeup(void *chan)
{
    acquire(&ptable.lock);
    wakeup1(chan);
    release(&ptable.lock);
}

/*
 * Mark process pid killed; it exits the next time it is about to return
 * to ring 3 (woken first if asleep).  0, or -1 if there is no such pid.
 */
int kill(int pid)
{
    acquire(&ptable.lock);
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
        if (p->pid == pid && p->state != UNUSED) {
            if (p->kthread)
                break;              /* kernel threads are not killed */
            p->killed = 1;
            if (p->state == SLEEPING)
                p->state = RUNNABLE;
            release(&ptable.lock);
            return 0;
        }
    }
    release(&ptable.lock);
    return -1;
}

/*
 * Mark every user process but init and the caller killed (woken if
 * asleep): each exits at its next return to ring 3, after finishing the
 * system call it is in.  For ending the domain (shutdown.c).
 */
void kill_others(void)
{
    struct proc *cur = myproc();
    acquire(&ptable.lock);
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
        if (p->state == UNUSED || p->state == ZOMBIE || p == cur ||
            p == initproc || p->kthread)
            continue;
        p->killed = 1;
        if (p->state == SLEEPING)
            p->state = RUNNABLE;
    }
    release(&ptable.lock);
}

int killed(struct proc *p)
{
    acquire(&ptable.lock);
    int k = p->killed;
    release(&ptable.lock);
    return k;
}

/* List the processes on the console (^P).  No locks: it is for debugging. */
void procdump(void)
{
    static const char *states[] = {
        [UNUSED] = "unused", [EMBRYO] = "embryo", [SLEEPING] = "sleep ",
        [RUNNABLE] = "runble", [RUNNING] = "run   ", [ZOMBIE] = "zombie",
    };
    for (struct proc *p = ptable.proc; p < &ptable.proc[NPROC]; p++) {
        if (p->state == UNUSED)
            continue;
        cprintf("%d %s %s %u bytes\n", p->pid, states[p->state], p->name, p->sz);
    }
    cprintf("%u free pages\n", kfreepages());
}
