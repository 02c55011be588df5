/*
 * The domain config parser (dom0/xl/xlcfg.c): files it must take, with
 * every field checked; files it must refuse, each with the exact message
 * (line number and problem); the virtual disk numbers; and the example
 * configs in dom0/examples/ (read from the tree: run from its top).
 */
// uses: dom0/xl/xlcfg.c dom0/xl/xlcfg_disk.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dom0/xl/xlcfg.h"
#include "public/errno.h"

static struct xlcfg cfg;
static char err[XLCFG_MSG_MAX];

static int parse(const char *text)
{
    return xlcfg_parse(text, strlen(text), &cfg, err, sizeof(err));
}

static int cfg_is_zero(void)
{
    static const struct xlcfg zero;
    return memcmp(&cfg, &zero, sizeof(cfg)) == 0;
}

/* text must be refused with exactly `message`, leaving nothing in cfg. */
static void expect_error(const char *text, const char *message)
{
    memset(&cfg, 0xAA, sizeof(cfg));
    assert_int_equal(parse(text), -EINVAL);
    assert_string_equal(err, message);
    assert_true(cfg_is_zero());
}

static void expect_ok(const char *text)
{
    int rc = parse(text);
    if (rc != 0)
        fail_msg("refused: %s", err);
    assert_string_equal(err, "");
}

#define BASE "name = 'vm'\nkernel = '/k'\n"

/* ------------------------------------------------------- good files */

static void test_minimal_file_gets_defaults(void **state)
{
    (void)state;
    expect_ok("name = 'small'\nkernel = '/boot/xenolinux-lite'\n");
    assert_string_equal(cfg.name, "small");
    assert_string_equal(cfg.kernel, "/boot/xenolinux-lite");
    assert_string_equal(cfg.ramdisk, "");
    assert_string_equal(cfg.extra, "");
    assert_int_equal(cfg.memory_mb, 32);
    assert_int_equal(cfg.vcpus, 1);
    assert_int_equal(cfg.nr_disks, 0);
    assert_int_equal(cfg.on_poweroff, XLCFG_DESTROY);
    assert_int_equal(cfg.on_reboot, XLCFG_RESTART);
    assert_int_equal(cfg.on_crash, XLCFG_RESTART);
    assert_int_equal(cfg.nr_warnings, 0);
    assert_int_equal(cfg.warnings_dropped, 0);
}

static void test_minimal_with_memory(void **state)
{
    (void)state;
    expect_ok("kernel='/k'\nmemory=48\nname='m'");  /* no final newline */
    assert_int_equal(cfg.memory_mb, 48);
    assert_string_equal(cfg.kernel, "/k");
}

