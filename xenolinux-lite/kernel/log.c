/*
 * The write-ahead log: what makes the file system crash-safe.
 *
 * Why: one system call (say, creating a file) changes several blocks: an
 * inode, a directory, the free bitmap.  A crash between those writes
 * would leave the disk half-changed.  So no file-system block is written
 * in place until all the blocks of its operation sit safely in the log;
 * then one single-block write (the log header) commits them, and only
 * afterwards are they copied home.  At boot, a header that lists blocks
 * means a commit that may not have been installed: the copy is simply
 * done again (redo).  An empty header means nothing to do.  Either way a
 * crash loses at most the operations not yet committed, never leaves
 * half of one.
 *
 * How it is used: every operation that writes is bracketed
 *
 *     begin_op();  ...bread / change / log_write(b) / brelse...  end_op();
 *
 * log_write() only records the block number and pins the cached buffer
 * (B_DIRTY keeps bio.c from recycling it); nothing reaches the disk
 * then.  Several processes' operations may be open at once; the last
 * end_op() commits them all together (group commit).  begin_op() admits
 * an operation only while the log has room for MAXOPBLOCKS more blocks
 * from every open operation, so a commit never overflows.
 *
 * What end_op() promises: when it returns, the operation is committed
 * and installed, on the disk as far as diskrw() can tell (the other
 * members of a group wait for its last one to commit).  So a system call
 * that wrote has made its change durable before it returns: a program
 * that saw write() return has synced, even while other processes write.
 * Each header write goes out as a barrier (B_BARRIER): on a disk that
 * may complete writes before they are durable, or reorder them, it
 * keeps the body before the commit point and the installs before the
 * header is cleared.
 *
 * The log area on disk (superblock fields logstart, nlog):
 *
 *   logstart:      header: uint32 n, then uint32 block[n] (home block
 *                  numbers); n == 0 means "nothing committed"
 *   logstart+1+i:  the copy of block[i]
 *
 * tools/mkfs's checker reads the same layout.  Log-area I/O goes through
 * a private buffer, never the cache, so committing needs no free cache
 * buffer and the cache never holds a log block.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/buf.h"
#include "xenolinux-lite/kernel/fsprivate.h"

/* The most entries a one-block header can list. */
#define LOG_HEADER_MAX (BSIZE / sizeof(uint32_t) - 1)

struct logheader {
    uint32_t n;
    uint32_t block[LOGSIZE];
};

static struct {
    struct spinlock lock;       /* protects outstanding, committing, lh */
    uint32_t dev;
    uint32_t start;             /* header block */
    uint32_t size;              /* data blocks the log may hold */
    int outstanding;            /* operations between begin_op and end_op */
    int committing;             /* commit() running: no new operations */
    int frozen;                 /* log_freeze(): no new operations, ever */
    uint32_t commits;           /* commits finished: ends a group's wait */
    struct logheader lh;        /* blocks of the open transaction */
} log;

/* Log-area I/O only (see above); used by one committer at a time. */
static struct buf logbuf;

/* Read log-area block blockno into logbuf.data. */
static void log_read_block(uint32_t blockno)
{
    logbuf.dev = log.dev;
    logbuf.blockno = blockno;
    logbuf.flags = 0;
    diskrw(&logbuf);
}

/* Write logbuf.data to log-area block blockno; `barrier`: as a barrier
 * (ordered after every earlier write, durable when diskrw returns). */
static void log_write_block(uint32_t blockno, int barrier)
{
    logbuf.dev = log.dev;
    logbuf.blockno = blockno;
    logbuf.flags = B_VALID | B_DIRTY | (barrier ? B_BARRIER : 0);
    diskrw(&logbuf);
    logbuf.flags &= ~B_BARRIER;
}

/* Load the on-disk header into log.lh, refusing one that cannot be ours. */
static void read_head(void)
{
    const uint32_t *disk = (const uint32_t *)logbuf.data;

    log_read_block(log.start);
    if (disk[0] > log.size)
        panic("initlog: log header lists too many blocks");
    log.lh.n = disk[0];
    for (uint32_t i = 0; i < log.lh.n; i++)
        log.lh.block[i] = disk[1 + i];
}

/*
 * Write log.lh to the header block.  With n > 0 this is the commit
 * point; with n == 0 it retires a transaction already installed.
 */
static void write_head(void)
{
    uint32_t *disk = (uint32_t *)logbuf.data;

    memset(logbuf.data, 0, BSIZE);
    disk[0] = log.lh.n;
    for (uint32_t i = 0; i < log.lh.n; i++)
        disk[1 + i] = log.lh.block[i];
    log_write_block(log.start, 1);
}

