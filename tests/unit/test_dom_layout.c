/*
 * The bootstrap layout of a new domain (ABI 11.4), for dom0 and domU.
 *
 * Every expected address below was worked out by hand from the ABI text,
 * not taken from the code's output.  The rules, in short:
 *   v_start  = VIRT_BASE (dom0: rounded down to 4 MB)
 *   kernel up to round_up(kern_end), then initrd (round_up(len)), then
 *   the P2M (round_up(nr_pages * 4)), start_info (1 page), domU only:
 *   store and console (1 page each), then nr_pt page tables, then the
 *   stack (1 page);
 *   v_end = round_up(stack end, 4 MB), + 4 MB if that leaves < 512 KB;
 *   nr_pt = the smallest count >= 2 with nr_pt >= 1 + number of 4 MB
 *   regions [v_start, v_end) touches;
 *   nr_pages >= (v_end - v_start) / 4096; v_end <= 0xFC000000.
 */
// uses: hypervisor/common/dom_layout.c hypervisor/lib/strlcpy.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/guest_image.h"
#include "hypervisor/include/dom_layout.h"

#define DOM0 1
#define DOMU 0

static char err[256];

static struct guest_params params(uint32_t virt_base, uint32_t kern_start,
                                  uint32_t kern_end)
{
    struct guest_params gp;
    memset(&gp, 0, sizeof(gp));
    gp.from_notes = 1;
    gp.virt_base = virt_base;
    gp.kern_start = kern_start;
    gp.kern_end = kern_end;
    gp.entry = kern_start;
    return gp;
}

static int compute(const struct guest_params *gp, uint32_t nr_pages,
                   uint32_t initrd_len, int is_dom0, struct dom_layout *l)
{
    memset(err, 0, sizeof(err));
    return dom_layout_compute(gp, nr_pages, initrd_len, is_dom0, l, err,
                              sizeof(err));
}

#define assert_computed(gp, nr, initrd, dom0, l) do {                       \
    if (compute((gp), (nr), (initrd), (dom0), (l)) != 0)                    \
        fail_msg("layout refused: %s", err);                                \
} while (0)

#define assert_refused(gp, nr, initrd, dom0, word) do {                     \
    struct dom_layout l_;                                                   \
    assert_int_equal(compute((gp), (nr), (initrd), (dom0), &l_), -1);       \
    assert_true(err[0] != 0);                                               \
    if (!strstr(err, (word)))                                               \
        fail_msg("error \"%s\" does not mention \"%s\"", err, (word));      \
} while (0)

/* The invariants every layout keeps, whatever the numbers. */
static void assert_consistent(const struct dom_layout *l)
{
    assert_int_equal(l->v_stack, l->v_pt + l->nr_pt_frames * 4096);
    assert_int_equal(l->v_end % (4u << 20), 0);
    assert_true(l->v_end - (l->v_stack + 4096) >= (512u << 10));
    assert_int_equal(l->bootstrap_pages, (l->v_end - l->v_start) / 4096);
    /* 1 + the 4 MB regions [v_start, v_end) touches. */
    assert_int_equal(l->nr_pt_frames,
                     1 + (l->v_end >> 22) - (l->v_start >> 22));
}

/*
 * dom0, VIRT_BASE 0xC0000000, kernel 0xC0000000-0xC000A000, 64 MB:
 *   P2M 16384 * 4 = 0x10000      0xC000A000-0xC001A000
 *   start_info                   0xC001A000
 *   page tables (2)              0xC001B000-0xC001D000
 *   stack                        0xC001D000-0xC001E000
 *   v_end: round_up(0xC001E000, 4 MB) = 0xC0400000, slack 0x3E2000
 *   one 4 MB region -> 2 frames; bootstrap 0x400000 / 4096 = 1024 pages
 */
static void test_dom0_linux_like_layout(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0000000, 0xC0000000, 0xC000A000);
    struct dom_layout l;
    assert_computed(&gp, 16384, 0, DOM0, &l);
    assert_int_equal(l.v_start, 0xC0000000);
    assert_int_equal(l.v_kern_end, 0xC000A000);
    assert_int_equal(l.v_initrd, 0);
    assert_int_equal(l.initrd_len, 0);
    assert_int_equal(l.v_p2m, 0xC000A000);
    assert_int_equal(l.v_start_info, 0xC001A000);
    assert_int_equal(l.v_store, 0);
    assert_int_equal(l.v_console, 0);
    assert_int_equal(l.v_pt, 0xC001B000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0xC001D000);
    assert_int_equal(l.v_end, 0xC0400000);
    assert_int_equal(l.nr_pages, 16384);
    assert_int_equal(l.bootstrap_pages, 1024);
    assert_int_equal(layout_pfn(&l, l.v_start_info), 0x1A);
    assert_consistent(&l);
}

