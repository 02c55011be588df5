/*
 * The page-table and descriptor validator.  See hypervisor/mm/validate.c
 * for the rules.  Plain C over the frame table and the small environment
 * interface below, so that the same code runs in the hypervisor and in
 * the host unit tests (which provide the environment with fakes).
 */
#ifndef HV_VALIDATE_H
#define HV_VALIDATE_H
#include <stdint.h>
#include "hypervisor/include/frame.h"

struct domain;

/* ---- What the validator needs from its environment ---- */

/* Map a frame's 1024 words for the validator; unmap with frame_unmap. */
uint32_t *frame_map(uint32_t mfn);
void frame_unmap(uint32_t *words);

/* The value slot s (1008..1023) of every validated guest L2 must hold. */
uint32_t hv_slot_guest_value(unsigned int slot);

/* A validated L2 gets a hypervisor twin; it follows every L2 update. */
int twin_attach(uint32_t l2_mfn);
void twin_sync(uint32_t l2_mfn, unsigned int slot, uint32_t val);
void twin_release(uint32_t l2_mfn);

/* A mapping was removed or downgraded: flush before the next guest access. */
void tlb_flush_request(void);

/* The frame's last reference is gone: scrub it and give it back. */
void frame_release(uint32_t mfn);

/* May d map frames owned by other domains (dom0)? */
int domain_is_privileged(const struct domain *d);

/* ---- The validator ---- */

/* Validate (or de-validate) a whole L1, L2 or descriptor frame. */
int validate_frame(uint32_t mfn, enum frame_type t);
void devalidate_frame(uint32_t mfn, enum frame_type t);

/*
 * Replace entry idx of the validated L1 or L2 at mfn (owned by d) with
 * val.  New L1 mappings must name frames of fd (d itself, or the foreign
 * domain dom0 named).  Takes the new entry's references before writing it
 * and drops the old entry's after.  Returns 0 or -EINVAL (see mm_why()).
 */
int update_l1e(uint32_t l1_mfn, unsigned int idx, uint32_t val,
               const struct domain *fd);
int update_l2e(uint32_t l2_mfn, unsigned int idx, uint32_t val);

/*
 * Check a descriptor for a guest GDT or LDT; on success the accessed bit
 * of code and data segments is set in *d, so the CPU never has to write
 * the (read-only) table.  Returns 0 or -EINVAL.
 */
int check_descriptor(uint32_t *lo, uint32_t *hi);

/* Guest-visible flag checks, shared with the unit tests. */
#define L1_DISALLOWED (0x080u | 0x100u)         /* PAT, global */
#define L2_DISALLOWED (0x080u | 0x100u)         /* PSE, global */
#endif
