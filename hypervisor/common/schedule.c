/*
 * Choosing what runs, switching to it, and leaving the hypervisor.
 *
 * Every path out of the hypervisor to a guest goes through
 * return_to_guest().  If a decision is due (a slice ended, a vCPU woke,
 * the current one blocked, yielded or stopped) it picks the next vCPU
 * (sched_credit.c), switches to it, delivers a due event upcall and exits.
 * With nothing to run the CPU halts with interrupts on until something
 * wakes.
 *
 * Switching saves nothing by hand: the entry stubs already keep each
 * vCPU's registers in v->regs.  It moves the hypervisor onto the next
 * vCPU's page-directory twin, and marks the x87 state as not loaded
 * (CR0.TS), so the next vCPU's first x87 instruction traps and loads its
 * own state (lazy switching, as Xen does).
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/event.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/sched.h"
#include "hypervisor/include/time.h"
#include "public/xen.h"
#include "arch/x86_32/tables.h"
#include "arch/x86_32/eflags.h"
#include "arch/x86_32/cpu.h"

#define TICK_PERIOD_NS   10000000ull    /* periodic VIRQ_TIMER */
#define TIME_UPDATE_NS 1000000000ull    /* refresh time records */

/* This CPU's scheduling state. */
static struct {
    int need_resched;
    uint64_t slice_end;
    uint64_t next_tick;
    uint64_t next_time_update;
    struct vcpu *desc_loaded_for;   /* whose GDT/LDT the trampoline shows */
    struct vcpu *fpu_owner;         /* whose x87 state the FPU holds */
} cpu;

static int vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;
    return v->state == VCPU_RUNNABLE && !d->pause_count && !d->is_shutdown;
}

void sched_request(void)
{
    cpu.need_resched = 1;
}

/* v's virtual time, counting the slice it is running now. */
static uint64_t vtime_now(const struct vcpu *v, uint64_t now)
{
    uint64_t t = v->sched.vtime;
    if (v == current && v->sched.started && now > v->sched.started) {
        uint32_t w = v->domain->sched.weight ? v->domain->sched.weight : 1;
        t += (now - v->sched.started) * SCHED_DEFAULT_WEIGHT / w;
    }
    return t;
}

/* The least virtual time of the runnable vCPUs other than skip (or 0). */
static uint64_t vtime_floor(const struct vcpu *skip)
{
    uint64_t floor = UINT64_MAX, now = now_ns();
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d))
        for (int i = 0; i < MAX_VIRT_CPUS; i++) {
            struct vcpu *v = d->vcpu[i];
            if (v && v != skip && vcpu_runnable(v) && vtime_now(v, now) < floor)
                floor = vtime_now(v, now);
        }
    return floor == UINT64_MAX ? 0 : floor;
}

void vcpu_kick(struct vcpu *v)
{
    if (v->state != VCPU_BLOCKED)
        return;
    if (v->poll_timer.active)
        timer_stop(&v->poll_timer);
    v->polling = 0;
    sched_wake(&v->sched, vtime_floor(v));
    v->state = VCPU_RUNNABLE;
    cpu.need_resched = 1;
}

void sched_yield(struct vcpu *v)
{
    v->sched.yielded = 1;
    cpu.need_resched = 1;
}

void sched_domain_changed(struct domain *d)
{
    (void)d;
    cpu.need_resched = 1;
}

/*
 * Charge the current vCPU for the time since it was switched in; a vCPU
 * that can no longer run stops being charged (the CPU is idle, not its).
 */
static void account_current(uint64_t now)
{
    struct vcpu *v = current;
    if (!v || !v->sched.started)
        return;
    sched_charge(&v->sched, &v->domain->sched, now - v->sched.started, now);
    v->sched.started = vcpu_runnable(v) ? now : 0;
}

/*
 * A vCPU that starts (or its domain is unpaused) queues one slice behind
 * the others, so starting a domain never takes the CPU from the ones
 * already running (a woken vCPU, by contrast, may run at once).
 */
void sched_vcpu_start(struct vcpu *v)
{
    sched_wake(&v->sched, vtime_floor(v) + SCHED_SLICE_NS);
    cpu.need_resched = 1;
}

static struct vcpu *pick_next(uint64_t now)
{
    struct vcpu *cand[MAX_DOMAINS * 2];
    int n = 0;
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d)) {
        if (!sched_within_cap(&d->sched, now))
            continue;
        for (int i = 0; i < MAX_VIRT_CPUS && n < (int)ARRAY_SIZE(cand); i++) {
            struct vcpu *v = d->vcpu[i];
            if (v && vcpu_runnable(v))
                cand[n++] = v;
        }
    }
    struct sched_vcpu *sv[MAX_DOMAINS * 2];
    for (int i = 0; i < n; i++)
        sv[i] = &cand[i]->sched;
    int best = sched_pick(sv, n);
    for (int i = 0; i < n; i++)
        cand[i]->sched.yielded = 0;
    return best < 0 ? NULL : cand[best];
}

/* Make next the current vCPU of this CPU. */
static void context_switch(struct vcpu *next, uint64_t now)
{
    set_current_vcpu(next);
    next->sched.started = now;
    write_cr3(mfn_to_maddr(next->twin_mfn));
    write_cr0(read_cr0() | CR0_TS);     /* x87 state loads on first use */
    vcpu_update_time(next);
}