/*
 * Mini-OS-like domU, VIRT_BASE 0, kernel 0-0x20000, 16 MB (4096 pages):
 *   P2M 4096 * 4 = 0x4000        0x20000-0x24000
 *   start_info 0x24000, store 0x25000, console 0x26000
 *   page tables (2)              0x27000-0x29000
 *   stack                        0x29000-0x2A000
 *   v_end 0x400000; nr_pt_frames = 1 + v_end / 4 MB = 2
 */
static void test_domu_mini_os_like_layout(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x20000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOMU, &l);
    assert_int_equal(l.v_start, 0);
    assert_int_equal(l.v_kern_end, 0x20000);
    assert_int_equal(l.v_p2m, 0x20000);
    assert_int_equal(l.v_start_info, 0x24000);
    assert_int_equal(l.v_store, 0x25000);
    assert_int_equal(l.v_console, 0x26000);
    assert_int_equal(l.v_pt, 0x27000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0x29000);
    assert_int_equal(l.v_end, 0x400000);
    assert_int_equal(l.nr_pt_frames, 1 + l.v_end / (4u << 20));
    assert_int_equal(l.bootstrap_pages, 1024);
    assert_consistent(&l);
}

/*
 * VIRT_BASE 0xC0100000, kernel 0xC0100000-0xC0200000, 32 MB (8192 pages,
 * P2M 0x8000).  dom0 rounds v_start down to 0xC0000000:
 *   P2M 0xC0200000, start_info 0xC0208000, tables 0xC0209000 (2),
 *   stack 0xC020B000, v_end 0xC0400000, 1024 pages.
 */
static void test_dom0_v_start_rounded_down_to_4mb(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0100000, 0xC0100000, 0xC0200000);
    struct dom_layout l;
    assert_computed(&gp, 8192, 0, DOM0, &l);
    assert_int_equal(l.v_start, 0xC0000000);
    assert_int_equal(l.v_p2m, 0xC0200000);
    assert_int_equal(l.v_start_info, 0xC0208000);
    assert_int_equal(l.v_pt, 0xC0209000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0xC020B000);
    assert_int_equal(l.v_end, 0xC0400000);
    assert_int_equal(l.bootstrap_pages, 1024);
    /* PFN 0 is at v_start, so the kernel starts at PFN 0x100. */
    assert_int_equal(layout_pfn(&l, gp.kern_start), 0x100);
    assert_consistent(&l);
}

/*
 * The same image as a domU keeps v_start = 0xC0100000:
 *   P2M 0xC0200000, start_info 0xC0208000, store 0xC0209000,
 *   console 0xC020A000, tables 0xC020B000 (2), stack 0xC020D000,
 *   v_end 0xC0400000, (0xC0400000 - 0xC0100000) / 4096 = 768 pages.
 */
static void test_domu_v_start_not_rounded(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0100000, 0xC0100000, 0xC0200000);
    struct dom_layout l;
    assert_computed(&gp, 8192, 0, DOMU, &l);
    assert_int_equal(l.v_start, 0xC0100000);
    assert_int_equal(l.v_p2m, 0xC0200000);
    assert_int_equal(l.v_start_info, 0xC0208000);
    assert_int_equal(l.v_store, 0xC0209000);
    assert_int_equal(l.v_console, 0xC020A000);
    assert_int_equal(l.v_pt, 0xC020B000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0xC020D000);
    assert_int_equal(l.v_end, 0xC0400000);
    assert_int_equal(l.bootstrap_pages, 768);
    assert_int_equal(layout_pfn(&l, gp.kern_start), 0);
    assert_consistent(&l);
}

/*
 * domU, VIRT_BASE 0, kernel ending at 0x21234 (not page aligned), initrd
 * of 0x12345 bytes, 4096 pages:
 *   kernel end rounded 0x22000 = initrd start; 0x22000 + 0x12345 =
 *   0x34345 -> P2M 0x35000-0x39000, start_info 0x39000, store 0x3A000,
 *   console 0x3B000, tables 0x3C000 (2), stack 0x3E000, v_end 0x400000.
 */
