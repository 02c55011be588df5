/*
 * Segment descriptors, gates and the hypervisor's own GDT entries.
 *
 * The GDT has 15 pages (limit 0xEFFF).  Pages 0-13 (entries 0-7167) belong
 * to the running guest; page 14 (entries 7168-7679) is the hypervisor's and
 * holds the ABI's flat selectors at fixed indices.
 */
#ifndef ARCH_X86_32_DESC_H
#define ARCH_X86_32_DESC_H

#define GDT_ENTRY_HV_CS      7169
#define GDT_ENTRY_HV_DS      7170
#define GDT_ENTRY_RING1_CS   7171
#define GDT_ENTRY_RING1_DS   7172
#define GDT_ENTRY_RING3_CS   7173
#define GDT_ENTRY_RING3_DS   7174
#define GDT_ENTRY_TSS(cpu)   (7176 + 2 * (cpu))
#define GDT_ENTRY_LDT(cpu)   (7177 + 2 * (cpu))

#define HV_CS     0xE008   /* ring 0 code, 4 GB */
#define HV_DS     0xE010   /* ring 0 data, 4 GB */
#define TSS_SEL(cpu) ((GDT_ENTRY_TSS(cpu)) << 3)

#define GDT_LIMIT 0xEFFF

/*
 * The flat guest descriptors.  Base 0, 4 KB granularity, limit 0xFC3FF
 * pages: they end at 0xFC3FFFFF, just past the read-only M2P.  The
 * accessed bit is preset so the CPU never writes the (read-only) GDT.
 */
#define DESC_RING1_CS  0x00CFBB000000C3FFull
#define DESC_RING1_DS  0x00CFB3000000C3FFull
#define DESC_RING3_CS  0x00CFFB000000C3FFull
#define DESC_RING3_DS  0x00CFF3000000C3FFull
#define DESC_HV_CS     0x00CF9B000000FFFFull  /* ring 0, 4 GB */
#define DESC_HV_DS     0x00CF93000000FFFFull

/* Gate types in bits 11:8 of the high word. */
#define GATE_INTR32   0xE
#define GATE_TRAP32   0xF

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A gate or segment descriptor as two 32-bit words. */
struct desc {
    uint32_t lo, hi;
};

/* The 32-bit TSS; we use only the ring stacks and the I/O map base. */
struct tss {
    uint16_t link, _r0;
    uint32_t esp0;
    uint16_t ss0, _r1;
    uint32_t esp1;
    uint16_t ss1, _r2;
    uint32_t esp2;
    uint16_t ss2, _r3;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint16_t es, _r4, cs, _r5, ss, _r6, ds, _r7, fs, _r8, gs, _r9;
    uint16_t ldt, _r10;
    uint16_t trap, iomap_base;
};

/* Build a gate descriptor for handler cs:eip, with the given type and DPL. */
static inline struct desc make_gate(uint16_t cs, uint32_t eip, int type,
                                    int dpl)
{
    struct desc d;
    d.lo = ((uint32_t)cs << 16) | (eip & 0xFFFF);
    d.hi = (eip & 0xFFFF0000u) | 0x8000u | ((uint32_t)dpl << 13) |
           ((uint32_t)type << 8);
    return d;
}

/* Build a byte-granular system-segment descriptor (TSS, LDT). */
static inline struct desc make_sys_desc(uint32_t base, uint32_t limit,
                                        int type)
{
    struct desc d;
    d.lo = (base << 16) | (limit & 0xFFFF);
    d.hi = (base & 0xFF000000u) | (limit & 0xF0000u) | 0x8000u |
           ((uint32_t)type << 8) | ((base >> 16) & 0xFF);
    return d;
}

static inline struct desc desc_from_u64(uint64_t v)
{
    struct desc d = { (uint32_t)v, (uint32_t)(v >> 32) };
    return d;
}
#endif

#endif
