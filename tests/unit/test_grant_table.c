/*
 * Grant-table checks and bookkeeping (ABI 7): setup, map, unmap and the
 * release of a dying grantee's mappings, on fake domains:
 *
 *   domA  id 1   the granter in most tests
 *   domB  id 2   the grantee in most tests
 *   domC  id 3   a second granter / grantee
 *
 * The environment is faked: grant_frame_alloc() hands out pages of a
 * static pool (and can be told to fail), grant_pte_install() and
 * grant_pte_remove() record what they were asked (install can be told to
 * fail).  domain_by_id() looks in a small table the tests can edit.
 *
 * Expected values come from ABI 7 and the task's rules, not from the
 * code's output.
 */
// uses: hypervisor/common/grant_table.c hypervisor/lib/strlcpy.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/grant.h"
#include "hypervisor/include/domain.h"
#include "public/xen.h"

#define MISSING 9                       /* a domain id nobody has */
#define VA(n)   (0x40000000u + (uint32_t)(n) * 0x1000u)   /* host_addr */
#define FRAME(n) (0x5000u + (uint32_t)(n))                 /* granted MFNs */

/* ------------------------------------------------------------ domains */

#define NDOMS 4
static struct domain doms[NDOMS];           /* [3]: a later "new domA" */
static struct grant_table gts[NDOMS];
static struct domain *const domA = &doms[0];
static struct domain *const domB = &doms[1];
static struct domain *const domC = &doms[2];
static struct domain *const domA2 = &doms[3];
static struct domain *live[NDOMS];          /* what domain_by_id() sees */

struct domain *domain_by_id(domid_t id)
{
    for (int i = 0; i < NDOMS; i++)
        if (live[i] && live[i]->id == id)
            return live[i];
    return NULL;
}

/* ---------------------------------------------------- the environment */

#define POOL_PAGES 24
static grant_entry_t pool[POOL_PAGES][GRANT_PER_FRAME]
    __attribute__((aligned(4096)));
static int pool_used;
static int allocs;                          /* successful allocations */
static int allocs_left;                     /* < 0: unlimited */

int grant_frame_alloc(struct domain *d, uint32_t *mfn, grant_entry_t **va)
{
    (void)d;
    if (allocs_left == 0 || pool_used == POOL_PAGES)
        return -1;
    if (allocs_left > 0)
        allocs_left--;
    memset(pool[pool_used], 0, sizeof(pool[pool_used]));
    *va = pool[pool_used];
    *mfn = 0x100u + (uint32_t)pool_used;
    pool_used++;
    allocs++;
    return 0;
}

struct install {
    struct domain *ld, *rd;
    uint32_t addr, frame;
    int by_pte, readonly, user;
};
#define MAX_REC 1024
static struct install installs[MAX_REC];
static int nr_installs;
static int install_fails;                   /* make the next install fail */

int grant_pte_install(struct domain *ld, uint32_t addr, int by_pte,
                      uint32_t frame, struct domain *rd, int readonly,
                      int user)
{
    if (install_fails)
        return -1;
    if (nr_installs < MAX_REC)
        installs[nr_installs] = (struct install){
            .ld = ld, .rd = rd, .addr = addr, .frame = frame,
            .by_pte = by_pte, .readonly = readonly, .user = user };
    nr_installs++;
    return 0;
}

/* The hold a mapping keeps on its frame: counted, so tests can check it. */
static int frame_holds;

int grant_frame_hold(struct domain *rd, uint32_t frame)
{
    (void)rd;
    (void)frame;
    frame_holds++;
    return 0;
}

void grant_frame_release(uint32_t frame)
{
    (void)frame;
    frame_holds--;
}

struct removal {
    struct domain *ld;
    uint32_t addr, frame;
    int by_pte;
};
static struct removal removals[MAX_REC];
static int nr_removals;

int grant_pte_remove(struct domain *ld, uint32_t addr, int by_pte,
                     uint32_t frame)
{
    if (nr_removals < MAX_REC)
        removals[nr_removals] = (struct removal){
            .ld = ld, .addr = addr, .frame = frame, .by_pte = by_pte };
    nr_removals++;
    return 0;
}

