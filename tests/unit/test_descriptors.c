/*
 * The descriptor check for guest GDT and LDT pages (validate.c
 * check_descriptor, ABI 5.5 with the departures in docs/design-notes.md):
 *
 *   - a not-present descriptor is accepted as it is;
 *   - a present one must be a code or data segment (no system segment, no
 *     gate, not even a call gate) with DPL 1-3;
 *   - the highest address it reaches, base + limit (limit in pages with
 *     G, up to 4 GB or 64 KB for expand-down), must be below 0xFC000000;
 *   - an accepted code or data descriptor gets its accessed bit set;
 *   - a page takes the descriptor type only if all 512 descriptors pass,
 *     and a refused page is left exactly as it was.
 *
 * Descriptors are built field by field with desc(); the expected outcome
 * of each case is worked out by hand in its comment.
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

/* Type field values (bits 11:8 of the high word). */
#define T_DATA_RO       0x0
#define T_DATA_RW       0x2
#define T_DATA_RW_A     0x3
#define T_DATA_RW_DOWN  0x6
#define T_CODE_X        0x8
#define T_CODE_XR       0xA
#define T_CODE_X_CONF   0xC
#define T_CODE_XR_CONF  0xE
#define T_CALL_GATE32   0xC     /* with S = 0 */

#define ACCESSED (1u << 8)

struct desc { uint32_t lo, hi; };

/*
 * A descriptor from its fields: base, 20-bit limit, type, S (code/data),
 * DPL, present, D/B (32-bit), G (limit in 4 KB pages).
 */
static struct desc desc(uint32_t base, uint32_t limit, unsigned int type,
                        int s, unsigned int dpl, int p, int db, int g)
{
    struct desc d;
    d.lo = (base << 16) | (limit & 0xFFFF);
    d.hi = (base & 0xFF000000u) | ((base >> 16) & 0xFF) | (limit & 0xF0000u) |
           (type << 8) | ((uint32_t)s << 12) | (dpl << 13) |
           ((uint32_t)p << 15) | ((uint32_t)db << 22) | ((uint32_t)g << 23);
    return d;
}

/* A present 32-bit code/data segment. */
static struct desc seg(uint32_t base, uint32_t limit, unsigned int type,
                       unsigned int dpl, int g)
{
    return desc(base, limit, type, 1, dpl, 1, 1, g);
}

/* d is accepted: only the accessed bit is added. */
static void desc_accepted(struct desc d)
{
    uint32_t lo = d.lo, hi = d.hi;
    int rc = check_descriptor(&lo, &hi);
    if (rc)
        fail_msg("descriptor %08x%08x refused: %s", d.hi, d.lo, mm_why());
    assert_int_equal(lo, d.lo);
    if (d.hi & (1u << 15))
        assert_int_equal(hi, d.hi | ACCESSED);
    else
        assert_int_equal(hi, d.hi);
}

/* d is refused with a reason mentioning `mention`, and left alone. */
static void desc_refused(struct desc d, const char *mention)
{
    uint32_t lo = d.lo, hi = d.hi;
    mm_why_clear();
    int rc = check_descriptor(&lo, &hi);
    if (rc != -EINVAL)
        fail_msg("descriptor %08x%08x: %d, expected -EINVAL", d.hi, d.lo, rc);
    assert_int_equal(lo, d.lo);
    assert_int_equal(hi, d.hi);
    assert_why_mentions(mention);
}

/* ================================================ single descriptors */

static void test_descriptor_builder_matches_xen_flat_ring1_cs(void **state)
{
    (void)state;
    struct desc d = seg(0, 0xFC3FF, T_CODE_XR, 1, 1);
    assert_int_equal(d.lo, 0x0000C3FFu);
    assert_int_equal(d.hi, 0x00CFBA00u);
}

static void test_descriptor_not_present_accepted_unchanged(void **state)
{
    (void)state;
    desc_accepted((struct desc){ 0, 0 });
    desc_accepted((struct desc){ 0xFFFFFFFFu, 0xFFFF7FFFu });
    desc_accepted(desc(0xFC000000u, 0xFFFFF, T_CALL_GATE32, 0, 0, 0, 1, 1));
    desc_accepted(desc(0, 0xFFFFF, T_CODE_XR, 1, 0, 0, 1, 1));
}

static void test_descriptor_dpl0_code_refused(void **state)
{
    (void)state;
    desc_refused(seg(0, 0xFBFFF, T_CODE_XR, 0, 1), "DPL 0");
}

static void test_descriptor_dpl0_data_refused(void **state)
{
    (void)state;
    desc_refused(seg(0, 0xFBFFF, T_DATA_RW, 0, 1), "DPL 0");
}

static void test_descriptor_call_gate_refused(void **state)
{
    (void)state;
    /* A 32-bit call gate to 0xE019:0x00101000, DPL 3. */
    struct desc g = { (0xE019u << 16) | 0x1000, 0x00100000u | 0xEC00 };
    desc_refused(g, "system segment or gate");
    desc_refused(desc(0, 0, T_CALL_GATE32, 0, 1, 1, 0, 0),
                 "system segment or gate");
}

