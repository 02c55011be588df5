/*
 * The on-disk file system, shared by the kernel, tools/mkfs and its
 * checker.  All numbers little-endian, blocks of BSIZE bytes:
 *
 *   [ boot | super | log (nlog) | inodes | free bitmap | data ... ]
 *     0      1       logstart     inodestart bmapstart
 *
 * A directory is a file of struct dirent records (the user ABI: programs
 * such as ls read them with read()).
 */
#ifndef ABI_FS_H
#define ABI_FS_H
#include <stdint.h>

#define BSIZE    512        /* block size */
#define ROOTINO  1          /* root directory's inode number */
#define FSMAGIC  0x10203040 /* superblock magic */

struct superblock {
    uint32_t magic;         /* FSMAGIC */
    uint32_t size;          /* blocks in the image */
    uint32_t nblocks;       /* data blocks */
    uint32_t ninodes;
    uint32_t nlog;          /* log blocks (header + data) */
    uint32_t logstart;      /* first log block */
    uint32_t inodestart;    /* first inode block */
    uint32_t bmapstart;     /* first free-bitmap block */
};

/*
 * Where a file's data lives.  addrs[] in the inode names NDIRECT data
 * blocks, then one indirect block, then one doubly-indirect block.  An
 * indirect block is an array of NINDIRECT block numbers; the
 * doubly-indirect block's entries each name such an indirect block.  A
 * block number 0 means "not allocated" at every level.  File block bn is
 * found as:
 *
 *   bn < NDIRECT                   addrs[bn]
 *   bn - NDIRECT < NINDIRECT       addrs[IND_SLOT] -> [bn - NDIRECT]
 *   else, with k = bn - NDIRECT - NINDIRECT:
 *                                  addrs[DIND_SLOT] -> [k / NINDIRECT]
 *                                                   -> [k % NINDIRECT]
 *
 * 11 + 128 + 128 * 128 blocks of 512 bytes: a file holds up to 8,459,776
 * bytes.
 */
#define NDIRECT   11
#define NINDIRECT (BSIZE / sizeof(uint32_t))    /* entries in an indirect block */
#define NDINDIRECT (NINDIRECT * NINDIRECT)      /* blocks under the doubly-indirect */
#define MAXFILE   (NDIRECT + NINDIRECT + NDINDIRECT)  /* blocks in a file */
#define IND_SLOT  NDIRECT                       /* addrs[] index: indirect */
#define DIND_SLOT (NDIRECT + 1)                 /* addrs[] index: doubly-indirect */
#define NADDRS    (NDIRECT + 2)                 /* entries of addrs[] */

/* An inode on disk (64 bytes). type 0 means free. */
struct dinode {
    int16_t type;           /* T_DIR, T_FILE, T_DEV (abi/stat.h), 0 = free */
    int16_t major;          /* device numbers (T_DEV only) */
    int16_t minor;
    int16_t nlink;          /* directory entries naming it */
    uint32_t size;          /* bytes */
    uint32_t addrs[NADDRS]; /* direct, indirect, doubly-indirect: see above */
};

#define IPB           (BSIZE / sizeof(struct dinode))   /* inodes per block */
#define IBLOCK(i, sb) ((i) / IPB + (sb).inodestart)
#define BPB           (BSIZE * 8)                       /* bitmap bits per block */
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)

#define DIRSIZ 14           /* name length, not necessarily NUL-terminated */

struct dirent {
    uint16_t inum;          /* 0: unused entry */
    char name[DIRSIZ];
};
#endif