/* ------------------------------------------------------------ fixture */

static void make_domain(struct domain *d, struct grant_table *gt, domid_t id)
{
    memset(d, 0, sizeof(*d));
    memset(gt, 0, sizeof(*gt));
    d->id = id;
    d->grant = gt;
}

/* Three live domains; domA has a 1-frame table, domC 2, domB none. */
static int setup(void **state)
{
    (void)state;
    pool_used = allocs = 0;
    allocs_left = -1;
    nr_installs = nr_removals = install_fails = 0;
    memset(live, 0, sizeof(live));
    make_domain(domA, &gts[0], 1);
    make_domain(domB, &gts[1], 2);
    make_domain(domC, &gts[2], 3);
    make_domain(domA2, &gts[3], 1);
    live[0] = domA;
    live[1] = domB;
    live[2] = domC;
    assert_int_equal(grant_setup(domA, 1), GNTST_okay);
    assert_int_equal(grant_setup(domC, 2), GNTST_okay);
    allocs = 0;
    return 0;
}

static grant_entry_t *entry(struct domain *d, grant_ref_t ref)
{
    assert_true(ref < d->grant->nr_frames * GRANT_PER_FRAME);
    return &d->grant->shared[ref / GRANT_PER_FRAME][ref % GRANT_PER_FRAME];
}

/* What the granter's guest writes to grant `ref` to `to`. */
static void grant(struct domain *d, grant_ref_t ref, struct domain *to,
                  uint32_t frame, uint16_t flags)
{
    grant_entry_t *e = entry(d, ref);
    e->domid = to->id;
    e->frame = frame;
    e->flags = flags;
}

static uint16_t flags_of(struct domain *d, grant_ref_t ref)
{
    return entry(d, ref)->flags;
}

static gnttab_map_grant_ref_t map(struct domain *ld, struct domain *rd,
                                  grant_ref_t ref, uint32_t flags,
                                  uint64_t host_addr)
{
    gnttab_map_grant_ref_t op;
    memset(&op, 0, sizeof(op));
    op.host_addr = host_addr;
    op.flags = flags;
    op.ref = ref;
    op.dom = rd ? rd->id : MISSING;
    op.status = 0x55;
    op.handle = 0xDEAD;
    grant_map(ld, &op);
    return op;
}

/* Map that must succeed; its handle. */
static grant_handle_t map_ok(struct domain *ld, struct domain *rd,
                             grant_ref_t ref, uint32_t flags, uint32_t va)
{
    gnttab_map_grant_ref_t op = map(ld, rd, ref, flags, va);
    assert_int_equal(op.status, GNTST_okay);
    return op.handle;
}

static int16_t unmap(struct domain *ld, grant_handle_t h, uint64_t host_addr)
{
    gnttab_unmap_grant_ref_t op;
    memset(&op, 0, sizeof(op));
    op.host_addr = host_addr;
    op.handle = h;
    op.status = 0x55;
    grant_unmap(ld, &op);
    return op.status;
}

static int mappings_held(struct domain *d)
{
    int n = 0;
    for (int h = 0; h < MAPTRACK_MAX; h++)
        n += d->grant->maptrack[h].in_use;
    return n;
}

#define RW (GNTMAP_host_map)
#define RO (GNTMAP_host_map | GNTMAP_readonly)
#define BUSY (GTF_reading | GTF_writing)

/* -------------------------------------------------------------- setup */

static void test_setup_more_than_four_frames_refused(void **state)
{
    (void)state;
    assert_int_equal(grant_setup(domB, GRANT_MAX_FRAMES + 1),
                     GNTST_general_error);
    assert_int_equal(domB->grant->nr_frames, 0);
    assert_int_equal(allocs, 0);
    assert_int_equal(grant_setup(domB, 4), GNTST_okay);
    assert_int_equal(grant_setup(domB, 5), GNTST_general_error);
    assert_int_equal(grant_setup(domB, 0xFFFFFFFFu), GNTST_general_error);
    assert_int_equal(domB->grant->nr_frames, 4);
}