/* Copy the current contents of every logged block into the log area. */
static void write_body(void)
{
    for (uint32_t i = 0; i < log.lh.n; i++) {
        struct buf *home = bread(log.dev, log.lh.block[i]);
        memmove(logbuf.data, home->data, BSIZE);
        brelse(home);
        log_write_block(log.start + 1 + i, 0);
    }
}

/*
 * Write every logged block to its home location.  After a normal commit
 * the cached buffers still hold the data; after a crash (recovering) it
 * comes from the log area.  bwrite() clears B_DIRTY, unpinning the buffer.
 */
static void install(int recovering)
{
    for (uint32_t i = 0; i < log.lh.n; i++) {
        if (recovering)
            log_read_block(log.start + 1 + i);
        struct buf *home = bread(log.dev, log.lh.block[i]);
        if (recovering)
            memmove(home->data, logbuf.data, BSIZE);
        bwrite(home);
        brelse(home);
    }
}

/* Make the transaction of log.lh durable, then install and retire it. */
static void commit(void)
{
    if (log.lh.n == 0)
        return;
    acquiresleep(&logbuf.lock);
    write_body();
    write_head();           /* the commit point */
    install(0);
    log.lh.n = 0;
    write_head();           /* the log is empty again */
    releasesleep(&logbuf.lock);
}

/*
 * Set up the log of dev and redo a commit a crash left uninstalled; then
 * free inodes a crash left allocated but unnamed (fs.c).  Called once, by
 * the first process (it sleeps), before any other file-system operation.
 */
void initlog(int dev)
{
    struct superblock sb;

    initlock(&log.lock, "log");
    initsleeplock(&logbuf.lock, "logbuf");
    readsb(dev, &sb);
    log.dev = dev;
    log.start = sb.logstart;
    log.size = sb.nlog > 0 ? sb.nlog - 1 : 0;
    if (log.size > LOGSIZE)
        log.size = LOGSIZE;
    if (log.size > LOG_HEADER_MAX)
        log.size = LOG_HEADER_MAX;
    if (log.size < MAXOPBLOCKS)
        panic("initlog: log too small");

    acquiresleep(&logbuf.lock);
    read_head();
    if (log.lh.n > 0)
        cprintf("fs: replaying %u logged blocks\n", (unsigned)log.lh.n);
    install(1);
    log.lh.n = 0;
    write_head();
    releasesleep(&logbuf.lock);

    ireclaim(dev);
}

/*
 * Open an operation: wait until no commit is running and the log has
 * room for this operation's worst case besides the ones already open.
 */
void begin_op(void)
{
    acquire(&log.lock);
    for (;;) {
        if (log.committing || log.frozen ||
            log.lh.n + (log.outstanding + 1) * MAXOPBLOCKS > log.size) {
            sleep(&log, &log.lock);
        } else {
            log.outstanding++;
            break;
        }
    }
    release(&log.lock);
}

/*
 * Close an operation, returning once it is committed and installed.  The
 * last one of a group commits everything the group logged; until it is
 * done, begin_op() keeps new operations out.  The others wait for that
 * commit.  The caller holds no lock another operation could need.
 */
void end_op(void)
{
    acquire(&log.lock);
    if (log.outstanding <= 0 || log.committing)
        panic("end_op: no open operation");
    log.outstanding--;
    if (log.outstanding > 0) {
        uint32_t group = log.commits;
        wakeup(&log);       /* its reservation is free for a waiter */
        while (log.commits == group)
            sleep(&log, &log.lock);
        release(&log.lock);
        return;
    }
    log.committing = 1;
    release(&log.lock);

    commit();               /* sleeps: no spinlock held */
    acquire(&log.lock);
    log.committing = 0;
    log.commits++;
    wakeup(&log);
    release(&log.lock);
}

/*
 * Record that the caller changed b (which it holds) inside an open
 * operation, in place of bwrite().  A block logged twice in one
 * transaction takes one slot (absorption).  The buffer stays pinned in
 * the cache until the commit installs it.
 */
void log_write(struct buf *b)
{
    uint32_t i;

    acquire(&log.lock);
    if (log.outstanding < 1)
        panic("log_write: outside an operation");
    for (i = 0; i < log.lh.n; i++)
        if (log.lh.block[i] == b->blockno)
            break;
    if (i == log.lh.n) {
        if (log.lh.n >= log.size)
            panic("log_write: transaction too big");
        log.lh.block[log.lh.n++] = b->blockno;
    }
    b->flags |= B_DIRTY;
    release(&log.lock);
}

/*
 * For the domain's end: admit no new operation from now on, and wait
 * until every open one has ended and its commit is installed.  When this
 * returns, everything that completed is home on the disk and nothing is
 * in the log; a process that tries another operation sleeps forever.
 */
void log_freeze(void)
{
    acquire(&log.lock);
    log.frozen = 1;
    while (log.outstanding > 0 || log.committing)
        sleep(&log, &log.lock);
    release(&log.lock);
}
