/*
 * The frame table: what every machine frame is, and who holds it.
 *
 * Each frame below max_mfn has a struct page_info.  Two counts protect it:
 *
 *   count       general references: every mapping of the frame by an L1
 *               entry, every use as a page table by an L2 entry, as CR3,
 *               a pin, a GDT/LDT page, and one "allocation" reference
 *               while its owner holds it.  A frame is freed (and
 *               scrubbed) only when its count reaches zero.
 *   type_count  references under the frame's current type.  A frame holds
 *               one type at a time: writable (mapped writable somewhere),
 *               L1, L2 (a page table or directory) or desc (a GDT/LDT
 *               page).  The type may change only while type_count is zero.
 *
 * So a page table can never be mapped writable: a writable mapping takes a
 * writable-type reference, which cannot coexist with the L1 or L2 type.
 * When an L1, L2 or desc frame first takes its type, the validator checks
 * every entry and takes the references those entries need (PGF_VALIDATED);
 * when the last type reference goes, it drops them again.
 *
 * This is plain C over the table: it is built into the hypervisor and into
 * the host unit tests.
 */
#ifndef HV_FRAME_H
#define HV_FRAME_H
#include <stdint.h>

struct domain;

#define INVALID_MFN 0xFFFFFFFFu

enum frame_type {
    FT_NONE,        /* no typed use at the moment */
    FT_WRITABLE,    /* mapped writable by at least one L1 entry */
    FT_L1,          /* a guest page table */
    FT_L2,          /* a guest page directory */
    FT_DESC,        /* a guest GDT or LDT page */
    FT_XEN,         /* the hypervisor's own memory (xenheap) */
    FT_XEN_SHARED,  /* a hypervisor page its owner may map writable */
};

struct page_info {
    struct domain *owner;       /* NULL: the hypervisor's, or free */
    uint32_t count;             /* general references */
    uint32_t type;              /* enum frame_type */
    uint32_t type_count;        /* references under that type */
    uint32_t flags;             /* PGF_* */
    uint32_t next, prev;        /* the owner's list, in allocation order */
    uint32_t twin;              /* validated L2: its hypervisor twin */
};

#define PGF_FREE       0x1      /* in the allocator */
#define PGF_PINNED     0x2      /* pinned by its owner (holds a type ref) */
#define PGF_RAM        0x4      /* RAM, from the memory map */
#define PGF_VALIDATED  0x8      /* every entry checked, references held */
#define PGF_ALLOCATED  0x10     /* the owner's allocation reference is held */

extern struct page_info *frame_table;
extern uint32_t max_mfn;        /* frames 0 .. max_mfn-1 are tracked */

static inline struct page_info *mfn_to_page(uint32_t mfn)
{
    return &frame_table[mfn];
}

static inline int mfn_valid(uint32_t mfn)
{
    return mfn < max_mfn;
}

static inline int frame_type_is_table(uint32_t t)
{
    return t == FT_L1 || t == FT_L2 || t == FT_DESC;
}

/*
 * Take a general reference on mfn for a use by d: the frame must be RAM
 * owned by d.  Returns 0 or -EINVAL (the reason in mm_why()).
 */
int get_page(uint32_t mfn, const struct domain *d);
/* Drop one; the frame is freed when nothing holds it any more. */
void put_page(uint32_t mfn);

/*
 * Take a reference of type t on mfn, changing its type if none is held
 * and validating the frame if t is a table type it has not been validated
 * as.  Returns 0, or -EINVAL with nothing taken.
 */
int get_page_type(uint32_t mfn, enum frame_type t);
/* Drop one; the last one of a table type de-validates the frame. */
void put_page_type(uint32_t mfn);

int get_page_and_type(uint32_t mfn, const struct domain *d, enum frame_type t);
void put_page_and_type(uint32_t mfn);

/*
 * Why the last refusal happened, in words for the log.  Set by refuse(),
 * which every check in frame.c and validate.c uses to fail.
 */
#define MM_WHY_MAX 320
const char *mm_why(void);
int refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

const char *frame_type_name(uint32_t t);

/* A domain's frames, in allocation order (struct domain: page_list). */
void domain_page_list_add(struct domain *d, uint32_t mfn);
void domain_page_list_remove(struct domain *d, uint32_t mfn);
#endif