static void test_initrd_placed_after_kernel_page_aligned(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x21234);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0x12345, DOMU, &l);
    assert_int_equal(l.v_kern_end, 0x22000);
    assert_int_equal(l.v_initrd, 0x22000);
    assert_int_equal(l.initrd_len, 0x12345);
    assert_int_equal(l.v_p2m, 0x35000);
    assert_int_equal(l.v_start_info, 0x39000);
    assert_int_equal(l.v_store, 0x3A000);
    assert_int_equal(l.v_console, 0x3B000);
    assert_int_equal(l.v_pt, 0x3C000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0x3E000);
    assert_int_equal(l.v_end, 0x400000);
    assert_consistent(&l);
}

/*
 * dom0, kernel 0xC0000000-0xC0300000, 2 MB initrd, 128 MB (32768 pages,
 * P2M 0x20000):
 *   initrd 0xC0300000-0xC0500000, P2M 0xC0500000-0xC0520000,
 *   start_info 0xC0520000, tables from 0xC0521000.
 *   With 2 tables the stack ends at 0xC0524000 -> v_end 0xC0800000, two
 *   4 MB regions -> 3 tables needed; with 3 the stack is 0xC0524000-
 *   0xC0525000 and v_end stays 0xC0800000 (2048 pages).
 */
static void test_dom0_initrd_pushes_area_past_4mb(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0000000, 0xC0000000, 0xC0300000);
    struct dom_layout l;
    assert_computed(&gp, 32768, 0x200000, DOM0, &l);
    assert_int_equal(l.v_initrd, 0xC0300000);
    assert_int_equal(l.initrd_len, 0x200000);
    assert_int_equal(l.v_p2m, 0xC0500000);
    assert_int_equal(l.v_start_info, 0xC0520000);
    assert_int_equal(l.v_pt, 0xC0521000);
    assert_int_equal(l.nr_pt_frames, 3);
    assert_int_equal(l.v_stack, 0xC0524000);
    assert_int_equal(l.v_end, 0xC0800000);
    assert_int_equal(l.bootstrap_pages, 2048);
    assert_consistent(&l);
}

/*
 * P2M of 1025 entries = 4100 bytes: two pages.  Mini-OS-like kernel:
 * P2M 0x20000-0x22000, start_info 0x22000.
 */
static void test_p2m_rounded_up_to_whole_pages(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x20000);
    struct dom_layout l;
    assert_computed(&gp, 1025, 0, DOMU, &l);
    assert_int_equal(l.v_p2m, 0x20000);
    assert_int_equal(l.v_start_info, 0x22000);
    assert_consistent(&l);
}

/*
 * The 512 KB slack rule.  domU, VIRT_BASE 0, 4096 pages (P2M 4 pages),
 * kernel 0-0x3B0000:
 *   P2M 0x3B0000, start_info 0x3B4000, store 0x3B5000, console 0x3B6000,
 *   tables from 0x3B7000.
 *   2 tables: stack ends 0x3BA000, 0x46000 (280 KB) below 4 MB: under
 *   512 KB, so v_end = 8 MB, two regions -> 3 tables needed.
 *   3 tables: stack 0x3BA000-0x3BB000, v_end 0x800000.
 */
static void test_slack_under_512k_adds_4mb(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x3B0000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOMU, &l);
    assert_int_equal(l.v_pt, 0x3B7000);
    assert_int_equal(l.nr_pt_frames, 3);
    assert_int_equal(l.v_stack, 0x3BA000);
    assert_int_equal(l.v_end, 0x800000);
    assert_int_equal(l.bootstrap_pages, 2048);
    assert_consistent(&l);
}

/*
 * Exactly 512 KB of slack is enough.  Kernel 0-0x376000: tables from
 * 0x37D000, 2 tables, stack 0x37F000-0x380000, 0x80000 left below 4 MB.
 */
static void test_slack_of_exactly_512k_adds_nothing(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x376000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOMU, &l);
    assert_int_equal(l.v_pt, 0x37D000);
    assert_int_equal(l.nr_pt_frames, 2);
    assert_int_equal(l.v_stack, 0x37F000);
    assert_int_equal(l.v_end, 0x400000);
    assert_consistent(&l);
}

