/* Open files, in-memory inodes and device switches. */
#ifndef XL_FILE_H
#define XL_FILE_H
#include <stdint.h>
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/include/abi/fs.h"

/*
 * An open file.  A slot is free when ref is 0 and type FD_NONE (a device
 * file keeps its type while its driver's close hook runs).  An FD_DEVICE
 * file is an open device node: ip is the node, major and minor its
 * numbers, priv whatever the driver keeps per open file.
 */
struct file {
    enum { FD_NONE, FD_PIPE, FD_INODE, FD_DEVICE } type;
    int ref;
    char readable, writable;
    struct pipe *pipe;
    struct inode *ip;
    uint32_t off;
    int major, minor;           /* FD_DEVICE */
    void *priv;                 /* FD_DEVICE: the driver's */
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

/*
 * A device driver, indexed by major number (devsw.c lists them).  A major
 * has a driver when its open hook is set.  Every hook gets the open file;
 * dst and src are user addresses the system call already checked.  A
 * missing read, write or ioctl hook makes that call fail (-1); a missing
 * poll hook means always ready for reading and writing.
 */
struct devsw {
    int (*open)(struct file *f);        /* 0, or -1 to refuse */
    void (*close)(struct file *f);      /* the file's last reference went */
    int (*read)(struct file *f, char *dst, int n);
    int (*write)(struct file *f, char *src, int n);
    int (*ioctl)(struct file *f, uint32_t cmd, uint32_t arg);
    int (*poll)(struct file *f);        /* POLLIN | POLLOUT | POLLHUP now */
};
extern struct devsw devsw[];
#endif
