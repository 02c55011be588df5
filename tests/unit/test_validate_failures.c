/*
 * What the validator leaves behind when it refuses (hypervisor/mm/
 * validate.c: "Failing anywhere leaves every table and count as it was.
 * Every refusal says why through refuse()"):
 *
 *   - a whole-frame validation failing at entry k releases every
 *     reference it took for entries 0..k-1, nested L1 validations
 *     included, and changes no table word;
 *   - a refused update_l1e or update_l2e changes neither the entry nor
 *     any count nor the twin;
 *   - a failed twin allocation undoes an L2 validation;
 *   - the reason names the entry that failed and, through the nesting,
 *     the cause.
 */
// uses: hypervisor/mm/frame.c hypervisor/mm/validate.c hypervisor/mm/page_list.c hypervisor/mm/relinquish.c hypervisor/lib/strlcpy.c tests/unit/fake_mm_env.c tests/unit/mm_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/mm_fixture.h"

static void test_l1_validation_failure_releases_earlier_references(void **state)
{
    (void)state;
    pin_ok(L1A, FT_L1);
    fake_mem[L1C][0] = pte(DATA1, RW);
    fake_mem[L1C][1] = pte(DATA1, RW);
    fake_mem[L1C][2] = pte(DATA2, RO);
    fake_mem[L1C][3] = pte(L1A, RO);
    fake_mem[L1C][4] = pte(SHARED_FRAME, RW);
    fake_mem[L1C][5] = pte(L1C, RO);
    fake_mem[L1C][700] = pte(DATA3, RW);
    fake_mem[L1C][701] = pte(D2_DATA, RO);
    pin_refused(L1C, FT_L1);
    assert_why_mentions("not the domain's");
    assert_int_equal(frame_table[DATA1].type_count, 0);
    assert_int_equal(frame_table[DATA1].count, 1);
    assert_consistent();
}

/* The log names the entry that failed (style.md: say what was wrong). */
static void test_l1_validation_failure_reason_names_the_entry(void **state)
{
    (void)state;
    fake_mem[L1C][0] = pte(DATA1, RW);
    fake_mem[L1C][701] = pte(D2_DATA, RO);
    pin_refused(L1C, FT_L1);
    assert_why_mentions("entry 701");
    fake_mem[L1C][0] = pte(D2_DATA, RO);
    pin_refused(L1C, FT_L1);
    assert_why_mentions("entry 0:");
}

static void test_l2_validation_failure_releases_earlier_references(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L1A][1] = pte(L2X, RO);
    fake_mem[L1B][0] = pte(DATA2, RW);
    pin_ok(L1B, FT_L1);
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][1] = pte(L1A, RO);
    fake_mem[L2X][2] = pte(L1B, RW);
    fake_mem[L2X][3] = pte(L2X, RO);
    fake_mem[L2X][500] = pte(L1C, RW);
    fake_mem[L2X][501] = pte(D2_DATA, RW);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("not the domain's");
    assert_false(frame_table[L1A].flags & PGF_VALIDATED);
    assert_false(frame_table[L1C].flags & PGF_VALIDATED);
    assert_int_equal(frame_table[DATA1].type_count, 0);
    assert_int_equal(frame_table[L1B].type_count, 1);   /* the pin */
    assert_false(fake_twin_attached(L2X));
    assert_consistent();
}

static void test_l2_validation_failure_reason_names_the_entry(void **state)
{
    (void)state;
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][501] = pte(D2_DATA, RW);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("entry 501");
}

static void test_update_l2e_new_l1_failing_validation_changes_nothing(void **state)
{
    (void)state;
    pin_ok(L2X, FT_L2);
    l2_ok(L2X, 0, pte(L1A, RW));
    for (unsigned int i = 0; i < 7; i++)
        fake_mem[L1C][i] = pte(DATA1 + i % 3, i % 2 ? RW : RO);
    fake_mem[L1C][7] = pte(L2X, RW);
    l2_update_refused(L2X, 0, pte(L1C, RW));
    assert_why_mentions("writable");
    assert_int_equal(fake_mem[L2X][0], pte(L1A, RW));
    assert_false(frame_table[L1C].flags & PGF_VALIDATED);
    assert_true(fake_twin_matches(L2X));
    assert_consistent();
}

static void test_update_l1e_refused_changes_nothing(void **state)
{
    (void)state;
    pin_ok(L1B, FT_L1);
    l1_ok(L1B, 0, pte(DATA1, RW));
    /* Replacing a held mapping with a bad one drops nothing. */
    l1_update_refused(L1B, 0, pte(D2_DATA, RW), &d1);
    l1_update_refused(L1B, 0, pte(L1B, RW), &d1);
    l1_update_refused(L1B, 0, pte(DATA1, RW | PTE_G), &d1);
    assert_int_equal(fake_mem[L1B][0], pte(DATA1, RW));
    assert_int_equal(frame_table[DATA1].type_count, 1);
    assert_consistent();
}

static void test_l2_twin_attach_failure_releases_every_reference(void **state)
{
    (void)state;
    fake_mem[L1A][0] = pte(DATA1, RW);
    fake_mem[L2X][0] = pte(L1A, RW);
    fake_mem[L2X][1] = pte(L2X, RO);
    fake_twin_fail_next = 1;
    mm_snapshot_take(&snap);
    int rc = mm_pin(&d1, L2X, FT_L2);
    assert_int_equal(rc, -EINVAL);
    assert_why_mentions("memory");
    assert_false(fake_twin_attached(L2X));
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        assert_int_equal(frame_table[f].count, snap.pages[f].count);
        assert_int_equal(frame_table[f].type_count, snap.pages[f].type_count);
        assert_int_equal(frame_table[f].flags, snap.pages[f].flags);
    }
    for (unsigned int i = 0; i < HV_SLOT_FIRST; i++)
        assert_int_equal(fake_mem[L2X][i], snap.words[L2X][i]);
    assert_consistent();
    pin_ok(L2X, FT_L2);         /* with memory, it validates */
    assert_consistent();
}

/* "Failing anywhere leaves every table ... as it was" (validate.c). */
static void test_l2_twin_attach_failure_leaves_hypervisor_slots_unchanged(void **state)
{
    (void)state;
    for (unsigned int s = HV_SLOT_FIRST; s < 1024; s++)
        fake_mem[L2X][s] = 0x5A5A0000u | s;
    fake_twin_fail_next = 1;
    pin_refused(L2X, FT_L2);
}

/*
 * The reason for a refusal two levels down still names the cause: here
 * that frame X is a page directory, so its L1 may not map it writable.
 * mm_pin() words the refusal as mmu_ops.c's pin_table does, so this is
 * the text the hypervisor logs for a refused MMUEXT_PIN_L2_TABLE.
 */
static void test_nested_refusal_reason_names_the_cause(void **state)
{
    (void)state;
    fake_mem[L1A][3] = pte(L2X, RW);
    fake_mem[L2X][0] = pte(L1A, RW);
    pin_refused(L2X, FT_L2);
    assert_why_mentions("writable", "is an L2 page directory");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(test_l1_validation_failure_releases_earlier_references),
        T(test_l1_validation_failure_reason_names_the_entry),
        T(test_l2_validation_failure_releases_earlier_references),
        T(test_l2_validation_failure_reason_names_the_entry),
        T(test_update_l2e_new_l1_failing_validation_changes_nothing),
        T(test_update_l1e_refused_changes_nothing),
        T(test_l2_twin_attach_failure_releases_every_reference),
        T(test_l2_twin_attach_failure_leaves_hypervisor_slots_unchanged),
        T(test_nested_refusal_reason_names_the_cause),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
