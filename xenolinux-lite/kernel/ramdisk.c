/*
 * The disk the file system runs on, and the choice of it.
 *
 * dom0 is handed its disk image as the second boot module: the domain
 * builder loads it into dom0's memory and start_info->mod_start/mod_len
 * give its virtual address (in the kernel's 1:1 area) and length.  That
 * "ramdisk" is the default; reads and writes are plain copies, and
 * nothing written survives a reboot.
 *
 * With "root=ide" on the kernel command line the disk is the primary IDE
 * master instead (ide.c): persistent, so a crash and reboot exercise the
 * log's recovery.  With "root=xvda" (a domU) it is the virtual block
 * device xvda, served by dom0's blkback (blkfront_io.c).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/buf.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/fsprivate.h"
#include "xenolinux-lite/kernel/blkfront.h"

static enum { DISK_NONE, DISK_RAM, DISK_IDE, DISK_XVDA } disk_kind;
static uint8_t *ram;            /* the module's first byte */
static uint32_t ram_blocks;     /* whole blocks in the module */

/* Does the kernel command line contain the word `word` (space-separated)? */
static int cmdline_has(const char *word)
{
    const char *s = start_info->cmd_line;
    int n = strlen(word);
    int limit = sizeof(start_info->cmd_line);

    for (int i = 0; i < limit && s[i]; i++) {
        if ((i == 0 || s[i - 1] == ' ') && i + n <= limit &&
            strncmp(s + i, word, n) == 0 && (s[i + n] == ' ' || s[i + n] == 0))
            return 1;
    }
    return 0;
}

/* Pick and start the disk: IDE or xvda if asked for, else the boot
 * module.  With none, the kernel runs without a disk and the first
 * access panics.  xvda connects at its first use (blkfront.h). */
void diskinit(void)
{
    if (cmdline_has("root=xvda")) {
        if (is_dom0())
            panic("diskinit: root=xvda is for a domU");
        disk_kind = DISK_XVDA;
        cprintf("disk: xvda, the virtual block device\n");
        return;
    }
    if (cmdline_has("root=ide")) {
        if (ideinit() < 0)
            panic("diskinit: root=ide but no IDE disk");
        disk_kind = DISK_IDE;
        cprintf("disk: IDE primary master, %u blocks\n", (unsigned)idesize());
        return;
    }
    if (start_info->mod_start && start_info->mod_len >= 2 * BSIZE) {
        ram = (uint8_t *)start_info->mod_start;
        ram_blocks = start_info->mod_len / BSIZE;
        disk_kind = DISK_RAM;
        cprintf("disk: ramdisk at 0x%x, %u blocks\n", (unsigned)(uintptr_t)ram,
                (unsigned)ram_blocks);
        return;
    }
    cprintf("disk: none (no boot module, no root=ide)\n");
}

uint32_t disksize(void)
{
    switch (disk_kind) {
    case DISK_RAM: return ram_blocks;
    case DISK_IDE: return idesize();
    case DISK_XVDA: return blkfront_size();
    default:       return 0;
    }
}

/* The ramdisk's diskrw: copy the block in or out of the module. */
static void ramrw(struct buf *b)
{
    if (b->blockno >= ram_blocks)
        panic("ramdisk: block out of range");
    uint8_t *where = ram + b->blockno * BSIZE;
    if (b->flags & B_DIRTY)
        memmove(where, b->data, BSIZE);
    else if (!(b->flags & B_VALID))
        memmove(b->data, where, BSIZE);
    b->flags = (b->flags | B_VALID) & ~B_DIRTY;
}

void diskrw(struct buf *b)
{
    if (!holdingsleep(&b->lock))
        panic("diskrw: buffer not locked");
    switch (disk_kind) {
    case DISK_RAM: ramrw(b); break;
    case DISK_IDE: iderw(b); break;
    case DISK_XVDA: blkfront_rw(b); break;
    default:       panic("diskrw: no disk");
    }
}