static void test_every_key(void **state)
{
    (void)state;
    expect_ok("name = \"web-1.test_A\"\n"
              "kernel = '/boot/kernel'\n"
              "ramdisk = '/boot/initrd'\n"
              "extra = 'root=xvda console=hvc0'\n"
              "memory = 1024\n"
              "vcpus = 1\n"
              "disk = [ 'file:/images/a.img,xvda,w', '/images/b.img,xvdb,r',\n"
              "         'file:/c,xvdc,rw', 'file:/d,xvdp,ro' ]\n"
              "on_poweroff = 'preserve'\n"
              "on_reboot = 'rename-restart'\n"
              "on_crash = 'destroy'\n");
    assert_string_equal(cfg.name, "web-1.test_A");
    assert_string_equal(cfg.kernel, "/boot/kernel");
    assert_string_equal(cfg.ramdisk, "/boot/initrd");
    assert_string_equal(cfg.extra, "root=xvda console=hvc0");
    assert_int_equal(cfg.memory_mb, 1024);
    assert_int_equal(cfg.vcpus, 1);
    assert_int_equal(cfg.nr_disks, 4);
    assert_string_equal(cfg.disks[0].path, "/images/a.img");
    assert_string_equal(cfg.disks[0].vdev_name, "xvda");
    assert_int_equal(cfg.disks[0].vdev, 51712);
    assert_int_equal(cfg.disks[0].writable, 1);
    assert_string_equal(cfg.disks[1].path, "/images/b.img");
    assert_string_equal(cfg.disks[1].vdev_name, "xvdb");
    assert_int_equal(cfg.disks[1].vdev, 51728);
    assert_int_equal(cfg.disks[1].writable, 0);
    assert_string_equal(cfg.disks[2].path, "/c");
    assert_int_equal(cfg.disks[2].vdev, 51744);
    assert_int_equal(cfg.disks[2].writable, 1);
    assert_string_equal(cfg.disks[3].path, "/d");
    assert_string_equal(cfg.disks[3].vdev_name, "xvdp");
    assert_int_equal(cfg.disks[3].vdev, 202 * 256 + 15 * 16);
    assert_int_equal(cfg.disks[3].writable, 0);
    assert_int_equal(cfg.on_poweroff, XLCFG_PRESERVE);
    assert_int_equal(cfg.on_reboot, XLCFG_RENAME_RESTART);
    assert_int_equal(cfg.on_crash, XLCFG_DESTROY);
    assert_int_equal(cfg.nr_warnings, 0);
}

static void test_list_over_lines_with_comments(void **state)
{
    (void)state;
    expect_ok("# a domain\n"
              "\n"
              "name = 'vm'   # its name\n"
              "disk = [      # the disks:\n"
              "   'file:/one,xvda,w' ,  # first\n"
              "\n"
              "   # a comment line inside the list\n"
              "   ' file:/two , xvdb , r ',\n"     /* blanks around fields */
              "]\n"
              "\t kernel\t=\t'/k'\t\n"
              "memory = 7 # MB\n");
    assert_int_equal(cfg.nr_disks, 2);
    assert_string_equal(cfg.disks[0].path, "/one");
    assert_string_equal(cfg.disks[1].path, "/two");
    assert_string_equal(cfg.disks[1].vdev_name, "xvdb");
    assert_int_equal(cfg.disks[1].writable, 0);
    assert_string_equal(cfg.kernel, "/k");
    assert_int_equal(cfg.memory_mb, 7);
}

static void test_trailing_comma_and_empty_list(void **state)
{
    (void)state;
    expect_ok(BASE "disk = [ 'file:/a,xvda,w', ]\n");
    assert_int_equal(cfg.nr_disks, 1);
    expect_ok(BASE "disk = []\n");
    assert_int_equal(cfg.nr_disks, 0);
}

static void test_crlf_line_ends(void **state)
{
    (void)state;
    expect_ok("name = 'vm'\r\nkernel = '/k'\r\nmemory = 8\r\n"
              "disk = [\r\n 'file:/a,xvda,w',\r\n]\r\n");
    assert_int_equal(cfg.memory_mb, 8);
    assert_int_equal(cfg.nr_disks, 1);
}

static void test_both_quotes_and_escapes(void **state)
{
    (void)state;
    expect_ok("name = \"vm\"\n"
              "kernel = \"/k\"\n"
              "extra = 'it\\'s # not a comment \"quoted\" a\\\\b c\\d'\n");
    assert_string_equal(cfg.extra,
                        "it's # not a comment \"quoted\" a\\b c\\d");
    expect_ok(BASE "extra = \"say \\\"hi\\\" 'there'\"\n");
    assert_string_equal(cfg.extra, "say \"hi\" 'there'");
}

