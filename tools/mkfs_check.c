/*
 * The image checker (mkfs --check): does an image obey every rule the
 * kernel's file system keeps?  After a crash and the log's recovery the
 * answer must still be yes; a "no" means the log or the file system code
 * broke an invariant.
 *
 * The rules, in the order checked:
 *
 *   1. The superblock is ours and its regions (log, inodes, bitmap,
 *      data) fit, in order, inside the image; the bitmap is no larger
 *      than the kernel mounts (MAXBITMAP blocks).
 *   2. The log header is empty, or lists a committed transaction that a
 *      crash left uninstalled.  The latter is no damage (the kernel
 *      redoes it at boot): it is reported, installed in a private copy,
 *      and the copy is checked.
 *   3. Every inode is free or of a known type; its size fits MAXFILE;
 *      each block it uses, at every level (data blocks, the indirect
 *      block, the doubly-indirect block and the indirect blocks it
 *      names), is a data block and used by nobody else; no block is
 *      missing inside its size.  A block lying wholly past the end (a
 *      write that stopped on a full disk can leave an empty indirect
 *      block) is a warning: it is still owned and marked in use.
 *   4. The free bitmap marks exactly the metadata blocks and the blocks
 *      in use.
 *   5. Every directory entry names an allocated inode; every directory
 *      has "." naming itself and ".." naming the directory that holds its
 *      name (the root's ".." is the root); no directory has two names,
 *      and every directory is reachable from the root.
 *   6. Every inode's nlink is the number of entries naming it, not
 *      counting "." (so a directory's nlink is one for its name plus one
 *      per subdirectory's "..", the root's own ".." standing in for its
 *      name).  An inode with nlink 0 and no name is an orphan: a file
 *      unlinked while open when the machine stopped.  The kernel frees
 *      orphans at boot, so that is a warning, not an error.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "tools/mkfs.h"
#include "xenolinux-lite/kernel/param.h"

#define DIV_UP(a, b) (((a) + (b) - 1) / (b))
#define MAX_REPORTED 40     /* findings printed before going quiet */

struct checker {
    uint8_t *img;           /* private copy (log installed) */
    uint32_t nimg;          /* whole blocks in the image */
    struct superblock sb;
    uint32_t datastart;     /* first data block */
    uint32_t *owner;        /* per block: inode using it, 0 if none */
    uint32_t *refs;         /* per inode: entries naming it, "." aside */
    uint32_t *parent;       /* per directory: the one holding its name */
    FILE *out;
    int reported;
    struct fscheck r;
};

static void finding(struct checker *c, int is_error, const char *fmt, ...)
{
    va_list ap;

    if (is_error)
        c->r.errors++;
    else
        c->r.warnings++;
    if (++c->reported > MAX_REPORTED) {
        if (c->reported == MAX_REPORTED + 1)
            fprintf(c->out, "  ... (further findings only counted)\n");
        return;
    }
    fprintf(c->out, "  %s: ", is_error ? "error" : "warning");
    va_start(ap, fmt);
    vfprintf(c->out, fmt, ap);
    va_end(ap);
    fputc('\n', c->out);
}
#define ERROR(c, ...) finding(c, 1, __VA_ARGS__)
#define WARN(c, ...)  finding(c, 0, __VA_ARGS__)

static uint8_t *block(struct checker *c, uint32_t bno)
{
    return c->img + (size_t)bno * BSIZE;
}

static uint32_t word(struct checker *c, uint32_t bno, uint32_t i)
{
    uint32_t v;
    memcpy(&v, block(c, bno) + 4 * i, 4);
    return v;
}

static void get_inode(struct checker *c, uint32_t inum, struct dinode *d)
{
    memcpy(d, block(c, IBLOCK(inum, c->sb)) + (inum % IPB) * sizeof(*d),
           sizeof(*d));
}

