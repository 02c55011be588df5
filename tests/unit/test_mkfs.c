/*
 * tools/mkfs: an image it builds checks clean, and the checker finds each
 * kind of damage the file system's invariants forbid.  Each test builds
 * a small image in memory (root with three files, one of them reaching
 * into the doubly-indirect block, and a directory holding a file),
 * damages one thing, and looks for the finding in the report.  Large
 * files and large images get images of their own.
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
#include "xenolinux-lite/kernel/param.h"

#define IMG_BLOCKS 1000
/* "huge": the direct and indirect blocks, all of the doubly-indirect
 * block's first indirect block and 10 blocks under its second. */
#define HUGE_BLOCKS ((uint32_t)(NDIRECT + NINDIRECT + NINDIRECT + 10))
#define FIRST_DIND_BLOCK ((uint32_t)(NDIRECT + NINDIRECT))  /* first there */

struct fixture {
    struct fsbuild fb;
    int hello, big, huge, dir, inner;   /* inode numbers */
    char *report;                       /* the checker's output */
    size_t report_len;
};

static struct fixture fx;

/* A byte of a test file that depends on its position. */
static uint8_t pattern_byte(uint32_t off)
{
    return (uint8_t)(off * 7 + off / BSIZE * 13 + off / (BSIZE * NINDIRECT));
}

static uint8_t *pattern(uint32_t len)
{
    uint8_t *data = malloc(len ? len : 1);
    for (uint32_t i = 0; data && i < len; i++)
        data[i] = pattern_byte(i);
    return data;
}

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
    uint8_t *huge = pattern(HUGE_BLOCKS * BSIZE - 100);
    fx.huge = fsb_add_file(&fx.fb, ROOTINO, "huge", huge,
                           HUGE_BLOCKS * BSIZE - 100);
    free(huge);
    fx.dir = fsb_mkdir(&fx.fb, ROOTINO, "dir");
    fx.inner = fsb_add_file(&fx.fb, fx.dir, "inner", "x", 1);
    if (fx.hello < 0 || fx.big < 0 || fx.huge < 0 || fx.dir < 0 ||
        fx.inner < 0)
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

/* Entry i of index block ind. */
static uint32_t *index_entry(uint32_t ind, uint32_t i)
{
    return (uint32_t *)blk(ind) + i;
}

/*
 * The block holding file block bn of inode d, found by walking the levels
 * of abi/fs.h here rather than with mkfs's own code; 0 if absent.
 */
static uint32_t walk(const uint8_t *img, const struct dinode *d, uint32_t bn)
{
    const uint32_t *ind;

    if (bn < NDIRECT)
        return d->addrs[bn];
    bn -= NDIRECT;
    if (bn < NINDIRECT) {
        if (!d->addrs[IND_SLOT])
            return 0;
        ind = (const uint32_t *)(img + (size_t)d->addrs[IND_SLOT] * BSIZE);
        return ind[bn];
    }
    bn -= NINDIRECT;
    if (!d->addrs[DIND_SLOT])
        return 0;
    ind = (const uint32_t *)(img + (size_t)d->addrs[DIND_SLOT] * BSIZE);
    if (!ind[bn / NINDIRECT])
        return 0;
    ind = (const uint32_t *)(img + (size_t)ind[bn / NINDIRECT] * BSIZE);
    return ind[bn % NINDIRECT];
}

/* The indirect block under huge's doubly-indirect block, entry i. */
static uint32_t huge_second_level(uint32_t i)
{
    return *index_entry(inode(fx.huge)->addrs[DIND_SLOT], i);
}

static struct fscheck check_image(struct fsbuild *fb)
{
    free(fx.report);
    fx.report = NULL;
    FILE *out = open_memstream(&fx.report, &fx.report_len);
    struct fscheck r = fs_check(fb->img, (size_t)fb->size * BSIZE, out);
    fclose(out);
    return r;
}

