/*
 * mkfs --extract: copy one file out of an image, as the kernel would read
 * it after mounting.  The host uses it to look inside an image kept in
 * another image: a domU's disk is a file in dom0's file system, so
 * `mkfs --extract dom0.img /images/guest1.img guest1.img` gives a file
 * that mkfs --check, or --extract again, can read.
 *
 * The image is read, never changed.  A committed log that a crash left
 * uninstalled is seen as the kernel sees it after its recovery: a block
 * the log header lists is read from its copy in the log.  Nothing on the
 * way is trusted: the superblock, every inode and every block number
 * are checked against the image before use, so a damaged image gives an
 * error, never a read outside it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/mkfs.h"

/* An image being read, with its committed log laid over it. */
struct reader {
    const uint8_t *img;
    uint32_t nblocks;       /* whole blocks in the image */
    struct superblock sb;
    uint32_t datastart;     /* first data block */
    uint32_t nlogged;       /* blocks the committed log lists, 0 if none */
    uint32_t home[BSIZE / 4 - 1];   /* their home block numbers */
};

static uint32_t word_at(const uint8_t *p, uint32_t i)
{
    uint32_t v;
    memcpy(&v, p + 4 * i, 4);
    return v;
}

/* Block bno as the kernel sees it after recovery (bno < r->nblocks). */
static const uint8_t *block(const struct reader *r, uint32_t bno)
{
    for (uint32_t i = 0; i < r->nlogged; i++)
        if (r->home[i] == bno)
            return r->img + (size_t)(r->sb.logstart + 1 + i) * BSIZE;
    return r->img + (size_t)bno * BSIZE;
}

/* Read the superblock and the log header: 0, -EINVAL if this is not an
 * image of ours, -EIO if its superblock or log is damaged. */
static int open_reader(struct reader *r, const uint8_t *img, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->img = img;
    size_t whole = len / BSIZE;
    r->nblocks = whole > UINT32_MAX ? UINT32_MAX : (uint32_t)whole;
    if (r->nblocks < 2)
        return -EINVAL;
    memcpy(&r->sb, img + BSIZE, sizeof(r->sb));
    const struct superblock *sb = &r->sb;
    if (sb->magic != FSMAGIC)
        return -EINVAL;
    if (sb->size > r->nblocks || sb->nblocks >= sb->size || sb->nlog < 2 ||
        sb->ninodes <= ROOTINO || sb->logstart < 2 ||
        (uint64_t)sb->logstart + sb->nlog > sb->inodestart ||
        (uint64_t)sb->inodestart + (sb->ninodes + IPB - 1) / IPB > sb->size)
        return -EIO;
    r->datastart = sb->size - sb->nblocks;

    const uint8_t *head = img + (size_t)sb->logstart * BSIZE;
    uint32_t n = word_at(head, 0);
    uint32_t max = sb->nlog - 1 < BSIZE / 4 - 1 ? sb->nlog - 1 : BSIZE / 4 - 1;
    if (n > max)
        return -EIO;
    for (uint32_t i = 0; i < n; i++) {
        r->home[i] = word_at(head, 1 + i);
        if (r->home[i] < sb->inodestart || r->home[i] >= sb->size)
            return -EIO;
    }
    r->nlogged = n;
    return 0;
}

/* Inode inum into *d: 0, or -EIO if inum is out of range or free. */
static int get_inode(const struct reader *r, uint32_t inum, struct dinode *d)
{
    if (inum == 0 || inum >= r->sb.ninodes)
        return -EIO;
    memcpy(d, block(r, IBLOCK(inum, r->sb)) + (inum % IPB) * sizeof(*d),
           sizeof(*d));
    if (d->type == 0 || d->size > MAXFILE * BSIZE)
        return -EIO;
    return 0;
}

/* Is bno a block of the data area? */
static int is_data_block(const struct reader *r, uint32_t bno)
{
    return bno >= r->datastart && bno < r->sb.size;
}

/* Entry i of index block ind: the block it names, or 0 if ind or the
 * entry is not a data block. */
static uint32_t index_entry(const struct reader *r, uint32_t ind, uint32_t i)
{
    if (!is_data_block(r, ind))
        return 0;
    uint32_t bno = word_at(block(r, ind), i);
    return is_data_block(r, bno) ? bno : 0;
}

/* The block holding file block bn of d (fs.h's picture), or 0 if the
 * image names no valid one. */