static void schedule(void)
{
    uint64_t now = now_ns();
    account_current(now);
    cpu.need_resched = 0;
    struct vcpu *next = pick_next(now);
    if (next && next != current)
        context_switch(next, now);
    else if (next && !next->sched.started)
        next->sched.started = now;      /* picked again after idling */
    if (next)
        cpu.slice_end = now + sched_slice(&next->domain->sched, now);
}

/*
 * The timer interrupt.  Runs expired timers; every 10 ms sends the
 * running vCPU its periodic VIRQ_TIMER (as Xen 3.0.4 does) and refreshes
 * its time record once a second; asks for a decision when the slice ends.
 */
void sched_tick(void)
{
    uint64_t now = now_ns();
    timers_run();
    struct vcpu *v = current;
    if (now >= cpu.next_tick) {
        cpu.next_tick = now + TICK_PERIOD_NS;
        if (v && vcpu_runnable(v))
            send_guest_vcpu_virq(v, VIRQ_TIMER);
    }
    if (now >= cpu.next_time_update) {
        cpu.next_time_update = now + TIME_UPDATE_NS;
        if (v)
            vcpu_update_time(v);
    }
    if (now >= cpu.slice_end)
        cpu.need_resched = 1;
}

/* Load v's x87 state into the FPU (after a #NM), saving the owner's. */
void fpu_load(struct vcpu *v)
{
    clts();
    if (cpu.fpu_owner == v)
        return;
    if (cpu.fpu_owner)
        fpu_save_state(cpu.fpu_owner->fpu_state);
    if (v->fpu_used)
        fpu_restore_state(v->fpu_state);
    else
        fpu_init_state();
    v->fpu_used = 1;
    cpu.fpu_owner = v;
}

/* A vCPU is going away: forget its x87 state and descriptor tables. */
void sched_forget_vcpu(struct vcpu *v)
{
    if (cpu.fpu_owner == v)
        cpu.fpu_owner = NULL;
    if (cpu.desc_loaded_for == v)
        cpu.desc_loaded_for = NULL;
    fast_trap_load(NULL);       /* no stale gates into a dead guest */
    if (current == v) {
        set_current_vcpu(NULL);
        write_cr3(idle_l2_maddr());
    }
}

/* Make a frame safe to iret to: never ring 0, interrupts on, no IOPL. */
static void sanitize_frame(struct trap_frame *r)
{
    if ((r->cs & 3) == 0)
        r->cs |= 1;
    if ((r->ss & 3) == 0)
        r->ss |= 1;
    r->eflags |= EFLAGS_IF | EFLAGS_FIXED;
    r->eflags &= ~(EFLAGS_IOPL | EFLAGS_VM | EFLAGS_NT | EFLAGS_VIF |
                   EFLAGS_VIP);
}

/*
 * Enter v's event callback if an upcall is due: upcall_pending set and
 * events not masked.  The bounce frame masks events; the guest clears the
 * mask itself.  An event before a callback is registered, or one whose
 * frame cannot be written, crashes the domain (ABI 11.5, 5.6).
 */
static void deliver_upcall(struct vcpu *v)
{
    struct vcpu_info *vi = v->vcpu_info;
    if (!vi->evtchn_upcall_pending || vi->evtchn_upcall_mask)
        return;
    if (v->event_eip == 0 || (v->event_cs & ~3u) == 0)
        domain_crash(v->domain, "event upcall with no event callback");
    else if (bounce_to_guest(v, v->event_cs, v->event_eip, 0, 0, 1) < 0)
        domain_crash(v->domain, "fault while entering the event callback");
}

void return_to_guest(void)
{
    struct vcpu *v;
    for (;;) {
        v = current;
        if (cpu.need_resched || !v || !vcpu_runnable(v)) {
            schedule();
            v = current;
        }
        if (v && vcpu_runnable(v))
            break;
        /* Nothing to run: halt until an interrupt makes something runnable. */
        if (v && v->domain->is_dying)
            sched_forget_vcpu(v);
        cpu.need_resched = 1;
        irq_enable_and_halt();
    }
    deliver_upcall(v);
    if (!vcpu_runnable(v))
        return_to_guest();          /* the upcall crashed it */
    sanitize_frame(&v->regs);
    if (cpu.desc_loaded_for != v || v->desc_changed) {
        vcpu_load_desc(v);
        cpu.desc_loaded_for = v;
    }
    if (cpu.fpu_owner != v || v->fpu_ts)
        write_cr0(read_cr0() | CR0_TS);
    fast_trap_load(v);
    tlb_flush_done();               /* loading CR3 below flushes */
    entry_percpu->hv_cr3 = mfn_to_maddr(v->twin_mfn);
    entry_percpu->guest_cr3 = mfn_to_maddr(v->l2_mfn);
    entry_percpu->frame = &v->regs;
    tss_set_ring1_stack((uint16_t)v->kernel_ss, v->kernel_sp);
    exit_to_guest_asm(&v->regs, mfn_to_maddr(v->l2_mfn));
}
