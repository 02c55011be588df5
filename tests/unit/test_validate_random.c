/*
 * The validator under a long random workload.
 *
 * Two domains (d0 privileged, d1 not) own a pool of frames.  Each step
 * does one random thing a guest or dom0 could ask for: write a word of a
 * frame that is not a validated table (through a writable mapping, in
 * effect), pin or unpin an L1 or L2, take or drop a CR3 or GDT-page
 * reference, or update an entry of a validated L1 or L2 with a random
 * value, good or bad (other domains' frames, free, hypervisor and non-RAM
 * frames, frames past the end of RAM, PAT/PSE/global bits, writable maps
 * of tables, L2s naming L2s, the hypervisor slots).  Now and then the
 * next twin allocation fails.
 *
 * Before each step a small model of the rules (written from validate.c's
 * header comment and ABI 4.6, working on a copy of the frame types)
 * predicts whether the operation is accepted; the result must agree.  A
 * refused operation must change nothing.  After every step,
 * mm_check_consistent() recomputes every count from scratch and checks
 * that no validated table is mapped writable and every twin matches.  At
 * the end both domains are torn down and every frame must be free.
 *
 * Every failure message starts with the seed and step.  To replay one
 * seed: VALIDATE_SEED=<seed> build/unit/test_validate_random
 * (VALIDATE_STEPS=<n> changes the number of steps per seed,
 * VALIDATE_TWIN=<percent> how often twin allocation fails, default 3;
 * VALIDATE_VERBOSE=1 prints how often each kind of operation was
 * accepted).
 */
// uses: hypervisor/mm/frame.c hypervisor/mm/validate.c hypervisor/mm/page_list.c hypervisor/mm/relinquish.c hypervisor/lib/strlcpy.c tests/unit/fake_mm_env.c tests/unit/mm_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/mm_check.h"
#include "hypervisor/include/relinquish.h"

#define SEEDS 16
#define STEPS 2500

/* d0 (privileged) owns frames 1-12, d1 frames 13-28. */
#define FIRST_FRAME 1
#define LAST_FRAME 28
#define XEN_FRAME 40
#define SHARED_D0 41
#define SHARED_D1 42
#define NONRAM_FRAME 46

static struct domain d0, d1;
static struct mm_snapshot snap;

/* ----------------------------------------------------- randomness */

static uint64_t rng;
static unsigned int seed, step;
static char op[160];        /* what this step does, for failure messages */

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static uint32_t below(uint32_t n)
{
    return rnd() % n;
}

static int chance(unsigned int percent)
{
    return below(100) < percent;
}

#define FAIL(...) do {                                                      \
    char msg_[512];                                                         \
    snprintf(msg_, sizeof(msg_), __VA_ARGS__);                              \
    fail_msg("seed %u step %u (%s): %s", seed, step, op, msg_);             \
} while (0)

static struct domain *dom(int k)
{
    return k ? &d1 : &d0;
}

static uint32_t any_domain_frame(void)
{
    return FIRST_FRAME + below(LAST_FRAME - FIRST_FRAME + 1);
}

/* A frame number for an entry: mostly the domains', sometimes not. */
static uint32_t entry_frame(void)
{
    static const uint32_t odd[] = { 0, XEN_FRAME, SHARED_D0, SHARED_D1,
                                    NONRAM_FRAME, 33, 44, FAKE_FRAMES,
                                    FAKE_FRAMES + 1, 0xFFFFF };
    if (chance(85))
        return any_domain_frame();
    return odd[below(sizeof(odd) / sizeof(odd[0]))];
}

/* Random but plausible entry flags, now and then forbidden ones. */
static uint32_t entry_flags(void)
{
    uint32_t f = 0;
    if (chance(85)) f |= PTE_P;
    if (chance(50)) f |= PTE_RW;
    if (chance(50)) f |= PTE_US;
    if (chance(30)) f |= PTE_A;
    if (chance(20)) f |= PTE_D;
    if (chance(5)) f |= PTE_PCD;
    if (chance(4)) f |= PTE_PAT;
    if (chance(4)) f |= PTE_G;
    if (chance(10)) f |= PTE_AVAIL & rnd();
    return f;
}

static uint32_t random_entry(uint32_t self)
{
    if (chance(3))
        return rnd() << 8 ^ rnd();
    uint32_t mfn = chance(12) ? self : entry_frame();
    return pte(mfn, entry_flags());
}