static uint32_t file_block(const struct reader *r, const struct dinode *d,
                           uint32_t bn)
{
    if (bn < NDIRECT)
        return is_data_block(r, d->addrs[bn]) ? d->addrs[bn] : 0;
    bn -= NDIRECT;
    if (bn < NINDIRECT)
        return index_entry(r, d->addrs[IND_SLOT], bn);
    bn -= NINDIRECT;
    uint32_t ind = index_entry(r, d->addrs[DIND_SLOT], bn / NINDIRECT);
    return ind ? index_entry(r, ind, bn % NINDIRECT) : 0;
}

/* Read all of d's bytes into fresh memory (*data, free() it; NULL for an
 * empty file): 0, -EIO if a block inside its size is missing, -ENOMEM. */
static int read_file(const struct reader *r, const struct dinode *d,
                     uint8_t **data)
{
    *data = NULL;
    if (d->size == 0)
        return 0;
    uint8_t *buf = malloc(d->size);
    if (!buf)
        return -ENOMEM;
    for (uint32_t off = 0; off < d->size; off += BSIZE) {
        uint32_t bno = file_block(r, d, off / BSIZE);
        if (!bno) {
            free(buf);
            return -EIO;
        }
        uint32_t n = d->size - off < BSIZE ? d->size - off : BSIZE;
        memcpy(buf + off, block(r, bno), n);
    }
    *data = buf;
    return 0;
}

/* The entry called name (n characters) in directory d: its inode number,
 * -ENOENT if there is none, or read_file's error. */
static int dir_lookup(const struct reader *r, const struct dinode *d,
                      const char *name, size_t n)
{
    uint8_t *data;
    int rc = read_file(r, d, &data);
    if (rc < 0)
        return rc;
    rc = -ENOENT;
    for (uint32_t off = 0; off + sizeof(struct fs_dirent) <= d->size;
         off += sizeof(struct fs_dirent)) {
        struct fs_dirent e;
        memcpy(&e, data + off, sizeof(e));
        if (e.inum != 0 && memcmp(e.name, name, n) == 0 &&
            (n == DIRSIZ || e.name[n] == 0)) {
            rc = e.inum;
            break;
        }
    }
    free(data);
    return rc;
}

int fs_extract(const uint8_t *img, size_t len, const char *path,
               uint8_t **data, uint32_t *size)
{
    struct reader r;
    struct dinode d;
    int rc;

    *data = NULL;
    *size = 0;
    if (path[0] != '/')
        return -EINVAL;
    if ((rc = open_reader(&r, img, len)) < 0 ||
        (rc = get_inode(&r, ROOTINO, &d)) < 0)
        return rc;
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;              /* path ends in '/' */
        if (d.type != T_DIR)
            return -ENOTDIR;
        if (n > DIRSIZ)
            return -ENOENT;     /* no entry holds so long a name */
        if ((rc = dir_lookup(&r, &d, p, n)) < 0 ||
            (rc = get_inode(&r, (uint32_t)rc, &d)) < 0)
            return rc;
        p += n;
    }
    if (path[strlen(path) - 1] == '/' && d.type != T_DIR)
        return -ENOTDIR;     /* "/README/" */
    if (d.type == T_DIR)
        return -EISDIR;
    if (d.type != T_FILE)
        return -ENODEV;
    if ((rc = read_file(&r, &d, data)) < 0)
        return rc;
    *size = d.size;
    return 0;
}

/* Write len bytes of data to the host file out, made afresh: 0, or -1
 * with errno set (out removed). */
static int write_host_file(const char *out, const uint8_t *data, uint32_t len)
{
    FILE *f = fopen(out, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, len, f) == len;
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        unlink(out);
        errno = err;
        return -1;
    }
    return 0;
}

/* What fs_extract's error rc means, for a message. */
static const char *why(int rc)
{
    switch (rc) {
    case -EINVAL:  return "not an image of ours, or not an absolute path";
    case -ENOENT:  return "no such file";
    case -ENOTDIR: return "something on the way is a file, not a directory";
    case -EISDIR:  return "a directory, not a plain file";
    case -ENODEV:  return "a device, not a plain file";
    case -EIO:     return "the image is damaged on the way";
    default:       return strerror(-rc);
    }
}

int mkfs_extract_file(const char *image, const char *path, const char *out)
{
    size_t len;
    uint8_t *img = mkfs_read_host_file(image, &len);
    if (!img) {
        fprintf(stderr, "mkfs: %s: %s\n", image, strerror(errno));
        return -1;
    }
    uint8_t *data;
    uint32_t size;
    int rc = fs_extract(img, len, path, &data, &size);
    free(img);
    if (rc < 0) {
        fprintf(stderr, "mkfs: %s in %s: %s\n", path, image, why(rc));
        return -1;
    }
    rc = write_host_file(out, data, size);
    if (rc < 0)
        fprintf(stderr, "mkfs: %s: %s\n", out, strerror(errno));
    free(data);
    return rc;
}