static void test_unknown_keys_are_warnings(void **state)
{
    (void)state;
    expect_ok(BASE
              "builder = 'linux'\n"
              "vif = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0',\n"
              "        'bridge=xenbr1' ]\n"
              "acpi = 1\n"
              "cpus = [ 0, 1 ]\n"
              "memory = 16\n");
    assert_int_equal(cfg.memory_mb, 16);
    assert_int_equal(cfg.nr_warnings, 4);
    assert_int_equal(cfg.warnings_dropped, 0);
    assert_string_equal(cfg.warnings[0],
                        "line 3: builder is not supported here and is ignored");
    assert_string_equal(cfg.warnings[1],
                        "line 4: vif is not supported here and is ignored");
    assert_string_equal(cfg.warnings[2],
                        "line 6: acpi is not supported here and is ignored");
    assert_string_equal(cfg.warnings[3],
                        "line 7: cpus is not supported here and is ignored");
}

static void test_warnings_beyond_the_limit_are_counted(void **state)
{
    char text[1024];
    int i, n;
    (void)state;
    n = snprintf(text, sizeof(text), BASE);
    for (i = 0; i < XLCFG_MAX_WARNINGS + 3; i++)
        n += snprintf(text + n, sizeof(text) - n, "extra_%d = %d\n", i, i);
    expect_ok(text);
    assert_int_equal(cfg.nr_warnings, XLCFG_MAX_WARNINGS);
    assert_int_equal(cfg.warnings_dropped, 3);
    assert_string_equal(cfg.warnings[XLCFG_MAX_WARNINGS - 1],
                        "line 10: extra_7 is not supported here and is ignored");
}

static void test_limits_accepted(void **state)
{
    char name[XLCFG_NAME_MAX + 1], text[256];
    (void)state;
    expect_ok(BASE "memory = 4\n");
    assert_int_equal(cfg.memory_mb, 4);
    expect_ok(BASE "memory = 1024\n");
    assert_int_equal(cfg.memory_mb, 1024);

    memset(name, 'n', XLCFG_NAME_MAX);
    name[XLCFG_NAME_MAX] = '\0';
    snprintf(text, sizeof(text), "kernel = '/k'\nname = '%s'\n", name);
    expect_ok(text);
    assert_string_equal(cfg.name, name);
}

static void test_key_inside_a_string_is_not_a_setting(void **state)
{
    (void)state;
    /* "memory = 5" in extra and "kernel" in a list are not settings. */
    expect_ok(BASE "extra = 'memory = 5'\n"
              "vif = [ 'kernel = 3',\n 'memory = 1' ]\n"
              "memory = 6\n");
    assert_int_equal(cfg.memory_mb, 6);
    assert_string_equal(cfg.extra, "memory = 5");
}

static void test_reads_only_len_bytes(void **state)
{
    const char text[] = BASE "memory = 9\nthis is not a setting";
    (void)state;
    assert_int_equal(xlcfg_parse(text, strlen(BASE "memory = 9\n"), &cfg,
                                 err, sizeof(err)), 0);
    assert_int_equal(cfg.memory_mb, 9);
    /* Cut inside a string: that string is unterminated. */
    assert_int_equal(xlcfg_parse(text, 23, &cfg, err, sizeof(err)), -EINVAL);
    assert_string_equal(err, "line 2: unterminated string (no closing ')");
}

/* -------------------------------------------------------- bad files */

static void test_kernel_required_name_optional(void **state)
{
    (void)state;
    expect_error("name = 'vm'\nmemory = 16\n",
                 "kernel is required (kernel = '/path/to/image')");
    expect_error("", "kernel is required (kernel = '/path/to/image')");
    /* Only kernel and memory, as a Xen 3.0.4 config may have: the name
     * is left to xl. */
    struct xlcfg cfg;
    char err[XLCFG_MSG_MAX];
    const char *text = "kernel = '/k'\nmemory = 16\n";
    assert_int_equal(xlcfg_parse(text, strlen(text), &cfg, err, sizeof(err)), 0);
    assert_string_equal(cfg.name, "");
    assert_string_equal(cfg.kernel, "/k");
    assert_int_equal(cfg.memory_mb, 16);
    expect_error(BASE "kernel = '/x'\n",
                 "line 3: kernel is set twice (first on line 2)");
}

