/*
 * tools/mkfs: paths inside an image (mkfs_path.c) and copies from the
 * host (mkfs_host.c).  A file lands at the path it is given, with the
 * directories above it made once and shared; a host tree lands whole
 * under its destination; every image that is built checks clean; and bad
 * input (a missing host file, a name longer than DIRSIZ, a path through
 * a file, a full image) is refused with a message, leaving no image file
 * behind or the old one untouched.  Host files live in a fresh temporary
 * folder per test.
 */
// uses: tools/mkfs.c tools/mkfs_path.c tools/mkfs_host.c tools/mkfs_check.c
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "tools/mkfs.h"

static char host_dir[256];      /* this test's temporary folder */
static struct fsbuild fb;       /* this test's image, 2000 blocks */
static char *report;            /* the checker's last output */
static size_t report_len;

/* ---------------------------------------------------------- host side */

/* The host path of name inside this test's folder (a static buffer per
 * call slot, so two can be used in one expression). */
static const char *host(const char *name)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof(bufs[0]), "%s/%s", host_dir, name);
    return b;
}

static void write_host_file(const char *name, const void *data, size_t len)
{
    FILE *f = fopen(host(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void make_host_dir(const char *name)
{
    assert_int_equal(mkdir(host(name), 0755), 0);
}

/* mkfs_add_argument() with "NAME=/dest" built from a host name. */
static int add_at(const char *name, const char *dest, int recursive)
{
    char arg[600];
    snprintf(arg, sizeof(arg), "%s=%s", host(name), dest);
    return mkfs_add_argument(&fb, arg, recursive);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    (void)state;
    snprintf(host_dir, sizeof(host_dir), "%s/test_mkfs_host.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(host_dir))
        return -1;
    return fsb_init(&fb, 2000, fsb_default_ninodes(2000));
}

static int teardown(void **state)
{
    (void)state;
    nftw(host_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    fsb_free(&fb);
    free(report);
    report = NULL;
    return 0;
}

/* ---------------------------------------------------------- image side */

static struct dinode inode(const struct fsbuild *b, uint32_t inum)
{
    struct dinode d;
    memcpy(&d, b->img + (size_t)IBLOCK(inum, b->sb) * BSIZE +
               inum % IPB * sizeof(d), sizeof(d));
    return d;
}

/* The inode at absolute path in image b, walked with fsb_lookup; 0 if
 * absent. */
static int lookup_path(struct fsbuild *b, const char *path)
{
    char copy[256], *save, *part;
    int inum = ROOTINO;

    snprintf(copy, sizeof(copy), "%s", path);
    for (part = strtok_r(copy, "/", &save); part && inum;
         part = strtok_r(NULL, "/", &save))
        inum = fsb_lookup(b, inum, part);
    return inum;
}

/* The disk block of file block bn of d (direct and indirect blocks are
 * enough for the files here). */
static uint32_t file_block(const struct fsbuild *b, const struct dinode *d,
                           uint32_t bn)
{
    uint32_t addr;
    if (bn < NDIRECT)
        return d->addrs[bn];
    memcpy(&addr, b->img + (size_t)d->addrs[IND_SLOT] * BSIZE +
                  (bn - NDIRECT) * 4, 4);
    return addr;
}

/* Does the file at path in image b hold exactly len bytes of data? */
static int holds(struct fsbuild *b, const char *path, const void *data,
                 uint32_t len)
{
    int inum = lookup_path(b, path);
    if (!inum)
        return 0;
    struct dinode d = inode(b, inum);
    if (d.type != T_FILE || d.size != len)
        return 0;
    for (uint32_t off = 0; off < len; off += BSIZE) {
        uint32_t n = len - off < BSIZE ? len - off : BSIZE;
        if (memcmp(b->img + (size_t)file_block(b, &d, off / BSIZE) * BSIZE,
                   (const uint8_t *)data + off, n) != 0)
            return 0;
    }
    return 1;
}

/* Finish image b and check it; fails the test on any finding. */
static void assert_checks_clean(struct fsbuild *b)
{
    fsb_finish(b);
    free(report);
    report = NULL;
    FILE *out = open_memstream(&report, &report_len);
    struct fscheck r = fs_check(b->img, (size_t)b->size * BSIZE, out);
    fclose(out);
    if (r.errors || r.warnings)
        fail_msg("%s", report);
}

/* ------------------------------------------------------ paths in image */

static void test_file_at_path_makes_its_directories_once(void **state)
{
    (void)state;
    assert_true(fsb_add_file_at(&fb, "/etc/xen/guest1.cfg", "one", 3) > 0);
    assert_true(fsb_add_file_at(&fb, "/etc/xen/guest2.cfg", "two", 3) > 0);
    assert_true(fsb_add_file_at(&fb, "/etc/motd", "hi", 2) > 0);
    assert_true(holds(&fb, "/etc/xen/guest1.cfg", "one", 3));
    assert_true(holds(&fb, "/etc/xen/guest2.cfg", "two", 3));
    assert_true(holds(&fb, "/etc/motd", "hi", 2));
    int etc = lookup_path(&fb, "/etc");
    assert_int_equal(fsb_type(&fb, etc), T_DIR);
    assert_int_equal(fsb_mkdir_path(&fb, "/etc"), etc);
    assert_int_equal(fsb_mkdir_path(&fb, "/etc/xen/"), lookup_path(&fb, "/etc/xen"));
    assert_int_equal(fsb_mkdir_path(&fb, "/"), ROOTINO);
    assert_checks_clean(&fb);
}

static void test_path_through_a_file_refused(void **state)
{
    (void)state;
    assert_true(fsb_add_file_at(&fb, "/boot", "x", 1) > 0);
    assert_int_equal(fsb_add_file_at(&fb, "/boot/kernel", "y", 1), -1);
    assert_int_equal(fsb_mkdir_path(&fb, "/boot/grub"), -1);
}

static void test_bad_image_paths_refused(void **state)
{
    (void)state;
    assert_int_equal(fsb_add_file_at(&fb, "etc/motd", "x", 1), -1);
    assert_int_equal(fsb_add_file_at(&fb, "/etc//motd", "x", 1), -1);
    assert_int_equal(fsb_add_file_at(&fb, "/etc/../motd", "x", 1), -1);
    assert_int_equal(fsb_add_file_at(&fb, "/etc/./motd", "x", 1), -1);
    assert_int_equal(fsb_add_file_at(&fb, "/etc/", "x", 1), -1);
    assert_int_equal(fsb_add_file_at(&fb, "/", "x", 1), -1);
    assert_int_equal(fsb_mkdir_path(&fb, "images"), -1);
}

static void test_path_name_longer_than_dirsiz_refused(void **state)
{
    (void)state;
    assert_int_equal(fsb_add_file_at(&fb, "/a-folder-name-too-long/x", "x", 1),
                     -1);
    assert_int_equal(fsb_add_file_at(&fb, "/images/fifteen-letters", "x", 1),
                     -1);
    assert_true(fsb_add_file_at(&fb, "/images/fourteen-lettr", "x", 1) > 0);
}

static void test_same_path_twice_refused(void **state)
{
    (void)state;
    assert_true(fsb_add_file_at(&fb, "/etc/a", "x", 1) > 0);
    assert_int_equal(fsb_add_file_at(&fb, "/etc/a", "y", 1), -1);
}

/* ------------------------------------------------------- from the host */

static void test_host_file_to_destination_path(void **state)
{
    static uint8_t kernel[30000];
    (void)state;
    for (size_t i = 0; i < sizeof(kernel); i++)
        kernel[i] = (uint8_t)(i * 31 + 7);
    write_host_file("kernel.elf", kernel, sizeof(kernel));
    write_host_file("_sh", "#!", 2);
    assert_int_equal(add_at("kernel.elf", "/boot/xenolinux-lite", 0), 0);
    assert_int_equal(add_at("_sh", "/bin/_sh", 0), 0);     /* name kept */
    assert_int_equal(mkfs_add_argument(&fb, host("_sh"), 0), 0);
    assert_true(holds(&fb, "/boot/xenolinux-lite", kernel, sizeof(kernel)));
    assert_true(holds(&fb, "/bin/_sh", "#!", 2));
    assert_true(holds(&fb, "/sh", "#!", 2));    /* bare: '_' dropped */
    assert_checks_clean(&fb);
}

static void test_host_tree_copied_under_destination(void **state)
{
    (void)state;
    make_host_dir("mine");
    make_host_dir("mine/sub");
    make_host_dir("mine/sub/deeper");
    make_host_dir("mine/empty");
    write_host_file("mine/kernel", "K", 1);
    write_host_file("mine/sub/guest.cfg", "cfg", 3);
    write_host_file("mine/sub/deeper/x", "", 0);
    assert_int_equal(add_at("mine", "/guests", 1), 0);
    assert_true(holds(&fb, "/guests/kernel", "K", 1));
    assert_true(holds(&fb, "/guests/sub/guest.cfg", "cfg", 3));
    assert_true(holds(&fb, "/guests/sub/deeper/x", "", 0));
    assert_int_equal(fsb_type(&fb, lookup_path(&fb, "/guests/empty")), T_DIR);
    assert_checks_clean(&fb);
}

static void test_host_tree_into_existing_directory(void **state)
{
    (void)state;
    make_host_dir("more");
    write_host_file("more/b", "b", 1);
    assert_true(fsb_add_file_at(&fb, "/guests/a", "a", 1) > 0);
    assert_int_equal(add_at("more", "/guests", 1), 0);
    assert_true(holds(&fb, "/guests/a", "a", 1));
    assert_true(holds(&fb, "/guests/b", "b", 1));
    assert_checks_clean(&fb);
}

static void test_long_name_in_host_tree_refused(void **state)
{
    (void)state;
    make_host_dir("mine");
    write_host_file("mine/my-own-kernel.elf", "K", 1);     /* 17 characters */
    assert_int_equal(add_at("mine", "/guests", 1), -1);
}

static void test_missing_host_files_refused(void **state)
{
    (void)state;
    assert_int_equal(mkfs_add_argument(&fb, host("absent"), 0), -1);
    assert_int_equal(add_at("absent", "/etc/absent", 0), -1);
    assert_int_equal(add_at("absent", "/guests", 1), -1);
    assert_int_equal(lookup_path(&fb, "/etc"), 0);     /* made only when found */
}

static void test_tree_and_file_forms_not_mixed_up(void **state)
{
    char arg[600];
    (void)state;
    make_host_dir("mine");
    write_host_file("file", "f", 1);
    assert_int_equal(add_at("mine", "/guests", 0), -1);     /* needs -r */
    assert_int_equal(add_at("file", "/guests", 1), -1);     /* not a tree */
    snprintf(arg, sizeof(arg), "%s", host("mine"));
    assert_int_equal(mkfs_add_argument(&fb, arg, 1), -1);   /* no =/dest */
    assert_int_equal(mkfs_add_argument(&fb, "=/x", 0), -1); /* no host */
}

/* -------------------------------------------------------- image files */

/* Read the image file at path and check it clean; returns its bytes
 * (free them). */
static uint8_t *read_image_checked(const char *path, size_t *len)
{
    uint8_t *img = mkfs_read_host_file(path, len);
    assert_non_null(img);
    free(report);
    report = NULL;
    FILE *out = open_memstream(&report, &report_len);
    struct fscheck r = fs_check(img, *len, out);
    fclose(out);
    if (r.errors || r.warnings)
        fail_msg("%s", report);
    return img;
}

static void test_build_image_writes_a_clean_image(void **state)
{
    char file_arg[600], tree_arg[600];
    (void)state;
    write_host_file("_prog", "elf", 3);
    make_host_dir("mine");
    write_host_file("mine/k", "kernel", 6);
    snprintf(file_arg, sizeof(file_arg), "%s=/boot/prog", host("_prog"));
    snprintf(tree_arg, sizeof(tree_arg), "%s=/guests", host("mine"));
    char *args[] = { (char *)host("_prog"), file_arg, "-r", tree_arg };

    assert_int_equal(mkfs_build_image(host("disk.img"), 500, 4, args), 0);
    size_t len;
    uint8_t *img = read_image_checked(host("disk.img"), &len);
    assert_int_equal(len, 500 * BSIZE);
    free(img);
    assert_int_equal(access(host("disk.img.tmp"), F_OK), -1);
}

static void test_full_image_refused_and_nothing_written(void **state)
{
    static uint8_t big[200 * BSIZE];
    char arg[600];
    (void)state;
    memset(big, 'b', sizeof(big));
    write_host_file("big", big, sizeof(big));
    snprintf(arg, sizeof(arg), "%s=/images/big", host("big"));
    char *args[] = { arg };

    /* No image before: none after. */
    assert_int_equal(mkfs_build_image(host("new.img"), 150, 1, args), -1);
    assert_int_equal(access(host("new.img"), F_OK), -1);
    assert_int_equal(access(host("new.img.tmp"), F_OK), -1);

    /* An image from before stays as it was. */
    write_host_file("old.img", "previous", 8);
    assert_int_equal(mkfs_build_image(host("old.img"), 150, 1, args), -1);
    size_t len;
    uint8_t *old = mkfs_read_host_file(host("old.img"), &len);
    assert_non_null(old);
    assert_int_equal(len, 8);
    assert_memory_equal(old, "previous", 8);
    free(old);

    /* With room, the same file goes in. */
    assert_int_equal(mkfs_build_image(host("old.img"), 400, 1, args), 0);
    free(read_image_checked(host("old.img"), &len));
}

static void test_trailing_r_refused(void **state)
{
    char *args[] = { "-r" };
    (void)state;
    assert_int_equal(mkfs_build_image(host("x.img"), 500, 1, args), -1);
    assert_int_equal(access(host("x.img"), F_OK), -1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_file_at_path_makes_its_directories_once),
        T(test_path_through_a_file_refused),
        T(test_bad_image_paths_refused),
        T(test_path_name_longer_than_dirsiz_refused),
        T(test_same_path_twice_refused),
        T(test_host_file_to_destination_path),
        T(test_host_tree_copied_under_destination),
        T(test_host_tree_into_existing_directory),
        T(test_long_name_in_host_tree_refused),
        T(test_missing_host_files_refused),
        T(test_tree_and_file_forms_not_mixed_up),
        T(test_build_image_writes_a_clean_image),
        T(test_full_image_refused_and_nothing_written),
        T(test_trailing_r_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
