/*
 * tools/mkfs: an image it builds checks clean, and the checker finds each
 * kind of damage the file system's invariants forbid.  Each test builds
 * a small image in memory (root with two files and a directory holding a
 * file), damages one thing, and looks for the finding in the report.
 */
// uses: tools/mkfs.c tools/mkfs_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tools/mkfs.h"

#define IMG_BLOCKS 1000

struct fixture {
    struct fsbuild fb;
    int hello, big, dir, inner;     /* inode numbers */
    char *report;                   /* the checker's output */
    size_t report_len;
};

static struct fixture fx;

static int setup(void **state)
{
    static char big[20000];         /* needs the indirect block */

    (void)state;
    memset(&fx, 0, sizeof(fx));
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)i;
    if (fsb_init(&fx.fb, IMG_BLOCKS, 64) < 0)
        return -1;
    fx.hello = fsb_add_file(&fx.fb, ROOTINO, "hello", "hello\n", 6);
    fx.big = fsb_add_file(&fx.fb, ROOTINO, "big", big, sizeof(big));
    fx.dir = fsb_mkdir(&fx.fb, ROOTINO, "dir");
    fx.inner = fsb_add_file(&fx.fb, fx.dir, "inner", "x", 1);
    if (fx.hello < 0 || fx.big < 0 || fx.dir < 0 || fx.inner < 0)
        return -1;
    fsb_finish(&fx.fb);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fsb_free(&fx.fb);
    free(fx.report);
    return 0;
}

static struct dinode *inode(uint32_t inum)
{
    return (struct dinode *)(fx.fb.img + IBLOCK(inum, fx.fb.sb) * BSIZE) +
           inum % IPB;
}

static uint8_t *blk(uint32_t bno)
{
    return fx.fb.img + (size_t)bno * BSIZE;
}

/* Entry i of directory inum (its first block holds them all here). */
static struct fs_dirent *entry(uint32_t dir, int i)
{
    return (struct fs_dirent *)blk(inode(dir)->addrs[0]) + i;
}

static void set_bitmap_bit(uint32_t b, int on)
{
    uint8_t *byte = blk(BBLOCK(b, fx.fb.sb)) + (b % BPB) / 8;
    if (on)
        *byte |= 1 << (b % 8);
    else
        *byte &= ~(1 << (b % 8));
}

static struct fscheck check(void)
{
    free(fx.report);
    fx.report = NULL;
    FILE *out = open_memstream(&fx.report, &fx.report_len);
    struct fscheck r = fs_check(fx.fb.img, (size_t)fx.fb.size * BSIZE, out);
    fclose(out);
    return r;
}

#define assert_reported(text) do {                                          \
    if (!strstr(fx.report, (text)))                                         \
        fail_msg("report lacks \"%s\":\n%s", (text), fx.report);            \
} while (0)

/* ----------------------------------------------------------- clean */

static void test_fresh_image_checks_clean(void **state)
{
    (void)state;
    struct fscheck r = check();
    if (r.errors || r.warnings)
        fail_msg("%s", fx.report);
    assert_int_equal(r.log_pending, 0);
    assert_reported("clean");
}

static void test_fresh_image_layout_and_links(void **state)
{
    (void)state;
    assert_int_equal(fx.fb.sb.magic, FSMAGIC);
    assert_int_equal(fx.fb.sb.size, IMG_BLOCKS);
    assert_int_equal(fx.fb.sb.logstart, 2);
    assert_int_equal(inode(ROOTINO)->type, T_DIR);
    assert_int_equal(inode(ROOTINO)->nlink, 2);     /* itself + dir's ".." */
    assert_int_equal(inode(fx.dir)->nlink, 1);
    assert_int_equal(inode(fx.big)->size, 20000);
    assert_true(inode(fx.big)->addrs[NDIRECT] != 0);
    assert_string_equal(entry(ROOTINO, 0)->name, ".");
    assert_string_equal(entry(ROOTINO, 1)->name, "..");
    assert_int_equal(entry(fx.dir, 1)->inum, ROOTINO);
}