/*
 * One page later the slack is 508 KB.  Kernel 0-0x377000: tables from
 * 0x37E000; with 2 tables the stack ends 0x381000 (0x7F000 left), so
 * v_end = 8 MB and 3 tables: stack 0x381000-0x382000.
 */
static void test_slack_one_page_short_of_512k_adds_4mb(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x377000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOMU, &l);
    assert_int_equal(l.v_pt, 0x37E000);
    assert_int_equal(l.nr_pt_frames, 3);
    assert_int_equal(l.v_stack, 0x381000);
    assert_int_equal(l.v_end, 0x800000);
    assert_consistent(&l);
}

/*
 * A 16 MB kernel.  domU, VIRT_BASE 0, 16384 pages (P2M 16 pages):
 *   P2M 0x1000000, start_info 0x1010000, store 0x1011000, console
 *   0x1012000, tables from 0x1013000.  With 2 to 6 tables the stack
 *   ends in 0x1016000..0x101A000 -> v_end 0x1400000 = 5 regions, so the
 *   smallest count that fits is 1 + 5 = 6: stack 0x1019000.  5120 pages.
 */
static void test_page_table_count_is_smallest_that_fits(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x1000000);
    struct dom_layout l;
    assert_computed(&gp, 16384, 0, DOMU, &l);
    assert_int_equal(l.v_pt, 0x1013000);
    assert_int_equal(l.nr_pt_frames, 6);
    assert_int_equal(l.v_stack, 0x1019000);
    assert_int_equal(l.v_end, 0x1400000);
    assert_int_equal(l.bootstrap_pages, 5120);
    assert_consistent(&l);
}

/*
 * A domU whose v_start is not 4 MB aligned: VIRT_BASE 0xC0300000, kernel
 * 0xC0300000-0xC0380000, 4096 pages:
 *   P2M 0xC0380000, start_info 0xC0384000, store 0xC0385000, console
 *   0xC0386000, tables from 0xC0387000.  2 tables: stack ends 0xC038A000,
 *   0x76000 below 0xC0400000, so v_end 0xC0800000.  [0xC0300000,
 *   0xC0800000) touches two 4 MB regions (0xC0000000 and 0xC0400000)
 *   -> 3 tables; stack 0xC038A000.  0x500000 / 4096 = 1280 pages.
 */
static void test_page_table_count_counts_regions_touched(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0300000, 0xC0300000, 0xC0380000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOMU, &l);
    assert_int_equal(l.v_start, 0xC0300000);
    assert_int_equal(l.v_pt, 0xC0387000);
    assert_int_equal(l.nr_pt_frames, 3);
    assert_int_equal(l.v_stack, 0xC038A000);
    assert_int_equal(l.v_end, 0xC0800000);
    assert_int_equal(l.bootstrap_pages, 1280);
    assert_consistent(&l);
}

/*
 * The same image as dom0: v_start 0xC0000000, P2M 0xC0380000, start_info
 * 0xC0384000, tables from 0xC0385000.  2 tables: stack ends 0xC0388000,
 * 0x78000 short of 0xC0400000, so v_end 0xC0800000, two regions -> 3
 * tables: stack 0xC0388000.  2048 pages.
 */
static void test_dom0_page_table_count_from_rounded_v_start(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0300000, 0xC0300000, 0xC0380000);
    struct dom_layout l;
    assert_computed(&gp, 4096, 0, DOM0, &l);
    assert_int_equal(l.v_start, 0xC0000000);
    assert_int_equal(l.v_pt, 0xC0385000);
    assert_int_equal(l.nr_pt_frames, 3);
    assert_int_equal(l.v_stack, 0xC0388000);
    assert_int_equal(l.v_end, 0xC0800000);
    assert_int_equal(l.bootstrap_pages, 2048);
    assert_consistent(&l);
}

/* Mini-OS-like layout needs 1024 pages (v_end 4 MB): 1023 is too few. */
static void test_too_little_memory_rejected(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x20000);
    assert_refused(&gp, 1023, 0, DOMU, "need");
}

static void test_exactly_enough_memory_accepted(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x20000);
    struct dom_layout l;
    assert_computed(&gp, 1024, 0, DOMU, &l);
    assert_int_equal(l.v_end, 0x400000);
    assert_int_equal(l.bootstrap_pages, 1024);
}

