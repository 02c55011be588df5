/*
 * Page-table helpers for the test guests that attack the validator.
 *
 * The guest's bootstrap area (ABI 11.4) is a 1:1 image of its first
 * pseudo-physical pages at 0xC0000000:
 *
 *   pt_base                      the bootstrap L2 (read-only)
 *   pt_base + 4096 ...           the bootstrap L1s (read-only)
 *   pt_base + nr_pt_frames*4096  the bootstrap stack (unused: the guest
 *                                runs on its own stack in .bss)
 *   then up to v_end             spare pages, mapped writable and unused
 *
 * Spare page i (pt_spare(i)) is where a test takes frames for new page
 * tables and descriptor pages.  A frame becomes a table by being zeroed
 * (or filled) while writable, remapped read-only (pt_set_readonly), then
 * pinned or referenced; it is handed back by unpinning it and remapping
 * it writable (pt_set_writable), which works only once no table use of it
 * is left.
 */
#ifndef TEST_GUEST_PT_H
#define TEST_GUEST_PT_H
#include <stdint.h>
#include "tests/guests/lib/guest.h"

/* Page-table entry bits (both levels unless noted). */
#define PTE_P    0x001      /* present */
#define PTE_RW   0x002      /* writable */
#define PTE_US   0x004      /* user */
#define PTE_A    0x020      /* accessed */
#define PTE_D    0x040      /* dirty */
#define PTE_PAT  0x080      /* L1: PAT index bit */
#define PTE_PSE  0x080      /* L2: 4 MB page */
#define PTE_G    0x100      /* global */

#define PTE_RO_FLAGS (PTE_P | PTE_A)            /* 0x021 */
#define PTE_RW_FLAGS (PTE_P | PTE_RW | PTE_A)   /* 0x023 */
#define PDE_FLAGS    (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US)   /* 0x067 */

#define HV_FIRST_SLOT 1008  /* L2 slots 1008-1023 are the hypervisor's */
#define PAGE_SIZE 4096u

/* The MFN mapped at a bootstrap-area va. */
uint32_t pt_mfn(const void *va);
/* The bootstrap L2: its read-only view and its MFN. */
const volatile uint32_t *pt_l2(void);
uint32_t pt_l2_mfn(void);
/* Read-only view of the bootstrap L1 that holds va's entry. */
const volatile uint32_t *pt_l1_of(uint32_t va);

/* Spare page i (0 <= i < pt_nr_spare()). */
void *pt_spare(unsigned int i);
unsigned int pt_nr_spare(void);

/* The lowest and highest MFN in the P2M (start_info->mfn_list). */
uint32_t pt_min_mfn(void);
uint32_t pt_max_mfn(void);
/* Is mfn one of the guest's frames (listed in its P2M)? */
int pt_owns_mfn(uint32_t mfn);

/* Hypercall wrappers; each returns the hypercall's result. */
long pt_uvm(uint32_t va, uint32_t pte);                 /* UVMF_INVLPG */
long pt_mmu1(uint64_t ptr, uint64_t val);               /* one request */
long pt_mmuext1(uint32_t cmd, uint32_t arg1, uint32_t arg2);
long pt_pin(uint32_t cmd, uint32_t mfn);                /* PIN_L1/L2 */
long pt_unpin(uint32_t mfn);
long pt_flush_tlb(void);

/* Remap a bootstrap-area page onto its own frame read-only / writable. */
long pt_set_readonly(void *va);
long pt_set_writable(void *va);

/* Zero the (writable) page at va, remap it read-only and pin it. */
long pt_make_table(void *va, uint32_t pin_cmd);
/* Unpin the table at va and remap it writable; 0 when both worked. */
long pt_free_table(void *va);

/*
 * Read or write one word inside guest_try; return 1 if it faulted (the
 * exception is in last_trap), 0 if it did not.
 */
int pt_try_read(const volatile uint32_t *p, uint32_t *out);
int pt_try_write(volatile uint32_t *p, uint32_t val);

/*
 * Rule 11 (no path lets ring 1 write a read-only page): write to the
 * bootstrap L2 and to a bootstrap L1; each write must raise #PF with
 * error code 3 (a write to a present read-only page) at that address and
 * leave the word as it was.  `after` names the attack just refused.
 * The L2 probe writes a not-present value into L2 slot 2 (VA 0x00800000),
 * which tests must leave empty; the L1 probe targets the entry of the
 * unused bootstrap stack page.
 */
void pt_check_tables_readonly(const char *after);
/* How many times pt_check_tables_readonly ran. */
unsigned int pt_readonly_probes(void);

/*
 * Fill an x86 segment descriptor: base, limit (20 bits), type (4 bits),
 * s (1 = code/data), dpl, and the flags nibble g/db.
 */
void pt_make_desc(uint32_t d[2], uint32_t base, uint32_t limit,
                  uint32_t type, int s, int dpl, int g, int db);
#endif
