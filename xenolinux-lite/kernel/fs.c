/*
 * The file system proper: blocks, inodes, directories and path names,
 * on top of the buffer cache (bio.c) and the log (log.c).  The disk
 * layout is in include/abi/fs.h.
 *
 * Every function here that changes the disk does so with log_write()
 * and must run inside begin_op()/end_op(); the system calls (sysfile.c,
 * file.c) open those operations.
 *
 * In-memory inodes.  The kernel keeps a table of NINODE struct inode,
 * one per inode in use, so that all users of a file share one copy.
 * Two separate things keep an entry alive or its contents correct:
 *
 *   ref     how many C pointers refer to the entry (open files, current
 *           directories, a path lookup in progress).  iget() raises it,
 *           iput() drops it; at zero the slot may be reused.  Guarded by
 *           icache.lock.
 *   lock    a sleep lock over the copied disk fields (type, size, addrs,
 *           ...).  ilock() takes it and reads the inode from the disk
 *           the first time (valid); iunlock() drops it.
 *
 * Keeping them apart lets a lookup hold a reference to a directory
 * without locking it, which path walking needs to avoid deadlock.  An
 * inode whose nlink reaches zero is freed on disk when its last
 * reference goes (iput), so an unlinked but open file stays readable.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/buf.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/fsprivate.h"
#include "xenolinux-lite/include/abi/stat.h"

static struct superblock sb;    /* of ROOTDEV, read by iinit() */

/* Copy the superblock of dev into *out. */
void readsb(int dev, struct superblock *out)
{
    struct buf *b = bread(dev, 1);
    memmove(out, b->data, sizeof(*out));
    brelse(b);
}

/* ------------------------------------------------------------ blocks */

/* Fill block bno with zeros, through the log. */
static void zero_block(uint32_t dev, uint32_t bno)
{
    struct buf *b = bread(dev, bno);
    memset(b->data, 0, BSIZE);
    log_write(b);
    brelse(b);
}

/*
 * Allocate a free block, zeroed, and return its number; 0 if the disk is
 * full (block 0 is the boot block, never a data block).  Metadata blocks
 * are marked in use by mkfs, so the bitmap alone decides.
 */
static uint32_t balloc(uint32_t dev)
{
    for (uint32_t base = 0; base < sb.size; base += BPB) {
        struct buf *b = bread(dev, BBLOCK(base, sb));
        for (uint32_t bit = 0; bit < BPB && base + bit < sb.size; bit++) {
            uint8_t mask = 1 << (bit % 8);
            if (b->data[bit / 8] & mask)
                continue;
            b->data[bit / 8] |= mask;
            log_write(b);
            brelse(b);
            zero_block(dev, base + bit);
            return base + bit;
        }
        brelse(b);
    }
    cprintf("fs: out of blocks\n");
    return 0;
}

/* Mark block bno free.  Freeing a free block means the disk or the
 * kernel is corrupt. */
static void bfree(uint32_t dev, uint32_t bno)
{
    struct buf *b = bread(dev, BBLOCK(bno, sb));
    uint32_t bit = bno % BPB;
    uint8_t mask = 1 << (bit % 8);

    if (!(b->data[bit / 8] & mask))
        panic("bfree: block already free");
    b->data[bit / 8] &= ~mask;
    log_write(b);
    brelse(b);
}

/* ------------------------------------------------------------ inodes */

static struct {
    struct spinlock lock;       /* ref, dev, inum of every entry */
    struct inode inode[NINODE];
} icache;

/* Set up the inode table and read dev's superblock. */
void iinit(int dev)
{
    initlock(&icache.lock, "icache");
    for (int i = 0; i < NINODE; i++)
        initsleeplock(&icache.inode[i].lock, "inode");
    readsb(dev, &sb);
    if (sb.magic != FSMAGIC)
        panic("iinit: no file system on the disk");
    if (sb.size > disksize())
        panic("iinit: file system larger than the disk");
    if (sb.nblocks >= sb.size)
        panic("iinit: superblock's data area is bigger than the disk");
    if ((sb.size + BPB - 1) / BPB > MAXBITMAP) {
        cprintf("fs: %u blocks need %u bitmap blocks; at most %u fit one "
                "operation's log reservation\n", (unsigned)sb.size,
                (unsigned)((sb.size + BPB - 1) / BPB), (unsigned)MAXBITMAP);
        panic("iinit: file system too large");
    }
    cprintf("fs: %u blocks (%u data), %u inodes, log at %u (%u), "
            "inodes at %u, bitmap at %u\n", (unsigned)sb.size,
            (unsigned)sb.nblocks, (unsigned)sb.ninodes, (unsigned)sb.logstart,
            (unsigned)sb.nlog, (unsigned)sb.inodestart, (unsigned)sb.bmapstart);
}

