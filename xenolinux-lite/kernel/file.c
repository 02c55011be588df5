/*
 * The open-file table: one struct file per open(), pipe() end or
 * inherited descriptor chain.  A process's descriptors point here
 * (proc->ofile); dup() and fork() share an entry, and with it the
 * offset.  A file is a pipe end, an inode (a plain file or a directory
 * opened for reading) or an open device, whose driver (devsw) sees every
 * read, write, ioctl, poll and the last close.
 *
 * poll() sleeps on one channel for all files: whatever may make a file
 * ready (data arriving, room freed, a side closing) calls pollwakeup(),
 * and every sleeping poll looks again.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/include/abi/stat.h"
#include "xenolinux-lite/include/abi/xenio.h"

static struct {
    struct spinlock lock;       /* ref and type of every entry */
    struct file file[NFILE];
} ftable;

void fileinit(void)
{
    initlock(&ftable.lock, "ftable");
}

/* Return an unused entry with one reference, type FD_NONE; 0 if the
 * table is full. */
struct file *filealloc(void)
{
    acquire(&ftable.lock);
    for (struct file *f = ftable.file; f < ftable.file + NFILE; f++) {
        if (f->ref == 0 && f->type == FD_NONE) {
            f->ref = 1;
            f->pipe = 0;
            f->ip = 0;
            f->off = 0;
            f->readable = f->writable = 0;
            f->major = f->minor = 0;
            f->priv = 0;
            release(&ftable.lock);
            return f;
        }
    }
    release(&ftable.lock);
    return 0;
}

/* Take one more reference to f. */
struct file *filedup(struct file *f)
{
    acquire(&ftable.lock);
    if (f->ref < 1)
        panic("filedup: closed file");
    f->ref++;
    release(&ftable.lock);
    return f;
}

/*
 * Drop a reference; the last one closes the pipe end or drops the
 * inode (which may free it, hence the operation around iput).  A device
 * file's driver is told first, and the slot stays taken until it is
 * done, so the driver may recognise the file by its address.
 */
void fileclose(struct file *f)
{
    acquire(&ftable.lock);
    if (f->ref < 1)
        panic("fileclose: closed file");
    if (--f->ref > 0) {
        release(&ftable.lock);
        return;
    }
    struct file old = *f;
    if (f->type != FD_DEVICE)
        f->type = FD_NONE;
    release(&ftable.lock);

    if (old.type == FD_PIPE) {
        pipeclose(old.pipe, old.writable);
    } else if (old.type == FD_INODE || old.type == FD_DEVICE) {
        if (old.type == FD_DEVICE && devsw[old.major].close)
            devsw[old.major].close(f);
        begin_op();
        iput(old.ip);
        end_op();
        if (old.type == FD_DEVICE) {
            acquire(&ftable.lock);
            f->type = FD_NONE;
            release(&ftable.lock);
        }
    }
}

/*
 * f (FD_INODE, set up by open) names a device node: let its driver open
 * it.  On success f becomes FD_DEVICE; on -1 (no such driver, or the
 * driver refused) f is left as it was, for the caller to close.
 */
int fileopen_device(struct file *f)
{
    /* The numbers of a referenced inode never change: no lock needed. */
    int major = f->ip->major, minor = f->ip->minor;
    if (major < 0 || major >= NDEV || !devsw[major].open)
        return -1;
    f->major = major;
    f->minor = minor;
    f->priv = 0;
    if (devsw[major].open(f) < 0)
        return -1;
    f->type = FD_DEVICE;
    return 0;
}

/* A device's control request; -1 for anything that is not a device or a
 * command its driver does not know. */
int fileioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
    if (f->type != FD_DEVICE || !devsw[f->major].ioctl)
        return -1;
    return devsw[f->major].ioctl(f, cmd, arg);
}

