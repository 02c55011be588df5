/*
 * The hypercall table: int $0x82 with the number in EAX, as in Xen.
 * Numbers without a handler, and numbers past the table, give -ENOSYS.
 *
 * A long hypercall may stop part-way with hypercall_continue(): the
 * guest's argument registers then describe the remaining work and its EIP
 * is moved back onto the int $0x82, so the guest issues the rest itself
 * (and can take events in between), as in Xen.
 */
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/domain.h"
#include "public/xen.h"
#include "public/errno.h"

static hypercall_fn *const hypercall_table[NR_hypercalls] = {
    [__HYPERVISOR_set_trap_table]    = do_set_trap_table,
    [__HYPERVISOR_mmu_update]        = do_mmu_update,
    [__HYPERVISOR_set_gdt]           = do_set_gdt,
    [__HYPERVISOR_update_descriptor] = do_update_descriptor,
    [__HYPERVISOR_multicall]         = do_multicall,
    [__HYPERVISOR_mmuext_op]         = do_mmuext_op,
    [__HYPERVISOR_stack_switch]      = do_stack_switch,
    [__HYPERVISOR_set_callbacks]     = do_set_callbacks,
    [__HYPERVISOR_fpu_taskswitch]    = do_fpu_taskswitch,
    [__HYPERVISOR_sched_op_compat]   = do_sched_op_compat,
    [__HYPERVISOR_set_timer_op]      = do_set_timer_op,
    [__HYPERVISOR_grant_table_op]    = do_grant_table_op,
    [__HYPERVISOR_memory_op]         = do_memory_op,
    [__HYPERVISOR_domctl]            = do_domctl,
    [__HYPERVISOR_sysctl]            = do_sysctl,
    [__HYPERVISOR_physdev_op]        = do_physdev_op,
    [__HYPERVISOR_physdev_op_compat] = do_physdev_op_compat,
    [__HYPERVISOR_update_va_mapping] = do_update_va_mapping,
    [__HYPERVISOR_xen_version]       = do_xen_version,
    [__HYPERVISOR_console_io]        = do_console_io,
    [__HYPERVISOR_vm_assist]         = do_vm_assist,
    [__HYPERVISOR_iret]              = do_iret,
    [__HYPERVISOR_sched_op]          = do_sched_op,
    [__HYPERVISOR_callback_op]       = do_callback_op,
    [__HYPERVISOR_event_channel_op]  = do_event_channel_op,
    [__HYPERVISOR_event_channel_op_compat] = do_event_channel_op_compat,
};

/* Set by hypercall_continue() during the current hypercall. */
static int continuation_made;

void hypercall_continue(const uint32_t arg[5])
{
    struct trap_frame *regs = &current->regs;
    if (multicall_catch_continuation(arg))
        return;                 /* the multicall continues itself */
    regs->ebx = arg[0];
    regs->ecx = arg[1];
    regs->edx = arg[2];
    regs->esi = arg[3];
    regs->edi = arg[4];
    regs->eip -= 2;             /* back onto the int $0x82 */
    continuation_made = 1;
}

long hypercall_call(uint32_t nr, const uint32_t arg[5])
{
    if (nr >= NR_hypercalls || !hypercall_table[nr])
        return -ENOSYS;
    return hypercall_table[nr](arg);
}

void hypercall_dispatch(struct trap_frame *regs)
{
    const uint32_t arg[5] = { regs->ebx, regs->ecx, regs->edx, regs->esi,
                              regs->edi };
    uint32_t nr = regs->eax;
    continuation_made = 0;
    long ret = hypercall_call(nr, arg);
    /*
     * iret restores the guest's EAX itself; a continued hypercall keeps
     * its number in EAX to run again; everything else returns a value.
     */
    if (nr != __HYPERVISOR_iret && !continuation_made)
        regs->eax = (uint32_t)ret;
}
