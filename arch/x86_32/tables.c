/*
 * GDT, IDT and TSS.  Every gate is an interrupt gate (the hypervisor runs
 * with interrupts off); only #BP and #OF have DPL 3, so that int3 and into
 * work from any ring, and the hypercall vector 0x82 has DPL 1, so ring 3
 * cannot use it.  Any other INT n from a guest raises #GP, which the
 * hypervisor turns into the guest's own vector n when its trap table
 * allows it.
 *
 * The TSS has no I/O bitmap (its base lies past the limit), so every IN
 * and OUT from ring 1 or 3 raises #GP.
 */
#include "arch/x86_32/tables.h"
#include "arch/x86_32/cpu.h"

void cpu_tables_init(void)
{
    struct desc *g = gdt_table;
    for (int i = 7168; i < 7680; i++)
        g[i] = desc_from_u64(0);
    g[GDT_ENTRY_HV_CS] = desc_from_u64(DESC_HV_CS);
    g[GDT_ENTRY_HV_DS] = desc_from_u64(DESC_HV_DS);
    g[GDT_ENTRY_RING1_CS] = desc_from_u64(DESC_RING1_CS);
    g[GDT_ENTRY_RING1_DS] = desc_from_u64(DESC_RING1_DS);
    g[GDT_ENTRY_RING3_CS] = desc_from_u64(DESC_RING3_CS);
    g[GDT_ENTRY_RING3_DS] = desc_from_u64(DESC_RING3_DS);

    struct tss *t = cpu_tss;
    for (unsigned i = 0; i < sizeof(*t); i++)
        ((uint8_t *)t)[i] = 0;
    t->ss0 = HV_DS;
    t->esp0 = TRAMP_STACK_TOP;
    t->iomap_base = sizeof(*t);
    g[GDT_ENTRY_TSS(0)] = make_sys_desc(TRAMP_TSS, sizeof(*t) - 1, 0x9);

    for (int v = 0; v < NR_VECTORS; v++)
        idt_set_hypervisor_gate(v);

    load_gdt(TRAMP_GDT, GDT_LIMIT);
    reload_segments(HV_CS, HV_DS);
    load_idt(TRAMP_IDT, NR_VECTORS * 8 - 1);
    load_tr(TSS_SEL(0));
}

void idt_set_hypervisor_gate(int v)
{
    int dpl = 0;
    if (v == 3 || v == 4)
        dpl = 3;
    else if (v == VECTOR_HYPERCALL)
        dpl = 1;
    idt_table[v] = make_gate(HV_CS, entry_vector_table[v], GATE_INTR32, dpl);
}

void idt_set_guest_gate(int v, uint16_t cs, uint32_t eip)
{
    idt_table[v] = make_gate(cs, eip, GATE_TRAP32, 3);
}

void tss_set_ring1_stack(uint16_t ss, uint32_t esp)
{
    cpu_tss->ss1 = ss;
    cpu_tss->esp1 = esp;
}

void cpu_load_ldt(uint32_t ents)
{
    if (ents == 0) {
        load_ldt(0);
        return;
    }
    gdt_table[GDT_ENTRY_LDT(0)] = make_sys_desc(TRAMP_LDT, ents * 8 - 1, 0x2);
    load_ldt((uint16_t)(GDT_ENTRY_LDT(0) << 3));
}