static void test_setup_allocates_each_frame_once(void **state)
{
    (void)state;
    assert_int_equal(grant_setup(domB, 0), GNTST_okay);
    assert_int_equal(allocs, 0);
    assert_int_equal(grant_setup(domB, 1), GNTST_okay);
    assert_int_equal(allocs, 1);
    uint32_t first = domB->grant->shared_mfn[0];
    assert_int_equal(grant_setup(domB, 1), GNTST_okay);
    assert_int_equal(allocs, 1);
    assert_int_equal(grant_setup(domB, 3), GNTST_okay);
    assert_int_equal(allocs, 3);
    assert_int_equal(domB->grant->nr_frames, 3);
    /* Asking for fewer keeps what it has. */
    assert_int_equal(grant_setup(domB, 2), GNTST_okay);
    assert_int_equal(allocs, 3);
    assert_int_equal(domB->grant->nr_frames, 3);
    /* The first frame stays the same; all are distinct. */
    assert_int_equal(domB->grant->shared_mfn[0], first);
    assert_int_not_equal(domB->grant->shared_mfn[0], domB->grant->shared_mfn[1]);
    assert_int_not_equal(domB->grant->shared_mfn[1], domB->grant->shared_mfn[2]);
    assert_ptr_not_equal(domB->grant->shared[0], domB->grant->shared[1]);
}

static void test_setup_allocation_failure_general_error(void **state)
{
    (void)state;
    allocs_left = 1;
    assert_int_equal(grant_setup(domB, 3), GNTST_general_error);
    assert_int_equal(domB->grant->nr_frames, 1);    /* the frame it got */
    allocs_left = -1;
    assert_int_equal(grant_setup(domB, 3), GNTST_okay);
    assert_int_equal(allocs, 3);                    /* 1 + 2, none twice */
    assert_int_equal(domB->grant->nr_frames, 3);
}

/* ---------------------------------------------------------------- map */

static void test_map_missing_granter_bad_domain(void **state)
{
    (void)state;
    gnttab_map_grant_ref_t op = map(domB, NULL, 0, RW, VA(0));
    assert_int_equal(op.status, GNTST_bad_domain);
    assert_int_equal(nr_installs, 0);
}

static void test_map_dying_granter_bad_domain(void **state)
{
    (void)state;
    grant(domA, 0, domB, FRAME(0), GTF_permit_access);
    domA->is_dying = 1;
    assert_int_equal(map(domB, domA, 0, RW, VA(0)).status, GNTST_bad_domain);
    assert_int_equal(flags_of(domA, 0), GTF_permit_access);
    assert_int_equal(nr_installs, 0);
}

static void test_map_ref_outside_granter_table_bad_gntref(void **state)
{
    (void)state;
    /* domA's table has one frame: refs 0..511. */
    assert_int_equal(map(domB, domA, GRANT_PER_FRAME, RW, VA(0)).status,
                     GNTST_bad_gntref);
    assert_int_equal(map(domB, domA, 0xFFFFFFFFu, RW, VA(0)).status,
                     GNTST_bad_gntref);
    /* domB has no table at all. */
    assert_int_equal(map(domA, domB, 0, RW, VA(0)).status, GNTST_bad_gntref);
    assert_int_equal(nr_installs, 0);
}

static void test_map_last_ref_of_table_allowed(void **state)
{
    (void)state;
    grant(domA, GRANT_PER_FRAME - 1, domB, FRAME(1), GTF_permit_access);
    map_ok(domB, domA, GRANT_PER_FRAME - 1, RW, VA(0));
    assert_int_equal(grant_setup(domA, 4), GNTST_okay);
    grant(domA, GRANT_MAX_ENTRIES - 1, domB, FRAME(2), GTF_permit_access);
    map_ok(domB, domA, GRANT_MAX_ENTRIES - 1, RW, VA(1));
    assert_int_equal(installs[1].frame, FRAME(2));
}

