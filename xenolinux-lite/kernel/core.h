/*
 * What the core files (boot, memory, processes, traps) share among
 * themselves and no one else calls.  defs.h is the contract with the
 * file system; this is the core's own.
 */
#ifndef XL_CORE_H
#define XL_CORE_H
#include <stdint.h>
#include "public/xen.h"
#include "public/event_channel.h"

struct inode;
struct proc;

/*
 * The registers a trap saves, lowest address first: what alltraps pushes
 * (trapasm.S), then what the CPU or the hypervisor pushed.  esp and ss
 * exist only when the trap came from ring 3.  The CS word carries, in
 * bits 23:16, the event mask from before a hypervisor-delivered trap.
 */
struct trapframe {
    uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;   /* pushal */
    uint16_t gs, pad1, fs, pad2, es, pad3, ds, pad4;
    uint32_t trapno;
    uint32_t err;       /* error code, or 0 */
    uint32_t eip;
    uint32_t cs;        /* selector in 15:0, saved event mask in 23:16 */
    uint32_t eflags;    /* IF = events were enabled */
    uint32_t esp;       /* ring 3 only */
    uint32_t ss;
};

#define FL_IF 0x200                 /* EFLAGS.IF: the virtual IF */
#define T_PGFLT   14
#define T_EVENT   32                /* our number for an event upcall */
#define T_SYSCALL_VEC 64            /* = T_SYSCALL of the ABI */

static inline int from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;
}

/* Callee-saved registers of a kernel thread, saved by swtch(). */
struct context {
    uint32_t edi, esi, ebx, ebp, eip;
};

/* The one virtual CPU. */
struct cpu {
    struct context *scheduler;  /* swtch() here to enter the scheduler */
    int ncli;                   /* depth of pushcli */
    int intena;                 /* were events enabled before pushcli? */
    struct proc *proc;          /* running process, or 0 */
};
extern struct cpu cpu0;
#define mycpu() (&cpu0)

/* ---- swtch.S */
void swtch(struct context **old, struct context *new);

/* ---- evtchn.c: events, time */
typedef void (*evtchn_handler_t)(evtchn_port_t port);
void xeninit(void);                 /* shared_info, callbacks */
long bind_virq(uint32_t virq, evtchn_handler_t h);
void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t h);
long evtchn_unmask(evtchn_port_t port);
void evtchn_dispatch(void);         /* from trap(), events masked */
void events_disable(void);
void events_enable(void);           /* delivers what is due */
int events_enabled(void);
void block_events(void);            /* SCHEDOP_block: unmask and wait */
uint64_t system_time_ns(void);
void set_timer_at(uint64_t ns);     /* one-shot VIRQ_TIMER; 0 cancels */

/* ---- trap.c */
extern uint32_t ticks;
extern struct spinlock tickslock;
void trapinit(void);
void timerinit(void);
uint32_t ticks_now(void);         /* ticks, brought up to date */
int timer_wanted(void);

/* ---- pmap.c: pseudo-physical memory and the kernel's map */
extern uint32_t *kpgdir;            /* the kernel's own L2 (bootstrap) */
extern uint32_t npages;             /* pages mapped at KERNBASE */
void pmapinit(void);
const uint32_t *kpte(const void *va);   /* kernel L1 entry of va */

/* ---- ptbatch.c: batched page-table updates */
#define PTBATCH 32
struct ptbatch {
    int n;
    mmu_update_t req[PTBATCH];
};
void ptb_init(struct ptbatch *b);
/* Queue "the entry at machine address ma becomes val"; flushes when full. */
void ptb_set(struct ptbatch *b, uint32_t ma, uint32_t val);
/* Queue remapping the kernel's view of page (KPTE_RO or KPTE_RW). */
void ptb_kmap(struct ptbatch *b, const void *page, uint32_t flags);
/* Issue, in one multicall: the mmuext ops pre, the queued updates, post. */
void ptb_commit(struct ptbatch *b, mmuext_op_t *pre, int npre,
                mmuext_op_t *post, int npost);
void ptb_flush(struct ptbatch *b);
long mmuext1(uint32_t cmd, uint32_t arg);

/* ---- kalloc.c */
void kinit(void *start, void *end);
uint32_t kfreepages(void);

/* ---- vm.c: address spaces */
uint32_t *setupkvm(void);
void inituvm(uint32_t *pgdir, const char *init, uint32_t sz);
int allocuvm(uint32_t *pgdir, uint32_t oldsz, uint32_t newsz);
int deallocuvm(uint32_t *pgdir, uint32_t oldsz, uint32_t newsz);
int loaduvm(uint32_t *pgdir, char *addr, struct inode *ip, uint32_t off,
            uint32_t sz);
uint32_t *copyuvm(uint32_t *pgdir, uint32_t sz);
uint32_t *walkpgdir(uint32_t *pgdir, uint32_t va, int alloc,
                    struct ptbatch *b, int live);
void clearpteu(uint32_t *pgdir, char *uva);
void vmactivate(uint32_t *pgdir);
void freevm(uint32_t *pgdir);
void switchuvm(struct proc *p);
void switchkvm(void);
char *uva2ka(uint32_t *pgdir, char *uva);

/* ---- proc.c */
void pinit(void);
void userinit(void);
void scheduler(void) __attribute__((noreturn));
void yield(void);
void sched(void);
int sleeping_on(void *chan);

/* ---- syscall.c */
void syscall(void);

/* ---- foreign.c: the foreign-mapping area of a process */
int is_foreign_page(uint32_t va);
int foreign_map(uint32_t *pgdir, uint32_t dom, uint32_t mfn, uint32_t *va,
                long *hvrc);
int foreign_unmap(uint32_t *pgdir, uint32_t va);
void foreign_unmap_all(uint32_t *pgdir);

/* ---- uaccess.c: user pointers that drivers follow or hand on */
int user_range_ok(uint32_t va, uint32_t len);
int copyin_user(void *dst, uint32_t va, uint32_t len);
int copyout_user(uint32_t va, const void *src, uint32_t len);

/* ---- devsw.c and the drivers */
void devinit(void);
void privcmd_init(void);            /* privcmd.c */
int privcmd_forward(uint32_t op, const uint32_t a[5], long *res);
void evtchndev_init(void);          /* evtchndev.c */
void pty_init(void);                /* pty.c */

/* ---- sysdev.c: ioctl and poll */
void poll_timer_tick(void);
int poll_timer_wanted(void);

/* ---- xsd.c: dom0's own store ring page and port, made at boot */
struct xsd {
    void *page;                     /* the ring page (kernel address) */
    uint32_t mfn;                   /* its machine frame */
    evtchn_port_t port;             /* unbound, for dom0 itself */
};
void xsd_init(void);
const struct xsd *xsd_get(void);    /* 0 if there is none (a domU) */

/* ---- console.c */
void console_input_init(void);
void consoleintr(const char *buf, int n);
void console_write(const char *s, int n);

/* ---- printf.c */
#include <stdarg.h>
int vsnprintf(char *buf, int size, const char *fmt, va_list ap);
int snprintf(char *buf, int size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#endif
