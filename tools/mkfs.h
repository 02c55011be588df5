/*
 * tools/mkfs: build xenolinux-lite file-system images on the host
 * (mkfs.c lays out an image and adds files; mkfs_path.c finds and makes
 * paths inside it; mkfs_host.c copies host files and trees in and writes
 * the result; mkfs_main.c is the command line) and check them
 * (mkfs_check.c), and copy files out of them (mkfs_extract.c).  The
 * on-disk format is xenolinux-lite/include/abi/fs.h; the log's layout
 * is described in xenolinux-lite/kernel/log.c.  Images are built in
 * memory and written out only when complete, so a failed build leaves no
 * image behind, and tests can build, damage and check them in memory.
 */
#ifndef TOOLS_MKFS_H
#define TOOLS_MKFS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The host's <dirent.h> and <sys/stat.h> have their own struct dirent and
 * struct stat; host tools call the guest's fs_dirent and fs_stat. */
#define dirent fs_dirent
#define stat fs_stat
#include "xenolinux-lite/include/abi/fs.h"
#include "xenolinux-lite/include/abi/stat.h"
#undef stat
#undef dirent

#define MKFS_NINODES 200            /* fewest inodes in an image mkfs builds */
#define MKFS_BLOCKS_PER_INODE 32    /* else one inode per 16 KB of disk */
#define MKFS_MAX_INODES 65536       /* struct dirent's inum is 16 bits */

/* An image being built. */
struct fsbuild {
    uint8_t *img;           /* size * BSIZE bytes */
    uint32_t size;          /* blocks */
    struct superblock sb;
    uint32_t datastart;     /* first data block */
    uint32_t nextblock;     /* next data block to hand out */
    uint32_t nextinode;     /* next inode number to hand out */
};

/*
 * Lay out an empty file system of size blocks with ninodes inodes and
 * create the root directory.  Returns 0, or -1 (message on stderr) if the
 * size cannot hold the metadata.  fsb_free() releases the memory.
 */
int fsb_init(struct fsbuild *fb, uint32_t size, uint32_t ninodes);
void fsb_free(struct fsbuild *fb);

/* The inodes mkfs gives an image of size blocks (see mkfs.c). */
uint32_t fsb_default_ninodes(uint32_t size);

/* Create a regular file name in directory dir holding len bytes of data.
 * Returns its inode number, or -1 (message on stderr). */
int fsb_add_file(struct fsbuild *fb, uint32_t dir, const char *name,
                 const void *data, uint32_t len);

/* Create directory name in directory parent.  Returns its inode number,
 * or -1 (message on stderr). */
int fsb_mkdir(struct fsbuild *fb, uint32_t parent, const char *name);

/* The inode number of name in directory dir, or 0 if there is none. */
int fsb_lookup(struct fsbuild *fb, uint32_t dir, const char *name);

/* The type (T_DIR, T_FILE) of inode inum. */
short fsb_type(struct fsbuild *fb, uint32_t inum);

/*
 * The directory at path in the image ("/", "/etc/xen"), made with every
 * missing directory above it.  path is absolute, its components 1 to
 * DIRSIZ characters and not "." or "..".  Returns its inode number, or
 * -1 (message on stderr) if path is bad, names a file, or the image is
 * full.
 */
int fsb_mkdir_path(struct fsbuild *fb, const char *path);

/* Create the regular file at path ("/etc/xen/guest1.cfg") holding len
 * bytes of data, its directories made as fsb_mkdir_path() does.  Returns
 * its inode number, or -1 (message on stderr). */
int fsb_add_file_at(struct fsbuild *fb, const char *path, const void *data,
                    uint32_t len);

/* Write the free bitmap: every block handed out so far is in use.  Call
 * once, after the last add. */
void fsb_finish(struct fsbuild *fb);

/*
 * Add one command-line argument's host files to the image:
 *
 *   HOSTFILE              the file, in / under its base name less one
 *                         leading '_' (build/xl/user/_sh becomes /sh)
 *   HOSTDIR               the directory's contents, into /, recursively
 *   HOSTFILE=/dest/path   the file, as /dest/path
 *
 * and with recursive set, HOSTDIR=/dest: the directory's contents, into
 * /dest, recursively (names unchanged).  Directories in the image are
 * made as needed.  Returns 0, or -1 (message on stderr): a host file
 * missing or unreadable, a name too long, a full image.
 */
int mkfs_add_argument(struct fsbuild *fb, const char *arg, int recursive);

/*
 * Build the image file image of size blocks from args, each a
 * mkfs_add_argument() argument, "-r" before one making it recursive.  The
 * file is written in full under a temporary name and renamed into place,
 * so on any error (returned as -1, with a message on stderr) image is left
 * as it was.
 */
int mkfs_build_image(const char *image, uint32_t size, int nargs,
                     char *const args[]);

/* Read the whole host file path into fresh memory (free() it) and set
 * *len.  NULL with errno set if it cannot be read. */
uint8_t *mkfs_read_host_file(const char *path, size_t *len);

/* What the checker found. */
struct fscheck {
    int errors;             /* inconsistencies: the image is damaged */
    int warnings;           /* oddities the kernel copes with */
    uint32_t log_pending;   /* committed log blocks not yet installed */
};

/*
 * Check the image img of len bytes, printing each finding to out.  A
 * committed but uninstalled log is reported and then installed in a
 * private copy, which is checked instead (that is what the kernel will
 * see after its recovery).  img is not changed.
 */
struct fscheck fs_check(const uint8_t *img, size_t len, FILE *out);

/*
 * Copy out the regular file at path (absolute) in the image img of len
 * bytes, as the kernel reads it after its log recovery (mkfs_extract.c):
 * 0 with *data its *size bytes (free() it; NULL if empty), or -EINVAL
 * (not an image of ours, or path not absolute), -ENOENT, -ENOTDIR,
 * -EISDIR, -ENODEV (a device), -EIO (the image is damaged on the way)
 * or -ENOMEM.  img is not changed.
 */
int fs_extract(const uint8_t *img, size_t len, const char *path,
               uint8_t **data, uint32_t *size);

/* mkfs --extract: copy path in the image file image to the host file
 * out.  0, or -1 (message on stderr; out not left behind). */
int mkfs_extract_file(const char *image, const char *path, const char *out);
#endif