/* What f is ready for now: POLLIN, POLLOUT, POLLHUP. */
int filepoll(struct file *f)
{
    int ready = POLLIN | POLLOUT;
    if (f->type == FD_PIPE)
        ready = pipepoll(f->pipe, f->writable);
    else if (f->type == FD_DEVICE && devsw[f->major].poll)
        ready = devsw[f->major].poll(f);
    if (!f->readable)
        ready &= ~POLLIN;
    if (!f->writable)
        ready &= ~POLLOUT;
    return ready;
}

static char poll_channel;

/* Wake every sleeping poll() to look at its files again. */
void pollwakeup(void)
{
    wakeup(&poll_channel);
}

/* Sleep until the next pollwakeup() (lk held, as for sleep()). */
void pollsleep(struct spinlock *lk)
{
    sleep(&poll_channel, lk);
}

/* Fill *st with f's inode's metadata; -1 for a pipe. */
int filestat(struct file *f, struct stat *st)
{
    if (f->type != FD_INODE && f->type != FD_DEVICE)
        return -1;
    ilock(f->ip);
    stati(f->ip, st);
    iunlock(f->ip);
    return 0;
}

/* Read up to n bytes from f at its offset into dst; returns the count
 * (0 at end of file) or -1. */
int fileread(struct file *f, char *dst, int n)
{
    if (!f->readable || n < 0)
        return -1;
    if (f->type == FD_PIPE)
        return piperead(f->pipe, dst, n);
    if (f->type == FD_DEVICE)
        return devsw[f->major].read ? devsw[f->major].read(f, dst, n) : -1;
    if (f->type != FD_INODE)
        panic("fileread: bad file type");

    ilock(f->ip);
    int r = readi(f->ip, dst, f->off, n);
    if (r > 0)
        f->off += r;
    iunlock(f->ip);
    return r;
}

/*
 * A large write is split into operations of at most WRITE_CHUNK_BLOCKS
 * blocks' worth of bytes, so that each fits its log reservation.  The
 * worst case of one chunk: at an unaligned offset it touches
 * d = WRITE_CHUNK_BLOCKS + 1 data blocks, and writes
 *
 *   d       data blocks
 *   3       index blocks: d <= 128 reaches at most the indirect block,
 *           the doubly-indirect block and one of its indirect blocks, or
 *           the doubly-indirect block and two of its indirect blocks
 *   d + 3   bitmap blocks: one per block allocated, when free space is so
 *           scattered that each allocation lies under another bitmap block
 *   1       the inode's block
 *
 * that is 2d + 7 <= MAXOPBLOCKS (31 of 32: 11 blocks, 5.5 KB a chunk).
 */
#define WRITE_CHUNK_BLOCKS ((MAXOPBLOCKS - 7) / 2 - 1)
_Static_assert(WRITE_CHUNK_BLOCKS >= 1, "MAXOPBLOCKS too small for a write");

/* Write n bytes from src to f at its offset, in operations of at most
 * WRITE_CHUNK_BLOCKS blocks.  Returns n, or -1 if not everything could
 * be written. */
int filewrite(struct file *f, char *src, int n)
{
    if (!f->writable || n < 0)
        return -1;
    if (f->type == FD_PIPE)
        return pipewrite(f->pipe, src, n);
    if (f->type == FD_DEVICE)
        return devsw[f->major].write ? devsw[f->major].write(f, src, n) : -1;
    if (f->type != FD_INODE)
        panic("filewrite: bad file type");

    const int max = WRITE_CHUNK_BLOCKS * BSIZE;
    int done = 0;
    while (done < n) {
        int chunk = n - done;
        if (chunk > max)
            chunk = max;
        begin_op();
        ilock(f->ip);
        int r = writei(f->ip, src + done, f->off, chunk);
        if (r > 0)
            f->off += r;
        iunlock(f->ip);
        end_op();
        if (r != chunk)
            break;
        done += r;
    }
    return done == n ? n : -1;
}