/*
 * Return the table entry for inode inum of dev with one more reference,
 * without locking it or reading it from the disk.
 */
static struct inode *iget(uint32_t dev, uint32_t inum)
{
    struct inode *ip, *empty = 0;

    acquire(&icache.lock);
    for (ip = icache.inode; ip < icache.inode + NINODE; ip++) {
        if (ip->ref > 0 && ip->dev == dev && ip->inum == inum) {
            ip->ref++;
            release(&icache.lock);
            return ip;
        }
        if (!empty && ip->ref == 0)
            empty = ip;
    }
    if (!empty)
        panic("iget: inode table full");
    empty->dev = dev;
    empty->inum = inum;
    empty->ref = 1;
    empty->valid = 0;
    release(&icache.lock);
    return empty;
}

/*
 * Allocate a free on-disk inode of the given type (nlink 0, no blocks)
 * and return it referenced but unlocked; 0 if every inode is in use.
 */
struct inode *ialloc(uint32_t dev, short type)
{
    for (uint32_t inum = 1; inum < sb.ninodes; inum++) {
        struct buf *b = bread(dev, IBLOCK(inum, sb));
        struct dinode *dip = (struct dinode *)b->data + inum % IPB;
        if (dip->type == 0) {
            memset(dip, 0, sizeof(*dip));
            dip->type = type;
            log_write(b);
            brelse(b);
            return iget(dev, inum);
        }
        brelse(b);
    }
    cprintf("fs: out of inodes\n");
    return 0;
}

/* Copy ip's fields to its disk inode.  Caller holds ip->lock (or owns
 * ip alone, as ireclaim does). */
void iupdate(struct inode *ip)
{
    struct buf *b = bread(ip->dev, IBLOCK(ip->inum, sb));
    struct dinode *dip = (struct dinode *)b->data + ip->inum % IPB;

    dip->type = ip->type;
    dip->major = ip->major;
    dip->minor = ip->minor;
    dip->nlink = ip->nlink;
    dip->size = ip->size;
    memmove(dip->addrs, ip->addrs, sizeof(ip->addrs));
    log_write(b);
    brelse(b);
}

/* Take one more reference to ip (the `p2 = p1` of inode pointers). */
struct inode *idup(struct inode *ip)
{
    acquire(&icache.lock);
    ip->ref++;
    release(&icache.lock);
    return ip;
}

/* Lock ip, reading it from the disk if this is the first lock since
 * iget(). */
void ilock(struct inode *ip)
{
    if (!ip || ip->ref < 1)
        panic("ilock: no reference");
    acquiresleep(&ip->lock);
    if (ip->valid)
        return;

    struct buf *b = bread(ip->dev, IBLOCK(ip->inum, sb));
    struct dinode *dip = (struct dinode *)b->data + ip->inum % IPB;
    ip->type = dip->type;
    ip->major = dip->major;
    ip->minor = dip->minor;
    ip->nlink = dip->nlink;
    ip->size = dip->size;
    memmove(ip->addrs, dip->addrs, sizeof(ip->addrs));
    brelse(b);
    ip->valid = 1;
    if (ip->type == 0)
        panic("ilock: inode is free");
}

void iunlock(struct inode *ip)
{
    if (!ip || ip->ref < 1 || !holdingsleep(&ip->lock))
        panic("iunlock: not locked");
    releasesleep(&ip->lock);
}

/*
 * Panic, naming the inode, unless bno lies in the data area: a block
 * number anywhere else in an inode or an indirect block means the disk
 * is corrupt, and following it would read or free metadata.
 */
