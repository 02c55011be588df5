/*
 * The hypervisor's 64 MB at the top of every address space.
 *
 * Guests own virtual addresses below 0xFC000000 (L2 slots 0-1007); the
 * hypervisor owns the 16 slots above.  Two views of those 16 slots exist:
 *
 *   the guest view, loaded in CR3 while a guest runs: only slot 1008 is
 *   present, and it maps the read-only M2P, the read-only entry trampoline
 *   (entry stubs, GDT, IDT, TSS, per-CPU entry data) and the writable
 *   per-CPU entry stack.  Nothing else of the hypervisor is mapped, so a
 *   guest cannot read hypervisor memory even where segment limits are not
 *   enforced (QEMU's TCG, speculative execution).
 *
 *   the hypervisor view ("twin"), loaded by every entry stub: the same
 *   guest slots 0-1007, plus every hypervisor mapping below.
 *
 *        hypervisor view                          guest view
 * 0xFFFFFFFF +------------------------------+    +----------------+
 *            | direct map of machine memory |    |                |
 *            | 0 - 32 MB (4 MB pages): the  |    |  not present   |
 *            | hypervisor image and heap    |    |                |
 * 0xFE000000 +------------------------------+    |                |
 *            | (unused)                     |    |                |
 * 0xFD400000 +------------------------------+    |                |
 *            | map window: 1024 temporary   |    |                |
 *            | mappings of any machine frame|    |                |
 * 0xFD000000 +------------------------------+    |                |
 *            | (unused)                     |    |                |
 * 0xFC400000 +------------------------------+    +----------------+
 *            | entry trampoline (256 KB)    |    | same, read-only|
 * 0xFC3C0000 +------------------------------+    +----------------+
 *            | M2P, read-write              |    | M2P, read-only |
 * 0xFC000000 +------------------------------+    +----------------+
 *
 * The trampoline sits in the top of the M2P's 4 MB, which would index
 * machine frames at 3.75 GB and above: we never manage RAM that high.
 */
#ifndef ARCH_X86_32_MEMLAYOUT_H
#define ARCH_X86_32_MEMLAYOUT_H

#define HV_AREA_START      0xFC000000u  /* == HYPERVISOR_VIRT_START */
#define HV_FIRST_SLOT      1008         /* first L2 slot the hypervisor owns */

/* Machine-to-phys table: one 32-bit guest PFN per machine frame. */
#define M2P_VIRT_START     0xFC000000u
#define M2P_SLOT           1008

/*
 * Entry trampoline: present in both views at the same addresses.  The
 * first 14 GDT pages and the LDT pages show the running vCPU's own
 * (validated, read-only) descriptor frames.
 */
#define TRAMP_START        0xFC3C0000u
#define TRAMP_GDT          (TRAMP_START + 0x00000)  /* 15 pages, limit 0xEFFF */
#define TRAMP_GDT_PAGES    15
#define TRAMP_GUEST_GDT_PAGES 14                    /* pages 0-13: the guest's */
#define TRAMP_IDT          (TRAMP_START + 0x0F000)  /* 256 gates, 2 KB */
#define TRAMP_TSS          (TRAMP_START + 0x0F800)  /* same page as the IDT */
#define TRAMP_PERCPU       (TRAMP_START + 0x10000)  /* struct entry_percpu */
#define TRAMP_TEXT         (TRAMP_START + 0x11000)  /* entry stubs, <= 8 pages */
#define TRAMP_TEXT_PAGES   8
#define TRAMP_LDT          (TRAMP_START + 0x20000)  /* guest LDT, 16 pages */
#define TRAMP_LDT_PAGES    16
#define TRAMP_STACK        (TRAMP_START + 0x3F000)  /* per-CPU entry stack */
#define TRAMP_STACK_TOP    (TRAMP_STACK + 0x1000)
#define TRAMP_PAGES        64

/* Map window: temporary mappings of arbitrary machine frames. */
#define MAPWIN_START       0xFD000000u
#define MAPWIN_SLOT        1012
#define MAPWIN_PAGES       1024

/* Direct map of the first DIRECTMAP_SIZE bytes of machine memory. */
#define DIRECTMAP_START    0xFE000000u
#define DIRECTMAP_SIZE     0x02000000u   /* 32 MB: slots 1016-1023 */
#define DIRECTMAP_SLOT     1016
#define DIRECTMAP_FRAMES   (DIRECTMAP_SIZE >> 12)

/* The hypervisor image is loaded at 1 MB machine address. */
#define HV_LOAD_PADDR      0x00100000u

#ifndef __ASSEMBLER__
#include <stdint.h>
/* Direct-map conversions, valid only below DIRECTMAP_SIZE. */
#define maddr_to_virt(ma)  ((void *)((uintptr_t)(ma) + DIRECTMAP_START))
#define virt_to_maddr(va)  ((uint32_t)((uintptr_t)(va) - DIRECTMAP_START))
#endif

#endif