/* An entry a well-behaved guest of frame f's owner might write. */
static uint32_t tidy_entry(uint32_t f)
{
    uint32_t m = f <= 12 && chance(70) ? FIRST_FRAME + below(12)
                                       : 13 + below(LAST_FRAME - 12);
    if (chance(10))
        m = f;
    uint32_t flags = PTE_P | PTE_US | PTE_A;
    if (chance(25))
        flags |= PTE_RW;
    return chance(15) ? 0 : pte(m, flags);
}

static unsigned int random_index(void)
{
    if (chance(80))
        return below(8);
    if (chance(50))
        return HV_SLOT_FIRST + below(16);
    return below(1024);
}

/* --------------------------------------------------------- the model */

/*
 * The model works on its own copy of every frame's type, type count and
 * validated bit; owners and flags other than those do not change within
 * one operation.  A nested failure fails the whole operation, so the
 * copy is simply thrown away.
 */
static struct {
    uint32_t type[FAKE_FRAMES], tc[FAKE_FRAMES];
    int valid[FAKE_FRAMES];
    int twin_fail;
} M;

static void model_load(void)
{
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        M.type[f] = frame_table[f].type;
        M.tc[f] = frame_table[f].type_count;
        M.valid[f] = !!(frame_table[f].flags & PGF_VALIDATED);
    }
    M.twin_fail = fake_twin_fail_next > 0;
}

static int is_ram(uint32_t mfn)
{
    return mfn < max_mfn && (frame_table[mfn].flags & PGF_RAM);
}

static int m_get_page(uint32_t mfn, const struct domain *d)
{
    return is_ram(mfn) && !(frame_table[mfn].flags & PGF_FREE) &&
           frame_table[mfn].owner == d &&
           (frame_table[mfn].flags & PGF_ALLOCATED);
}

static int m_validate(uint32_t mfn, uint32_t t);

static int m_get_type(uint32_t mfn, uint32_t t)
{
    if (M.tc[mfn] == 0 && M.type[mfn] != t) {
        if (M.type[mfn] == FT_XEN || M.type[mfn] == FT_XEN_SHARED)
            return 0;
        M.type[mfn] = t;
        M.valid[mfn] = 0;
    } else if (M.type[mfn] != t) {
        return 0;
    }
    M.tc[mfn]++;
    if (frame_type_is_table(t) && !M.valid[mfn]) {
        if (!m_validate(mfn, t))
            return 0;
        M.valid[mfn] = 1;
    }
    return 1;
}

/* A present L1 entry of a table owned by owner, new maps naming fd's. */
static int m_l1e(uint32_t e, const struct domain *owner,
                 const struct domain *fd)
{
    if (!(e & PTE_P))
        return 1;
    if (e & (PTE_PAT | PTE_G))
        return 0;
    uint32_t m = pte_mfn(e);
    if (!is_ram(m))
        return 0;
    const struct domain *target = fd;
    if (!target) {              /* a privileged domain's whole L1 */
        target = frame_table[m].owner;
        if (!target || (target != owner && !domain_is_privileged(owner)))
            return 0;
    }
    if (frame_table[m].type == FT_XEN_SHARED)
        return frame_table[m].owner == target;
    if (!m_get_page(m, target))
        return 0;
    return !(e & PTE_RW) || m_get_type(m, FT_WRITABLE);
}

static int m_l2e(uint32_t e, uint32_t l2)
{
    if (!(e & PTE_P))
        return 1;
    if (e & (PTE_PSE | PTE_G))
        return 0;
    uint32_t m = pte_mfn(e);
    if (m == l2)
        return !(e & PTE_RW);
    if (m < max_mfn && M.type[m] == FT_L2 && M.tc[m])
        return 0;
    return m_get_page(m, frame_table[l2].owner) && m_get_type(m, FT_L1);
}

/* ABI 5.5 as this hypervisor applies it (see test_descriptors.c). */
static int m_desc(uint32_t lo, uint32_t hi)
{
    if (!(hi & 0x8000))
        return 1;
    if (!(hi & 0x1000) || !(hi & 0x6000))
        return 0;
    uint64_t base = (lo >> 16) | ((hi & 0xFF) << 16) | (hi & 0xFF000000u);
    uint64_t limit = (lo & 0xFFFF) | (hi & 0xF0000);
    if (hi & (1u << 23))
        limit = (limit << 12) | 0xFFF;
    unsigned int type = (hi >> 8) & 0xF;
    if (!(type & 8) && (type & 4))
        limit = (hi & (1u << 22)) ? 0xFFFFFFFFu : 0xFFFF;
    return base + limit < 0xFC000000u;
}

