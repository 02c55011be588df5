/*
 * A fake machine for the validator's host unit tests.
 *
 * hypervisor/mm/validate.c and frame.c call a small environment
 * (validate.h: frame_map, twin_attach, tlb_flush_request, frame_release,
 * ...).  In the hypervisor that is hypervisor/mm/mm_env.c; here it is
 * fake_mm_env.c, over FAKE_FRAMES frames of fake memory, 1024 words each.
 *
 * The fakes also watch the validator:
 *   - every frame_map must be matched by a frame_unmap, and only frames
 *     below max_mfn may be mapped;
 *   - each L2 twin is a copy of the L2 taken at twin_attach and kept up
 *     to date by twin_sync, so a test can check that it always equals the
 *     guest's L2 in slots 0-1007;
 *   - frame_release checks that nothing still holds the frame, then frees
 *     it as free_domheap_frame does (off the owner's list, owner NULL,
 *     PGF_RAM | PGF_FREE, words zeroed).
 * Anything the validator does wrong to the environment is counted in
 * fake_env_errors and described in fake_env_error_text.
 *
 * The frame pool after fake_reset(): every frame is free RAM.  A test then
 * gives frames to domains (fake_alloc, exactly as alloc_domheap_frame),
 * to the hypervisor (fake_make_xen), or removes them from RAM.
 */
#ifndef TESTS_UNIT_FAKE_MM_ENV_H
#define TESTS_UNIT_FAKE_MM_ENV_H
#include <stdint.h>
#include "hypervisor/include/frame.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/domain.h"
#include "arch/x86_32/paging.h"

#define FAKE_FRAMES 48          /* max_mfn after fake_reset() */
#define HV_SLOT_FIRST 1008      /* the hypervisor's L2 slots: 1008-1023 */

/* What hv_slot_guest_value() gives: slot 1008 present, the rest zero. */
#define FAKE_HV_SLOT_1008 0xABC00021u

/* ---- state the tests read ---- */
extern uint32_t fake_mem[FAKE_FRAMES][1024];
extern unsigned int fake_maps_outstanding;  /* frame_map - frame_unmap */
extern unsigned int fake_tlb_flushes;       /* tlb_flush_request calls */
extern unsigned int fake_twin_attaches, fake_twin_releases;
extern unsigned int fake_releases;          /* frame_release calls */
extern unsigned int fake_env_errors;
extern char fake_env_error_text[256];       /* the first error */

/* Make the next n twin_attach calls fail with -ENOMEM. */
extern unsigned int fake_twin_fail_next;

/* ---- setting up frames and domains ---- */

/* Empty every frame, make all FAKE_FRAMES of them free RAM. */
void fake_reset(void);
/* A domain with an empty page list. */
void fake_domain_init(struct domain *d, domid_t id, int privileged);
/* Give free frame mfn to d as alloc_domheap_frame does; returns mfn. */
uint32_t fake_alloc(struct domain *d, uint32_t mfn);
/* Make mfn the hypervisor's (xenheap: owner NULL, FT_XEN, PGF_RAM). */
void fake_make_xen(uint32_t mfn);
/* Make mfn a page the hypervisor shares with d (like shared_info). */
void fake_make_shared(struct domain *d, uint32_t mfn);
/* Take mfn out of RAM (a hole in the memory map). */
void fake_make_nonram(uint32_t mfn);

/* ---- the twins ---- */
int fake_twin_attached(uint32_t l2_mfn);
const uint32_t *fake_twin_words(uint32_t l2_mfn);
/* Does the twin of l2_mfn equal the guest L2 in slots 0-1007? */
int fake_twin_matches(uint32_t l2_mfn);

/* The entry a test writes: frame mfn with flags (PTE_* from paging.h). */
static inline uint32_t pte(uint32_t mfn, uint32_t flags)
{
    return (mfn << PAGE_SHIFT) | flags;
}
#endif
