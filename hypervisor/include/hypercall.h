/*
 * Hypercall handlers.  Each takes the five argument registers (EBX, ECX,
 * EDX, ESI, EDI) in order, and returns 0 or a positive result, or a
 * negative errno.  Every handler has the same shape: copy the arguments
 * in through copy_from_guest, check them, act, copy results out.
 */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H
#include <stdint.h>
#include "arch/x86_32/frame.h"

typedef long hypercall_fn(const uint32_t arg[5]);

/* Run the hypercall in regs->eax and put its result in regs->eax. */
void hypercall_dispatch(struct trap_frame *regs);
/*
 * Stop the current hypercall here; the guest re-issues it with arg (the
 * remaining work).  The handler then returns; its value is ignored.
 */
void hypercall_continue(const uint32_t arg[5]);

/* Run hypercall nr with args (for multicall); -ENOSYS if unknown. */
long hypercall_call(uint32_t nr, const uint32_t arg[5]);

/* Write the hypercall stubs into a page (ABI 1.2). */
void hypercall_page_fill(uint8_t *page);

/* Inside a multicall, note a continuation for it (1) instead (0: not). */
int multicall_catch_continuation(const uint32_t arg[5]);

hypercall_fn do_set_trap_table, do_mmu_update, do_stack_switch,
    do_set_gdt, do_update_descriptor, do_multicall, do_mmuext_op,
    do_set_callbacks, do_fpu_taskswitch, do_sched_op_compat,
    do_update_va_mapping, do_xen_version, do_console_io, do_vm_assist,
    do_iret, do_sched_op, do_callback_op, do_event_channel_op,
    do_event_channel_op_compat, do_set_timer_op, do_grant_table_op,
    do_memory_op, do_domctl, do_sysctl, do_physdev_op, do_physdev_op_compat;
#endif