static void test_memory_checks(void **state)
{
    (void)state;
    expect_error(BASE "\n\nmemory = '32'\n",
                 "line 5: memory must be a number (of MB)");
    expect_error(BASE "memory = 3\n",
                 "line 3: memory must be 4 to 1024 (MB), not 3");
    expect_error(BASE "memory = 1025\n",
                 "line 3: memory must be 4 to 1024 (MB), not 1025");
    expect_error(BASE "memory = -8\n",
                 "line 3: memory must be 4 to 1024 (MB), not -8");
    expect_error(BASE "memory = 99999999999\n",
                 "line 3: number is too large");
    expect_error(BASE "memory = 32MB\n",
                 "line 3: unexpected text after the value of memory");
    expect_error(BASE "memory = [ 32 ]\n",
                 "line 3: memory must be a number (of MB)");
    expect_error(BASE "memory = -\n",
                 "line 3: '-' must be followed by digits");
}

static void test_vcpus_must_be_one(void **state)
{
    (void)state;
    expect_error(BASE "vcpus = 2\n",
                 "line 3: vcpus must be 1: every domain here has one vCPU");
    expect_error(BASE "vcpus = '1'\n", "line 3: vcpus must be a number");
}

static void test_name_checks(void **state)
{
    char long_name[XLCFG_NAME_MAX + 2], text[256];
    (void)state;
    expect_error("kernel = '/k'\nname = 'my vm'\n",
                 "line 2: name may hold only letters, digits, '_', '.' and "
                 "'-' (not ' ')");
    expect_error("kernel = '/k'\nname = 'a/b'\n",
                 "line 2: name may hold only letters, digits, '_', '.' and "
                 "'-' (not '/')");
    expect_error("name = ''\n", "line 1: name is empty");
    expect_error("name = 5\n", "line 1: name must be a 'quoted string'");

    memset(long_name, 'n', XLCFG_NAME_MAX + 1);
    long_name[XLCFG_NAME_MAX + 1] = '\0';
    snprintf(text, sizeof(text), "kernel = '/k'\nname = '%s'\n", long_name);
    expect_error(text, "line 2: name is longer than 63 characters");
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    expect_error("memory = 8\n" BASE "\n# again\nmemory = 8\n",
                 "line 6: memory is set twice (first on line 1)");
    /* The first one in a list spanning lines; an unknown key twice. */
    expect_error(BASE "disk = [\n'file:/a,xvda,w',\n]\n"
                 "vif = []\nvif = []\n",
                 "line 7: vif is set twice (first on line 6)");
    expect_error(BASE "disk = [\n'file:/a,xvda,w',\n]\ndisk = []\n",
                 "line 6: disk is set twice (first on line 3)");
}

static void test_unterminated_string(void **state)
{
    (void)state;
    expect_error(BASE "extra = 'root=xvda\nmemory = 8\n",
                 "line 3: unterminated string (no closing ')");
    expect_error(BASE "extra = \"root=xvda",
                 "line 3: unterminated string (no closing \")");
    expect_error(BASE "extra = 'ends with a backslash\\'\n",
                 "line 3: unterminated string (no closing ')");
    expect_error(BASE "disk = [ 'file:/a,xvda,w',\n 'file:/b,xvdb,w ]\n",
                 "line 4: unterminated string (no closing ')");
}

static void test_nul_in_string_refused(void **state)
{
    const char text[] = "name = 'vm'\nkernel = '/k\0/x'\n";
    (void)state;
    memset(&cfg, 0xAA, sizeof(cfg));
    assert_int_equal(xlcfg_parse(text, sizeof(text) - 1, &cfg, err,
                                 sizeof(err)), -EINVAL);
    assert_string_equal(err, "line 2: a string may not hold a NUL byte");
    assert_true(cfg_is_zero());
}