static int m_validate(uint32_t mfn, uint32_t t)
{
    const uint32_t *w = fake_mem[mfn];
    const struct domain *owner = frame_table[mfn].owner;
    if (t == FT_L1) {
        const struct domain *fd = domain_is_privileged(owner) ? NULL : owner;
        for (unsigned int i = 0; i < 1024; i++)
            if (!m_l1e(w[i], owner, fd))
                return 0;
    } else if (t == FT_L2) {
        for (unsigned int i = 0; i < HV_SLOT_FIRST; i++)
            if (!m_l2e(w[i], mfn))
                return 0;
        if (M.twin_fail) {
            M.twin_fail = 0;
            return 0;
        }
    } else if (t == FT_DESC) {
        for (unsigned int i = 0; i < 1024; i += 2)
            if (!m_desc(w[i], w[i + 1]))
                return 0;
    }
    return 1;
}

static int same_refs(uint32_t old, uint32_t val)
{
    return ((old ^ val) & (PAGE_MASK | PTE_P | PTE_RW)) == 0;
}

/* ------------------------------------------------------ operations */

#define MAX_HOLDS 64
static struct { uint32_t mfn; } holds[MAX_HOLDS];
static unsigned int nr_holds;

/* A random frame that is validated as t, or INVALID_MFN. */
static uint32_t random_validated(uint32_t t)
{
    uint32_t found[FAKE_FRAMES], n = 0;
    for (uint32_t f = 0; f < FAKE_FRAMES; f++)
        if ((frame_table[f].flags & PGF_VALIDATED) && frame_table[f].type == t)
            found[n++] = f;
    return n ? found[below(n)] : INVALID_MFN;
}

/* How each kind of operation fared, for VALIDATE_VERBOSE=1. */
enum { OP_PIN, OP_UNPIN, OP_HOLD, OP_L1E, OP_L2E, NR_OPS };
static const char *const op_names[NR_OPS] = {
    "pin", "unpin", "hold", "update_l1e", "update_l2e",
};
static unsigned int op_kind, accepted[NR_OPS], refused[NR_OPS];

/* The result agrees with the model; a refusal changed nothing. */
static void judge(int predicted_ok, int rc)
{
    if (rc)
        refused[op_kind]++;
    else
        accepted[op_kind]++;
    if (predicted_ok && rc != 0)
        FAIL("refused, the model expected it accepted: %s", mm_why());
    if (!predicted_ok && rc == 0)
        FAIL("accepted, the model expected a refusal");
    if (rc != 0) {
        char why[256];
        if (rc != -EINVAL)
            FAIL("returned %d, not -EINVAL", rc);
        if (!mm_why()[0])
            FAIL("refused without a reason");
        if (!mm_snapshot_same(&snap, why, sizeof(why)))
            FAIL("refused (%s) but changed: %s", mm_why(), why);
    }
}

/* Take a snapshot only where it will be needed: a predicted refusal. */
static void prepare(int predicted_ok)
{
    if (!predicted_ok)
        mm_snapshot_take(&snap);
    mm_why_clear();
}

static void do_guest_write(void)
{
    uint32_t f = any_domain_frame();
    if (frame_table[f].flags & PGF_VALIDATED)
        return;                 /* a validated table is never writable */
    unsigned int idx = random_index();
    uint32_t val = chance(70) ? tidy_entry(f) : random_entry(f);
    snprintf(op, sizeof(op), "write frame %#x word %u = %08x", f, idx, val);
    fake_mem[f][idx] = val;
}

static void do_pin(void)
{
    uint32_t f = chance(95) ? any_domain_frame() : entry_frame();
    uint32_t t = chance(50) ? FT_L1 : FT_L2;
    struct domain *fd = dom(chance(80) ? (f > 12) : (int)below(2));
    snprintf(op, sizeof(op), "pin %#x as %s, fd %u", f, frame_type_name(t),
             fd->id);
    model_load();
    int ok = !(f < max_mfn && (frame_table[f].flags & PGF_PINNED) &&
               frame_table[f].owner == fd) &&
             m_get_page(f, fd) && m_get_type(f, t);
    prepare(ok);
    judge(ok, mm_pin(fd, f, t));
}

