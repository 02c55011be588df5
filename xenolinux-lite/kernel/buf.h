/* A block in the buffer cache. */
#ifndef XL_BUF_H
#define XL_BUF_H
#include <stdint.h>
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/include/abi/fs.h"

#define B_VALID 0x2         /* data has been read from the disk */
#define B_DIRTY 0x4         /* data must be written to the disk */
#define B_BARRIER 0x8       /* with B_DIRTY: a write ordered after every earlier
                               write and durable when diskrw returns (the
                               log's header; blkfront sends it as a barrier) */

struct buf {
    int flags;
    uint32_t dev;
    uint32_t blockno;
    struct sleeplock lock;
    uint32_t refcnt;
    struct buf *prev, *next;    /* LRU list */
    uint8_t data[BSIZE];
};
#endif
