/*
 * A PIO driver for the primary IDE master, polled: dom0's persistent
 * disk when the kernel command line says "root=ide".
 *
 * One block is one 512-byte sector, addressed by 28-bit LBA.  Every
 * request runs to completion before diskrw() returns; no interrupt is
 * used (nIEN is set), so the driver needs no event channel.  The CPU
 * simply polls the status register.
 *
 * Durability: the log relies on a completed write being on the disk
 * before the next one starts (its body before its header, the header
 * before the installs).  A drive with a write cache may reorder, so every
 * write is followed by FLUSH CACHE.
 *
 * Ports need dom0's virtual IOPL (ioport.h), requested once at ideinit().
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/buf.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/ioport.h"
#include "xenolinux-lite/kernel/fsprivate.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "public/physdev.h"

/* Command-block registers (primary channel) and the control register. */
#define IDE_DATA     0x1F0  /* 16/32-bit data window */
#define IDE_ERROR    0x1F1  /* read: error bits; write: features */
#define IDE_NSECTOR  0x1F2  /* sector count */
#define IDE_LBA0     0x1F3  /* LBA bits 0-7 */
#define IDE_LBA1     0x1F4  /* LBA bits 8-15 */
#define IDE_LBA2     0x1F5  /* LBA bits 16-23 */
#define IDE_DRIVE    0x1F6  /* drive select, LBA bits 24-27 */
#define IDE_STATUS   0x1F7  /* read: status */
#define IDE_COMMAND  0x1F7  /* write: command */
#define IDE_CONTROL  0x3F6  /* device control */

/* Status bits. */
#define ST_BSY  0x80        /* busy: other bits meaningless */
#define ST_DRDY 0x40        /* ready for a command */
#define ST_DF   0x20        /* device fault */
#define ST_DRQ  0x08        /* data to transfer */
#define ST_ERR  0x01        /* the last command failed */

#define DRIVE_MASTER_LBA 0xE0   /* LBA addressing, master */
#define CTL_NIEN         0x02   /* no interrupts: we poll */

/* Commands. */
#define CMD_READ     0x20   /* READ SECTORS */
#define CMD_WRITE    0x30   /* WRITE SECTORS */
#define CMD_FLUSH    0xE7   /* FLUSH CACHE */
#define CMD_IDENTIFY 0xEC   /* IDENTIFY DEVICE */

#define POLL_LIMIT 50000000 /* status reads before giving up */

static uint32_t sectors;    /* from IDENTIFY: LBA28 sectors */
static struct sleeplock ide_lock;   /* held for a whole request */

/*
 * Wait until the drive is not busy; with want_drq, also until it offers
 * data.  Returns 0, or -1 on an error, a fault, or no answer.
 */
static int ide_wait(int want_drq)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint8_t st = inb(IDE_STATUS);
        if (st == 0xFF)
            return -1;          /* floating bus: no drive */
        if (st & ST_BSY)
            continue;
        if (st & (ST_ERR | ST_DF))
            return -1;
        if (!want_drq || (st & ST_DRQ))
            return 0;
    }
    return -1;
}

/* Load the task file for a one-sector command on block lba and issue it. */
static void ide_command(uint8_t cmd, uint32_t lba)
{
    outb(IDE_NSECTOR, 1);
    outb(IDE_LBA0, lba & 0xFF);
    outb(IDE_LBA1, (lba >> 8) & 0xFF);
    outb(IDE_LBA2, (lba >> 16) & 0xFF);
    outb(IDE_DRIVE, DRIVE_MASTER_LBA | ((lba >> 24) & 0x0F));
    outb(IDE_COMMAND, cmd);
}

/*
 * Get port access, find the drive and learn its size.  Returns 0, or -1
 * if we are not dom0 (only dom0 may touch ports: a domU's IN or OUT is
 * refused with #GP), the hypervisor refuses the ports or there is no
 * ATA disk.
 */
int ideinit(void)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    uint32_t id[128];           /* IDENTIFY data: 256 16-bit words */

    if (!is_dom0()) {
        cprintf("ide: only dom0 drives real disks\n");
        return -1;
    }
    if (HYPERCALL2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl) != 0) {
        cprintf("ide: no I/O privilege\n");
        return -1;
    }
    initsleeplock(&ide_lock, "ide");
    outb(IDE_CONTROL, CTL_NIEN);
    outb(IDE_DRIVE, DRIVE_MASTER_LBA);
    for (int i = 0; i < 4; i++)
        inb(IDE_STATUS);        /* give the select 400 ns to settle */
    uint8_t st = inb(IDE_STATUS);
    if (st == 0xFF || st == 0) {
        cprintf("ide: no drive on the primary master\n");
        return -1;
    }
    if (ide_wait(0) < 0)
        return -1;

    outb(IDE_COMMAND, CMD_IDENTIFY);
    if (inb(IDE_STATUS) == 0 || ide_wait(1) < 0) {
        cprintf("ide: primary master is not an ATA disk\n");
        return -1;
    }
    insl(IDE_DATA, id, 128);
    sectors = id[30];           /* words 60-61: LBA28 sector count */
    if (sectors > (1u << 28))
        sectors = 1u << 28;
    return 0;
}

uint32_t idesize(void)
{
    return sectors;
}

/* diskrw() for the IDE disk: see defs.h.  An I/O error is fatal: the
 * file system cannot go on without its disk. */
void iderw(struct buf *b)
{
    if (b->blockno >= sectors)
        panic("ide: block out of range");
    acquiresleep(&ide_lock);
    if (ide_wait(0) < 0)
        panic("ide: drive not ready");

    if (b->flags & B_DIRTY) {
        ide_command(CMD_WRITE, b->blockno);
        if (ide_wait(1) < 0)
            panic("ide: write refused");
        outsl(IDE_DATA, b->data, BSIZE / 4);
        if (ide_wait(0) < 0)
            panic("ide: write failed");
        outb(IDE_DRIVE, DRIVE_MASTER_LBA);
        outb(IDE_COMMAND, CMD_FLUSH);
        if (ide_wait(0) < 0)
            panic("ide: flush failed");
    } else if (!(b->flags & B_VALID)) {
        ide_command(CMD_READ, b->blockno);
        if (ide_wait(1) < 0)
            panic("ide: read failed");
        insl(IDE_DATA, b->data, BSIZE / 4);
    }
    b->flags = (b->flags | B_VALID) & ~B_DIRTY;
    releasesleep(&ide_lock);
}
