/* The per-CPU descriptor tables, all in the entry trampoline. */
#ifndef ARCH_X86_32_TABLES_H
#define ARCH_X86_32_TABLES_H
#include <stdint.h>
#include "arch/x86_32/desc.h"
#include "arch/x86_32/entry.h"
#include "arch/x86_32/memlayout.h"

#define gdt_table      ((struct desc *)TRAMP_GDT)
#define idt_table      ((struct desc *)TRAMP_IDT)
#define cpu_tss        ((struct tss *)TRAMP_TSS)
#define entry_percpu   ((struct entry_percpu *)TRAMP_PERCPU)

/*
 * Fill the hypervisor's GDT page, every IDT gate and the TSS, and load
 * them.  The trampoline must already be mapped (writable in this view).
 */
void cpu_tables_init(void);

/* Point vector v at the hypervisor's entry stub (its usual gate). */
void idt_set_hypervisor_gate(int v);
/*
 * Point vector v straight at a guest kernel's handler cs:eip with a DPL 3
 * trap gate: INT v from ring 3 then enters ring 1 without the hypervisor.
 */
void idt_set_guest_gate(int v, uint16_t cs, uint32_t eip);

/* Load an LDT of ents descriptors from the trampoline's LDT area (0: none). */
void cpu_load_ldt(uint32_t ents);

/* The ring-1 stack the CPU switches to on a direct ring-3 to ring-1 gate. */
void tss_set_ring1_stack(uint16_t ss, uint32_t esp);
#endif
