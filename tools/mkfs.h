/*
 * tools/mkfs: build xenolinux-lite file-system images on the host
 * (mkfs.c) and check them (mkfs_check.c).  The on-disk format is
 * xenolinux-lite/include/abi/fs.h; the log's layout is described in
 * xenolinux-lite/kernel/log.c.  Images are built in memory and written
 * out at the end, so tests can build, damage and check them in memory.
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

/* Write the free bitmap: every block handed out so far is in use.  Call
 * once, after the last add. */
void fsb_finish(struct fsbuild *fb);

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
#endif
