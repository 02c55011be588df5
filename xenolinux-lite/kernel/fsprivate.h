/*
 * Calls among the file system's own files (bio, log, fs, ramdisk, ide)
 * that no other part of the kernel makes; the public ones are in defs.h.
 */
#ifndef XL_FSPRIVATE_H
#define XL_FSPRIVATE_H
#include <stdint.h>

struct buf;

/* fs.c: free every inode that is allocated but has no name (nlink 0).
 * At boot no file is open, so such an inode was unlinked while open
 * when the machine stopped.  Called by initlog() after recovery. */
void ireclaim(int dev);

/* ide.c: the primary master disk, by polled PIO.  ideinit() returns 0,
 * or -1 if there is no usable disk.  iderw() has diskrw()'s contract. */
int ideinit(void);
void iderw(struct buf *b);
uint32_t idesize(void);
#endif