static void test_descriptor_every_system_type_refused(void **state)
{
    (void)state;
    for (unsigned int type = 0; type < 16; type++)
        for (unsigned int dpl = 0; dpl < 4; dpl++)
            desc_refused(desc(0x1000, 0x67, type, 0, dpl, 1, 0, 0),
                         "system segment or gate");
}

/* base 0, 0xFBFFF pages: the last byte is 0xFBFFFFFF. */
static void test_descriptor_flat_code_below_hypervisor_accepted_with_accessed_bit(void **state)
{
    (void)state;
    for (unsigned int dpl = 1; dpl < 4; dpl++) {
        desc_accepted(seg(0, 0xFBFFF, T_CODE_XR, dpl, 1));
        desc_accepted(seg(0, 0xFBFFF, T_CODE_X, dpl, 1));
    }
}

static void test_descriptor_flat_data_below_hypervisor_accepted_with_accessed_bit(void **state)
{
    (void)state;
    for (unsigned int dpl = 1; dpl < 4; dpl++) {
        desc_accepted(seg(0, 0xFBFFF, T_DATA_RW, dpl, 1));
        desc_accepted(seg(0, 0xFBFFF, T_DATA_RO, dpl, 1));
        desc_accepted(seg(0, 0xFBFFF, T_DATA_RW_A, dpl, 1));
    }
}

/* Xen's own flat selectors reach 0xFC3FFFFF, which we refuse. */
static void test_descriptor_xen_flat_selectors_refused(void **state)
{
    (void)state;
    uint32_t his[] = { 0x00CFBA00u, 0x00CFB200u, 0x00CFFA00u, 0x00CFF200u };
    for (size_t k = 0; k < 4; k++)
        desc_refused((struct desc){ 0x0000C3FFu, his[k] }, "0xfc000000");
}

static void test_descriptor_byte_granular_reaching_hypervisor_refused(void **state)
{
    (void)state;
    /* 1 MB from 0xFBF00000: last byte 0xFBFFFFFF. */
    desc_accepted(seg(0xFBF00000u, 0xFFFFF, T_DATA_RW, 3, 0));
    /* One byte higher: last byte 0xFC000000. */
    desc_refused(seg(0xFBF00001u, 0xFFFFF, T_DATA_RW, 3, 0), "reaches");
    desc_accepted(seg(0xFBFFFFFFu, 0, T_CODE_XR, 1, 0));
    desc_refused(seg(0xFC000000u, 0, T_CODE_XR, 1, 0), "reaches");
    desc_refused(seg(0xFFFFFFFFu, 0, T_DATA_RW, 1, 0), "reaches");
}

static void test_descriptor_page_granular_reaching_hypervisor_refused(void **state)
{
    (void)state;
    /* 0xFC000 pages from 0: last byte 0xFC000FFF. */
    desc_refused(seg(0, 0xFC000, T_CODE_XR, 1, 1), "reaches");
    /* 0xFBFFF pages from 0x1000: last byte 0xFC000FFF. */
    desc_refused(seg(0x1000, 0xFBFFF, T_DATA_RW, 1, 1), "reaches");
    /* 0xFBFFE pages from 0x1000: last byte 0xFBFFFFFF. */
    desc_accepted(seg(0x1000, 0xFBFFE, T_DATA_RW, 1, 1));
    /* Base not page aligned: 0xFBFFF pages from 1 end at 0xFC000000. */
    desc_refused(seg(1, 0xFBFFF, T_DATA_RW, 1, 1), "reaches");
}

/* base + limit past 4 GB would wrap to low addresses: still refused. */
static void test_descriptor_base_plus_limit_wrapping_refused(void **state)
{
    (void)state;
    desc_refused(seg(0x10000000u, 0xFFFFF, T_DATA_RW, 3, 1), "reaches");
    desc_refused(seg(0xFFFFF000u, 0x2000, T_DATA_RW, 3, 0), "reaches");
    desc_refused(seg(0xFFFFFFFFu, 0xFFFFF, T_CODE_XR, 3, 1), "reaches");
}

/*
 * An expand-down segment spans limit+1 .. 0xFFFFFFFF (32-bit, B = 1) or
 * limit+1 .. 0xFFFF (16-bit): its last byte is base + 0xFFFFFFFF or base
 * + 0xFFFF, whatever the limit.
 */
static void test_descriptor_expand_down_reaching_hypervisor_refused(void **state)
{
    (void)state;
    desc_refused(seg(0, 0x10, T_DATA_RW_DOWN, 3, 1), "reaches");
    desc_refused(seg(0, 0xFFFFF, T_DATA_RW_DOWN, 3, 0), "reaches");
    desc_refused(seg(0x00100000u, 0x0, T_DATA_RW_DOWN, 1, 1), "reaches");
    /* 16-bit: 0xFBFF0000 + 0xFFFF = 0xFBFFFFFF is fine, +1 is not. */
    desc_accepted(desc(0xFBFF0000u, 0x0FFF, T_DATA_RW_DOWN, 1, 3, 1, 0, 0));
    desc_refused(desc(0xFBFF0001u, 0x0FFF, T_DATA_RW_DOWN, 1, 3, 1, 0, 0),
                 "reaches");
    /* The limit does not matter: a small one is no excuse. */
    desc_refused(desc(0xFBFF0001u, 0xFFFF, T_DATA_RW_DOWN, 1, 3, 1, 0, 0),
                 "reaches");
}