static void check_data_block(struct inode *ip, uint32_t bno)
{
    if (bno >= sb.size - sb.nblocks && bno < sb.size)
        return;
    cprintf("fs: inode %u names block %u, outside the data area\n",
            (unsigned)ip->inum, (unsigned)bno);
    panic("fs: corrupt block number");
}

/* How many levels of indirect blocks hang below addrs[slot]. */
static int slot_depth(int slot)
{
    if (slot < NDIRECT)
        return 0;
    return slot == IND_SLOT ? 1 : 2;
}

/*
 * Free block bno of ip and, for depth > 0, everything below it: depth 1
 * is an indirect block of data blocks, depth 2 a doubly-indirect block.
 * Only bitmap blocks are written; the freed index blocks keep their
 * stale entries, unreachable once the inode forgets them.
 */
static void free_tree(struct inode *ip, uint32_t bno, int depth)
{
    check_data_block(ip, bno);
    if (depth > 0) {
        struct buf *b = bread(ip->dev, bno);
        const uint32_t *entry = (const uint32_t *)b->data;
        for (uint32_t i = 0; i < NINDIRECT; i++)
            if (entry[i])
                free_tree(ip, entry[i], depth - 1);
        brelse(b);
    }
    bfree(ip->dev, bno);
}

/*
 * Free all of ip's blocks, at every level, and make it empty.  ip locked
 * (or private).  Writes only the inode's block and the bitmap blocks
 * covering the freed blocks, at most MAXBITMAP of them (param.h), so one
 * operation can free a file of any size.
 */
static void itrunc(struct inode *ip)
{
    for (int slot = 0; slot < NADDRS; slot++) {
        if (ip->addrs[slot]) {
            free_tree(ip, ip->addrs[slot], slot_depth(slot));
            ip->addrs[slot] = 0;
        }
    }
    ip->size = 0;
    iupdate(ip);
}

/*
 * Drop a reference.  If it was the last one and no directory names the
 * inode any more, free it and its blocks on the disk.  May write, so
 * callers are inside an operation.
 */
void iput(struct inode *ip)
{
    acquiresleep(&ip->lock);
    if (ip->valid && ip->nlink == 0) {
        acquire(&icache.lock);
        int last = ip->ref == 1;
        release(&icache.lock);
        if (last) {
            /* Nobody else can find it: no name, no other reference. */
            itrunc(ip);
            ip->type = 0;
            iupdate(ip);
            ip->valid = 0;
        }
    }
    releasesleep(&ip->lock);

    acquire(&icache.lock);
    ip->ref--;
    release(&icache.lock);
}

void iunlockput(struct inode *ip)
{
    iunlock(ip);
    iput(ip);
}

/* Free orphans: see fsprivate.h.  Uses a private struct inode, since no
 * one else can reach an inode without a name at boot. */
void ireclaim(int dev)
{
    readsb(dev, &sb);       /* initlog() may come before iinit() */
    for (uint32_t inum = 1; inum < sb.ninodes; inum++) {
        struct buf *b = bread(dev, IBLOCK(inum, sb));
        struct dinode d = *((struct dinode *)b->data + inum % IPB);
        brelse(b);
        if (d.type == 0 || d.nlink != 0)
            continue;

        struct inode orphan;
        memset(&orphan, 0, sizeof(orphan));
        orphan.dev = dev;
        orphan.inum = inum;
        memmove(orphan.addrs, d.addrs, sizeof(d.addrs));
        cprintf("fs: freeing orphan inode %u\n", (unsigned)inum);
        begin_op();
        itrunc(&orphan);        /* type 0: freed by the same update */
        end_op();
    }
}

/* Fill *st from ip (locked). */
void stati(struct inode *ip, struct stat *st)
{
    st->dev = ip->dev;
    st->ino = ip->inum;
    st->type = ip->type;
    st->nlink = ip->nlink;
    st->size = ip->size;
}

/* --------------------------------------------------- block mapping */

/*
 * Return addrs[slot] of ip, first allocating a block for it if it is 0
 * and alloc is set (the caller writes the inode: writei's iupdate).  0 if
 * absent, or if the disk is full.
 */