static void test_name_too_long_refused(void **state)
{
    (void)state;
    assert_int_equal(fsb_add_file(&fx.fb, ROOTINO, "fifteen-letters", "", 0),
                     -1);
}

static void test_file_over_maxfile_refused(void **state)
{
    static char huge[MAXFILE * BSIZE + 1];
    (void)state;
    assert_int_equal(fsb_add_file(&fx.fb, ROOTINO, "huge", huge, sizeof(huge)),
                     -1);
}

/* ---------------------------------------------------------- damage */

static void test_block_used_twice_found(void **state)
{
    (void)state;
    inode(fx.inner)->addrs[0] = inode(fx.hello)->addrs[0];
    assert_true(check().errors > 0);
    assert_reported("used twice");
}

static void test_block_outside_data_area_found(void **state)
{
    (void)state;
    inode(fx.hello)->addrs[0] = fx.fb.sb.inodestart;
    assert_true(check().errors > 0);
    assert_reported("outside the data area");
}

static void test_wrong_nlink_found(void **state)
{
    (void)state;
    inode(fx.hello)->nlink = 2;
    assert_true(check().errors > 0);
    assert_reported("nlink 2, but 1 directory entries");
}

static void test_wrong_directory_nlink_found(void **state)
{
    (void)state;
    inode(ROOTINO)->nlink = 1;      /* forgets dir's ".." */
    assert_true(check().errors > 0);
    assert_reported("inode 1: nlink 1");
}

static void test_used_block_marked_free_found(void **state)
{
    (void)state;
    set_bitmap_bit(inode(fx.big)->addrs[3], 0);
    assert_true(check().errors > 0);
    assert_reported("marked free but used by inode");
}

static void test_free_block_marked_used_found(void **state)
{
    (void)state;
    set_bitmap_bit(IMG_BLOCKS - 1, 1);
    assert_true(check().errors > 0);
    assert_reported("marked in use but no inode uses it");
}

static void test_metadata_block_marked_free_found(void **state)
{
    (void)state;
    set_bitmap_bit(fx.fb.sb.inodestart, 0);
    assert_true(check().errors > 0);
    assert_reported("metadata block");
}

static void test_dangling_entry_found(void **state)
{
    (void)state;
    entry(fx.dir, 2)->inum = 40;    /* "inner" now names a free inode */
    assert_true(check().errors > 0);
    assert_reported("dangling entry 'inner'");
}

static void test_entry_beyond_last_inode_found(void **state)
{
    (void)state;
    entry(ROOTINO, 2)->inum = 64;
    assert_true(check().errors > 0);
    assert_reported("beyond the last");
}

static void test_wrong_dotdot_found(void **state)
{
    (void)state;
    entry(fx.dir, 1)->inum = fx.dir;
    assert_true(check().errors > 0);
    assert_reported("'..' names");
}

static void test_missing_dot_found(void **state)
{
    (void)state;
    entry(fx.dir, 0)->inum = 0;
    assert_true(check().errors > 0);
    assert_reported("0 '.' and 1 '..'");
}

static void test_hole_inside_size_found(void **state)
{
    (void)state;
    set_bitmap_bit(inode(fx.big)->addrs[1], 0);
    inode(fx.big)->addrs[1] = 0;
    assert_true(check().errors > 0);
    assert_reported("no block 1 inside its size");
}

static void test_unknown_type_found(void **state)
{
    (void)state;
    inode(fx.hello)->type = 7;
    assert_true(check().errors > 0);
    assert_reported("unknown type 7");
}

static void test_bad_magic_found(void **state)
{
    (void)state;
    ((struct superblock *)blk(1))->magic = 0;
    assert_true(check().errors > 0);
    assert_reported("magic");
}