static void test_unterminated_list(void **state)
{
    (void)state;
    expect_error(BASE "\ndisk = [ 'file:/a,xvda,w',\n"
                 "         'file:/b,xvdb,w'\n",
                 "line 4: the list of disk is never closed with ']'");
    expect_error(BASE "vif = [\n", "line 3: the list of vif is never "
                 "closed with ']'");
}

static void test_bad_list_syntax(void **state)
{
    (void)state;
    expect_error(BASE "disk = [ 'file:/a,xvda,w' 'file:/b,xvdb,w' ]\n",
                 "line 3: expected ',' or ']' in the list of disk");
    expect_error(BASE "disk = [ 'file:/a,xvda,w',, ]\n",
                 "line 3: expected a value before ',' in the list of disk");
    expect_error(BASE "vif = [ , ]\n",
                 "line 3: expected a value before ',' in the list of vif");
    expect_error(BASE "vif = [ [ 1 ] ]\n",
                 "line 3: the list of vif may not hold another list");
    expect_error(BASE "disk = [ 'file:/a,xvda,w' ] x\n",
                 "line 3: unexpected text after the value of disk");
    expect_error(BASE "disk = [\n'file:/a,xvda,w'\n] 'more'\n",
                 "line 5: unexpected text after the value of disk");
}

static void test_wrong_value_types(void **state)
{
    (void)state;
    expect_error("name = 'vm'\nkernel = 5\n",
                 "line 2: kernel must be a 'quoted string'");
    expect_error(BASE "ramdisk = [ '/r' ]\n",
                 "line 3: ramdisk must be a 'quoted string'");
    expect_error(BASE "extra = 1\n", "line 3: extra must be a 'quoted string'");
    expect_error(BASE "disk = 'file:/a,xvda,w'\n",
                 "line 3: disk must be a list, such as "
                 "[ 'file:/images/a.img,xvda,w' ]");
    expect_error(BASE "disk = [ 5 ]\n",
                 "line 3: each disk must be a 'quoted string'");
    expect_error(BASE "on_crash = 1\n",
                 "line 3: on_crash must be a 'quoted string'");
    expect_error(BASE "builder = linux\n",
                 "line 3: the value of builder must be a number, a 'string' "
                 "or a [list]");
}

static void test_bad_actions(void **state)
{
    (void)state;
    expect_error(BASE "on_reboot = 'explode'\n",
                 "line 3: on_reboot must be 'destroy', 'restart', 'preserve' "
                 "or 'rename-restart'");
    expect_error(BASE "on_poweroff = 'destroy-and-then-some-more'\n",
                 "line 3: on_poweroff must be 'destroy', 'restart', "
                 "'preserve' or 'rename-restart'");
}

static void test_malformed_lines(void **state)
{
    (void)state;
    expect_error(BASE "memory 32\n", "line 3: expected '=' after the key");
    expect_error(BASE "memory =\n", "line 3: memory has no value");
    expect_error(BASE "memory = # nothing\n", "line 3: memory has no value");
    expect_error(BASE "memory = 8 kernel = '/k'\n",
                 "line 3: unexpected text after the value of memory");
    expect_error(BASE "= 5\n",
                 "line 3: expected a setting such as 'memory = 32'");
    expect_error("\n\n3d = 5\n",
                 "line 3: expected a setting such as 'memory = 32'");
    expect_error(BASE "ramdisk == '/r'\n",
                 "line 3: the value of ramdisk must be a number, a 'string' "
                 "or a [list]");
}

