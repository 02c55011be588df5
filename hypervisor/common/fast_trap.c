/*
 * Direct system-call gates.
 *
 * A guest kernel that gives a software-interrupt vector DPL 3 in its trap
 * table (and does not ask for events to be masked) gets that vector as a
 * real trap gate in the IDT while it runs, pointing at its own handler in
 * ring 1.  INT n from its user programs then goes from ring 3 to ring 1
 * through the CPU alone, switching to the kernel stack it registered with
 * stack_switch (TSS SS1:ESP1), and never enters the hypervisor.  Xen does
 * this for vector 0x80 only; xv6's system calls use vector 64.
 *
 * Only vectors 0x30-0xFF other than the hypercall vector qualify: never
 * an exception (0-31), never a device interrupt (0x20-0x2F).  The gate's
 * code selector must be the flat ring-1 code selector or one of the
 * guest's own GDT/LDT selectors (which the validator checked), never one
 * of the hypervisor's: a gate to the hypervisor's code selector would run
 * guest code in ring 0.
 */
#include <stddef.h>
#include "hypervisor/include/domain.h"
#include "hypervisor/include/traps.h"
#include "public/xen.h"
#include "arch/x86_32/tables.h"
#include "arch/x86_32/entry.h"

#define FIRST_FAST_VECTOR 0x30

static int gate_selector_ok(uint16_t cs)
{
    if ((cs & 3) == 0)
        return 0;
    if (cs & 4)
        return 1;                               /* LDT: validated */
    return (cs >> 3) < FIRST_RESERVED_GDT_ENTRY || cs == FLAT_KERNEL_CS;
}

int fast_trap_allowed(const struct trap_info *ti)
{
    return ti->vector >= FIRST_FAST_VECTOR && ti->vector != VECTOR_HYPERCALL &&
           ti->address != 0 && TI_GET_DPL(ti) == 3 && !TI_GET_IF(ti) &&
           gate_selector_ok(ti->cs);
}

/* The vCPU whose direct gates are in this CPU's IDT. */
static struct vcpu *gates_for;
static uint8_t installed[256];

/* Put v's direct gates in the IDT (and take the previous vCPU's out). */
void fast_trap_load(struct vcpu *v)
{
    if (gates_for == v && !v->fast_traps_changed)
        return;
    for (int n = FIRST_FAST_VECTOR; n < 256; n++) {
        const struct trap_info *ti = v ? &v->trap_table[n] : NULL;
        int want = ti && fast_trap_allowed(ti);
        if (want)
            idt_set_guest_gate(n, ti->cs, ti->address);
        else if (installed[n])
            idt_set_hypervisor_gate(n);
        installed[n] = (uint8_t)want;
    }
    gates_for = v;
    if (v)
        v->fast_traps_changed = 0;
}
