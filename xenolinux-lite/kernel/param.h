/* Kernel sizes and limits. */
#ifndef XL_PARAM_H
#define XL_PARAM_H
#include "xenolinux-lite/include/abi/limits.h"

#define KERNBASE    0xC0000000u /* kernel virtual base (VIRT_BASE) */
#define USERTOP     0xBF000000u /* user addresses stay below this */
#define KSTACKSIZE  8192        /* per-process kernel stack */
#define NFILE       100         /* open files, system-wide */
#define NINODE      50          /* in-memory inodes */
#define NDEV        10          /* device numbers */
#define ROOTDEV     1           /* the root file system's device */
#define MAXOPBLOCKS 32          /* blocks one FS operation may write */
/* Bitmap blocks of the largest file system: unlinking a file writes one
 * per bitmap block its blocks lie under, plus 3 (directory block, its
 * inode, the file's inode).  29 bitmap blocks: 118784 blocks, 58 MB. */
#define MAXBITMAP   (MAXOPBLOCKS - 3)
#define LOGSIZE     (MAXOPBLOCKS * 3)   /* log data blocks */
#define NBUF        (MAXOPBLOCKS * 3)   /* buffer cache */
#define CONSOLE     1           /* the console's major device number */
#define HZ          100         /* ticks per second (VIRQ_TIMER) */
#endif