/*
 * domU at 0xFB000000 with a kernel to 0xFBFF0000 and 16384 pages (P2M
 * 0x10000): the P2M alone runs to 0xFC000000, so v_end is 0xFC400000.
 */
static void test_area_reaching_hypervisor_rejected(void **state)
{
    (void)state;
    struct guest_params gp = params(0xFB000000, 0xFB000000, 0xFBFF0000);
    assert_refused(&gp, 16384, 0, DOMU, "hypervisor");
}

/*
 * Kernel 0xFB000000-0xFBBF0000, 16384 pages: P2M 0xFBBF0000-0xFBC00000,
 * start_info 0xFBC00000, store 0xFBC01000, console 0xFBC02000, tables
 * from 0xFBC03000; v_end 0xFC000000 (4 regions -> 5 tables, stack
 * 0xFBC08000).  Ending exactly at 0xFC000000 is allowed.
 */
static void test_area_ending_at_hypervisor_start_accepted(void **state)
{
    (void)state;
    struct guest_params gp = params(0xFB000000, 0xFB000000, 0xFBBF0000);
    struct dom_layout l;
    assert_computed(&gp, 16384, 0, DOMU, &l);
    assert_int_equal(l.v_pt, 0xFBC03000);
    assert_int_equal(l.nr_pt_frames, 5);
    assert_int_equal(l.v_stack, 0xFBC08000);
    assert_int_equal(l.v_end, 0xFC000000);
    assert_int_equal(l.bootstrap_pages, 4096);
    assert_consistent(&l);
}

static void test_hypercall_page_past_the_area_rejected(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x20000);
    gp.has_hypercall_page = 1;
    gp.hypercall_page = 0x800000;       /* v_end is 0x400000 */
    assert_refused(&gp, 4096, 0, DOMU, "hypercall page");
}

static void test_hypercall_page_below_the_area_rejected(void **state)
{
    (void)state;
    struct guest_params gp = params(0xC0100000, 0xC0100000, 0xC0200000);
    gp.has_hypercall_page = 1;
    gp.hypercall_page = 0xC0000000;     /* v_start is 0xC0100000 */
    assert_refused(&gp, 8192, 0, DOMU, "hypercall page");
}

static void test_hypercall_page_inside_kernel_accepted(void **state)
{
    (void)state;
    struct guest_params gp = params(0, 0, 0x1F800);
    struct dom_layout l;
    gp.has_hypercall_page = 1;
    gp.hypercall_page = 0x2000;         /* Mini-OS: page 2 */
    assert_computed(&gp, 4096, 0, DOMU, &l);
    gp.hypercall_page = 0x1F000;        /* the kernel's last, partial page */
    assert_computed(&gp, 4096, 0, DOMU, &l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dom0_linux_like_layout),
        cmocka_unit_test(test_domu_mini_os_like_layout),
        cmocka_unit_test(test_dom0_v_start_rounded_down_to_4mb),
        cmocka_unit_test(test_domu_v_start_not_rounded),
        cmocka_unit_test(test_initrd_placed_after_kernel_page_aligned),
        cmocka_unit_test(test_dom0_initrd_pushes_area_past_4mb),
        cmocka_unit_test(test_p2m_rounded_up_to_whole_pages),
        cmocka_unit_test(test_slack_under_512k_adds_4mb),
        cmocka_unit_test(test_slack_of_exactly_512k_adds_nothing),
        cmocka_unit_test(test_slack_one_page_short_of_512k_adds_4mb),
        cmocka_unit_test(test_page_table_count_is_smallest_that_fits),
        cmocka_unit_test(test_page_table_count_counts_regions_touched),
        cmocka_unit_test(test_dom0_page_table_count_from_rounded_v_start),
        cmocka_unit_test(test_too_little_memory_rejected),
        cmocka_unit_test(test_exactly_enough_memory_accepted),
        cmocka_unit_test(test_area_reaching_hypervisor_rejected),
        cmocka_unit_test(test_area_ending_at_hypervisor_start_accepted),
        cmocka_unit_test(test_hypercall_page_past_the_area_rejected),
        cmocka_unit_test(test_hypercall_page_below_the_area_rejected),
        cmocka_unit_test(test_hypercall_page_inside_kernel_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
