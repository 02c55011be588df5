/*
 * Guest exceptions and the entry points a guest registers for them.
 *
 * A guest never sees a hardware interrupt or exception directly: every one
 * enters the hypervisor, which either handles it (hypercalls, device
 * interrupts) or reflects it to the handler the guest registered with
 * set_trap_table, by building Xen's "bounce frame" on the guest's kernel
 * stack (ABI 5.6) and resuming the guest at its handler.  A guest with no
 * handler for an exception, or whose stack cannot take the frame, is
 * crashed; the hypervisor goes on.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "public/callback.h"
#include "public/errno.h"
#include "arch/x86_32/cpu.h"
#include "arch/x86_32/eflags.h"
#include "arch/x86_32/paging.h"

#define TRAP_divide_error   0
#define TRAP_debug          1
#define TRAP_nmi            2
#define TRAP_no_device      7
#define TRAP_double_fault   8
#define TRAP_copro_seg      9
#define TRAP_gp_fault      13
#define TRAP_page_fault    14
#define TRAP_machine_check 18

/* Exceptions for which the CPU pushes an error code. */
static int exception_has_error_code(uint32_t vector)
{
    return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17;
}

/* A code selector from a guest: force RPL >= 1 so it can never be ring 0. */
static uint32_t guest_cs(uint32_t cs)
{
    cs &= 0xFFFF;
    return (cs & 3) ? cs : (cs | 1);
}

/*
 * Enter the guest at cs:eip with Xen's frame on its kernel stack: the
 * current ring-1 stack if the guest was in ring 1, else the stack given
 * with stack_switch (and then the outer ESP and SS go first).  The frame
 * records the event mask before this delivery in the CS word and as the
 * virtual IF.  Returns 0, or -EFAULT if the frame could not be written
 * (the caller crashes the domain).
 */
int bounce_to_guest(struct vcpu *v, uint32_t cs, uint32_t eip,
                    int has_error, uint32_t error, int mask_events)
{
    struct trap_frame *r = &v->regs;
    uint32_t frame[7];
    unsigned int n = 0;
    uint32_t ss, esp;
    uint8_t saved_mask = v->vcpu_info->evtchn_upcall_mask;

    if ((r->cs & 3) == 1) {
        ss = r->ss;
        esp = r->esp;
    } else {
        ss = v->kernel_ss;
        esp = v->kernel_sp;
        if ((ss & ~3u) == 0)
            return -EFAULT;     /* no kernel stack registered */
    }
    if (has_error)
        frame[n++] = error;
    frame[n++] = r->eip;
    frame[n++] = (r->cs & 0xFFFF) | ((uint32_t)saved_mask << 16);
    frame[n++] = (r->eflags & ~EFLAGS_IF) | (saved_mask ? 0 : EFLAGS_IF);
    if ((r->cs & 3) != 1) {
        frame[n++] = r->esp;
        frame[n++] = r->ss;
    }
    esp -= n * 4;
    if (copy_to_guest(esp, frame, n * 4) < 0)
        return -EFAULT;

    if (mask_events)
        v->vcpu_info->evtchn_upcall_mask = 1;
    r->cs = guest_cs(cs);
    r->eip = eip;
    r->ss = ss;
    r->esp = esp;
    r->eflags &= ~(EFLAGS_TF | EFLAGS_VM | EFLAGS_RF | EFLAGS_NT);
    return 0;
}

/* Reflect exception vector to the guest's handler, or crash the guest. */
static void reflect_exception(struct vcpu *v, uint32_t vector, int has_error,
                              uint32_t error)
{
    const struct trap_info *ti = &v->trap_table[vector];
    char why[80];
    if ((ti->cs & ~3u) == 0 || ti->address == 0) {
        snprintf(why, sizeof(why), "no handler for exception %u", vector);
        domain_crash(v->domain, why);
        return;
    }
    if (bounce_to_guest(v, ti->cs, ti->address, has_error, error,
                        TI_GET_IF(ti)) < 0) {
        snprintf(why, sizeof(why), "fault while entering the handler for "
                 "exception %u", vector);
        domain_crash(v->domain, why);
    }
}

