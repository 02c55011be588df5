/*
 * The hypervisor's command line: parse_size() and options_parse().
 * log_level_parse() lives in console.c, which is linked with its serial
 * port stubbed out (host_console_stubs.c).
 */
// uses: hypervisor/common/options.c hypervisor/common/console.c hypervisor/common/console_history.c tests/unit/host_console_stubs.c hypervisor/lib/strlcpy.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hypervisor/include/options.h"

#define KB (1ull << 10)
#define MB (1ull << 20)
#define GB (1ull << 30)

/* What report() was told: how often, and the last word and reason. */
static int reports;
static char last_word[256], last_why[256];

static void record(const char *word, const char *why)
{
    reports++;
    strncpy(last_word, word, sizeof(last_word) - 1);
    strncpy(last_why, why ? why : "", sizeof(last_why) - 1);
}

static int parse(const char *cmdline, struct hv_options *o)
{
    reports = 0;
    memset(last_word, 0, sizeof(last_word));
    memset(last_why, 0, sizeof(last_why));
    options_defaults(o);
    return options_parse(cmdline, o, record);
}

static int size_of(const char *s, uint64_t *bytes)
{
    *bytes = 0xDEADBEEF;
    return parse_size(s, bytes);
}

/* The word was rejected, reported, and the reason mentions word. */
#define assert_one_rejection(word, why_word) do {                           \
    assert_int_equal(reports, 1);                                           \
    assert_string_equal(last_word, (word));                                 \
    assert_true(last_why[0] != 0);                                          \
    if (!strstr(last_why, (why_word)))                                      \
        fail_msg("reason \"%s\" does not mention \"%s\"", last_why,         \
                 (why_word));                                               \
} while (0)

/* ------------------------------------------------------- parse_size */

static void test_size_with_m_suffix_is_megabytes(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("64M", &b), 0);
    assert_int_equal(b, 64 * MB);
    assert_int_equal(size_of("64m", &b), 0);
    assert_int_equal(b, 64 * MB);
}

static void test_size_without_suffix_is_kilobytes(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("65536", &b), 0);
    assert_int_equal(b, 64 * MB);
    assert_int_equal(size_of("1", &b), 0);
    assert_int_equal(b, KB);
}

static void test_size_with_g_suffix_is_gigabytes(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("1G", &b), 0);
    assert_int_equal(b, GB);
    assert_int_equal(size_of("3g", &b), 0);
    assert_int_equal(b, 3 * GB);
}

static void test_size_with_k_suffix_is_kilobytes(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("512K", &b), 0);
    assert_int_equal(b, 512 * KB);
    assert_int_equal(size_of("512k", &b), 0);
    assert_int_equal(b, 512 * KB);
}

static void test_size_bad_suffix_rejected(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("64X", &b), -1);
    assert_int_equal(size_of("64MB", &b), -1);
    assert_int_equal(size_of("64 M", &b), -1);
    assert_int_equal(size_of("64M4", &b), -1);
    assert_int_equal(b, 0xDEADBEEF);            /* untouched on failure */
}

static void test_size_empty_rejected(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("", &b), -1);
    assert_int_equal(b, 0xDEADBEEF);
}

static void test_size_without_digits_rejected(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("M", &b), -1);
    assert_int_equal(size_of("-64M", &b), -1);
    assert_int_equal(size_of(" 64M", &b), -1);
    assert_int_equal(b, 0xDEADBEEF);
}

static void test_size_huge_rejected(void **state)
{
    (void)state;
    uint64_t b;
    assert_int_equal(size_of("4096G", &b), -1);
    assert_int_equal(size_of("4294967296M", &b), -1);
    /* 2^64 - 1 KB: multiplying would overflow 64 bits. */
    assert_int_equal(size_of("18446744073709551615", &b), -1);
    /* Past what strtoull can represent at all. */
    assert_int_equal(size_of("999999999999999999999999G", &b), -1);
    assert_int_equal(b, 0xDEADBEEF);
}

/* ---------------------------------------------------- options_parse */

