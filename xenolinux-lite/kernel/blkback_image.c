/*
 * A virtual disk's image: a plain file in dom0's file system, read and
 * written through the inode layer as a program's read and write are.
 *
 * A write goes in file-system operations of at most IMAGE_CHUNK bytes
 * (the bound file.c's filewrite uses, so each fits its log reservation),
 * one after the other.  end_op returns only once its operation is
 * committed and installed (log.c), so when blkback_image_write returns
 * the data is on dom0's disk, and requests written in ring order reach
 * it in ring order: what a barrier asks for holds for every write.  A
 * crash of dom0 in the middle of a write leaves a prefix of its chunks.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/blkback.h"
#include "xenolinux-lite/include/abi/stat.h"
#include "public/errno.h"

/* filewrite's chunk (file.c: WRITE_CHUNK_BLOCKS), in bytes. */
#define IMAGE_CHUNK (((MAXOPBLOCKS - 7) / 2 - 1) * BSIZE)

int blkback_image_open(const char *path, struct inode **ipp,
                       uint64_t *sectors)
{
    char name[MAXPATH];
    safestrcpy(name, path, sizeof(name));
    begin_op();
    struct inode *ip = namei(name);
    end_op();
    if (!ip)
        return -ENOENT;
    ilock(ip);
    int type = ip->type;
    uint32_t size = ip->size;
    iunlock(ip);
    if (type != T_FILE) {
        blkback_image_close(ip);
        return -EINVAL;
    }
    *ipp = ip;
    *sectors = size / BLKIF_SECTOR_SIZE;
    return 0;
}

void blkback_image_close(struct inode *ip)
{
    begin_op();
    iput(ip);
    end_op();
}

int blkback_image_read(struct inode *ip, void *dst, uint32_t off, uint32_t n)
{
    ilock(ip);
    int got = readi(ip, dst, off, n);
    iunlock(ip);
    return got == (int)n ? 0 : -EIO;
}

int blkback_image_write(struct inode *ip, const void *src, uint32_t off,
                        uint32_t n)
{
    const char *from = src;
    while (n > 0) {
        uint32_t chunk = n < IMAGE_CHUNK ? n : IMAGE_CHUNK;
        begin_op();
        ilock(ip);
        int put = writei(ip, (char *)from, off, chunk);
        iunlock(ip);
        end_op();
        if (put != (int)chunk)
            return -EIO;
        from += chunk;
        off += chunk;
        n -= chunk;
    }
    return 0;
}
