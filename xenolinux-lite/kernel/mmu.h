/*
 * Paging formats (x86, two levels, 4 KB pages) and the kernel's view of
 * pseudo-physical memory.
 *
 * A virtual address splits into three parts:
 *
 *   +--------10--------+--------10--------+---------12----------+
 *   |   L2 index (PDX) |   L1 index (PTX) |  offset in the page |
 *   +------------------+------------------+---------------------+
 *
 * An L2 or L1 entry holds a *machine* frame number in bits 31:12: the
 * hypervisor checks every entry we ask it to write (mmu_update), and every
 * frame that is a page table must be mapped read-only wherever we map it.
 *
 * Pseudo-physical frame pfn is mapped, for the kernel, at
 * KERNBASE + pfn * PGSIZE in every address space (pmap.c builds that map
 * at boot).  P2V / V2P convert between the two; V2M gives the machine
 * address, through the P2M list.
 */
#ifndef XL_MMU_H
#define XL_MMU_H
#include <stdint.h>
#include "xenolinux-lite/kernel/param.h"

#define PGSIZE      4096u
#define PGSHIFT     12
#define PDXSHIFT    22
#define NPTENTRIES  1024            /* entries in an L1 or L2 */
#define PDX(va)     (((uint32_t)(va) >> PDXSHIFT) & 0x3FF)
#define PTX(va)     (((uint32_t)(va) >> PGSHIFT) & 0x3FF)
#define PGADDR(d, t, o) ((uint32_t)((d) << PDXSHIFT | (t) << PGSHIFT | (o)))
#define PGROUNDUP(a)   (((uint32_t)(a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((uint32_t)(a) & ~(PGSIZE - 1))

/* Entry bits (both levels unless noted). */
#define PTE_P   0x001   /* present */
#define PTE_W   0x002   /* writable */
#define PTE_U   0x004   /* user (ring 3) may use it */
#define PTE_A   0x020   /* accessed (set by the CPU) */
#define PTE_D   0x040   /* dirty (L1; set by the CPU) */
#define PTE_FOREIGN 0x200   /* ours, an available bit (L1): maps a frame we
                               do not own (privcmd); never freed or copied */
#define PTE_ADDR(e)  ((uint32_t)(e) & ~0xFFFu)
#define PTE_FLAGS(e) ((uint32_t)(e) & 0xFFFu)

#define KPTE_RW   (PTE_P | PTE_W | PTE_A)           /* kernel data page */
#define KPTE_RO   (PTE_P | PTE_A)                   /* kernel view of a table */
#define UPTE      (PTE_P | PTE_W | PTE_U | PTE_A)   /* user page */
#define UPDE      (PTE_P | PTE_W | PTE_U | PTE_A)   /* L2 entry for user L1s */

#define KERN_FIRST_SLOT PDX(KERNBASE)   /* 768: shared kernel L1s from here */
#define HV_FIRST_SLOT   1008            /* the hypervisor's slots */
#define USER_SLOTS      PDX(USERTOP)    /* L2 slots a process may use */
/* A process's own memory stays below FOREIGN_BASE; [FOREIGN_BASE, USERTOP)
 * is its foreign-mapping area (foreign.c; xenio.h's PRIVCMD_FOREIGN_*). */
#define FOREIGN_BASE    0xBE000000u

/* Pseudo-physical <-> kernel virtual. */
#define P2V(pa) ((void *)((uint32_t)(pa) + KERNBASE))
#define V2P(va) ((uint32_t)(va) - KERNBASE)
#define PFN(va) (V2P(va) >> PGSHIFT)

#ifndef __ASSEMBLER__
extern uint32_t *p2m;                   /* pfn -> mfn (start_info mfn_list) */
#define M2P ((const uint32_t *)0xFC000000u)   /* mfn -> pfn, read-only */

/* Machine frame of a kernel virtual address. */
static inline uint32_t v2mfn(const void *va)
{
    return p2m[PFN(va)];
}
/* Machine address of a kernel virtual address. */
static inline uint32_t v2ma(const void *va)
{
    return (v2mfn(va) << PGSHIFT) | ((uint32_t)va & (PGSIZE - 1));
}
/* Kernel virtual address of the frame an entry names. */
static inline void *mfn2v(uint32_t mfn)
{
    return P2V(M2P[mfn] << PGSHIFT);
}
static inline void *pte2v(uint32_t pte)
{
    return mfn2v(pte >> PGSHIFT);
}
#endif
#endif
