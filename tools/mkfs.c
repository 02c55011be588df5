/*
 * mkfs: lay out a xenolinux-lite file-system image in memory and add
 * files and directories to it.  Paths inside the image are mkfs_path.c's
 * job, copying from the host mkfs_host.c's, the command line mkfs_main.c's.
 *
 * The image, in blocks (abi/fs.h):
 *
 *   0 boot | 1 super | log: LOGSIZE+1 | inodes | bitmap | data ...
 *
 * An image has one inode per MKFS_BLOCKS_PER_INODE blocks, at least
 * MKFS_NINODES, and at most MAXBITMAP bitmap blocks (param.h), the
 * largest file system the kernel mounts.
 *
 * mkfs hands out inodes from ROOTINO up and data blocks from the first
 * data block up, so everything in use sits at the front; the bitmap marks
 * the metadata and those blocks used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/mkfs.h"
#include "xenolinux-lite/kernel/param.h"

#define DIV_UP(a, b) (((a) + (b) - 1) / (b))

_Static_assert(sizeof(struct dinode) == 64 && BSIZE % sizeof(struct dinode) == 0,
               "an inode block holds a whole number of 64-byte inodes");

static uint8_t *block(struct fsbuild *fb, uint32_t bno)
{
    return fb->img + (size_t)bno * BSIZE;
}

static void get_inode(struct fsbuild *fb, uint32_t inum, struct dinode *d)
{
    memcpy(d, block(fb, IBLOCK(inum, fb->sb)) + (inum % IPB) * sizeof(*d),
           sizeof(*d));
}

static void put_inode(struct fsbuild *fb, uint32_t inum, const struct dinode *d)
{
    memcpy(block(fb, IBLOCK(inum, fb->sb)) + (inum % IPB) * sizeof(*d), d,
           sizeof(*d));
}

/* Hand out the next data block (all blocks start zeroed); 0 if full. */
static uint32_t new_block(struct fsbuild *fb)
{
    if (fb->nextblock >= fb->size) {
        fprintf(stderr, "mkfs: image full (all %u blocks in use)\n",
                fb->size);
        return 0;
    }
    return fb->nextblock++;
}

/* Allocate an inode of the given type with nlink 1; 0 if none left. */
static uint32_t new_inode(struct fsbuild *fb, short type)
{
    struct dinode d;

    if (fb->nextinode >= fb->sb.ninodes) {
        fprintf(stderr, "mkfs: out of inodes (%u)\n", fb->sb.ninodes);
        return 0;
    }
    memset(&d, 0, sizeof(d));
    d.type = type;
    d.nlink = 1;
    put_inode(fb, fb->nextinode, &d);
    return fb->nextinode++;
}

/* addrs[slot] of inode d, given a fresh block first if it is 0 and alloc
 * is set.  0 if absent, or if the image is full. */
static uint32_t inode_slot(struct fsbuild *fb, struct dinode *d, int slot,
                           int alloc)
{
    if (!d->addrs[slot] && alloc)
        d->addrs[slot] = new_block(fb);
    return d->addrs[slot];
}

/* Entry i of index block ind, given a fresh block first if it is 0 and
 * alloc is set.  0 if absent, or if the image is full. */
static uint32_t index_entry(struct fsbuild *fb, uint32_t ind, uint32_t i,
                            int alloc)
{
    uint32_t addr;

    memcpy(&addr, block(fb, ind) + i * 4, 4);
    if (!addr && alloc && (addr = new_block(fb)) != 0)
        memcpy(block(fb, ind) + i * 4, &addr, 4);
    return addr;
}

/*
 * The disk block holding file block bn of inode d, along the direct,
 * indirect or doubly-indirect path of abi/fs.h.  If it is missing and
 * alloc is set, it is allocated with the index blocks on its path.
 * Returns 0 if it is absent, beyond MAXFILE, or the image is full.
 */
static uint32_t map_block(struct fsbuild *fb, struct dinode *d, uint32_t bn,
                          int alloc)
{
    if (bn < NDIRECT)
        return inode_slot(fb, d, bn, alloc);
    bn -= NDIRECT;

    if (bn < NINDIRECT) {
        uint32_t ind = inode_slot(fb, d, IND_SLOT, alloc);
        return ind ? index_entry(fb, ind, bn, alloc) : 0;
    }
    bn -= NINDIRECT;

    if (bn >= NDINDIRECT)
        return 0;
    uint32_t dind = inode_slot(fb, d, DIND_SLOT, alloc);
    uint32_t ind = dind ? index_entry(fb, dind, bn / NINDIRECT, alloc) : 0;
    return ind ? index_entry(fb, ind, bn % NINDIRECT, alloc) : 0;
}

/* Append len bytes to inode inum.  Returns 0, or -1 if it does not fit. */
static int append(struct fsbuild *fb, uint32_t inum, const void *data,
                  uint32_t len)
{
    struct dinode d;
    const uint8_t *src = data;

    get_inode(fb, inum, &d);
    if ((uint64_t)d.size + len > (uint64_t)MAXFILE * BSIZE) {
        fprintf(stderr, "mkfs: file too big (%u bytes, at most %u)\n",
                d.size + len, (unsigned)(MAXFILE * BSIZE));
        return -1;
    }
    while (len > 0) {
        uint32_t addr = map_block(fb, &d, d.size / BSIZE, 1);
        if (!addr)
            return -1;
        uint32_t chunk = BSIZE - d.size % BSIZE;
        if (chunk > len)
            chunk = len;
        memcpy(block(fb, addr) + d.size % BSIZE, src, chunk);
        d.size += chunk;
        src += chunk;
        len -= chunk;
    }
    put_inode(fb, inum, &d);
    return 0;
}