static uint32_t inode_slot(struct inode *ip, int slot, int alloc)
{
    if (!ip->addrs[slot] && alloc)
        ip->addrs[slot] = balloc(ip->dev);
    if (ip->addrs[slot])
        check_data_block(ip, ip->addrs[slot]);
    return ip->addrs[slot];
}

/*
 * Return entry i of ip's indirect block ind, first allocating a block for
 * it (and logging ind) if it is 0 and alloc is set.  0 if absent, or if
 * the disk is full.
 */
static uint32_t indirect_entry(struct inode *ip, uint32_t ind, uint32_t i,
                               int alloc)
{
    struct buf *b = bread(ip->dev, ind);
    uint32_t *entry = (uint32_t *)b->data;
    uint32_t addr = entry[i];

    if (!addr && alloc) {
        addr = balloc(ip->dev);
        if (addr) {
            entry[i] = addr;
            log_write(b);
        }
    }
    brelse(b);
    if (addr)
        check_data_block(ip, addr);
    return addr;
}

/*
 * Return the disk block holding block bn of ip's data, walking the
 * direct, indirect or doubly-indirect path of abi/fs.h.  A missing block
 * is allocated if alloc is set (with the index blocks on its path);
 * else 0 is returned.  0 also if the disk is full: the index blocks
 * allocated so far stay, empty, which is consistent.  ip locked.
 */
static uint32_t bmap(struct inode *ip, uint32_t bn, int alloc)
{
    if (bn < NDIRECT)
        return inode_slot(ip, bn, alloc);
    bn -= NDIRECT;

    if (bn < NINDIRECT) {
        uint32_t ind = inode_slot(ip, IND_SLOT, alloc);
        return ind ? indirect_entry(ip, ind, bn, alloc) : 0;
    }
    bn -= NINDIRECT;

    if (bn >= NDINDIRECT)
        panic("bmap: block beyond the largest file");
    uint32_t dind = inode_slot(ip, DIND_SLOT, alloc);
    uint32_t ind = dind ? indirect_entry(ip, dind, bn / NINDIRECT, alloc) : 0;
    return ind ? indirect_entry(ip, ind, bn % NINDIRECT, alloc) : 0;
}

/*
 * Read up to n bytes from offset off of ip (locked) into dst, a kernel
 * address or a user address already checked.  Returns the bytes read
 * (short at end of file), or -1 for an offset past the end.  A device
 * node has no contents: it is read through its open file (file.c), so
 * here it gives -1.
 */
int readi(struct inode *ip, char *dst, uint32_t off, uint32_t n)
{
    if (ip->type == T_DEV)
        return -1;
    if (off > ip->size || off + n < off)
        return -1;
    if (off + n > ip->size)
        n = ip->size - off;

    uint32_t done = 0;
    while (done < n) {
        uint32_t chunk = BSIZE - off % BSIZE;
        if (chunk > n - done)
            chunk = n - done;
        uint32_t addr = bmap(ip, off / BSIZE, 0);
        if (addr) {
            struct buf *b = bread(ip->dev, addr);
            memmove(dst, b->data + off % BSIZE, chunk);
            brelse(b);
        } else {
            memset(dst, 0, chunk);  /* never written: reads as zeros */
        }
        done += chunk;
        off += chunk;
        dst += chunk;
    }
    return n;
}

/*
 * Write n bytes from src to offset off of ip (locked), growing the file
 * if needed, inside an operation.  Returns the bytes written, which is
 * short only if the disk filled up; -1 for an offset past the end or a
 * file that would exceed MAXFILE blocks.
 */
int writei(struct inode *ip, char *src, uint32_t off, uint32_t n)
{
    if (ip->type == T_DEV)
        return -1;          /* written through its open file (file.c) */
    if (off > ip->size || off + n < off)
        return -1;
    if (off + n > MAXFILE * BSIZE)
        return -1;

    uint32_t done = 0;
    while (done < n) {
        uint32_t chunk = BSIZE - off % BSIZE;
        if (chunk > n - done)
            chunk = n - done;
        uint32_t addr = bmap(ip, off / BSIZE, 1);
        if (!addr)
            break;
        struct buf *b = bread(ip->dev, addr);
        memmove(b->data + off % BSIZE, src, chunk);
        log_write(b);
        brelse(b);
        done += chunk;
        off += chunk;
        src += chunk;
    }
    if (off > ip->size)
        ip->size = off;
    iupdate(ip);        /* size, and addrs bmap may have filled in */
    if (done == 0 && n > 0)
        return -1;
    return done;
}