/* For code, type bit 2 means conforming, not expand-down. */
static void test_descriptor_conforming_code_is_not_expand_down(void **state)
{
    (void)state;
    desc_accepted(seg(0, 0xFBFFF, T_CODE_XR_CONF, 1, 1));
    desc_accepted(seg(0, 0xFBFFF, T_CODE_X_CONF, 3, 1));
    desc_refused(seg(0, 0xFC000, T_CODE_XR_CONF, 1, 1), "reaches");
}

/* ==================================================== descriptor pages */

/* Fill frame mfn with 512 descriptors: valid ones, some not present. */
static void fill_good_page(uint32_t mfn)
{
    for (unsigned int i = 0; i < 512; i++) {
        struct desc d;
        switch (i % 4) {
        case 0: d = seg(0, 0xFBFFF, T_CODE_XR, 1, 1); break;
        case 1: d = seg(0, 0xFBFFF, T_DATA_RW, 3, 1); break;
        case 2: d = (struct desc){ 0xDEADBEEFu, 0x12340000u }; break;
        default: d = seg(0x00400000u, 0xFFF, T_DATA_RO, 2, 0); break;
        }
        fake_mem[mfn][2 * i] = d.lo;
        fake_mem[mfn][2 * i + 1] = d.hi;
    }
}

static void test_descriptor_page_validation_sets_accessed_bits(void **state)
{
    (void)state;
    fill_good_page(DESCPG);
    uint32_t before[1024];
    memcpy(before, fake_mem[DESCPG], sizeof(before));
    assert_int_equal(mm_hold(DESCPG, &d1, FT_DESC), 0);
    assert_int_equal(frame_table[DESCPG].type, FT_DESC);
    assert_int_equal(frame_table[DESCPG].type_count, 1);
    assert_true(frame_table[DESCPG].flags & PGF_VALIDATED);
    for (unsigned int i = 0; i < 512; i++) {
        assert_int_equal(fake_mem[DESCPG][2 * i], before[2 * i]);
        uint32_t want = before[2 * i + 1];
        if (want & (1u << 15))
            want |= ACCESSED;
        assert_int_equal(fake_mem[DESCPG][2 * i + 1], want);
    }
    assert_consistent();
    mm_unhold(DESCPG);
    assert_int_equal(frame_table[DESCPG].type_count, 0);
    assert_int_equal(frame_table[DESCPG].count, 1);
    assert_consistent();
}

/* One bad descriptor anywhere, and the page stays as it was. */
static void test_descriptor_page_with_one_bad_descriptor_cannot_take_desc_type(void **state)
{
    (void)state;
    struct { unsigned int at; struct desc bad; const char *why; } cases[] = {
        { 0, seg(0, 0xFBFFF, T_CODE_XR, 0, 1), "DPL 0" },
        { 300, desc(0, 0, T_CALL_GATE32, 0, 3, 1, 0, 0), "gate" },
        { 511, seg(0, 0xFC3FF, T_DATA_RW, 1, 1), "reaches" },
    };
    for (size_t k = 0; k < 3; k++) {
        fill_good_page(DESCPG);
        fake_mem[DESCPG][2 * cases[k].at] = cases[k].bad.lo;
        fake_mem[DESCPG][2 * cases[k].at + 1] = cases[k].bad.hi;
        hold_refused(DESCPG, FT_DESC);
        assert_why_mentions(cases[k].why, "descriptor page");
        char entry[32];
        snprintf(entry, sizeof(entry), "entry %u:", cases[k].at);
        assert_why_mentions(entry);
        assert_false(frame_table[DESCPG].flags & PGF_VALIDATED);
    }
    assert_consistent();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(test_descriptor_builder_matches_xen_flat_ring1_cs),
        T(test_descriptor_not_present_accepted_unchanged),
        T(test_descriptor_dpl0_code_refused),
        T(test_descriptor_dpl0_data_refused),
        T(test_descriptor_call_gate_refused),
        T(test_descriptor_every_system_type_refused),
        T(test_descriptor_flat_code_below_hypervisor_accepted_with_accessed_bit),
        T(test_descriptor_flat_data_below_hypervisor_accepted_with_accessed_bit),
        T(test_descriptor_xen_flat_selectors_refused),
        T(test_descriptor_byte_granular_reaching_hypervisor_refused),
        T(test_descriptor_page_granular_reaching_hypervisor_refused),
        T(test_descriptor_base_plus_limit_wrapping_refused),
        T(test_descriptor_expand_down_reaching_hypervisor_refused),
        T(test_descriptor_conforming_code_is_not_expand_down),
        T(test_descriptor_page_validation_sets_accessed_bits),
        T(test_descriptor_page_with_one_bad_descriptor_cannot_take_desc_type),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