static void test_too_long_values(void **state)
{
    static char text[4096];
    char big[XLCFG_EXTRA_MAX + 2];
    (void)state;
    memset(big, 'x', XLCFG_EXTRA_MAX);
    big[XLCFG_EXTRA_MAX] = '\0';
    snprintf(text, sizeof(text), BASE "extra = '%s'\n", big);
    expect_ok(text);
    assert_int_equal(strlen(cfg.extra), XLCFG_EXTRA_MAX);

    big[XLCFG_EXTRA_MAX] = 'x';
    big[XLCFG_EXTRA_MAX + 1] = '\0';
    snprintf(text, sizeof(text), BASE "extra = '%s'\n", big);
    expect_error(text, "line 3: extra is longer than 1023 characters");

    big[XLCFG_PATH_MAX + 1] = '\0';
    snprintf(text, sizeof(text), "name = 'vm'\nkernel = '/%s'\n", big);
    expect_error(text, "line 2: kernel is longer than 127 characters");
}

static void test_bad_disks(void **state)
{
    (void)state;
    expect_error(BASE "disk = [ 'phy:/dev/sda1,xvda,w' ]\n",
                 "line 3: disk 'phy:/dev/sda1,xvda,w': phy: disks are not "
                 "supported (dom0 has no block devices to lend); use "
                 "file:PATH");
    expect_error(BASE "disk = [ 'tap:aio:/img,xvda,w' ]\n",
                 "line 3: disk 'tap:aio:/img,xvda,w': only file: disks are "
                 "supported");
    expect_error(BASE "disk = [ 'file:/a,hda,w' ]\n",
                 "line 3: disk 'file:/a,hda,w': hdX and sdX disks are not "
                 "supported; use xvda..xvdp");
    expect_error(BASE "disk = [ 'file:/a,sdb,w' ]\n",
                 "line 3: disk 'file:/a,sdb,w': hdX and sdX disks are not "
                 "supported; use xvda..xvdp");
    expect_error(BASE "disk = [ 'file:/a,xvdq,w' ]\n",
                 "line 3: disk 'file:/a,xvdq,w': the device must be one of "
                 "xvda..xvdp (whole disks)");
    expect_error(BASE "disk = [ 'file:/a,xvda1,w' ]\n",
                 "line 3: disk 'file:/a,xvda1,w': the device must be one of "
                 "xvda..xvdp (whole disks)");
    expect_error(BASE "disk = [ 'file:/a,xvda,x' ]\n",
                 "line 3: disk 'file:/a,xvda,x': the mode must be 'w' or 'r'");
    expect_error(BASE "disk = [ 'file:/a,xvda,w!' ]\n",
                 "line 3: disk 'file:/a,xvda,w!': the mode must be 'w' or 'r'");
    expect_error(BASE "disk = [ 'file:/a,xvda' ]\n",
                 "line 3: disk 'file:/a,xvda': the form is "
                 "'file:PATH,VDEV,MODE'");
    expect_error(BASE "disk = [ 'file:/a,xvda,w,extra' ]\n",
                 "line 3: disk 'file:/a,xvda,w,extra': the form is "
                 "'file:PATH,VDEV,MODE'");
    expect_error(BASE "disk = [ 'file:,xvda,w' ]\n",
                 "line 3: disk 'file:,xvda,w': there is no path");
}

static void test_duplicate_vdev(void **state)
{
    (void)state;
    expect_error(BASE "disk = [ 'file:/a,xvda,w',\n"
                 "         'file:/b,xvdb,r',\n"
                 "         'file:/c,xvda,r' ]\n",
                 "line 5: disk 'file:/c,xvda,r': xvda is already used by "
                 "another disk");
}

static void test_more_than_four_disks(void **state)
{
    (void)state;
    expect_error(BASE "disk = [ 'file:/a,xvda,w', 'file:/b,xvdb,w',\n"
                 "  'file:/c,xvdc,w', 'file:/d,xvdd,w',\n"
                 "  'file:/e,xvde,w' ]\n",
                 "line 5: more than 4 disks");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    assert_int_equal(xlcfg_parse(NULL, 5, &cfg, err, sizeof(err)), -EINVAL);
    assert_string_equal(err, "no config text or no place for the result");
    assert_int_equal(xlcfg_parse("kernel='/k'", 11, NULL, err, sizeof(err)),
                     -EINVAL);
    /* No error buffer: still refused, nothing written anywhere. */
    assert_int_equal(xlcfg_parse("memory = x", 10, &cfg, NULL, 0), -EINVAL);
    assert_true(cfg_is_zero());
}