static void do_unpin(void)
{
    uint32_t f = any_domain_frame();
    for (unsigned int tries = 0; tries < 20 && chance(90) &&
                                 !(frame_table[f].flags & PGF_PINNED); tries++)
        f = any_domain_frame();
    struct domain *d = chance(90) ? frame_table[f].owner : dom(below(2));
    if (!d)
        return;
    snprintf(op, sizeof(op), "unpin %#x by %u", f, d->id);
    int ok = frame_table[f].owner == d && (frame_table[f].flags & PGF_PINNED);
    prepare(ok);
    judge(ok, mm_unpin(d, f));
}

static void do_hold(void)
{
    if (nr_holds == MAX_HOLDS)
        return;
    uint32_t f = any_domain_frame();
    uint32_t t = chance(60) ? FT_L2 : FT_DESC;
    struct domain *d = dom(chance(90) ? (f > 12) : (int)below(2));
    snprintf(op, sizeof(op), "hold %#x as %s for %u", f, frame_type_name(t),
             d->id);
    model_load();
    int ok = m_get_page(f, d) && m_get_type(f, t);
    prepare(ok);
    int rc = mm_hold(f, d, t);
    judge(ok, rc);
    if (rc == 0)
        holds[nr_holds++].mfn = f;
}

static void do_unhold(void)
{
    if (!nr_holds)
        return;
    unsigned int k = below(nr_holds);
    snprintf(op, sizeof(op), "drop hold on %#x", holds[k].mfn);
    mm_unhold(holds[k].mfn);
    holds[k] = holds[--nr_holds];
}

static void do_update_l1e(void)
{
    uint32_t l1 = random_validated(FT_L1);
    if (l1 == INVALID_MFN)
        return;
    const struct domain *owner = frame_table[l1].owner;
    const struct domain *fd = owner;
    if (domain_is_privileged(owner) && chance(40))
        fd = &d1;
    unsigned int idx = chance(90) ? below(8) : below(1024);
    uint32_t old = fake_mem[l1][idx], val = random_entry(l1);
    snprintf(op, sizeof(op), "update_l1e(%#x, %u, %08x -> %08x, fd %u)", l1,
             idx, old, val, fd->id);
    model_load();
    int ok = (val & PTE_P) && same_refs(old, val)
                 ? !(val & (PTE_PAT | PTE_G))
                 : m_l1e(val, owner, fd);
    prepare(ok);
    unsigned int flushes = fake_tlb_flushes;
    int rc = update_l1e(l1, idx, val, fd);
    judge(ok, rc);
    if (rc == 0) {
        if (fake_mem[l1][idx] != val)
            FAIL("entry is %08x, not %08x", fake_mem[l1][idx], val);
        int weakened = (old & PTE_P) &&
                       (!(val & PTE_P) || pte_mfn(old) != pte_mfn(val) ||
                        ((old & PTE_RW) && !(val & PTE_RW)));
        if (weakened && fake_tlb_flushes == flushes)
            FAIL("mapping removed or downgraded without a TLB flush");
    }
}

static void do_update_l2e(void)
{
    uint32_t l2 = random_validated(FT_L2);
    if (l2 == INVALID_MFN)
        return;
    unsigned int idx = random_index();
    uint32_t old = fake_mem[l2][idx], val = random_entry(l2);
    if (chance(10)) {           /* another validated L2 */
        uint32_t other = random_validated(FT_L2);
        if (other != INVALID_MFN)
            val = pte(other, entry_flags());
    }
    snprintf(op, sizeof(op), "update_l2e(%#x, %u, %08x -> %08x)", l2, idx,
             old, val);
    model_load();
    int ok;
    if (idx >= HV_SLOT_FIRST)
        ok = 0;
    else if ((val & PTE_P) && same_refs(old, val))
        ok = !(val & (PTE_PSE | PTE_G));
    else
        ok = m_l2e(val, l2);
    prepare(ok);
    unsigned int flushes = fake_tlb_flushes;
    int rc = update_l2e(l2, idx, val);
    judge(ok, rc);
    if (rc == 0) {
        if (fake_mem[l2][idx] != val)
            FAIL("entry is %08x, not %08x", fake_mem[l2][idx], val);
        int weakened = (old & PTE_P) &&
                       (!(val & PTE_P) || pte_mfn(old) != pte_mfn(val) ||
                        ((old & PTE_RW) && !(val & PTE_RW)));
        if (weakened && fake_tlb_flushes == flushes)
            FAIL("L2 entry removed or downgraded without a TLB flush");
    }
}

