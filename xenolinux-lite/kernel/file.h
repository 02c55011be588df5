/* Open files, in-memory inodes and device switches. */
#ifndef XL_FILE_H
#define XL_FILE_H
#include <stdint.h>
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/include/abi/fs.h"

struct file {
    enum { FD_NONE, FD_PIPE, FD_INODE } type;
    int ref;
    char readable, writable;
    struct pipe *pipe;
    struct inode *ip;
    uint32_t off;
};

/* An inode in memory: a copy of struct dinode plus bookkeeping. */
struct inode {
    uint32_t dev;
    uint32_t inum;
    int ref;
    struct sleeplock lock;      /* protects everything below */
    int valid;                  /* read from disk? */
    int16_t type, major, minor, nlink;
    uint32_t size;
    uint32_t addrs[NADDRS];
};

/* A device's read and write, indexed by major number. */
struct devsw {
    int (*read)(struct inode *ip, char *dst, int n);
    int (*write)(struct inode *ip, char *src, int n);
};
extern struct devsw devsw[];
#endif
