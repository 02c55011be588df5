/*
 * Two-level (non-PAE) x86 paging.
 *
 *   31          22 21          12 11           0
 *  +--------------+--------------+--------------+
 *  |  L2 index    |  L1 index    |  offset      |
 *  +--------------+--------------+--------------+
 *
 * CR3 names an L2 (page directory) of 1024 entries; each present L2 entry
 * names an L1 (page table) of 1024 entries, or, with PSE, a 4 MB page.
 */
#ifndef ARCH_X86_32_PAGING_H
#define ARCH_X86_32_PAGING_H

#define PAGE_SHIFT   12
#define PAGE_SIZE    4096u
#define PAGE_MASK    (~(PAGE_SIZE - 1))
#define L1_ENTRIES   1024
#define L2_ENTRIES   1024
#define L2_SHIFT     22

#define l2_index(va) (((uint32_t)(va) >> L2_SHIFT) & 0x3FF)
#define l1_index(va) (((uint32_t)(va) >> PAGE_SHIFT) & 0x3FF)
#define pte_mfn(e)   ((uint32_t)(e) >> PAGE_SHIFT)
#define pte_flags(e) ((uint32_t)(e) & 0xFFF)
#define mfn_to_maddr(m) ((uint32_t)(m) << PAGE_SHIFT)

#define round_pgup(x)   (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define round_pgdown(x) ((x) & PAGE_MASK)

/* Entry flags (the same bits in L1 and L2 entries unless noted). */
#define PTE_P     0x001   /* present */
#define PTE_RW    0x002   /* writable */
#define PTE_US    0x004   /* user: reachable from ring 3 */
#define PTE_PWT   0x008   /* write-through */
#define PTE_PCD   0x010   /* cache disable */
#define PTE_A     0x020   /* accessed (set by the CPU) */
#define PTE_D     0x040   /* dirty (set by the CPU; L1 only) */
#define PTE_PSE   0x080   /* L2: 4 MB page.  L1: PAT */
#define PTE_PAT   0x080
#define PTE_G     0x100   /* global */
#define PTE_AVAIL 0xE00   /* ignored by the CPU */

/* Page-fault error code bits. */
#define PFEC_PRESENT  0x1 /* protection violation (else: not present) */
#define PFEC_WRITE    0x2
#define PFEC_USER     0x4 /* access from CPL 3 */

/* Control-register bits we use. */
#define CR0_PE  0x00000001
#define CR0_TS  0x00000008
#define CR0_WP  0x00010000
#define CR0_PG  0x80000000
#define CR4_TSD 0x00000004
#define CR4_PSE 0x00000010
#define CR4_PGE 0x00000080

#endif