/*
 * An exception raised by guest code.  Page faults carry their address in
 * vcpu_info.arch.cr2 and report U/S as "was not in the guest kernel".  A
 * #GP raised by INT n through a DPL-0 gate becomes vector n if the guest's
 * trap table lets the current ring raise it.
 */
void guest_exception(struct vcpu *v)
{
    struct trap_frame *r = &v->regs;
    uint32_t vector = r->vector;
    uint32_t error = r->error_code;
    int ring = r->cs & 3;

    switch (vector) {
    case TRAP_nmi:
    case TRAP_double_fault:
    case TRAP_machine_check:
        panic("exception %u while d%u ran at %08x", vector, v->domain->id,
              r->eip);
    case TRAP_page_fault:
        v->vcpu_info->arch.cr2 = read_cr2();
        error = (error & ~PFEC_USER) | (ring == 1 ? 0 : PFEC_USER);
        break;
    case TRAP_no_device:
        fpu_load(v);    /* our own lazy switch */
        if (!v->fpu_ts)
            return;
        v->fpu_ts = 0;  /* forwarding #NM clears the virtual TS */
        break;
    case TRAP_gp_fault:
        if (error == 0 && emulate_privileged_io(v))
            return;
        if ((error & 3) == 2) {
            uint32_t n = error >> 3;
            const struct trap_info *ti = &v->trap_table[n];
            if (ti->address && TI_GET_DPL(ti) >= ring) {
                r->eip += 2;
                reflect_exception(v, n, 0, 0);
                return;
            }
        }
        break;
    default:
        break;
    }
    reflect_exception(v, vector, exception_has_error_code(vector), error);
}

/* Entries set_trap_table takes before it continues itself. */
#define TRAP_TABLE_BATCH 256

long do_set_trap_table(const uint32_t arg[5])
{
    struct vcpu *v = current;
    uint32_t table = arg[0];
    v->fast_traps_changed = 1;
    if (table == 0) {
        memset(v->trap_table, 0, sizeof(v->trap_table));
        return 0;
    }
    for (unsigned int i = 0; i < TRAP_TABLE_BATCH; i++) {
        struct trap_info ti;
        if (copy_from_guest(&ti, table + i * sizeof(ti), sizeof(ti)) < 0)
            return -EFAULT;
        if (ti.address == 0)
            return 0;
        ti.cs = (uint16_t)guest_cs(ti.cs);
        v->trap_table[ti.vector] = ti;
    }
    /* No terminator yet: the guest runs us again for the rest. */
    const uint32_t rest[5] = { table + TRAP_TABLE_BATCH * sizeof(struct trap_info),
                               0, 0, 0, 0 };
    hypercall_continue(rest);
    return 0;
}

long do_set_callbacks(const uint32_t arg[5])
{
    struct vcpu *v = current;
    v->event_cs = guest_cs(arg[0]);
    v->event_eip = arg[1];
    v->failsafe_cs = guest_cs(arg[2]);
    v->failsafe_eip = arg[3];
    v->failsafe_masks_events = 0;
    return 0;
}

