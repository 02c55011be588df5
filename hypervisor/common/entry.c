/*
 * Where the entry stubs land.  guest_entry() handles everything that
 * interrupts a guest and leaves through return_to_guest(); the hypervisor
 * itself takes interrupts only while idle, and faults only in the checked
 * copies (which resume at their fix-up) or because of a bug (which stops
 * the machine with a register dump).
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/console.h"
#include "arch/x86_32/entry.h"
#include "arch/x86_32/cpu.h"

struct ex_table_entry {
    uint32_t fault_eip, fixup_eip;
};
extern const struct ex_table_entry ex_table_start[], ex_table_end[];

void guest_entry(struct trap_frame *f)
{
    struct vcpu *v = current;
    v->in_failsafe = 0;
    v->domain->counters.entries++;
    if (f->vector == VECTOR_HYPERCALL) {
        v->domain->counters.hypercalls++;
        hypercall_dispatch(f);
    } else if (f->vector >= IRQ_VECTOR_BASE && f->vector < IRQ_VECTOR_BASE + 16) {
        irq_dispatch(f->vector - IRQ_VECTOR_BASE);
    } else {
        v->domain->counters.exceptions++;
        guest_exception(v);
    }
    return_to_guest();
}

static int apply_fixup(struct trap_frame *f)
{
    for (const struct ex_table_entry *e = ex_table_start; e < ex_table_end; e++) {
        if (e->fault_eip == f->eip) {
            f->eip = e->fixup_eip;
            return 1;
        }
    }
    return 0;
}

void hypervisor_entry(struct trap_frame *f)
{
    if (f->vector >= IRQ_VECTOR_BASE && f->vector < IRQ_VECTOR_BASE + 16) {
        irq_dispatch(f->vector - IRQ_VECTOR_BASE);
        return;
    }
    if (f->vector == 14 && apply_fixup(f))
        return;
    printk(LOG_ERR, "hypervisor fault: vector %u error %x at %08x\n",
           f->vector, f->error_code, f->eip);
    printk(LOG_ERR, "  eax %08x ebx %08x ecx %08x edx %08x\n",
           f->eax, f->ebx, f->ecx, f->edx);
    printk(LOG_ERR, "  esi %08x edi %08x ebp %08x esp %08x\n",
           f->esi, f->edi, f->ebp, (uint32_t)(uintptr_t)(&f->esp));
    printk(LOG_ERR, "  eflags %08x cr2 %08x cr3 %08x\n", f->eflags,
           read_cr2(), read_cr3());
    panic("fatal exception %u in the hypervisor at %08x", f->vector, f->eip);
}