static void test_error_message_cut_to_buffer(void **state)
{
    char small[12];
    (void)state;
    memset(small, 'Z', sizeof(small));
    assert_int_equal(xlcfg_parse(BASE "memory = 'x'\n", strlen(BASE) + 13,
                                 &cfg, small, sizeof(small)), -EINVAL);
    assert_string_equal(small, "line 3: mem");
    memset(small, 'Z', sizeof(small));
    assert_int_equal(xlcfg_parse(BASE "memory = 'x'\n", strlen(BASE) + 13,
                                 &cfg, small, 5), -EINVAL);
    assert_string_equal(small, "line");
    assert_int_equal(small[5], 'Z');
}

static void test_disk_entry_on_its_own(void **state)
{
    struct xlcfg_disk disk;
    char entry[256];
    (void)state;
    assert_null(xlcfg_disk_parse("\t/img/a , xvdc ,ro", &disk));
    assert_string_equal(disk.path, "/img/a");
    assert_string_equal(disk.vdev_name, "xvdc");
    assert_int_equal(disk.vdev, 51744);
    assert_int_equal(disk.writable, 0);
    /* A relative path is the caller's to resolve. */
    assert_null(xlcfg_disk_parse("file:img,xvdb,rw", &disk));
    assert_string_equal(disk.path, "img");
    assert_int_equal(disk.writable, 1);

    /* A refusal leaves *disk as it was. */
    memset(&disk, 0x5A, sizeof(disk));
    assert_string_equal(xlcfg_disk_parse("file:/a,xvda,", &disk),
                        "the mode must be 'w' or 'r'");
    assert_int_equal(((unsigned char *)&disk)[0], 0x5A);
    assert_string_equal(xlcfg_disk_parse("", &disk),
                        "the form is 'file:PATH,VDEV,MODE'");
    assert_string_equal(xlcfg_disk_parse(",,", &disk), "there is no path");
    assert_string_equal(xlcfg_disk_parse("/a,,w", &disk),
                        "the device must be one of xvda..xvdp (whole disks)");

    /* 127 characters of path fit, 128 do not. */
    memset(entry, 0, sizeof(entry));
    memcpy(entry, "file:/", 6);
    memset(entry + 6, 'p', XLCFG_PATH_MAX - 1);
    strcat(entry, ",xvda,w");
    assert_null(xlcfg_disk_parse(entry, &disk));
    assert_int_equal(strlen(disk.path), XLCFG_PATH_MAX);
    memset(entry + 6, 'p', XLCFG_PATH_MAX);
    strcpy(entry + 6 + XLCFG_PATH_MAX, ",xvda,w");
    assert_string_equal(xlcfg_disk_parse(entry, &disk),
                        "the path is longer than 127 characters");
}

/* --------------------------------------------------- device numbers */