/* Rule 1.  Returns 0 if the rest can be checked. */
static int check_super(struct checker *c)
{
    struct superblock *sb = &c->sb;

    if (c->nimg < 2) {
        ERROR(c, "image too small for a superblock (%u blocks)", c->nimg);
        return -1;
    }
    memcpy(sb, block(c, 1), sizeof(*sb));
    if (sb->magic != FSMAGIC) {
        ERROR(c, "superblock magic 0x%x, expected 0x%x", sb->magic, FSMAGIC);
        return -1;
    }
    int bad = 0;
    if (sb->size > c->nimg) {
        ERROR(c, "superblock says %u blocks, the image has %u", sb->size,
              c->nimg);
        bad = 1;
    }
    if (DIV_UP(sb->size, BPB) > MAXBITMAP) {
        ERROR(c, "superblock: %u blocks need %u bitmap blocks; the kernel "
              "mounts at most %u", sb->size, (unsigned)DIV_UP(sb->size, BPB),
              (unsigned)MAXBITMAP);
        bad = 1;
    }
    if (sb->ninodes <= ROOTINO || sb->nlog < 2 || sb->nblocks >= sb->size) {
        ERROR(c, "superblock: %u inodes, %u log blocks, %u data blocks of %u",
              sb->ninodes, sb->nlog, sb->nblocks, sb->size);
        bad = 1;
    }
    c->datastart = sb->size - sb->nblocks;
    uint64_t need_inodes = (uint64_t)sb->inodestart + DIV_UP(sb->ninodes, IPB);
    uint64_t need_bitmap = (uint64_t)sb->bmapstart + DIV_UP(sb->size, BPB);
    if (sb->logstart < 2 || (uint64_t)sb->logstart + sb->nlog > sb->inodestart ||
        need_inodes > sb->bmapstart || need_bitmap > c->datastart) {
        ERROR(c, "superblock regions overlap or are out of order: log %u+%u, "
              "inodes %u, bitmap %u, data %u", sb->logstart, sb->nlog,
              sb->inodestart, sb->bmapstart, c->datastart);
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* Rule 2: install a committed log into the private copy. */
static void check_log(struct checker *c)
{
    uint32_t n = word(c, c->sb.logstart, 0);
    uint32_t max = c->sb.nlog - 1;

    if (max > BSIZE / 4 - 1)
        max = BSIZE / 4 - 1;
    if (n == 0)
        return;
    if (n > max) {
        ERROR(c, "log header lists %u blocks, the log holds %u", n, max);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t home = word(c, c->sb.logstart, 1 + i);
        if (home < c->sb.inodestart || home >= c->sb.size) {
            ERROR(c, "log entry %u names block %u, outside the file system",
                  i, home);
            return;
        }
    }
    fprintf(c->out, "  log: %u committed blocks not yet installed: the log "
            "must be replayed (the kernel does at boot); checking the image "
            "as it will be after that\n", n);
    c->r.log_pending = n;
    for (uint32_t i = 0; i < n; i++)
        memcpy(block(c, word(c, c->sb.logstart, 1 + i)),
               block(c, c->sb.logstart + 1 + i), BSIZE);
    memset(block(c, c->sb.logstart), 0, BSIZE);
}

/* Record that inode inum uses block bno (rule 3).  Returns 1 if bno is a
 * data block that can be read as inum's. */
static int claim(struct checker *c, uint32_t inum, uint32_t bno)
{
    if (bno < c->datastart || bno >= c->sb.size) {
        ERROR(c, "inode %u uses block %u, outside the data area [%u, %u)",
              inum, bno, c->datastart, c->sb.size);
        return 0;
    }
    if (c->owner[bno]) {
        ERROR(c, "block %u used twice: by inode %u and inode %u", bno,
              c->owner[bno], inum);
        return 0;
    }
    c->owner[bno] = inum;
    return 1;
}

/* Does block b belong to inode inum (claimed by it in check_inodes)? */
static int owned_by(struct checker *c, uint32_t inum, uint32_t b)
{
    return b && b < c->sb.size && c->owner[b] == inum;
}

/* Entry i of index block ind of inode inum, or 0 if ind is not a block
 * inum owns. */
static uint32_t index_entry(struct checker *c, uint32_t inum, uint32_t ind,
                            uint32_t i)
{
    return owned_by(c, inum, ind) ? word(c, ind, i) : 0;
}

/* The block holding file block bn of d, if it is a valid data block
 * (0 otherwise).  Only valid after check_inodes() claimed it. */
static uint32_t file_block(struct checker *c, uint32_t inum,
                           const struct dinode *d, uint32_t bn)
{
    uint32_t addr;

    if (bn < NDIRECT) {
        addr = d->addrs[bn];
    } else if (bn - NDIRECT < NINDIRECT) {
        addr = index_entry(c, inum, d->addrs[IND_SLOT], bn - NDIRECT);
    } else {
        uint32_t k = bn - NDIRECT - NINDIRECT;
        uint32_t ind = index_entry(c, inum, d->addrs[DIND_SLOT], k / NINDIRECT);
        addr = index_entry(c, inum, ind, k % NINDIRECT);
    }
    return owned_by(c, inum, addr) ? addr : 0;
}

/* A block pointer's level: what it names. */
enum level { DATA, INDIRECT, DOUBLY_INDIRECT };
static const char *const level_name[] = { "block", "indirect block",
                                          "doubly-indirect block" };
static const uint32_t level_span[] = { 1, NINDIRECT, NDINDIRECT };

/*
 * Check pointer addr of inode inum (rule 3): a block of the given level,
 * covering file blocks from first on, of which the first nused are
 * inside the file's size.  Claims addr and, for an index block, checks
 * each of its entries one level down.
 */
static void check_pointer(struct checker *c, uint32_t inum, uint32_t addr,
                          enum level level, uint32_t first, uint32_t nused)
{
    if (!addr) {
        if (first >= nused)
            return;
        if (level == DATA)
            ERROR(c, "inode %u: no block %u inside its size", inum, first);
        else
            ERROR(c, "inode %u: no %s for its blocks from %u, inside its "
                  "size", inum, level_name[level], first);
        return;
    }
    if (!claim(c, inum, addr))
        return;             /* its entries cannot be trusted */
    if (first >= nused)
        WARN(c, "inode %u: %s %u lies past its end", inum, level_name[level],
             addr);
    if (level == DATA)
        return;
    uint32_t span = level_span[level - 1];
    for (uint32_t i = 0; i < NINDIRECT; i++)
        check_pointer(c, inum, word(c, addr, i), level - 1, first + i * span,
                      nused);
}

/* Rule 3, for every inode. */
static void check_inodes(struct checker *c)
{
    struct dinode d;

    for (uint32_t inum = 0; inum < c->sb.ninodes; inum++) {
        get_inode(c, inum, &d);
        if (d.type == 0)
            continue;
        if (inum == 0) {
            ERROR(c, "inode 0 (never used) has type %d", d.type);
            continue;
        }
        if (d.type != T_DIR && d.type != T_FILE && d.type != T_DEV) {
            ERROR(c, "inode %u: unknown type %d", inum, d.type);
            continue;
        }
        if (d.size > MAXFILE * BSIZE) {
            ERROR(c, "inode %u: size %u exceeds the largest file (%u)", inum,
                  d.size, (unsigned)(MAXFILE * BSIZE));
            continue;
        }
        if (d.type == T_DIR && d.size % sizeof(struct fs_dirent) != 0)
            ERROR(c, "directory %u: size %u is not a whole number of entries",
                  inum, d.size);

        uint32_t nused = DIV_UP(d.size, BSIZE);
        for (uint32_t bn = 0; bn < NDIRECT; bn++)
            check_pointer(c, inum, d.addrs[bn], DATA, bn, nused);
        check_pointer(c, inum, d.addrs[IND_SLOT], INDIRECT, NDIRECT, nused);
        check_pointer(c, inum, d.addrs[DIND_SLOT], DOUBLY_INDIRECT,
                      NDIRECT + NINDIRECT, nused);
    }
}

/* Rule 4. */
static void check_bitmap(struct checker *c)
{
    for (uint32_t b = 0; b < c->sb.size; b++) {
        int marked = (block(c, BBLOCK(b, c->sb))[(b % BPB) / 8] >> (b % 8)) & 1;
        int used = b < c->datastart || c->owner[b] != 0;
        if (used && !marked) {
            if (b < c->datastart)
                ERROR(c, "bitmap: metadata block %u marked free", b);
            else
                ERROR(c, "bitmap: block %u marked free but used by inode %u",
                      b, c->owner[b]);
        } else if (!used && marked) {
            ERROR(c, "bitmap: block %u marked in use but no inode uses it", b);
        }
    }
}

/* Rule 5 for directory dir: check its entries; count refs, note parents. */
static void scan_directory(struct checker *c, uint32_t dir,
                           const struct dinode *d, uint32_t *dotdot)
{
    struct fs_dirent de;
    struct dinode t;
    int dots = 0, dotdots = 0;

    for (uint32_t off = 0; off + sizeof(de) <= d->size; off += sizeof(de)) {
        uint32_t addr = file_block(c, dir, d, off / BSIZE);
        if (!addr)
            continue;       /* already reported */
        memcpy(&de, block(c, addr) + off % BSIZE, sizeof(de));
        if (de.inum == 0)
            continue;
        char name[DIRSIZ + 1];
        memcpy(name, de.name, DIRSIZ);
        name[DIRSIZ] = 0;
        if (de.inum >= c->sb.ninodes) {
            ERROR(c, "directory %u: entry '%s' names inode %u, beyond the "
                  "last (%u)", dir, name, de.inum, c->sb.ninodes - 1);
            continue;
        }
        get_inode(c, de.inum, &t);
        if (t.type == 0) {
            ERROR(c, "directory %u: dangling entry '%s' names free inode %u",
                  dir, name, de.inum);
            continue;
        }
        if (name[0] == 0)
            ERROR(c, "directory %u: entry with an empty name", dir);
        if (strcmp(name, ".") == 0) {
            dots++;
            if (de.inum != dir)
                ERROR(c, "directory %u: '.' names inode %u", dir, de.inum);
            continue;       /* "." is not a link */
        }
        c->refs[de.inum]++;
        if (strcmp(name, "..") == 0) {
            dotdots++;
            *dotdot = de.inum;
            if (t.type != T_DIR)
                ERROR(c, "directory %u: '..' names non-directory %u", dir,
                      de.inum);
            continue;
        }
        if (t.type != T_DIR)
            continue;
        if (de.inum == ROOTINO)
            ERROR(c, "directory %u: entry '%s' names the root", dir, name);
        else if (c->parent[de.inum])
            ERROR(c, "directory %u has two names: in directories %u and %u",
                  de.inum, c->parent[de.inum], dir);
        else
            c->parent[de.inum] = dir;
    }
    if (dots != 1 || dotdots != 1)
        ERROR(c, "directory %u: %d '.' and %d '..' entries, expected one each",
              dir, dots, dotdots);
}

/* Rules 5 and 6. */
static void check_names(struct checker *c)
{
    struct dinode d;
    uint32_t n = c->sb.ninodes;
    uint32_t *dotdot = calloc(n, sizeof(uint32_t));

    if (!dotdot) {
        ERROR(c, "out of memory");
        return;
    }
    get_inode(c, ROOTINO, &d);
    if (d.type != T_DIR)
        ERROR(c, "root inode %u is not a directory (type %d)", ROOTINO, d.type);
    for (uint32_t inum = 1; inum < n; inum++) {
        get_inode(c, inum, &d);
        /* An orphan directory's ".." no longer counts for its parent. */
        if (d.type == T_DIR && d.nlink > 0)
            scan_directory(c, inum, &d, &dotdot[inum]);
    }
    for (uint32_t inum = 1; inum < n; inum++) {
        get_inode(c, inum, &d);
        if (d.type == 0)
            continue;
        if (d.type == T_DIR && dotdot[inum]) {
            uint32_t want = inum == ROOTINO ? ROOTINO : c->parent[inum];
            if (want && dotdot[inum] != want)
                ERROR(c, "directory %u: '..' names %u, but its name is in %u",
                      inum, dotdot[inum], want);
        }
        if (d.type == T_DIR && inum != ROOTINO && c->parent[inum]) {
            uint32_t up = inum, steps = 0;
            while (up != ROOTINO && up && steps++ < n)
                up = c->parent[up];
            if (up != ROOTINO)
                ERROR(c, "directory %u is not reachable from the root", inum);
        }
        if (d.nlink == 0 && c->refs[inum] == 0) {
            WARN(c, "inode %u: orphan (no name, nlink 0, %u bytes): freed at "
                 "the next boot", inum, d.size);
        } else if (d.nlink < 0 || (uint32_t)d.nlink != c->refs[inum]) {
            ERROR(c, "inode %u: nlink %d, but %u directory entries name it",
                  inum, d.nlink, c->refs[inum]);
        }
    }
    free(dotdot);
}

struct fscheck fs_check(const uint8_t *img, size_t len, FILE *out)
{
    struct checker c;

    memset(&c, 0, sizeof(c));
    c.out = out;
    c.nimg = len / BSIZE;
    c.img = malloc(c.nimg ? (size_t)c.nimg * BSIZE : 1);
    if (!c.img) {
        ERROR(&c, "out of memory");
        return c.r;
    }
    memcpy(c.img, img, (size_t)c.nimg * BSIZE);

    if (check_super(&c) == 0) {
        check_log(&c);
        c.owner = calloc(c.sb.size, sizeof(uint32_t));
        c.refs = calloc(c.sb.ninodes, sizeof(uint32_t));
        c.parent = calloc(c.sb.ninodes, sizeof(uint32_t));
        if (!c.owner || !c.refs || !c.parent) {
            ERROR(&c, "out of memory");
        } else {
            check_inodes(&c);
            check_bitmap(&c);
            check_names(&c);
        }
        uint32_t used = 0, inodes = 0;
        for (uint32_t b = c.datastart; c.owner && b < c.sb.size; b++)
            used += c.owner[b] != 0;
        for (uint32_t i = 1; c.refs && i < c.sb.ninodes; i++)
            inodes += c.refs[i] != 0;
        fprintf(out, "  %u blocks: %u data blocks, %u in use; %u inodes, "
                "%u named\n", c.sb.size, c.sb.nblocks, used, c.sb.ninodes,
                inodes);
        free(c.owner);
        free(c.refs);
        free(c.parent);
    }
    free(c.img);
    if (c.r.errors)
        fprintf(out, "  %d errors, %d warnings: the file system is damaged\n",
                c.r.errors, c.r.warnings);
    else
        fprintf(out, "  clean (%d warnings)%s\n", c.r.warnings,
                c.r.log_pending ? " once the log is replayed" : "");
    return c.r;
}