static void test_defaults(void **state)
{
    (void)state;
    struct hv_options o;
    memset(&o, 0x5A, sizeof(o));
    options_defaults(&o);
    assert_string_equal(o.console, "com1");
    assert_int_equal(o.loglvl, LOG_INFO);
    assert_int_equal(o.dom0_mem_bytes, 0);
    assert_int_equal(o.qemu_exit_port, 0);
}

static void test_console_com1_com2_none_accepted(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("console=com2", &o), 0);
    assert_string_equal(o.console, "com2");
    assert_int_equal(parse("console=none", &o), 0);
    assert_string_equal(o.console, "none");
    assert_int_equal(parse("console=none console=com1", &o), 0);
    assert_string_equal(o.console, "com1");
    assert_int_equal(reports, 0);
}

static void test_bad_console_rejected(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("console=com3", &o), 1);
    assert_string_equal(o.console, "com1");
    assert_one_rejection("console=com3", "console");
    assert_int_equal(parse("console=", &o), 1);
    assert_one_rejection("console=", "console");
    assert_int_equal(parse("console=vga", &o), 1);
    assert_string_equal(o.console, "com1");
}

static void test_loglvl_names_accepted(void **state)
{
    (void)state;
    static const struct { const char *arg; enum log_level lvl; } cases[] = {
        { "loglvl=all", LOG_DEBUG }, { "loglvl=debug", LOG_DEBUG },
        { "loglvl=info", LOG_INFO }, { "loglvl=warning", LOG_WARN },
        { "loglvl=error", LOG_ERR }, { "loglvl=none", LOG_NONE },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct hv_options o;
        assert_int_equal(parse(cases[i].arg, &o), 0);
        assert_int_equal(o.loglvl, cases[i].lvl);
    }
}

static void test_bad_loglvl_rejected(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("loglvl=verbose", &o), 1);
    assert_int_equal(o.loglvl, LOG_INFO);
    assert_one_rejection("loglvl=verbose", "loglvl");
    assert_int_equal(parse("loglvl=WARNING", &o), 1);
    assert_int_equal(o.loglvl, LOG_INFO);
}

static void test_dom0_mem_sizes_accepted(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("dom0_mem=64M", &o), 0);
    assert_int_equal(o.dom0_mem_bytes, 64 * MB);
    assert_int_equal(parse("dom0_mem=65536", &o), 0);
    assert_int_equal(o.dom0_mem_bytes, 64 * MB);
    assert_int_equal(parse("dom0_mem=1G", &o), 0);
    assert_int_equal(o.dom0_mem_bytes, GB);
}

static void test_bad_dom0_mem_rejected(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("dom0_mem=0", &o), 1);
    assert_int_equal(o.dom0_mem_bytes, 0);
    assert_one_rejection("dom0_mem=0", "dom0_mem");
    assert_int_equal(parse("dom0_mem=lots", &o), 1);
    assert_one_rejection("dom0_mem=lots", "dom0_mem");
    assert_int_equal(parse("dom0_mem=64Q", &o), 1);
    assert_int_equal(parse("dom0_mem=", &o), 1);
    assert_int_equal(o.dom0_mem_bytes, 0);
}

static void test_qemu_exit_hex_and_decimal_accepted(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("qemu_exit=0xf4", &o), 0);
    assert_int_equal(o.qemu_exit_port, 0xf4);
    assert_int_equal(parse("qemu_exit=244", &o), 0);
    assert_int_equal(o.qemu_exit_port, 0xf4);
    assert_int_equal(parse("qemu_exit=0xFFFF", &o), 0);
    assert_int_equal(o.qemu_exit_port, 0xFFFF);
}

static void test_qemu_exit_zero_or_too_big_rejected(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("qemu_exit=0", &o), 1);
    assert_int_equal(o.qemu_exit_port, 0);
    assert_one_rejection("qemu_exit=0", "qemu_exit");
    assert_int_equal(parse("qemu_exit=70000", &o), 1);
    assert_int_equal(o.qemu_exit_port, 0);
    assert_one_rejection("qemu_exit=70000", "qemu_exit");
    assert_int_equal(parse("qemu_exit=0x10000", &o), 1);
    assert_int_equal(parse("qemu_exit=", &o), 1);
    assert_int_equal(parse("qemu_exit=0xf4x", &o), 1);
    assert_int_equal(parse("qemu_exit=-12", &o), 1);
    assert_int_equal(o.qemu_exit_port, 0);
}

