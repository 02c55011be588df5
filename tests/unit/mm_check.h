/*
 * What the validator tests check, shared by test_validate.c,
 * test_refcounts.c, test_descriptors.c and test_validate_random.c.
 *
 *   - Snapshots: everything a refused operation must leave alone (every
 *     frame's counts, flags, owner, list links and twin, every word of
 *     every frame, every twin) taken before and compared after.
 *   - Pins and held references, done the way mmu_ops.c does them, with
 *     the references the test holds remembered for the checker.
 *   - mm_check_consistent(): recompute from scratch every frame's general
 *     and typed reference count from the validated tables, the pins, the
 *     allocation references and what the test holds, and check the safety
 *     rules (no validated table is mapped writable, every validated table
 *     holds only legal entries, every validated L2's twin matches it).
 */
#ifndef TESTS_UNIT_MM_CHECK_H
#define TESTS_UNIT_MM_CHECK_H
#include <stddef.h>
#include "tests/unit/fake_mm_env.h"
#include "public/errno.h"

/* ---- snapshots ---- */
struct mm_snapshot {
    struct page_info pages[FAKE_FRAMES];
    uint32_t words[FAKE_FRAMES][1024];
    int twin_attached[FAKE_FRAMES];
    uint32_t twin[FAKE_FRAMES][1024];
    unsigned int twin_attaches, twin_releases, releases;
};

void mm_snapshot_take(struct mm_snapshot *s);
/*
 * 1 if nothing changed since s, else 0 with the first difference in why.
 * A frame's type is compared only while it has type references: a type
 * with none is no claim on the frame (frame.c may leave the type a failed
 * get_page_type tried to give).
 */
int mm_snapshot_same(const struct mm_snapshot *s, char *why, size_t n);

/* The refused operation returned -EINVAL, said why, and changed nothing. */
#define assert_refused_unchanged(rc, snap) do {                             \
    char why_diff_[256];                                                    \
    assert_int_equal((rc), -EINVAL);                                        \
    assert_true(mm_why()[0] != 0);                                          \
    if (!mm_snapshot_same((snap), why_diff_, sizeof(why_diff_)))            \
        fail_msg("refused (\"%s\") but changed: %s", mm_why(), why_diff_);  \
    assert_int_equal(fake_maps_outstanding, 0);                             \
} while (0)

/* mm_why() mentions every one of the given words. */
#define assert_why_mentions(...) do {                                       \
    const char *words_[] = { __VA_ARGS__ };                                 \
    for (size_t k_ = 0; k_ < sizeof(words_) / sizeof(words_[0]); k_++)      \
        if (!strstr(mm_why(), words_[k_]))                                  \
            fail_msg("reason \"%s\" does not mention \"%s\"", mm_why(),     \
                     words_[k_]);                                           \
} while (0)

/* Forget the last refusal, so a test sees whether an operation set one. */
void mm_why_clear(void);

/* ---- pins and held references ---- */

/* MMUEXT_PIN_L1/L2_TABLE and UNPIN_TABLE, as mmu_ops.c does them. */
int mm_pin(struct domain *fd, uint32_t mfn, enum frame_type t);
int mm_unpin(struct domain *d, uint32_t mfn);
/*
 * A reference the test holds the way a vCPU holds CR3 or a GDT page:
 * get_page_and_type(mfn, d, t), remembered for the checker.
 */
int mm_hold(uint32_t mfn, struct domain *d, enum frame_type t);
void mm_unhold(uint32_t mfn);
unsigned int mm_held(uint32_t mfn);

/* ---- the from-scratch checker ---- */

/* Forget held references and registered domains (call after fake_reset). */
void mm_check_reset(void);
/* Also check this domain's page list and tot_pages. */
void mm_check_domain(struct domain *d);
/* 1 if every rule holds, else 0 with the first broken one in why. */
int mm_check_consistent(char *why, size_t n);

#define assert_consistent() do {                                            \
    char why_bad_[512];                                                     \
    if (!mm_check_consistent(why_bad_, sizeof(why_bad_)))                   \
        fail_msg("inconsistent: %s", why_bad_);                             \
} while (0)

/* Is the descriptor pair one check_descriptor accepted (accessed set)? */
int mm_descriptor_checked(uint32_t lo, uint32_t hi);
#endif
