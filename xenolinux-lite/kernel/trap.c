/*
 * Traps: the virtual IDT we give the hypervisor, trap() which every entry
 * in trapasm.S calls, and the timer.
 *
 * Exceptions are bounced to us by the hypervisor.  One from ring 3 kills
 * that process; one from the kernel is a kernel bug and panics.  The
 * system-call vector has DPL 3 and does not mask events, which lets the
 * hypervisor turn it into a real trap gate: INT $64 from ring 3 reaches
 * vector64 without passing through the hypervisor.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/include/abi/syscall.h"

_Static_assert(T_SYSCALL == T_SYSCALL_VEC, "system-call vector");

uint32_t ticks;
struct spinlock tickslock;
static uint64_t boot_ns;
static int need_resched;

extern char vector0[], vector1[], vector3[], vector4[], vector5[], vector6[],
    vector7[], vector9[], vector10[], vector11[], vector12[], vector13[],
    vector14[], vector16[], vector17[], vector19[], vector64[];

#define TRAP(n, dpl, fn) { n, dpl, FLAT_KERNEL_CS, (uint32_t)(fn) }

void trapinit(void)
{
    static trap_info_t table[] = {
        TRAP(0, 0, vector0),   TRAP(1, 0, vector1),   TRAP(3, 3, vector3),
        TRAP(4, 3, vector4),   TRAP(5, 0, vector5),   TRAP(6, 0, vector6),
        TRAP(7, 0, vector7),   TRAP(9, 0, vector9),   TRAP(10, 0, vector10),
        TRAP(11, 0, vector11), TRAP(12, 0, vector12), TRAP(13, 0, vector13),
        TRAP(14, 0, vector14), TRAP(16, 0, vector16), TRAP(17, 0, vector17),
        TRAP(19, 0, vector19),
        TRAP(T_SYSCALL, 3, vector64),   /* DPL 3, events not masked */
        { 0, 0, 0, 0 },
    };
    if (HYPERCALL1(__HYPERVISOR_set_trap_table, table) < 0)
        panic("set_trap_table");
    initlock(&tickslock, "time");
}

/*
 * Bring ticks up to system time (tickslock held); 1 if it advanced.
 * ticks is derived from the clock, not counted, so coalesced timer
 * events or an idle stretch without any lose nothing.
 */
static int ticks_update(void)
{
    uint32_t t = (uint32_t)((system_time_ns() - boot_ns) / (1000000000ull / HZ));
    if (t == ticks)
        return 0;
    ticks = t;
    return 1;
}

uint32_t ticks_now(void)
{
    acquire(&tickslock);
    ticks_update();
    uint32_t t = ticks;
    release(&tickslock);
    return t;
}

/* VIRQ_TIMER: every 10 ms while we run, or the idle loop's one-shot timer. */
static void on_timer(evtchn_port_t port)
{
    (void)port;
    acquire(&tickslock);
    int ticked = ticks_update();
    if (ticked) {
        wakeup(&ticks);
        need_resched = 1;
    }
    release(&tickslock);
    if (ticked)
        poll_timer_tick();
}

void timerinit(void)
{
    boot_ns = system_time_ns();
    if (bind_virq(VIRQ_TIMER, on_timer) < 0)
        panic("bind VIRQ_TIMER");
}

/* Does anyone wait for ticks (sleep, or poll with a time limit)? */
int timer_wanted(void)
{
    return sleeping_on(&ticks) || poll_timer_wanted();
}

static const char *trapname(uint32_t n)
{
    static const char *names[] = {
        "divide error", "debug", "NMI", "breakpoint", "overflow",
        "bound", "illegal instruction", "device not available",
        "double fault", "coprocessor", "invalid TSS", "segment not present",
        "stack fault", "general protection", "page fault", "reserved",
        "x87 error", "alignment check", "machine check", "SIMD error",
    };
    return n < sizeof(names) / sizeof(names[0]) ? names[n] : "trap";
}

void trap(struct trapframe *tf)
{
    struct proc *p = myproc();

    if (tf->trapno == T_SYSCALL) {
        if (p->killed)
            exit();
        p->tf = tf;
        syscall();
        if (p->killed)
            exit();
        return;
    }

    if (tf->trapno == T_EVENT) {
        evtchn_dispatch();
    } else if (!p || !from_user(tf)) {
        cprintf("kernel trap %u (%s) err %x eip %x cs %x cr2 %x\n",
                tf->trapno, trapname(tf->trapno), tf->err, tf->eip,
                tf->cs & 0xFFFF, vcpu0->arch.cr2);
        panic("trap");
    } else {
        cprintf("pid %d %s: %s (trap %u err %x) at eip %x addr %x -- killed\n",
                p->pid, p->name, trapname(tf->trapno), tf->trapno, tf->err,
                tf->eip, tf->trapno == T_PGFLT ? vcpu0->arch.cr2 : 0);
        p->killed = 1;
    }

    if (p && p->killed && from_user(tf))
        exit();
    if (p && p->state == RUNNING && tf->trapno == T_EVENT && need_resched) {
        need_resched = 0;
        yield();
    }
    if (p && p->killed && from_user(tf))
        exit();
}

/* The hypervisor could not return to us: frame DS, ES, FS, GS, EIP, CS, EFLAGS. */
void failsafe(uint32_t *frame);
void failsafe(uint32_t *frame)
{
    cprintf("failsafe callback: ds %x es %x fs %x gs %x eip %x cs %x\n",
            frame[0], frame[1], frame[2], frame[3], frame[4], frame[5]);
    panic("failsafe");
}