int fsb_lookup(struct fsbuild *fb, uint32_t dir, const char *name)
{
    struct dinode d;
    struct fs_dirent de;

    if (strlen(name) > DIRSIZ)
        return 0;           /* no entry can hold it */
    get_inode(fb, dir, &d);
    for (uint32_t off = 0; off < d.size; off += sizeof(de)) {
        uint32_t addr = map_block(fb, &d, off / BSIZE, 0);
        if (!addr)
            return 0;       /* cannot happen: mkfs leaves no holes */
        memcpy(&de, block(fb, addr) + off % BSIZE, sizeof(de));
        if (de.inum && strncmp(de.name, name, DIRSIZ) == 0)
            return de.inum;
    }
    return 0;
}

short fsb_type(struct fsbuild *fb, uint32_t inum)
{
    struct dinode d;

    get_inode(fb, inum, &d);
    return d.type;
}

/* Add the entry (name, inum) to directory dir.  Returns 0 or -1. */
static int link_into(struct fsbuild *fb, uint32_t dir, const char *name,
                     uint32_t inum)
{
    struct fs_dirent de;

    if (name[0] == 0 || strchr(name, '/')) {
        fprintf(stderr, "mkfs: bad name '%s' (empty, or holds a '/')\n", name);
        return -1;
    }
    if (strlen(name) > DIRSIZ) {
        fprintf(stderr, "mkfs: name '%s' is too long (%zu characters; the "
                "file system keeps at most %d)\n", name, strlen(name), DIRSIZ);
        return -1;
    }
    if (fsb_lookup(fb, dir, name)) {
        fprintf(stderr, "mkfs: '%s' given twice\n", name);
        return -1;
    }
    memset(&de, 0, sizeof(de));
    de.inum = inum;
    memcpy(de.name, name, strlen(name));    /* NUL-padded by the memset */
    return append(fb, dir, &de, sizeof(de));
}

/* Give directory inum its "." and "..".  Returns 0 or -1. */
static int dir_init(struct fsbuild *fb, uint32_t inum, uint32_t parent)
{
    if (link_into(fb, inum, ".", inum) < 0)
        return -1;
    return link_into(fb, inum, "..", parent);
}

int fsb_init(struct fsbuild *fb, uint32_t size, uint32_t ninodes)
{
    uint32_t nlog = LOGSIZE + 1;
    uint32_t ninodeblocks = DIV_UP(ninodes, IPB);
    uint32_t nbitmap = DIV_UP(size, BPB);
    uint32_t nmeta = 2 + nlog + ninodeblocks + nbitmap;

    memset(fb, 0, sizeof(*fb));
    if (nbitmap > MAXBITMAP) {
        fprintf(stderr, "mkfs: %u blocks need %u bitmap blocks; the kernel "
                "mounts at most %u (%u blocks)\n", size, nbitmap,
                (unsigned)MAXBITMAP, (unsigned)(MAXBITMAP * BPB));
        return -1;
    }
    if (ninodes <= ROOTINO || ninodes > MKFS_MAX_INODES || size <= nmeta + 1) {
        fprintf(stderr, "mkfs: %u blocks and %u inodes: no room for data "
                "(metadata alone is %u blocks), or not 2 to %u inodes\n",
                size, ninodes, nmeta, MKFS_MAX_INODES);
        return -1;
    }
    fb->img = calloc(size, BSIZE);
    if (!fb->img) {
        fprintf(stderr, "mkfs: out of memory\n");
        return -1;
    }
    fb->size = size;
    fb->sb.magic = FSMAGIC;
    fb->sb.size = size;
    fb->sb.nblocks = size - nmeta;
    fb->sb.ninodes = ninodes;
    fb->sb.nlog = nlog;
    fb->sb.logstart = 2;
    fb->sb.inodestart = 2 + nlog;
    fb->sb.bmapstart = 2 + nlog + ninodeblocks;
    memcpy(block(fb, 1), &fb->sb, sizeof(fb->sb));
    fb->datastart = nmeta;
    fb->nextblock = nmeta;
    fb->nextinode = ROOTINO;

    uint32_t root = new_inode(fb, T_DIR);
    if (root != ROOTINO || dir_init(fb, root, root) < 0) {
        fsb_free(fb);
        return -1;
    }
    return 0;
}

uint32_t fsb_default_ninodes(uint32_t size)
{
    uint32_t n = size / MKFS_BLOCKS_PER_INODE;

    if (n < MKFS_NINODES)
        n = MKFS_NINODES;
    return n > MKFS_MAX_INODES ? MKFS_MAX_INODES : n;
}

void fsb_free(struct fsbuild *fb)
{
    free(fb->img);
    fb->img = NULL;
}

int fsb_add_file(struct fsbuild *fb, uint32_t dir, const char *name,
                 const void *data, uint32_t len)
{
    uint32_t inum = new_inode(fb, T_FILE);
    if (!inum || link_into(fb, dir, name, inum) < 0 ||
        append(fb, inum, data, len) < 0)
        return -1;
    return inum;
}

int fsb_mkdir(struct fsbuild *fb, uint32_t parent, const char *name)
{
    struct dinode d;
    uint32_t inum = new_inode(fb, T_DIR);

    if (!inum || dir_init(fb, inum, parent) < 0 ||
        link_into(fb, parent, name, inum) < 0)
        return -1;
    get_inode(fb, parent, &d);      /* the new ".." names the parent */
    d.nlink++;
    put_inode(fb, parent, &d);
    return inum;
}

void fsb_finish(struct fsbuild *fb)
{
    for (uint32_t b = 0; b < fb->nextblock; b++)
        block(fb, BBLOCK(b, fb->sb))[(b % BPB) / 8] |= 1 << (b % 8);
}