static void test_image_path_word_ignored(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("/boot/hypervisor.elf console=com2", &o), 0);
    assert_string_equal(o.console, "com2");
    assert_int_equal(parse("/boot/hypervisor.elf", &o), 0);
    assert_int_equal(parse("noreboot quiet", &o), 0);
    assert_int_equal(reports, 0);
}

static void test_unknown_option_reported_and_counted(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("foo=bar", &o), 1);
    assert_one_rejection("foo=bar", "unknown");
    assert_int_equal(parse("=x", &o), 1);
    assert_one_rejection("=x", "unknown");
}

static void test_each_rejection_counted_and_rest_applied(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("/xen a=1 console=bad loglvl=warning b=2", &o), 3);
    assert_int_equal(reports, 3);
    assert_string_equal(last_word, "b=2");
    assert_int_equal(o.loglvl, LOG_WARN);
    assert_string_equal(o.console, "com1");
}

static void test_all_options_with_extra_spaces(void **state)
{
    (void)state;
    struct hv_options o;
    assert_int_equal(parse("  /boot/xen.gz   console=none  loglvl=error  "
                           "dom0_mem=128M   qemu_exit=0xf4 ", &o), 0);
    assert_string_equal(o.console, "none");
    assert_int_equal(o.loglvl, LOG_ERR);
    assert_int_equal(o.dom0_mem_bytes, 128 * MB);
    assert_int_equal(o.qemu_exit_port, 0xf4);
}

static void test_overlong_word_rejected_and_next_word_parsed(void **state)
{
    (void)state;
    struct hv_options o;
    char cmd[512];
    /* "dom0_mem=000...064M": a valid value if it were read whole. */
    strcpy(cmd, "dom0_mem=");
    memset(cmd + strlen(cmd), '0', 200);
    strcpy(cmd + 9 + 200, "64M console=com2");
    assert_int_equal(parse(cmd, &o), 1);
    assert_int_equal(reports, 1);
    assert_true(strstr(last_why, "too long") != NULL);
    assert_int_equal(o.dom0_mem_bytes, 0);
    assert_string_equal(o.console, "com2");
}

static void test_null_cmdline_and_null_report(void **state)
{
    (void)state;
    struct hv_options o;
    options_defaults(&o);
    assert_int_equal(options_parse(NULL, &o, record), 0);
    assert_int_equal(options_parse("", &o, record), 0);
    assert_int_equal(options_parse("foo=bar console=com2", &o, NULL), 1);
    assert_string_equal(o.console, "com2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_with_m_suffix_is_megabytes),
        cmocka_unit_test(test_size_without_suffix_is_kilobytes),
        cmocka_unit_test(test_size_with_g_suffix_is_gigabytes),
        cmocka_unit_test(test_size_with_k_suffix_is_kilobytes),
        cmocka_unit_test(test_size_bad_suffix_rejected),
        cmocka_unit_test(test_size_empty_rejected),
        cmocka_unit_test(test_size_without_digits_rejected),
        cmocka_unit_test(test_size_huge_rejected),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_console_com1_com2_none_accepted),
        cmocka_unit_test(test_bad_console_rejected),
        cmocka_unit_test(test_loglvl_names_accepted),
        cmocka_unit_test(test_bad_loglvl_rejected),
        cmocka_unit_test(test_dom0_mem_sizes_accepted),
        cmocka_unit_test(test_bad_dom0_mem_rejected),
        cmocka_unit_test(test_qemu_exit_hex_and_decimal_accepted),
        cmocka_unit_test(test_qemu_exit_zero_or_too_big_rejected),
        cmocka_unit_test(test_image_path_word_ignored),
        cmocka_unit_test(test_unknown_option_reported_and_counted),
        cmocka_unit_test(test_each_rejection_counted_and_rest_applied),
        cmocka_unit_test(test_all_options_with_extra_spaces),
        cmocka_unit_test(test_overlong_word_rejected_and_next_word_parsed),
        cmocka_unit_test(test_null_cmdline_and_null_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