/* ------------------------------------------------------- directories */

int namecmp(const char *s, const char *t)
{
    return strncmp(s, t, DIRSIZ);
}

/*
 * Look name up in directory dp (locked).  Returns the inode it names,
 * referenced and unlocked, and its entry's offset in *poff if poff is
 * not 0; or 0 if there is no such entry.
 */
struct inode *dirlookup(struct inode *dp, char *name, uint32_t *poff)
{
    struct dirent de;

    if (dp->type != T_DIR)
        panic("dirlookup: not a directory");
    for (uint32_t off = 0; off < dp->size; off += sizeof(de)) {
        if (readi(dp, (char *)&de, off, sizeof(de)) != sizeof(de))
            panic("dirlookup: short directory read");
        if (de.inum == 0 || namecmp(name, de.name) != 0)
            continue;
        if (poff)
            *poff = off;
        return iget(dp->dev, de.inum);
    }
    return 0;
}

/*
 * Add the entry (name, inum) to directory dp (locked), in the first free
 * slot or at the end.  Returns 0, or -1 if the name is already there or
 * the directory cannot grow.
 */
int dirlink(struct inode *dp, char *name, uint32_t inum)
{
    struct dirent de;
    struct inode *ip;
    uint32_t off;

    if ((ip = dirlookup(dp, name, 0)) != 0) {
        iput(ip);
        return -1;
    }
    for (off = 0; off < dp->size; off += sizeof(de)) {
        if (readi(dp, (char *)&de, off, sizeof(de)) != sizeof(de))
            panic("dirlink: short directory read");
        if (de.inum == 0)
            break;
    }
    memset(&de, 0, sizeof(de));
    strncpy(de.name, name, DIRSIZ);
    de.inum = inum;
    if (writei(dp, (char *)&de, off, sizeof(de)) != sizeof(de))
        return -1;
    return 0;
}

/* ------------------------------------------------------- path names */

/*
 * Split the first element off path: copy it to name (at most DIRSIZ
 * bytes, NUL-terminated if shorter) and return the rest of the path
 * with leading slashes removed; return 0 if path has no element left.
 *
 *   "a/bb/c" -> name "a",  rest "bb/c"      "///a//b" -> "a", "b"
 *   "a"      -> name "a",  rest ""          "" or "//" -> 0
 */
static char *skipelem(char *path, char *name)
{
    while (*path == '/')
        path++;
    if (*path == 0)
        return 0;
    char *start = path;
    while (*path != '/' && *path != 0)
        path++;
    int len = path - start;
    if (len >= DIRSIZ) {
        memmove(name, start, DIRSIZ);
    } else {
        memmove(name, start, len);
        name[len] = 0;
    }
    while (*path == '/')
        path++;
    return path;
}

/*
 * Walk path from the root or the current directory.  With parent set,
 * stop one element early: return the directory that would hold the last
 * element and copy that element into name (DIRSIZ bytes).  Returns an
 * unlocked, referenced inode, or 0.  Only one directory is locked at a
 * time, so walking ".." cannot deadlock with another walk.
 */
static struct inode *namex(char *path, int parent, char *name)
{
    struct inode *ip, *next;

    if (*path == '/')
        ip = iget(ROOTDEV, ROOTINO);
    else
        ip = idup(myproc()->cwd);

    while ((path = skipelem(path, name)) != 0) {
        ilock(ip);
        if (ip->type != T_DIR) {
            iunlockput(ip);
            return 0;
        }
        if (parent && *path == 0) {
            iunlock(ip);
            return ip;
        }
        next = dirlookup(ip, name, 0);
        iunlockput(ip);
        if (!next)
            return 0;
        ip = next;
    }
    if (parent) {           /* the path had no last element, e.g. "/" */
        iput(ip);
        return 0;
    }
    return ip;
}

struct inode *namei(char *path)
{
    char name[DIRSIZ];
    return namex(path, 0, name);
}

struct inode *nameiparent(char *path, char *name)
{
    return namex(path, 1, name);
}