long do_callback_op(const uint32_t arg[5])
{
    struct vcpu *v = current;
    if (arg[0] == CALLBACKOP_register) {
        struct callback_register cb;
        if (copy_from_guest(&cb, arg[1], sizeof(cb)) < 0)
            return -EFAULT;
        switch (cb.type) {
        case CALLBACKTYPE_event:
            v->event_cs = guest_cs(cb.address.cs);
            v->event_eip = cb.address.eip;
            return 0;
        case CALLBACKTYPE_failsafe:
            v->failsafe_cs = guest_cs(cb.address.cs);
            v->failsafe_eip = cb.address.eip;
            v->failsafe_masks_events = !!(cb.flags & CALLBACKF_mask_events);
            return 0;
        case CALLBACKTYPE_syscall:
        case CALLBACKTYPE_sysenter:
            return -ENOSYS;
        default:
            return -EINVAL;
        }
    }
    if (arg[0] == CALLBACKOP_unregister) {
        struct callback_unregister cb;
        if (copy_from_guest(&cb, arg[1], sizeof(cb)) < 0)
            return -EFAULT;
        if (cb.type == CALLBACKTYPE_syscall || cb.type == CALLBACKTYPE_sysenter)
            return -ENOSYS;
        return -EINVAL;   /* event and failsafe cannot be unregistered */
    }
    return -ENOSYS;
}

long do_stack_switch(const uint32_t arg[5])
{
    struct vcpu *v = current;
    v->kernel_ss = guest_cs(arg[0]);
    v->kernel_sp = arg[1];
    return 0;
}

long do_fpu_taskswitch(const uint32_t arg[5])
{
    struct vcpu *v = current;
    v->fpu_ts = arg[0] != 0;
    if (v->fpu_ts)
        write_cr0(read_cr0() | CR0_TS);
    return 0;
}

/*
 * HYPERVISOR_iret: the guest jumped to hypercall-page slot 23 with
 * [EAX, EIP, CS, EFLAGS (, ESP, SS)] on its stack.  Restore them, with
 * the event mask taken from the popped IF, and resume there.
 */
long do_iret(const uint32_t arg[5])
{
    struct vcpu *v = current;
    struct trap_frame *r = &v->regs;
    uint32_t w[6];
    (void)arg;
    if (copy_from_guest(w, r->esp, 4 * sizeof(w[0])) < 0 ||
        ((w[2] & 3) > 1 &&
         copy_from_guest(&w[4], r->esp + 16, 2 * sizeof(w[0])) < 0)) {
        domain_crash(v->domain, "iret: unreadable frame on the guest stack");
        return 0;
    }
    if ((w[2] & 3) == 0) {
        domain_crash(v->domain, "iret to ring 0");
        return 0;
    }
    r->eax = w[0];
    r->eip = w[1];
    r->cs = w[2] & 0xFFFF;
    r->eflags = (w[3] & ~EFLAGS_IOPL) | EFLAGS_IF;
    if ((w[2] & 3) != 1) {
        r->esp = w[4];
        r->ss = w[5] & 0xFFFF;
    } else {
        r->esp += 16;
    }
    v->vcpu_info->evtchn_upcall_mask = !(w[3] & EFLAGS_IF);
    return (long)r->eax;
}

/*
 * Leaving for the guest failed: loading its saved segment registers or
 * the final iret faulted.  Enter its failsafe callback with the selectors
 * that failed, as Xen does, or crash it if it has none or if that fails.
 */
void exit_to_guest_failed(uint32_t vector, uint32_t error_code)
{
    struct vcpu *v = current;
    struct trap_frame *r = &v->regs;
    uint32_t segs[4] = { r->ds, r->es, r->fs, r->gs };
    char why[96];

    if (v->failsafe_eip == 0 || v->in_failsafe) {
        snprintf(why, sizeof(why), "returning to the guest faulted "
                 "(vector %u, error %x)", vector, error_code);
        domain_crash(v->domain, why);
        return_to_guest();
    }
    v->in_failsafe = 1;
    r->ds = r->es = r->fs = r->gs = 0;
    if ((r->cs & 3) == 0)
        r->cs |= 1;
    if (bounce_to_guest(v, v->failsafe_cs, v->failsafe_eip, 0, 0,
                        v->failsafe_masks_events) < 0 ||
        copy_to_guest(r->esp - sizeof(segs), segs, sizeof(segs)) < 0) {
        domain_crash(v->domain, "fault while entering the failsafe callback");
        return_to_guest();
    }
    r->esp -= sizeof(segs);
    return_to_guest();
}
