/*
 * Choosing what runs and leaving the hypervisor.
 *
 * For now there is one domain's vCPU to run.  A blocked vCPU becomes
 * runnable again when an event upcall is pending for it; until then the
 * CPU halts with interrupts on.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/event.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/console.h"
#include "public/xen.h"
#include "arch/x86_32/tables.h"
#include "arch/x86_32/eflags.h"
#include "arch/x86_32/cpu.h"

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

/* Whose GDT and LDT frames the trampoline shows (this CPU's). */
static struct vcpu *desc_loaded_for;

static int vcpu_can_run(struct vcpu *v)
{
    return v->state == VCPU_RUNNABLE;
}

void vcpu_kick(struct vcpu *v)
{
    if (v->state == VCPU_BLOCKED) {
        v->state = VCPU_RUNNABLE;
        v->polling = 0;
    }
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
    struct vcpu *v = current;
    while (!v || !vcpu_can_run(v)) {
        if (!v || v->state == VCPU_DOWN)
            panic("no domain left to run");
        irq_enable_and_halt();
    }
    deliver_upcall(v);
    sanitize_frame(&v->regs);
    if (desc_loaded_for != v || v->desc_changed) {
        vcpu_load_desc(v);
        desc_loaded_for = v;
    }
    tlb_flush_done();               /* loading CR3 below flushes */
    entry_percpu->hv_cr3 = mfn_to_maddr(v->twin_mfn);
    entry_percpu->guest_cr3 = mfn_to_maddr(v->l2_mfn);
    entry_percpu->frame = &v->regs;
    tss_set_ring1_stack((uint16_t)v->kernel_ss, v->kernel_sp);
    exit_to_guest_asm(&v->regs, mfn_to_maddr(v->l2_mfn));
}