static unsigned int env_twin = 3;
static void random_step(void)
{
    op[0] = 0;
    if (chance(env_twin))
        fake_twin_fail_next = 1;
    uint32_t r = below(100);
    if (r < 22) {
        do_guest_write();
    } else if (r < 36) {
        op_kind = OP_PIN;
        do_pin();
    } else if (r < 44) {
        op_kind = OP_UNPIN;
        do_unpin();
    } else if (r < 49) {
        op_kind = OP_HOLD;
        do_hold();
    } else if (r < 54) {
        do_unhold();
    } else if (r < 78) {
        op_kind = OP_L1E;
        do_update_l1e();
    } else {
        op_kind = OP_L2E;
        do_update_l2e();
    }
    fake_twin_fail_next = 0;
    char why[512];
    if (!mm_check_consistent(why, sizeof(why)))
        FAIL("%s", why);
}

/* ------------------------------------------------------------ runs */

static void start_world(void)
{
    fake_reset();
    mm_check_reset();
    fake_domain_init(&d0, 0, 1);
    fake_domain_init(&d1, 1, 0);
    mm_check_domain(&d0);
    mm_check_domain(&d1);
    for (uint32_t f = FIRST_FRAME; f <= LAST_FRAME; f++)
        fake_alloc(f <= 12 ? &d0 : &d1, f);
    fake_make_xen(XEN_FRAME);
    fake_make_shared(&d0, SHARED_D0);
    fake_make_shared(&d1, SHARED_D1);
    fake_make_nonram(NONRAM_FRAME);
    nr_holds = 0;
}

/* Drop what the vCPUs hold, tear both domains down: all frames free. */
static void end_world(void)
{
    step = ~0u;
    snprintf(op, sizeof(op), "teardown");
    while (nr_holds)
        mm_unhold(holds[--nr_holds].mfn);
    domain_relinquish_frames(&d1);
    domain_relinquish_frames(&d0);
    char why[512];
    if (!mm_check_consistent(why, sizeof(why)))
        FAIL("%s", why);
    if (d0.tot_pages || d1.tot_pages)
        FAIL("after teardown d0 has %u frames, d1 %u", d0.tot_pages,
             d1.tot_pages);
    for (uint32_t f = FIRST_FRAME; f <= LAST_FRAME; f++)
        if (frame_table[f].flags != (PGF_RAM | PGF_FREE))
            FAIL("frame %#x not freed: flags %#x count %u", f,
                 frame_table[f].flags, frame_table[f].count);
    if (frame_table[SHARED_D0].count != 1 || frame_table[SHARED_D1].count != 1)
        FAIL("shared pages keep %u and %u references",
             frame_table[SHARED_D0].count, frame_table[SHARED_D1].count);
}

static unsigned int env_number(const char *name, unsigned int dflt)
{
    const char *s = getenv(name);
    return s && *s ? (unsigned int)strtoul(s, NULL, 0) : dflt;
}

static void run_seed(unsigned int s, unsigned int steps, unsigned int *stats)
{
    seed = s;
    rng = 0x9E3779B97F4A7C15ull * (s + 1);
    start_world();
    for (step = 0; step < steps; step++) {
        random_step();
        for (uint32_t f = 0; f < FAKE_FRAMES; f++)
            if (frame_table[f].flags & PGF_VALIDATED)
                stats[frame_table[f].type]++;
    }
    end_world();
}

static void test_random_operations_keep_counts_and_rules(void **state)
{
    (void)state;
    unsigned int stats[8] = { 0 };
    unsigned int steps = env_number("VALIDATE_STEPS", STEPS);
    unsigned int one = env_number("VALIDATE_SEED", 0);
    env_twin = env_number("VALIDATE_TWIN", 3);
    if (one) {
        run_seed(one, steps, stats);
    } else {
        for (unsigned int s = 1; s <= SEEDS; s++)
            run_seed(s, steps, stats);
    }
    if (env_number("VALIDATE_VERBOSE", 0)) {
        for (unsigned int k = 0; k < NR_OPS; k++)
            printf("# %-10s accepted %6u refused %6u\n", op_names[k],
                   accepted[k], refused[k]);
        printf("# frame-steps validated: L1 %u, L2 %u, desc %u\n",
               stats[FT_L1], stats[FT_L2], stats[FT_DESC]);
    }
    if (one)
        return;
    /* The workload must reach the interesting states, not just refuse. */
    for (unsigned int k = 0; k < NR_OPS; k++)
        assert_true(accepted[k] > 100 && refused[k] > 100);
    assert_true(stats[FT_L1] > 1000);
    assert_true(stats[FT_L2] > 1000);
    assert_true(stats[FT_DESC] > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_operations_keep_counts_and_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