static void test_map_entry_not_permit_access_denied(void **state)
{
    (void)state;
    grant(domA, 1, domB, FRAME(1), GTF_invalid);
    grant(domA, 2, domB, FRAME(2), GTF_accept_transfer);
    grant(domA, 3, domB, FRAME(3), GTF_type_mask);
    assert_int_equal(map(domB, domA, 1, RO, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(map(domB, domA, 2, RO, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(map(domB, domA, 3, RO, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(flags_of(domA, 1), GTF_invalid);
    assert_int_equal(flags_of(domA, 2), GTF_accept_transfer);
    assert_int_equal(nr_installs, 0);
}

static void test_map_entry_granted_to_other_domain_denied(void **state)
{
    (void)state;
    grant(domA, 4, domC, FRAME(4), GTF_permit_access);
    assert_int_equal(map(domB, domA, 4, RW, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(map(domB, domA, 4, RO, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(flags_of(domA, 4), GTF_permit_access);
    assert_int_equal(nr_installs, 0);
    map_ok(domC, domA, 4, RW, VA(0));
}

static void test_map_readonly_entry_writable_denied(void **state)
{
    (void)state;
    grant(domA, 5, domB, FRAME(5), GTF_permit_access | GTF_readonly);
    assert_int_equal(map(domB, domA, 5, RW, VA(0)).status,
                     GNTST_permission_denied);
    assert_int_equal(flags_of(domA, 5), GTF_permit_access | GTF_readonly);
    assert_int_equal(nr_installs, 0);
    assert_int_equal(mappings_held(domB), 0);
}

static void test_map_readonly_entry_readonly_allowed_sets_reading(
    void **state)
{
    (void)state;
    grant(domA, 5, domB, FRAME(5), GTF_permit_access | GTF_readonly);
    map_ok(domB, domA, 5, RO, VA(3));
    assert_int_equal(flags_of(domA, 5),
                     GTF_permit_access | GTF_readonly | GTF_reading);
    assert_int_equal(nr_installs, 1);
    assert_int_equal(installs[0].readonly, 1);
    assert_int_equal(installs[0].frame, FRAME(5));
}

static void test_map_without_host_map_refused(void **state)
{
    (void)state;
    grant(domA, 6, domB, FRAME(6), GTF_permit_access);
    assert_int_equal(map(domB, domA, 6, 0, VA(0)).status,
                     GNTST_general_error);
    assert_int_equal(map(domB, domA, 6, GNTMAP_device_map, VA(0)).status,
                     GNTST_general_error);
    assert_int_equal(map(domB, domA, 6, GNTMAP_readonly, VA(0)).status,
                     GNTST_general_error);
    assert_int_equal(flags_of(domA, 6), GTF_permit_access);
    assert_int_equal(nr_installs, 0);
    assert_int_equal(mappings_held(domB), 0);
}

static void test_map_install_failure_records_nothing(void **state)
{
    (void)state;
    grant(domA, 7, domB, FRAME(7), GTF_permit_access);
    install_fails = 1;
    gnttab_map_grant_ref_t op = map(domB, domA, 7, RW, VA(0));
    assert_int_equal(op.status, GNTST_general_error);
    assert_int_equal(flags_of(domA, 7), GTF_permit_access);
    assert_int_equal(domA->grant->active[7].readers, 0);
    assert_int_equal(domA->grant->active[7].writers, 0);
    assert_int_equal(mappings_held(domB), 0);
    /* Nothing left behind: the next map is the first and only mapping. */
    install_fails = 0;
    grant_handle_t h = map_ok(domB, domA, 7, RO, VA(0));
    assert_int_equal(flags_of(domA, 7), GTF_permit_access | GTF_reading);
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_okay);
    assert_int_equal(flags_of(domA, 7), GTF_permit_access);
}

static void test_map_host_addr_above_4g_refused(void **state)
{
    (void)state;
    grant(domA, 8, domB, FRAME(8), GTF_permit_access);
    gnttab_map_grant_ref_t op = map(domB, domA, 8, RW, 0x100000000ull + VA(0));
    assert_true(op.status < 0);
    assert_int_equal(nr_installs, 0);
    assert_int_equal(flags_of(domA, 8), GTF_permit_access);
    assert_int_equal(mappings_held(domB), 0);
}

static void test_map_writable_sets_reading_and_writing_returns_handle(
    void **state)
{
    (void)state;
    grant(domA, 9, domB, FRAME(9), GTF_permit_access);
    gnttab_map_grant_ref_t op = map(domB, domA, 9, RW, VA(4));
    assert_int_equal(op.status, GNTST_okay);
    assert_true(op.handle < MAPTRACK_MAX);
    assert_int_equal(flags_of(domA, 9), GTF_permit_access | BUSY);
    assert_int_equal(entry(domA, 9)->domid, domB->id);
    assert_int_equal(entry(domA, 9)->frame, FRAME(9));
    assert_int_equal(nr_installs, 1);
    assert_ptr_equal(installs[0].ld, domB);
    assert_ptr_equal(installs[0].rd, domA);
    assert_int_equal(installs[0].addr, VA(4));
    assert_int_equal(installs[0].frame, FRAME(9));
    assert_int_equal(installs[0].by_pte, 0);
    assert_int_equal(installs[0].readonly, 0);
    assert_int_equal(installs[0].user, 0);
    assert_int_equal(mappings_held(domB), 1);
}

static void test_map_passes_contains_pte_and_application_map(void **state)
{
    (void)state;
    grant(domA, 10, domB, FRAME(10), GTF_permit_access);
    uint32_t pte_maddr = 0x00123004u;
    grant_handle_t h = map_ok(domB, domA, 10,
        RW | GNTMAP_contains_pte | GNTMAP_application_map, pte_maddr);
    assert_int_equal(installs[0].addr, pte_maddr);
    assert_int_equal(installs[0].by_pte, 1);
    assert_int_equal(installs[0].user, 1);
    /* The unmap names the same PTE. */
    assert_int_equal(unmap(domB, h, pte_maddr), GNTST_okay);
    assert_int_equal(removals[0].by_pte, 1);
    assert_int_equal(removals[0].addr, pte_maddr);
}

static void test_map_handles_are_distinct(void **state)
{
    (void)state;
    grant(domA, 11, domB, FRAME(11), GTF_permit_access);
    grant(domA, 12, domB, FRAME(12), GTF_permit_access);
    grant_handle_t h1 = map_ok(domB, domA, 11, RW, VA(0));
    grant_handle_t h2 = map_ok(domB, domA, 12, RW, VA(1));
    grant_handle_t h3 = map_ok(domB, domA, 11, RO, VA(2));
    assert_int_not_equal(h1, h2);
    assert_int_not_equal(h1, h3);
    assert_int_not_equal(h2, h3);
}

static void test_map_without_free_handle_no_device_space(void **state)
{
    (void)state;
    grant(domA, 13, domB, FRAME(13), GTF_permit_access);
    for (int i = 0; i < MAPTRACK_MAX; i++)
        map_ok(domB, domA, 13, RO, VA(i));
    gnttab_map_grant_ref_t op = map(domB, domA, 13, RO, VA(MAPTRACK_MAX));
    assert_int_equal(op.status, GNTST_no_device_space);
    assert_int_equal(nr_installs, MAPTRACK_MAX);
    assert_int_equal(domA->grant->active[13].readers, MAPTRACK_MAX);
}

static void test_map_after_granter_changed_frame_in_use_refused(void **state)
{
    (void)state;
    grant(domA, 14, domB, FRAME(14), GTF_permit_access);
    map_ok(domB, domA, 14, RO, VA(0));
    entry(domA, 14)->frame = FRAME(15);     /* against the protocol */
    assert_int_equal(map(domB, domA, 14, RO, VA(1)).status,
                     GNTST_general_error);
    assert_int_equal(nr_installs, 1);
}

/* -------------------------------------------------------------- unmap */

static void test_unmap_unknown_handle_bad_handle(void **state)
{
    (void)state;
    assert_int_equal(unmap(domB, 0, VA(0)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, 7, VA(0)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, MAPTRACK_MAX, VA(0)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, 0xFFFFFFFFu, VA(0)), GNTST_bad_handle);
    assert_int_equal(nr_removals, 0);
}

static void test_unmap_twice_bad_handle(void **state)
{
    (void)state;
    grant(domA, 20, domB, FRAME(20), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 20, RW, VA(0));
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_okay);
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_bad_handle);
    assert_int_equal(nr_removals, 1);
}

static void test_unmap_by_other_domain_bad_handle(void **state)
{
    (void)state;
    grant(domA, 20, domB, FRAME(20), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 20, RW, VA(0));
    assert_int_equal(unmap(domC, h, VA(0)), GNTST_bad_handle);
    assert_int_equal(flags_of(domA, 20), GTF_permit_access | BUSY);
}

static void test_unmap_wrong_host_addr_bad_virt_addr(void **state)
{
    (void)state;
    grant(domA, 21, domB, FRAME(21), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 21, RW, VA(5));
    assert_int_equal(unmap(domB, h, VA(6)), GNTST_bad_virt_addr);
    assert_int_equal(nr_removals, 0);
    assert_int_equal(flags_of(domA, 21), GTF_permit_access | BUSY);
    /* The mapping is still there to unmap properly. */
    assert_int_equal(unmap(domB, h, VA(5)), GNTST_okay);
}

static void test_unmap_removes_pte_and_clears_in_use_flags(void **state)
{
    (void)state;
    grant(domA, 22, domB, FRAME(22), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 22, RW, VA(7));
    assert_int_equal(unmap(domB, h, VA(7)), GNTST_okay);
    assert_int_equal(nr_removals, 1);
    assert_ptr_equal(removals[0].ld, domB);
    assert_int_equal(removals[0].addr, VA(7));
    assert_int_equal(removals[0].frame, FRAME(22));
    assert_int_equal(removals[0].by_pte, 0);
    assert_int_equal(flags_of(domA, 22), GTF_permit_access);
    assert_int_equal(entry(domA, 22)->domid, domB->id);
    assert_int_equal(entry(domA, 22)->frame, FRAME(22));
    assert_int_equal(mappings_held(domB), 0);
}

static void test_unmap_keeps_granter_readonly_flag(void **state)
{
    (void)state;
    grant(domA, 23, domB, FRAME(23), GTF_permit_access | GTF_readonly);
    grant_handle_t h = map_ok(domB, domA, 23, RO, VA(0));
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_okay);
    assert_int_equal(flags_of(domA, 23), GTF_permit_access | GTF_readonly);
}

static void test_two_mappings_of_one_ref_keep_flags_until_both_unmapped(
    void **state)
{
    (void)state;
    grant(domA, 24, domB, FRAME(24), GTF_permit_access);
    grant_handle_t h1 = map_ok(domB, domA, 24, RW, VA(0));
    grant_handle_t h2 = map_ok(domB, domA, 24, RW, VA(1));
    assert_int_equal(unmap(domB, h1, VA(0)), GNTST_okay);
    assert_int_equal(flags_of(domA, 24), GTF_permit_access | BUSY);
    assert_int_equal(unmap(domB, h2, VA(1)), GNTST_okay);
    assert_int_equal(flags_of(domA, 24), GTF_permit_access);
}

static void test_writing_flag_goes_with_last_writable_mapping(void **state)
{
    (void)state;
    grant(domA, 25, domB, FRAME(25), GTF_permit_access);
    grant_handle_t rw = map_ok(domB, domA, 25, RW, VA(0));
    grant_handle_t ro = map_ok(domB, domA, 25, RO, VA(1));
    assert_int_equal(flags_of(domA, 25), GTF_permit_access | BUSY);
    assert_int_equal(unmap(domB, rw, VA(0)), GNTST_okay);
    assert_int_equal(flags_of(domA, 25), GTF_permit_access | GTF_reading);
    assert_int_equal(unmap(domB, ro, VA(1)), GNTST_okay);
    assert_int_equal(flags_of(domA, 25), GTF_permit_access);
}

static void test_freed_handle_is_reused(void **state)
{
    (void)state;
    grant(domA, 26, domB, FRAME(26), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 26, RW, VA(0));
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_okay);
    for (int i = 0; i < MAPTRACK_MAX; i++)
        map_ok(domB, domA, 26, RO, VA(i));
    assert_int_equal(mappings_held(domB), MAPTRACK_MAX);
}

/* ------------------------------------------------------------ release */

static void test_release_mappings_drops_everything_dying_grantee_held(
    void **state)
{
    (void)state;
    grant(domA, 30, domB, FRAME(30), GTF_permit_access);
    grant(domA, 31, domB, FRAME(31), GTF_permit_access | GTF_readonly);
    grant(domC, 600, domB, FRAME(32), GTF_permit_access);
    grant(domA, 32, domC, FRAME(33), GTF_permit_access);
    grant_handle_t h1 = map_ok(domB, domA, 30, RW, VA(0));
    grant_handle_t h2 = map_ok(domB, domA, 30, RO, VA(1));
    grant_handle_t h3 = map_ok(domB, domA, 31, RO, VA(2));
    grant_handle_t h4 = map_ok(domB, domC, 600, RW, VA(3));
    grant_handle_t hc = map_ok(domC, domA, 32, RW, VA(0));

    domB->is_dying = 1;
    grant_release_mappings(domB);
    assert_int_equal(mappings_held(domB), 0);
    assert_int_equal(flags_of(domA, 30), GTF_permit_access);
    assert_int_equal(flags_of(domA, 31), GTF_permit_access | GTF_readonly);
    assert_int_equal(flags_of(domC, 600), GTF_permit_access);
    assert_int_equal(domA->grant->active[30].readers, 0);
    assert_int_equal(domA->grant->active[30].writers, 0);
    /* Another grantee's mapping is untouched. */
    assert_int_equal(flags_of(domA, 32), GTF_permit_access | BUSY);
    assert_int_equal(mappings_held(domC), 1);
    /* The dead grantee's handles are gone. */
    assert_int_equal(unmap(domB, h1, VA(0)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, h2, VA(1)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, h3, VA(2)), GNTST_bad_handle);
    assert_int_equal(unmap(domB, h4, VA(3)), GNTST_bad_handle);
    assert_int_equal(unmap(domC, hc, VA(0)), GNTST_okay);
}

static void test_release_mappings_after_granter_gone(void **state)
{
    (void)state;
    grant(domA, 33, domB, FRAME(33), GTF_permit_access);
    map_ok(domB, domA, 33, RW, VA(0));
    live[0] = NULL;                         /* domA destroyed */
    grant_release_mappings(domB);
    assert_int_equal(mappings_held(domB), 0);
}

/*
 * A mapping names its granter by domain id.  If the granter dies and a
 * new domain gets the same id (domctl createdomain with an explicit id,
 * or the id rover wrapping), unmapping the old mapping must not change
 * the new domain's entry, which another grantee has mapped now.
 */
static void test_unmap_after_granter_id_reused_leaves_new_granter_alone(
    void **state)
{
    (void)state;
    grant(domA, 0, domB, FRAME(40), GTF_permit_access);
    grant_handle_t old = map_ok(domB, domA, 0, RW, VA(0));
    domA->is_dying = 1;                     /* domain_destroy(domA) */
    live[0] = NULL;
    live[3] = domA2;                        /* a new domain with id 1 */
    assert_int_equal(grant_setup(domA2, 1), GNTST_okay);
    grant(domA2, 0, domC, FRAME(41), GTF_permit_access);
    map_ok(domC, domA2, 0, RW, VA(0));
    assert_int_equal(unmap(domB, old, VA(0)), GNTST_okay);
    assert_int_equal(flags_of(domA2, 0), GTF_permit_access | BUSY);
    assert_int_equal(domA2->grant->active[0].writers, 1);
}

/*
 * domain_destroy gives the granter's table frames back to the heap at
 * once, while a grantee may still hold a mapping of one of its pages (a
 * back end's ring, until the back end sees the domain gone).  Unmapping
 * it afterwards, or releasing it when the grantee dies in turn, must not
 * write to the old table: by then the page may be another domain's.
 */
static void fill_table_as_reused(struct domain *d)
{
    for (unsigned int i = 0; i < d->grant->nr_frames; i++)
        memset(d->grant->shared[i], 0xFF, 4096);
}

static int table_untouched(struct domain *d)
{
    for (unsigned int i = 0; i < d->grant->nr_frames; i++) {
        const uint8_t *p = (const uint8_t *)d->grant->shared[i];
        for (int j = 0; j < 4096; j++)
            if (p[j] != 0xFF)
                return 0;
    }
    return 1;
}

static void test_unmap_after_granter_died_leaves_its_old_table_alone(
    void **state)
{
    (void)state;
    grant(domA, 5, domB, FRAME(5), GTF_permit_access);
    grant_handle_t h = map_ok(domB, domA, 5, RW, VA(0));
    domA->is_dying = 1;                     /* domain_destroy(domA) */
    live[0] = NULL;
    fill_table_as_reused(domA);
    int holds = frame_holds;
    assert_int_equal(unmap(domB, h, VA(0)), GNTST_okay);
    assert_true(table_untouched(domA));
    assert_int_equal(domA->grant->active[5].writers, 0);
    assert_int_equal(frame_holds, holds - 1);
    assert_int_equal(mappings_held(domB), 0);
}

static void test_release_after_granter_died_leaves_its_old_table_alone(
    void **state)
{
    (void)state;
    grant(domA, 6, domB, FRAME(6), GTF_permit_access | GTF_readonly);
    map_ok(domB, domA, 6, RO, VA(0));
    domA->is_dying = 1;
    live[0] = NULL;
    fill_table_as_reused(domA);
    domB->is_dying = 1;
    grant_release_mappings(domB);
    assert_true(table_untouched(domA));
    assert_int_equal(domA->grant->active[6].readers, 0);
    assert_int_equal(mappings_held(domB), 0);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_setup_more_than_four_frames_refused),
        T(test_setup_allocates_each_frame_once),
        T(test_setup_allocation_failure_general_error),
        T(test_map_missing_granter_bad_domain),
        T(test_map_dying_granter_bad_domain),
        T(test_map_ref_outside_granter_table_bad_gntref),
        T(test_map_last_ref_of_table_allowed),
        T(test_map_entry_not_permit_access_denied),
        T(test_map_entry_granted_to_other_domain_denied),
        T(test_map_readonly_entry_writable_denied),
        T(test_map_readonly_entry_readonly_allowed_sets_reading),
        T(test_map_without_host_map_refused),
        T(test_map_install_failure_records_nothing),
        T(test_map_host_addr_above_4g_refused),
        T(test_map_writable_sets_reading_and_writing_returns_handle),
        T(test_map_passes_contains_pte_and_application_map),
        T(test_map_handles_are_distinct),
        T(test_map_without_free_handle_no_device_space),
        T(test_map_after_granter_changed_frame_in_use_refused),
        T(test_unmap_unknown_handle_bad_handle),
        T(test_unmap_twice_bad_handle),
        T(test_unmap_by_other_domain_bad_handle),
        T(test_unmap_wrong_host_addr_bad_virt_addr),
        T(test_unmap_removes_pte_and_clears_in_use_flags),
        T(test_unmap_keeps_granter_readonly_flag),
        T(test_two_mappings_of_one_ref_keep_flags_until_both_unmapped),
        T(test_writing_flag_goes_with_last_writable_mapping),
        T(test_freed_handle_is_reused),
        T(test_release_mappings_drops_everything_dying_grantee_held),
        T(test_release_mappings_after_granter_gone),
        T(test_unmap_after_granter_id_reused_leaves_new_granter_alone),
        T(test_unmap_after_granter_died_leaves_its_old_table_alone),
        T(test_release_after_granter_died_leaves_its_old_table_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