static struct fscheck check(void)
{
    return check_image(&fx.fb);
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

static void test_doubly_indirect_layout(void **state)
{
    (void)state;
    const struct dinode *d = inode(fx.huge);
    assert_int_equal(d->size, HUGE_BLOCKS * BSIZE - 100);
    assert_true(d->addrs[IND_SLOT] != 0);
    assert_true(d->addrs[DIND_SLOT] != 0);
    assert_true(huge_second_level(0) != 0);
    assert_true(huge_second_level(1) != 0);
    assert_int_equal(huge_second_level(2), 0);  /* nothing beyond the size */
    assert_true(*index_entry(huge_second_level(1), 9) != 0);
    assert_int_equal(*index_entry(huge_second_level(1), 10), 0);
}

/* A file of exactly MAXFILE blocks fits (its last block is the last
 * entry of the last indirect block); one byte more is refused. */
static void test_file_of_maxfile_fits_one_byte_more_refused(void **state)
{
    struct fsbuild fb;
    uint32_t max = MAXFILE * BSIZE;
    uint8_t *data = pattern(max + 1);
    (void)state;

    assert_non_null(data);
    assert_int_equal(fsb_init(&fb, MAXFILE + 400, 16), 0);
    assert_int_equal(fsb_add_file(&fb, ROOTINO, "over", data, max + 1), -1);
    int inum = fsb_add_file(&fb, ROOTINO, "max", data, max);
    assert_true(inum > 0);
    fsb_finish(&fb);

    struct dinode d;
    memcpy(&d, fb.img + IBLOCK(inum, fb.sb) * BSIZE + inum % IPB * sizeof(d),
           sizeof(d));
    assert_int_equal(d.size, max);
    uint32_t last = walk(fb.img, &d, MAXFILE - 1);
    assert_true(last != 0);
    assert_memory_equal(fb.img + (size_t)last * BSIZE, data + max - BSIZE,
                        BSIZE);
    struct fscheck r = check_image(&fb);
    if (r.errors)
        fail_msg("%s", fx.report);
    fsb_free(&fb);
    free(data);
}

/*
 * A 3 MB file on a 32 MB image: mkfs lays it out over the direct, the
 * indirect and the doubly-indirect blocks, with no block wasted, the
 * checker finds the image clean, and reading it back by walking the
 * block map gives back every byte.
 */
static void test_3mb_file_round_trip_on_32mb_image(void **state)
{
    enum { SIZE = 65536, LEN = 3 * 1024 * 1024 };
    struct fsbuild fb;
    uint8_t *data = pattern(LEN);
    (void)state;

    assert_non_null(data);
    assert_int_equal(fsb_init(&fb, SIZE, fsb_default_ninodes(SIZE)), 0);
    assert_true(fb.sb.ninodes >= SIZE / MKFS_BLOCKS_PER_INODE);
    uint32_t before = fb.nextblock;
    int inum = fsb_add_file(&fb, ROOTINO, "disk.img", data, LEN);
    assert_true(inum > 0);
    fsb_finish(&fb);

    /* Data blocks, the indirect, the doubly-indirect and its indirects. */
    uint32_t nblocks = LEN / BSIZE;
    uint32_t nsecond = (nblocks - NDIRECT - NINDIRECT + NINDIRECT - 1) /
                       NINDIRECT;
    assert_int_equal(fb.nextblock - before, nblocks + 2 + nsecond);

    struct fscheck r = check_image(&fb);
    if (r.errors || r.warnings)
        fail_msg("%s", fx.report);

    struct dinode d;
    memcpy(&d, fb.img + IBLOCK(inum, fb.sb) * BSIZE + inum % IPB * sizeof(d),
           sizeof(d));
    assert_int_equal(d.size, LEN);
    for (uint32_t bn = 0; bn < nblocks; bn++) {
        uint32_t addr = walk(fb.img, &d, bn);
        if (addr < fb.datastart || addr >= fb.size)
            fail_msg("file block %u at disk block %u", bn, addr);
        if (memcmp(fb.img + (size_t)addr * BSIZE, data + (size_t)bn * BSIZE,
                   BSIZE) != 0)
            fail_msg("file block %u (disk block %u) differs", bn, addr);
    }
    fsb_free(&fb);
    free(data);
}

/* The largest image the kernel mounts is built; one bitmap block more is
 * refused, by mkfs and by the checker. */
static void test_image_size_limited_by_bitmap(void **state)
{
    struct fsbuild fb;
    (void)state;

    assert_int_equal(fsb_init(&fb, MAXBITMAP * BPB, 64), 0);
    fsb_finish(&fb);
    struct fscheck r = check_image(&fb);
    if (r.errors)
        fail_msg("%s", fx.report);
    fsb_free(&fb);
    assert_int_equal(fsb_init(&fb, MAXBITMAP * BPB + 1, 64), -1);

    /* A superblock claiming a disk that large is reported. */
    ((struct superblock *)blk(1))->size = MAXBITMAP * BPB + 1;
    assert_true(check().errors > 0);
    assert_reported("the kernel mounts at most");
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

/* ------------------------------------ damage below the doubly-indirect */

static void test_doubly_indirect_data_block_used_twice_found(void **state)
{
    (void)state;
    *index_entry(huge_second_level(1), 3) = inode(fx.hello)->addrs[0];
    assert_true(check().errors > 0);
    assert_reported("used twice");
}

static void test_second_level_block_used_twice_found(void **state)
{
    (void)state;
    /* The doubly-indirect block names big's indirect block. */
    *index_entry(inode(fx.huge)->addrs[DIND_SLOT], 1) =
        inode(fx.big)->addrs[IND_SLOT];
    assert_true(check().errors > 0);
    assert_reported("used twice");
    assert_reported("marked in use but no inode uses it");  /* the lost one */
}

static void test_doubly_indirect_block_used_twice_found(void **state)
{
    (void)state;
    inode(fx.inner)->addrs[DIND_SLOT] = inode(fx.huge)->addrs[DIND_SLOT];
    assert_true(check().errors > 0);
    assert_reported("used twice");
}

static void test_doubly_indirect_entry_outside_data_area_found(void **state)
{
    (void)state;
    *index_entry(huge_second_level(0), 5) = IMG_BLOCKS + 7;
    assert_true(check().errors > 0);
    assert_reported("outside the data area");
}

static void test_doubly_indirect_hole_found(void **state)
{
    char text[64];
    (void)state;
    uint32_t *e = index_entry(huge_second_level(1), 4);
    set_bitmap_bit(*e, 0);
    *e = 0;
    assert_true(check().errors > 0);
    snprintf(text, sizeof(text), "no block %u inside its size",
             (unsigned)(FIRST_DIND_BLOCK + NINDIRECT + 4));
    assert_reported(text);
}

static void test_lost_second_level_block_found(void **state)
{
    char text[80];
    (void)state;
    *index_entry(inode(fx.huge)->addrs[DIND_SLOT], 1) = 0;
    assert_true(check().errors > 0);
    snprintf(text, sizeof(text), "no indirect block for its blocks from %u",
             (unsigned)(FIRST_DIND_BLOCK + NINDIRECT));
    assert_reported(text);
    assert_reported("marked in use but no inode uses it");
}

static void test_lost_doubly_indirect_block_found(void **state)
{
    (void)state;
    inode(fx.huge)->addrs[DIND_SLOT] = 0;
    assert_true(check().errors > 0);
    assert_reported("no doubly-indirect block for its blocks from");
}

static void test_doubly_indirect_block_marked_free_found(void **state)
{
    (void)state;
    set_bitmap_bit(inode(fx.huge)->addrs[DIND_SLOT], 0);
    assert_true(check().errors > 0);
    assert_reported("marked free but used by inode");
}

static void test_second_level_data_marked_free_found(void **state)
{
    (void)state;
    set_bitmap_bit(*index_entry(huge_second_level(1), 9), 0);
    assert_true(check().errors > 0);
    assert_reported("marked free but used by inode");
}

static void test_size_beyond_doubly_indirect_blocks_found(void **state)
{
    char text[64];
    (void)state;
    inode(fx.huge)->size = (HUGE_BLOCKS + 1) * BSIZE;
    assert_true(check().errors > 0);
    snprintf(text, sizeof(text), "no block %u inside its size", HUGE_BLOCKS);
    assert_reported(text);
}

static void test_doubly_indirect_past_the_end_warned(void **state)
{
    (void)state;
    /* Shrunk to the indirect block's end: everything below the
     * doubly-indirect block lies past it, which is odd but consistent. */
    inode(fx.huge)->size = FIRST_DIND_BLOCK * BSIZE;
    struct fscheck r = check();
    if (r.errors)
        fail_msg("%s", fx.report);
    assert_true(r.warnings > 0);
    assert_reported("doubly-indirect block");
    assert_reported("lies past its end");
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
    entry(ROOTINO, 5)->inum = 0;            /* root's "dir" entry gone */
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
        T(test_doubly_indirect_layout),
        T(test_file_of_maxfile_fits_one_byte_more_refused),
        T(test_3mb_file_round_trip_on_32mb_image),
        T(test_image_size_limited_by_bitmap),
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
        T(test_doubly_indirect_data_block_used_twice_found),
        T(test_second_level_block_used_twice_found),
        T(test_doubly_indirect_block_used_twice_found),
        T(test_doubly_indirect_entry_outside_data_area_found),
        T(test_doubly_indirect_hole_found),
        T(test_lost_second_level_block_found),
        T(test_lost_doubly_indirect_block_found),
        T(test_doubly_indirect_block_marked_free_found),
        T(test_second_level_data_marked_free_found),
        T(test_size_beyond_doubly_indirect_blocks_found),
        T(test_doubly_indirect_past_the_end_warned),
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
