/*
 * A domain's configuration file, in the syntax of Xen's xm/xl config
 * files (a small part of Python's):
 *
 *     # a comment (outside strings) runs to the end of the line
 *     name    = "guest1"
 *     memory  = 24
 *     kernel  = '/boot/xenolinux-lite'
 *     extra   = 'root=xvda'
 *     disk    = [ 'file:/images/guest1.img,xvda,w',
 *                 'file:/images/data.img,xvdb,r', ]   # may span lines
 *     on_crash = 'destroy'
 *
 * One setting per line: `key = value`, where a value is a decimal number
 * (an optional '-', then digits), a string in 'single' or "double" quotes
 * on one line, or a list [ ... ] of numbers and strings separated by
 * commas (a trailing comma is allowed; the list may span lines and hold
 * comments).  In a string, \\ \' and \" stand for \ ' and "; any other
 * backslash is kept as it is.
 *
 * Settings we use (anything else is accepted with a warning, so that a
 * config written for Xen still works):
 *
 *   name          1..63 of A-Z a-z 0-9 _ . -; if there is none, name
 *                 is left empty and xl names the domain after the file
 *                 (a Xen 3.0.4 config may name only kernel and memory)
 *   kernel        required; the kernel image's path in dom0's file system
 *   ramdisk       optional path of an initial ramdisk
 *   extra         the kernel's command line (start_info.cmd_line)
 *   memory        MB, default 32, XLCFG_MEMORY_MIN_MB..XLCFG_MEMORY_MAX_MB
 *   vcpus         must be 1: every domain here has one vCPU
 *   disk          up to 4 of 'file:PATH,VDEV,MODE' (or 'PATH,VDEV,MODE'):
 *                 PATH an image file in dom0's file system, VDEV xvda..xvdp,
 *                 MODE w or rw (writable), r or ro (read-only).  phy:
 *                 disks are refused: dom0 has no block devices to lend.
 *   on_poweroff   what to do when the domain stops for this reason:
 *   on_reboot     'destroy', 'restart', 'preserve' or 'rename-restart'
 *   on_crash      (defaults as Xen 3.0.4's xm: destroy, restart, restart)
 *
 * A key given twice, a value of the wrong kind, text after a value, an
 * unterminated string or list and every bad setting above are errors.
 */
#ifndef DOM0_XL_XLCFG_H
#define DOM0_XL_XLCFG_H

#define XLCFG_NAME_MAX          63      /* characters in a domain name */
#define XLCFG_PATH_MAX          127     /* characters in a path (MAXPATH 128) */
#define XLCFG_EXTRA_MAX         1023    /* start_info.cmd_line holds 1024 bytes */
#define XLCFG_MAX_DISKS         4

/*
 * Memory in MB.  The largest is all the RAM the hypervisor ever uses
 * (1 GB, docs/design-notes.md); below 4 MB a kernel has no room to boot.
 */
#define XLCFG_MEMORY_MIN_MB     4
#define XLCFG_MEMORY_MAX_MB     1024
#define XLCFG_MEMORY_DEFAULT_MB 32

/*
 * A virtual disk's number, as the front end and xenstore's
 * "virtual-device" know it: Xen's xvd major 202, 16 minors per disk
 * (the whole disk and its partitions), so xvda is 51712, xvdb 51728.
 */
#define XLCFG_XVD_MAJOR         202
#define XLCFG_XVD_MINORS        16
#define XLCFG_MAX_XVD           16      /* xvda..xvdp */

#define XLCFG_MSG_MAX           160     /* bytes of one message, with NUL */
#define XLCFG_MAX_WARNINGS      8

/* What to do with a domain that powered off, rebooted or crashed. */
enum xlcfg_action {
    XLCFG_DESTROY,          /* destroy it */
    XLCFG_RESTART,          /* destroy it and build it again */
    XLCFG_PRESERVE,         /* leave it as it is, for inspection */
    XLCFG_RENAME_RESTART,   /* keep it under a new name, build a new one */
};

struct xlcfg_disk {
    char path[XLCFG_PATH_MAX + 1];  /* the image file in dom0's file system */
    char vdev_name[5];              /* "xvda".."xvdp" */
    unsigned int vdev;              /* its number (xlcfg_vdev_number) */
    int writable;                   /* 1: w/rw, 0: r/ro */
};

struct xlcfg {
    char name[XLCFG_NAME_MAX + 1];
    char kernel[XLCFG_PATH_MAX + 1];
    char ramdisk[XLCFG_PATH_MAX + 1];   /* "" if none */
    char extra[XLCFG_EXTRA_MAX + 1];    /* "" if none */
    unsigned int memory_mb;
    unsigned int vcpus;
    int nr_disks;
    struct xlcfg_disk disks[XLCFG_MAX_DISKS];   /* in the file's order */
    enum xlcfg_action on_poweroff, on_reboot, on_crash;

    /*
     * Settings we accepted but do not use, one message each ("line 9:
     * vif is not supported here and is ignored"), for the caller to show.
     * Only the first XLCFG_MAX_WARNINGS are kept; warnings_dropped counts
     * the rest.
     */
    int nr_warnings;
    int warnings_dropped;
    char warnings[XLCFG_MAX_WARNINGS][XLCFG_MSG_MAX];
};

/*
 * Parse the len bytes at text (no NUL needed) into cfg.
 *
 * Returns 0 with every field of cfg set (defaults for what the file
 * leaves out), or -EINVAL with cfg zeroed and one message in err, such
 * as "line 4: memory must be a number" (cut to fit err_size bytes, always
 * NUL-terminated when err_size > 0; err may be NULL).  Never reads past
 * text + len.
 */
int xlcfg_parse(const char *text, unsigned int len, struct xlcfg *cfg,
                char *err, unsigned int err_size);

/*
 * Read one disk entry, 'file:PATH,VDEV,MODE' or 'PATH,VDEV,MODE', into
 * *disk.  Returns NULL, or (leaving *disk alone) why the entry is refused,
 * such as "the mode must be 'w' or 'r'".
 */
const char *xlcfg_disk_parse(const char *entry, struct xlcfg_disk *disk);

/*
 * The number of virtual disk name (xvda..xvdp): 202 << 8 | 16 * index.
 * Returns 0 and sets *number, or -EINVAL for any other name (hda, sda,
 * xvda1, xvdq, ...).
 */
int xlcfg_vdev_number(const char *name, unsigned int *number);

/* The config file's word for an action ("rename-restart"), or "?". */
const char *xlcfg_action_name(enum xlcfg_action action);

#endif /* DOM0_XL_XLCFG_H */
