/*
 * tools/mkfs --extract (mkfs_extract.c): a file comes out of an image
 * byte for byte, at every level of its block map, from a nested path and
 * from an image stored inside another image; a committed log is seen as
 * the kernel sees it after recovery; and every wrong path or damaged
 * image gives its own negative errno, never a read outside the image.
 * Each test builds a small image in memory; the host-side tests write it
 * to a fresh temporary folder.
 */
// uses: tools/mkfs.c tools/mkfs_path.c tools/mkfs_host.c tools/mkfs_check.c tools/mkfs_extract.c
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "tools/mkfs.h"

#define IMG_BLOCKS 1000
/* Reaches 10 blocks under the doubly-indirect block's second entry. */
#define HUGE_LEN ((NDIRECT + 2 * NINDIRECT + 10) * BSIZE - 100)
#define CFG "kernel = \"/boot/xenolinux-lite\"\nmemory = 24\n"

static struct fsbuild fb;
static int hello;               /* /hello's inode number */
static uint8_t *got;            /* the last extraction's bytes */
static uint32_t got_len;
static char host_dir[256];      /* the host-side tests' folder */

static uint8_t *pattern(uint32_t len, uint32_t seed)
{
    uint8_t *data = malloc(len);
    for (uint32_t i = 0; data && i < len; i++)
        data[i] = (uint8_t)(i * 7 + i / BSIZE * 13 + seed);
    return data;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    got = NULL;
    host_dir[0] = 0;
    if (fsb_init(&fb, IMG_BLOCKS, 64) < 0)
        return -1;
    uint8_t *huge = pattern(HUGE_LEN, 1);
    hello = fsb_add_file(&fb, ROOTINO, "hello", "hello\n", 6);
    int rc = fsb_add_file(&fb, ROOTINO, "huge", huge, HUGE_LEN);
    free(huge);
    if (hello < 0 || rc < 0 ||
        fsb_add_file(&fb, ROOTINO, "empty", "", 0) < 0 ||
        fsb_add_file(&fb, ROOTINO, "fourteen_chars", "14\n", 3) < 0 ||
        fsb_add_file_at(&fb, "/etc/xen/guest1.cfg", CFG, strlen(CFG)) < 0)
        return -1;
    fsb_finish(&fb);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (host_dir[0])
        nftw(host_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    fsb_free(&fb);
    free(got);
    return 0;
}

static uint8_t *blk(uint32_t bno)
{
    return fb.img + (size_t)bno * BSIZE;
}

static struct dinode *inode(uint32_t inum)
{
    return (struct dinode *)blk(IBLOCK(inum, fb.sb)) + inum % IPB;
}

/* fs_extract on the fixture's image, into got/got_len. */
static int extract(const char *path)
{
    free(got);
    return fs_extract(fb.img, (size_t)fb.size * BSIZE, path, &got, &got_len);
}

static void assert_got(const void *want, uint32_t len)
{
    assert_int_equal(got_len, len);
    if (len)
        assert_memory_equal(got, want, len);
}

/* ------------------------------------------------------------ files */

static void test_file_at_nested_path_comes_out_whole(void **state)
{
    (void)state;
    assert_int_equal(extract("/etc/xen/guest1.cfg"), 0);
    assert_got(CFG, strlen(CFG));
    assert_int_equal(extract("//etc//xen/guest1.cfg"), 0);
    assert_got(CFG, strlen(CFG));
}

static void test_file_through_doubly_indirect_comes_out_whole(void **state)
{
    (void)state;
    uint8_t *want = pattern(HUGE_LEN, 1);
    assert_int_equal(extract("/huge"), 0);
    assert_got(want, HUGE_LEN);
    free(want);
}

static void test_empty_file_comes_out_empty(void **state)
{
    (void)state;
    assert_int_equal(extract("/empty"), 0);
    assert_int_equal(got_len, 0);
}

static void test_name_of_exactly_dirsiz_found(void **state)
{
    (void)state;
    assert_int_equal(extract("/fourteen_chars"), 0);
    assert_got("14\n", 3);
}

static void test_prefix_of_a_name_is_not_the_name(void **state)
{
    (void)state;
    assert_int_equal(extract("/hell"), -ENOENT);
    assert_int_equal(extract("/fourteen_char"), -ENOENT);
    assert_int_equal(extract("/hello2"), -ENOENT);
}

/* A domU's disk kept as a file of dom0's: out, and a file out of it. */
static void test_image_inside_an_image_comes_out_and_reads(void **state)
{
    (void)state;
    struct fsbuild inner;
    assert_int_equal(fsb_init(&inner, 300, 32), 0);
    assert_true(fsb_add_file(&inner, ROOTINO, "synced", "kept\n", 5) > 0);
    fsb_finish(&inner);
    uint32_t inner_len = inner.size * BSIZE;
    assert_true(fsb_add_file_at(&fb, "/images/guest1.img", inner.img,
                                inner_len) > 0);
    fsb_finish(&fb);

    assert_int_equal(extract("/images/guest1.img"), 0);
    assert_got(inner.img, inner_len);
    uint8_t *disk = got;
    got = NULL;
    assert_int_equal(fs_extract(disk, inner_len, "/synced", &got, &got_len), 0);
    assert_got("kept\n", 5);
    free(disk);
    fsb_free(&inner);
}

/* ------------------------------------------------------ wrong paths */

static void test_missing_file_is_enoent(void **state)
{
    (void)state;
    assert_int_equal(extract("/nothing"), -ENOENT);
    assert_int_equal(extract("/etc/nothing/guest1.cfg"), -ENOENT);
    assert_int_equal(extract("/a_name_longer_than_14"), -ENOENT);
    assert_null(got);
}

static void test_path_through_a_file_is_enotdir(void **state)
{
    (void)state;
    assert_int_equal(extract("/hello/x"), -ENOTDIR);
    assert_int_equal(extract("/hello/"), -ENOTDIR);
}

static void test_directory_is_eisdir(void **state)
{
    (void)state;
    assert_int_equal(extract("/"), -EISDIR);
    assert_int_equal(extract("/etc/xen"), -EISDIR);
    assert_int_equal(extract("/etc/xen/"), -EISDIR);
}

static void test_device_is_enodev(void **state)
{
    (void)state;
    inode(hello)->type = T_DEV;
    assert_int_equal(extract("/hello"), -ENODEV);
}

static void test_relative_path_is_einval(void **state)
{
    (void)state;
    assert_int_equal(extract("hello"), -EINVAL);
    assert_int_equal(extract(""), -EINVAL);
}

/* --------------------------------------------------- damaged images */

static void test_not_an_image_is_einval(void **state)
{
    (void)state;
    assert_int_equal(fs_extract(fb.img, BSIZE, "/hello", &got, &got_len),
                     -EINVAL);
    ((struct superblock *)blk(1))->magic = 0x1234;
    assert_int_equal(extract("/hello"), -EINVAL);
}

static void test_superblock_larger_than_image_is_eio(void **state)
{
    (void)state;
    assert_int_equal(fs_extract(fb.img, (size_t)(fb.size - 1) * BSIZE,
                                "/hello", &got, &got_len), -EIO);
}

static void test_block_outside_data_area_is_eio(void **state)
{
    (void)state;
    inode(hello)->addrs[0] = fb.sb.inodestart;
    assert_int_equal(extract("/hello"), -EIO);
    inode(hello)->addrs[0] = fb.size;           /* past the end */
    assert_int_equal(extract("/hello"), -EIO);
}

static void test_hole_inside_size_is_eio(void **state)
{
    (void)state;
    inode(hello)->addrs[0] = 0;
    assert_int_equal(extract("/hello"), -EIO);
}

static void test_size_beyond_largest_file_is_eio(void **state)
{
    (void)state;
    inode(hello)->size = MAXFILE * BSIZE + 1;
    assert_int_equal(extract("/hello"), -EIO);
}

static void test_entry_naming_a_free_or_missing_inode_is_eio(void **state)
{
    (void)state;
    struct fs_dirent *e = (struct fs_dirent *)blk(inode(ROOTINO)->addrs[0]);
    int i = 0;
    while (strncmp(e[i].name, "hello", DIRSIZ) != 0)
        i++;
    e[i].inum = (uint16_t)(fb.sb.ninodes + 3);  /* beyond the last */
    assert_int_equal(extract("/hello"), -EIO);
    e[i].inum = (uint16_t)(fb.nextinode + 1);   /* free */
    assert_int_equal(extract("/hello"), -EIO);
}

/* --------------------------------------------------------------- log */

static void test_committed_log_is_seen(void **state)
{
    (void)state;
    uint32_t home = inode(hello)->addrs[0];
    uint32_t *header = (uint32_t *)blk(fb.sb.logstart);
    header[0] = 1;
    header[1] = home;
    memcpy(blk(fb.sb.logstart + 1), "HELLO\n", 6);
    assert_int_equal(extract("/hello"), 0);
    assert_got("HELLO\n", 6);
    assert_memory_equal(blk(home), "hello\n", 6);   /* image untouched */
}

static void test_corrupt_log_header_is_eio(void **state)
{
    (void)state;
    uint32_t *header = (uint32_t *)blk(fb.sb.logstart);
    header[0] = 1000;
    assert_int_equal(extract("/hello"), -EIO);
    header[0] = 1;
    header[1] = 0;                  /* the boot block: not loggable */
    assert_int_equal(extract("/hello"), -EIO);
}

/* --------------------------------------------------------- host side */

static const char *host(const char *name)
{
    static char bufs[2][512];
    static int next;
    char *b = bufs[next++ % 2];
    if (!host_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(host_dir, sizeof(host_dir), "%s/test_mkfs_extract.XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        assert_non_null(mkdtemp(host_dir));
    }
    snprintf(b, sizeof(bufs[0]), "%s/%s", host_dir, name);
    return b;
}

static void write_image(const char *name)
{
    FILE *f = fopen(host(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(fb.img, BSIZE, fb.size, f), fb.size);
    assert_int_equal(fclose(f), 0);
}

static void test_host_extract_writes_the_file(void **state)
{
    (void)state;
    write_image("disk.img");
    assert_int_equal(mkfs_extract_file(host("disk.img"), "/etc/xen/guest1.cfg",
                                       host("out")), 0);
    size_t len;
    uint8_t *data = mkfs_read_host_file(host("out"), &len);
    assert_non_null(data);
    assert_int_equal(len, strlen(CFG));
    assert_memory_equal(data, CFG, len);
    free(data);
}

static void test_host_extract_refused_leaves_no_file(void **state)
{
    (void)state;
    write_image("disk.img");
    assert_int_equal(mkfs_extract_file(host("disk.img"), "/nothing",
                                       host("out")), -1);
    assert_int_equal(access(host("out"), F_OK), -1);
    assert_int_equal(mkfs_extract_file(host("no.img"), "/hello",
                                       host("out")), -1);
    assert_int_equal(access(host("out"), F_OK), -1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_file_at_nested_path_comes_out_whole),
        T(test_file_through_doubly_indirect_comes_out_whole),
        T(test_empty_file_comes_out_empty),
        T(test_name_of_exactly_dirsiz_found),
        T(test_prefix_of_a_name_is_not_the_name),
        T(test_image_inside_an_image_comes_out_and_reads),
        T(test_missing_file_is_enoent),
        T(test_path_through_a_file_is_enotdir),
        T(test_directory_is_eisdir),
        T(test_device_is_enodev),
        T(test_relative_path_is_einval),
        T(test_not_an_image_is_einval),
        T(test_superblock_larger_than_image_is_eio),
        T(test_block_outside_data_area_is_eio),
        T(test_hole_inside_size_is_eio),
        T(test_size_beyond_largest_file_is_eio),
        T(test_entry_naming_a_free_or_missing_inode_is_eio),
        T(test_committed_log_is_seen),
        T(test_corrupt_log_header_is_eio),
        T(test_host_extract_writes_the_file),
        T(test_host_extract_refused_leaves_no_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
