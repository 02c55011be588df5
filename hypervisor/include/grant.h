/*
 * Grant tables, version 1 (ABI 7).
 *
 * A domain grants another access to one of its frames by filling an
 * entry of its grant table (pages the hypervisor shares with it): the
 * grantee's domid, the frame, and GTF_permit_access (plus GTF_readonly).
 * The grantee maps it with map_grant_ref, naming the granter and the
 * entry; the hypervisor checks the entry, marks it in use (GTF_reading /
 * GTF_writing, which stops the granter revoking it) and installs the
 * mapping through the validator, which takes the references.  The handle
 * it returns names the mapping for unmap_grant_ref.
 *
 * The checks are plain C (unit-tested); putting mappings into page tables
 * is the environment's grant_pte_install() / grant_pte_remove().
 */
#ifndef HV_GRANT_H
#define HV_GRANT_H
#include <stdint.h>
#include "public/grant_table.h"

struct domain;

#define GRANT_MAX_FRAMES   4
#define GRANT_PER_FRAME    (4096 / sizeof(grant_entry_t))
#define GRANT_MAX_ENTRIES  (GRANT_MAX_FRAMES * GRANT_PER_FRAME)
#define MAPTRACK_MAX       512      /* mappings one domain may hold */

/* In the granter: how its entry is in use right now. */
struct grant_active {
    uint32_t frame;
    uint16_t readers, writers;      /* mappings by the grantee */
};

/* In the grantee: one mapping it holds. */
struct grant_mapping {
    uint8_t in_use, readonly, by_pte;
    struct domain *granter;         /* kept alive by grant_frame_hold */
    grant_ref_t ref;
    uint32_t host_addr;             /* VA, or PTE machine address (by_pte) */
    uint32_t frame;
};

struct grant_table {
    unsigned int nr_frames;
    grant_entry_t *shared[GRANT_MAX_FRAMES];   /* hypervisor mappings */
    uint32_t shared_mfn[GRANT_MAX_FRAMES];
    struct grant_active active[GRANT_MAX_ENTRIES];
    struct grant_mapping maptrack[MAPTRACK_MAX];
};

/* Grow d's table to nr_frames (GNTST_*); frames come from the env. */
int grant_setup(struct domain *d, unsigned int nr_frames);
/* Map / unmap; fill op's status (and handle, dev_bus_addr). */
void grant_map(struct domain *ld, gnttab_map_grant_ref_t *op);
void grant_unmap(struct domain *ld, gnttab_unmap_grant_ref_t *op);
/* Drop every mapping d holds (it is dying). */
void grant_release_mappings(struct domain *d);

/* ---- environment ---- */
/* A zeroed page shared writable with d: its MFN, and where we see it. */
int grant_frame_alloc(struct domain *d, uint32_t *mfn, grant_entry_t **va);
/* Map frame of rd into ld at addr (a VA, or a PTE's machine address). */
int grant_pte_install(struct domain *ld, uint32_t addr, int by_pte,
                      uint32_t frame, struct domain *rd, int readonly,
                      int user);
/*
 * Hold a general reference on the granted frame for as long as the
 * mapping is recorded, so the granter (and its table) outlive it even if
 * the grantee removes the page-table entry behind our back.
 */
int grant_frame_hold(struct domain *rd, uint32_t frame);
void grant_frame_release(uint32_t frame);
/* Remove that mapping, if addr still maps frame; 0 or -1. */
int grant_pte_remove(struct domain *ld, uint32_t addr, int by_pte,
                     uint32_t frame);
#endif