static void test_vdev_numbers(void **state)
{
    unsigned int n = 0;
    char name[5];
    int i;
    (void)state;
    assert_int_equal(xlcfg_vdev_number("xvda", &n), 0);
    assert_int_equal(n, 51712);
    assert_int_equal(xlcfg_vdev_number("xvdb", &n), 0);
    assert_int_equal(n, 51728);
    for (i = 0; i < 16; i++) {
        snprintf(name, sizeof(name), "xvd%c", 'a' + i);
        assert_int_equal(xlcfg_vdev_number(name, &n), 0);
        assert_int_equal(n >> 8, 202);
        assert_int_equal(n & 0xff, 16 * i);
    }
    n = 7;
    assert_int_equal(xlcfg_vdev_number("xvdq", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("xvd", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("xvda1", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("XVDA", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("hda", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("sda", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("", &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number(NULL, &n), -EINVAL);
    assert_int_equal(xlcfg_vdev_number("xvda", NULL), -EINVAL);
    assert_int_equal(n, 7);     /* untouched by the refusals */
}

static void test_action_names(void **state)
{
    (void)state;
    assert_string_equal(xlcfg_action_name(XLCFG_DESTROY), "destroy");
    assert_string_equal(xlcfg_action_name(XLCFG_RESTART), "restart");
    assert_string_equal(xlcfg_action_name(XLCFG_PRESERVE), "preserve");
    assert_string_equal(xlcfg_action_name(XLCFG_RENAME_RESTART),
                        "rename-restart");
    assert_string_equal(xlcfg_action_name((enum xlcfg_action)9), "?");
}

/* ------------------------------------------------- example configs */

static void check_example(int n)
{
    char path[64], text[2048], want[64];
    FILE *f;
    size_t len;
    int rc;

    snprintf(path, sizeof(path), "dom0/examples/guest%d.cfg", n);
    f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s (run from the top of the tree)", path);
    len = fread(text, 1, sizeof(text), f);
    fclose(f);
    assert_true(len < sizeof(text));

    rc = xlcfg_parse(text, (unsigned int)len, &cfg, err, sizeof(err));
    if (rc != 0)
        fail_msg("%s refused: %s", path, err);
    snprintf(want, sizeof(want), "guest%d", n);
    assert_string_equal(cfg.name, want);
    assert_string_equal(cfg.kernel, "/boot/xenolinux-lite");
    assert_string_equal(cfg.ramdisk, "");
    assert_int_equal(cfg.memory_mb, 24);
    assert_int_equal(cfg.vcpus, 1);
    assert_int_equal(cfg.nr_disks, 1);
    snprintf(want, sizeof(want), "/images/guest%d.img", n);
    assert_string_equal(cfg.disks[0].path, want);
    assert_string_equal(cfg.disks[0].vdev_name, "xvda");
    assert_int_equal(cfg.disks[0].vdev, 51712);
    assert_int_equal(cfg.disks[0].writable, 1);
    assert_string_equal(cfg.extra, "root=xvda");
    assert_int_equal(cfg.on_crash, XLCFG_DESTROY);
    assert_int_equal(cfg.nr_warnings, 0);
}

static void test_example_configs(void **state)
{
    (void)state;
    check_example(1);
    check_example(2);
    check_example(3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_file_gets_defaults),
        cmocka_unit_test(test_minimal_with_memory),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_list_over_lines_with_comments),
        cmocka_unit_test(test_trailing_comma_and_empty_list),
        cmocka_unit_test(test_crlf_line_ends),
        cmocka_unit_test(test_both_quotes_and_escapes),
        cmocka_unit_test(test_unknown_keys_are_warnings),
        cmocka_unit_test(test_warnings_beyond_the_limit_are_counted),
        cmocka_unit_test(test_limits_accepted),
        cmocka_unit_test(test_key_inside_a_string_is_not_a_setting),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_kernel_required_name_optional),
        cmocka_unit_test(test_memory_checks),
        cmocka_unit_test(test_vcpus_must_be_one),
        cmocka_unit_test(test_name_checks),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_nul_in_string_refused),
        cmocka_unit_test(test_unterminated_list),
        cmocka_unit_test(test_bad_list_syntax),
        cmocka_unit_test(test_wrong_value_types),
        cmocka_unit_test(test_bad_actions),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_too_long_values),
        cmocka_unit_test(test_bad_disks),
        cmocka_unit_test(test_duplicate_vdev),
        cmocka_unit_test(test_more_than_four_disks),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_error_message_cut_to_buffer),
        cmocka_unit_test(test_disk_entry_on_its_own),
        cmocka_unit_test(test_vdev_numbers),
        cmocka_unit_test(test_action_names),
        cmocka_unit_test(test_example_configs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