static void test_directory_cycle_unreachable_found(void **state)
{
    (void)state;
    /* dir holds its own name: root's entry for it becomes a file's. */
    entry(ROOTINO, 4)->inum = 0;            /* root's "dir" entry gone */
    entry(fx.dir, 2)->inum = fx.dir;        /* "inner" now names dir */
    inode(ROOTINO)->nlink = 1;
    assert_true(check().errors > 0);
    assert_reported("not reachable from the root");
}

/* ------------------------------------------------------------- log */

/* Put a committed transaction in the log: block home gets data. */
static void commit_to_log(uint32_t home, const uint8_t *data)
{
    uint32_t *header = (uint32_t *)blk(fx.fb.sb.logstart);
    header[0] = 1;
    header[1] = home;
    memcpy(blk(fx.fb.sb.logstart + 1), data, BSIZE);
}

static void test_committed_log_reported_and_replayed(void **state)
{
    uint8_t copy[BSIZE];
    (void)state;
    memcpy(copy, blk(IBLOCK(fx.hello, fx.fb.sb)), BSIZE);
    commit_to_log(IBLOCK(fx.hello, fx.fb.sb), copy);
    struct fscheck r = check();
    if (r.errors)
        fail_msg("%s", fx.report);
    assert_int_equal(r.log_pending, 1);
    assert_reported("must be replayed");
}

static void test_log_replay_repairs_the_checked_copy(void **state)
{
    uint8_t good[BSIZE];
    (void)state;
    /* The home block is damaged, the committed log holds the good one. */
    memcpy(good, blk(IBLOCK(fx.hello, fx.fb.sb)), BSIZE);
    inode(fx.hello)->nlink = 5;
    commit_to_log(IBLOCK(fx.hello, fx.fb.sb), good);
    struct fscheck r = check();
    if (r.errors)
        fail_msg("%s", fx.report);
    assert_int_equal(inode(fx.hello)->nlink, 5);    /* input untouched */
}

static void test_log_replay_damage_found(void **state)
{
    uint8_t bad[BSIZE];
    (void)state;
    memcpy(bad, blk(IBLOCK(fx.hello, fx.fb.sb)), BSIZE);
    ((struct dinode *)bad + fx.hello % IPB)->nlink = 3;
    commit_to_log(IBLOCK(fx.hello, fx.fb.sb), bad);
    assert_true(check().errors > 0);
    assert_reported("nlink 3");
}

static void test_corrupt_log_header_found(void **state)
{
    (void)state;
    ((uint32_t *)blk(fx.fb.sb.logstart))[0] = 1000;
    assert_true(check().errors > 0);
    assert_reported("log header lists 1000 blocks");
}

/* ---------------------------------------------------------- orphan */

static void test_orphan_is_a_warning_not_an_error(void **state)
{
    (void)state;
    /* "hello" unlinked while open: entry cleared, nlink 0, still there. */
    entry(ROOTINO, 2)->inum = 0;
    inode(fx.hello)->nlink = 0;
    struct fscheck r = check();
    if (r.errors)
        fail_msg("%s", fx.report);
    assert_int_equal(r.warnings, 1);
    assert_reported("orphan");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_fresh_image_checks_clean),
        T(test_fresh_image_layout_and_links),
        T(test_name_too_long_refused),
        T(test_file_over_maxfile_refused),
        T(test_block_used_twice_found),
        T(test_block_outside_data_area_found),
        T(test_wrong_nlink_found),
        T(test_wrong_directory_nlink_found),
        T(test_used_block_marked_free_found),
        T(test_free_block_marked_used_found),
        T(test_metadata_block_marked_free_found),
        T(test_dangling_entry_found),
        T(test_entry_beyond_last_inode_found),
        T(test_wrong_dotdot_found),
        T(test_missing_dot_found),
        T(test_hole_inside_size_found),
        T(test_unknown_type_found),
        T(test_bad_magic_found),
        T(test_directory_cycle_unreachable_found),
        T(test_committed_log_reported_and_replayed),
        T(test_log_replay_repairs_the_checked_copy),
        T(test_log_replay_damage_found),
        T(test_corrupt_log_header_found),
        T(test_orphan_is_a_warning_not_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
