/*
 * The buffer cache: a fixed set of block-sized buffers shared by every
 * file-system operation.
 *
 * Why it exists: it keeps recently used blocks in memory, and it makes
 * sure there is at most one copy of each disk block in the kernel, so
 * that two processes changing the same block see each other's changes.
 * Each buffer carries a sleep lock; bread() returns a buffer locked, and
 * only the holder may read or change its data until brelse().
 *
 * Buffers sit on one circular list ordered by last release: right after
 * the list head is the most recently used, right before it the least.
 * Looking up a block walks from the front; picking a victim to recycle
 * walks from the back.
 *
 * A buffer the log has recorded (B_DIRTY, see log.c) holds a change not
 * yet committed; it must not reach its home location early, so it is
 * never recycled until the log has installed it.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/buf.h"

/*
 * The log may pin LOGSIZE dirty buffers while the operations of a group
 * still need buffers of their own to read through, so the cache holds at
 * least that many more than the log.
 */
#define NCACHE_MIN (LOGSIZE + 2 * MAXOPBLOCKS)
#define NCACHE     (NBUF > NCACHE_MIN ? NBUF : NCACHE_MIN)

static struct {
    struct spinlock lock;       /* protects the list, refcnt, dev, blockno */
    struct buf buf[NCACHE];
    struct buf head;            /* list sentinel; head.next is the MRU */
} bcache;

/* Unlink b from the list and put it right after the head (most recent). */
static void move_to_front(struct buf *b)
{
    b->next->prev = b->prev;
    b->prev->next = b->next;
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
}

/* Set up the cache: every buffer empty, all on the list. */
void binit(void)
{
    initlock(&bcache.lock, "bcache");
    bcache.head.next = &bcache.head;
    bcache.head.prev = &bcache.head;
    for (struct buf *b = bcache.buf; b < bcache.buf + NCACHE; b++) {
        initsleeplock(&b->lock, "buffer");
        b->flags = 0;
        b->refcnt = 0;
        b->next = bcache.head.next;
        b->prev = &bcache.head;
        bcache.head.next->prev = b;
        bcache.head.next = b;
    }
}

/*
 * Return the buffer for (dev, blockno), locked, with its reference count
 * raised.  If the block is not cached, recycle the least recently used
 * buffer nobody holds and the log has not pinned; its data is then not
 * valid.  Running out of buffers is a kernel bug (the cache is sized for
 * the log), hence the panic.
 */
static struct buf *bget(uint32_t dev, uint32_t blockno)
{
    struct buf *b;

    acquire(&bcache.lock);
    for (b = bcache.head.next; b != &bcache.head; b = b->next) {
        if (b->dev == dev && b->blockno == blockno && (b->flags || b->refcnt)) {
            b->refcnt++;
            release(&bcache.lock);
            acquiresleep(&b->lock);
            return b;
        }
    }
    for (b = bcache.head.prev; b != &bcache.head; b = b->prev) {
        if (b->refcnt == 0 && !(b->flags & B_DIRTY)) {
            b->dev = dev;
            b->blockno = blockno;
            b->flags = 0;
            b->refcnt = 1;
            release(&bcache.lock);
            acquiresleep(&b->lock);
            return b;
        }
    }
    panic("bget: no free buffer");
}

/* Return a locked buffer holding the contents of block blockno of dev. */
struct buf *bread(uint32_t dev, uint32_t blockno)
{
    struct buf *b = bget(dev, blockno);
    if (!(b->flags & B_VALID))
        diskrw(b);
    return b;
}

/*
 * Write b's data to its home location on the disk now.  The caller holds
 * b.  File-system code does not call this directly: it goes through
 * log_write(), and the log calls bwrite() when it installs a commit.
 */
void bwrite(struct buf *b)
{
    if (!holdingsleep(&b->lock))
        panic("bwrite: buffer not held");
    b->flags |= B_DIRTY;
    diskrw(b);
}

/*
 * Give up a buffer returned by bread(): unlock it and drop the
 * reference; the last release makes it the most recently used.
 */
void brelse(struct buf *b)
{
    if (!holdingsleep(&b->lock))
        panic("brelse: buffer not held");
    releasesleep(&b->lock);

    acquire(&bcache.lock);
    b->refcnt--;
    if (b->refcnt == 0)
        move_to_front(b);
    release(&bcache.lock);
}
