/*
 * The kernel's file system (bio.c, log.c, fs.c, file.c, sysfile.c), run
 * on the host against a memory disk built by mkfs, and cut off by a
 * simulated crash before every single disk write of a workload.  After
 * each crash the disk is booted again (initlog: recovery and orphan
 * reclaim) and mkfs's checker must find it consistent: the rule "a crash
 * at any point leaves the file system consistent after recovery".
 *
 * The kernel files are #included so that their private state can be
 * reset between runs, with the kernel's own string and process
 * functions renamed so they do not clash with the C library.  The core's
 * services (locks, sleep, processes, argument fetching) are stubs for
 * one process that never has to wait.
 *
 * With one process every operation commits alone, so the log header of
 * each commit tells how many blocks that operation wrote: none may write
 * more than its reservation, MAXOPBLOCKS.
 */
// uses: tools/mkfs.c tools/mkfs_check.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
#define memmove kmemmove
#define memset kmemset
#define memcmp kmemcmp
#define strncmp kstrncmp
#define strncpy kstrncpy
#define strlen kstrlen
#define exit kexit
#define fork kfork
#define wait kwait
#define kill kkill
#define sleep ksleep
#include "xenolinux-lite/kernel/bio.c"
#include "xenolinux-lite/kernel/log.c"
#include "xenolinux-lite/kernel/fs.c"
#include "xenolinux-lite/kernel/file.c"
#include "xenolinux-lite/kernel/pipe.c"
#include "xenolinux-lite/kernel/sysfile.c"
#undef memmove
#undef memset
#undef memcmp
#undef strncmp
#undef strncpy
#undef strlen
#undef exit
#undef fork
#undef wait
#undef kill
#undef sleep
#include "tools/mkfs.h"

/* ------------------------------------------------------ core stubs */

void *kmemmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *kmemset(void *d, int c, size_t n) { return memset(d, c, n); }
int kmemcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
int kstrncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
char *kstrncpy(char *d, const char *s, int n) { return strncpy(d, s, n); }
int kstrlen(const char *s) { return strlen(s); }

void cprintf(const char *fmt, ...) { (void)fmt; }
void panic(const char *why)
{
    fail_msg("kernel panic: %s", why);
    abort();
}

void initlock(struct spinlock *lk, const char *name) { lk->locked = 0; lk->name = name; }
void acquire(struct spinlock *lk)
{
    if (lk->locked)
        panic("acquire: deadlock");
    lk->locked = 1;
}
void release(struct spinlock *lk) { lk->locked = 0; }
int holding(struct spinlock *lk) { return lk->locked; }
void initsleeplock(struct sleeplock *lk, const char *name) { lk->locked = 0; lk->name = name; }
void acquiresleep(struct sleeplock *lk)
{
    if (lk->locked)
        panic("acquiresleep: would wait forever");
    lk->locked = 1;
}
void releasesleep(struct sleeplock *lk) { lk->locked = 0; }
int holdingsleep(struct sleeplock *lk) { return lk->locked; }
void ksleep(void *chan, struct spinlock *lk) { (void)chan; (void)lk; panic("sleep"); }
void wakeup(void *chan) { (void)chan; }

static struct proc proc0;
struct proc *myproc(void) { return &proc0; }
int killed(struct proc *p) { return p->killed; }
void *kalloc(void) { return aligned_alloc(4096, 4096); }
void kfree(void *page) { free(page); }
int exec(char *path, char **argv) { (void)path; (void)argv; return -1; }
struct devsw devsw[NDEV];

/* System-call arguments: set by call(), fetched by the sys_* code. */
static intptr_t sysargs[6];
int argint(int n, int *ip) { *ip = (int)sysargs[n]; return 0; }
int argptr(int n, char **pp, int size) { (void)size; *pp = (char *)sysargs[n]; return 0; }
int argstr(int n, char **pp) { *pp = (char *)sysargs[n]; return 0; }
int fetchint(uint32_t addr, int *ip) { (void)addr; (void)ip; return -1; }
int fetchstr(uint32_t addr, char **pp) { (void)addr; (void)pp; return -1; }

/* -------------------------------------------------- the memory disk */

#define DISK_BLOCKS 1000
static struct fsbuild disk;     /* the image, and the disk itself */
static long writes;             /* disk writes so far */
static long crash_at = -1;      /* stop before this write (-1: never) */
static jmp_buf crashed;
static uint32_t most_logged;    /* largest commit seen, in blocks */

uint32_t disksize(void) { return disk.size; }

void diskrw(struct buf *b)
{
    if (!holdingsleep(&b->lock))
        panic("diskrw: buffer not locked");
    if (b->blockno >= disk.size)
        panic("diskrw: block out of range");
    uint8_t *where = disk.img + (size_t)b->blockno * BSIZE;
    if (b->flags & B_DIRTY) {
        if (writes++ == crash_at)
            longjmp(crashed, 1);
        if (b->blockno == disk.sb.logstart) {      /* a log header */
            uint32_t n;
            memcpy(&n, b->data, sizeof(n));
            if (n > most_logged)
                most_logged = n;
        }
        memcpy(where, b->data, BSIZE);
    } else if (!(b->flags & B_VALID)) {
        memcpy(b->data, where, BSIZE);
    }
    b->flags = (b->flags | B_VALID) & ~B_DIRTY;
}

/* Forget all kernel state, as a reboot does, and mount the disk. */
static void boot(void)
{
    memset(&bcache, 0, sizeof(bcache));
    memset(&log, 0, sizeof(log));
    memset(&logbuf, 0, sizeof(logbuf));
    memset(&icache, 0, sizeof(icache));
    memset(&sb, 0, sizeof(sb));
    for (int i = 0; i < NFILE; i++)
        if (ftable.file[i].type == FD_PIPE && ftable.file[i].readable)
            free(ftable.file[i].pipe);
    memset(&ftable, 0, sizeof(ftable));
    memset(&proc0, 0, sizeof(proc0));
    binit();
    fileinit();
    iinit(ROOTDEV);
    initlog(ROOTDEV);
    proc0.cwd = namei("/");
}

/* "large", built by mkfs, ends inside the doubly-indirect block's first
 * indirect block; the workload's append crosses into its second. */
#define LARGE_LEN    136000
#define LARGE_APPEND 7000
#define SECOND_DIND_START ((NDIRECT + NINDIRECT + NINDIRECT) * BSIZE)

/* A byte of "large" that depends on its position. */
static char large_byte(uint32_t off)
{
    return (char)(off * 3 + off / BSIZE);
}

static void fresh_disk(void)
{
    static char program[3000], large[LARGE_LEN];

    fsb_free(&disk);
    assert_int_equal(fsb_init(&disk, DISK_BLOCKS, 40), 0);
    memset(program, 'p', sizeof(program));
    assert_true(fsb_add_file(&disk, ROOTINO, "prog", program, sizeof(program)) > 0);
    for (uint32_t i = 0; i < LARGE_LEN; i++)
        large[i] = large_byte(i);
    assert_true(fsb_add_file(&disk, ROOTINO, "large", large, LARGE_LEN) > 0);
    fsb_finish(&disk);
}

/* -------------------------------------------------------- workload */

#define call(fn, ...) ({                                                    \
    intptr_t a_[] = { __VA_ARGS__ };                                        \
    memcpy(sysargs, a_, sizeof(a_));                                        \
    fn();                                                                   \
})
#define S(s) ((intptr_t)(s))

/*
 * Append to "large" across the boundary between the doubly-indirect
 * block's first and second indirect blocks (a new indirect block under
 * it), in two chunks, then read everything back.
 */
static void grow_large_file(void)
{
    static char buf[LARGE_LEN + LARGE_APPEND], more[LARGE_APPEND];
    _Static_assert(LARGE_LEN < SECOND_DIND_START &&
                   LARGE_LEN + LARGE_APPEND > SECOND_DIND_START,
                   "the append crosses into the second indirect block");

    int fd = call(sys_open, S("/large"), O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_read, fd, S(buf), LARGE_LEN), LARGE_LEN);
    for (uint32_t i = 0; i < LARGE_APPEND; i++)
        more[i] = large_byte(LARGE_LEN + i);
    assert_int_equal(call(sys_write, fd, S(more), LARGE_APPEND), LARGE_APPEND);
    assert_int_equal(call(sys_close, fd), 0);

    fd = call(sys_open, S("/large"), O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_read, fd, S(buf), sizeof(buf)), sizeof(buf));
    for (uint32_t i = 0; i < sizeof(buf); i++)
        if (buf[i] != large_byte(i))
            fail_msg("/large: byte %u wrong after the append", i);
    assert_int_equal(call(sys_close, fd), 0);
}

/*
 * A mix of everything that changes the disk: directories made and
 * removed, files grown past the direct blocks and into the
 * doubly-indirect block, links, an unlink of a file still open (an orphan
 * if the crash comes before the close), a file with blocks at every
 * level freed, pipes.
 */
static void workload(void)
{
    static char data[9000];
    int fd, fd2, p[2];

    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = 'a' + i % 26;
    grow_large_file();
    assert_int_equal(call(sys_mkdir, S("/d")), 0);
    assert_int_equal(call(sys_mkdir, S("/d/e")), 0);
    fd = call(sys_open, S("/d/f"), O_CREATE | O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_write, fd, S(data), 2000), 2000);
    assert_int_equal(call(sys_write, fd, S(data), 7000), 7000);  /* indirect */
    assert_int_equal(call(sys_close, fd), 0);
    assert_int_equal(call(sys_link, S("/d/f"), S("/g")), 0);
    assert_int_equal(call(sys_unlink, S("/d/f")), 0);
    assert_int_equal(call(sys_unlink, S("/d")), -1);             /* not empty */
    assert_int_equal(call(sys_unlink, S("/d/e")), 0);

    fd2 = call(sys_open, S("/g"), O_RDONLY);
    assert_true(fd2 >= 0);
    assert_int_equal(call(sys_unlink, S("/g")), 0);              /* open */
    fd = call(sys_open, S("/d/h"), O_CREATE | O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_write, fd, S(data), 600), 600);
    assert_int_equal(call(sys_pipe, S(p)), 0);
    assert_int_equal(call(sys_write, p[1], S("xy"), 2), 2);
    assert_int_equal(call(sys_close, fd2), 0);                   /* freed */
    assert_int_equal(call(sys_mknod, S("/console"), 1, 0), 0);
    assert_int_equal(call(sys_chdir, S("/d")), 0);
    assert_int_equal(call(sys_mkdir, S("sub")), 0);
    assert_int_equal(call(sys_link, S("h"), S("sub/h2")), 0);
    assert_int_equal(call(sys_unlink, S("/prog")), 0);
    assert_int_equal(call(sys_close, fd), 0);
    assert_int_equal(call(sys_unlink, S("/large")), 0);     /* every level */
}

/* The disk after boot() must check clean, without orphans. */
static void assert_disk_clean(const char *when)
{
    char *report = NULL;
    size_t len;
    FILE *out = open_memstream(&report, &len);
    struct fscheck r = fs_check(disk.img, (size_t)disk.size * BSIZE, out);
    fclose(out);
    if (r.errors || r.warnings || r.log_pending)
        fail_msg("%s:\n%s", when, report);
    free(report);
}

/* -------------------------------------------------------------- tests */

static void test_workload_leaves_a_clean_disk(void **state)
{
    (void)state;
    fresh_disk();
    crash_at = -1;
    writes = 0;
    boot();
    most_logged = 0;
    workload();
    assert_disk_clean("after the workload");
    assert_true(most_logged > 0);
    if (most_logged > MAXOPBLOCKS)
        fail_msg("an operation logged %u blocks, more than MAXOPBLOCKS (%d)",
                 most_logged, MAXOPBLOCKS);
    boot();
    assert_disk_clean("after a reboot");
}

static void test_files_read_back_after_reboot(void **state)
{
    char buf[700];
    (void)state;
    fresh_disk();
    crash_at = -1;
    boot();
    workload();
    boot();
    int fd = call(sys_open, S("/d/sub/h2"), O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_read, fd, S(buf), sizeof(buf)), 600);
    assert_int_equal(buf[0], 'a');
    assert_int_equal(buf[599], 'a' + 599 % 26);
    assert_int_equal(call(sys_open, S("/g"), O_RDONLY), -1);
    assert_int_equal(call(sys_open, S("/prog"), O_RDONLY), -1);
    assert_int_equal(call(sys_open, S("/large"), O_RDONLY), -1);
}

static void test_bad_calls_return_minus_one(void **state)
{
    char buf[16];
    (void)state;
    fresh_disk();
    crash_at = -1;
    boot();
    assert_int_equal(call(sys_read, -1, S(buf), 1), -1);
    assert_int_equal(call(sys_read, NOFILE, S(buf), 1), -1);
    assert_int_equal(call(sys_read, 3, S(buf), 1), -1);         /* not open */
    assert_int_equal(call(sys_close, 3), -1);
    assert_int_equal(call(sys_dup, 3), -1);
    assert_int_equal(call(sys_open, S("/nothing"), O_RDONLY), -1);
    assert_int_equal(call(sys_open, S("/"), O_RDWR), -1);       /* directory */
    assert_int_equal(call(sys_open, S("/prog/x"), O_CREATE), -1);
    assert_int_equal(call(sys_mkdir, S("/prog")), -1);          /* exists */
    assert_int_equal(call(sys_link, S("/"), S("/root2")), -1);  /* directory */
    assert_int_equal(call(sys_link, S("/prog"), S("/prog")), -1);
    assert_int_equal(call(sys_unlink, S("/.")), -1);
    assert_int_equal(call(sys_unlink, S("/..")), -1);
    assert_int_equal(call(sys_unlink, S("/")), -1);
    assert_int_equal(call(sys_chdir, S("/prog")), -1);          /* a file */

    int fd = call(sys_open, S("/prog"), O_RDONLY);
    assert_int_equal(fd, 0);
    assert_int_equal(call(sys_write, fd, S("x"), 1), -1);       /* read-only */
    assert_int_equal(call(sys_read, fd, S(buf), -1), -1);
    int fd2 = call(sys_dup, fd);
    assert_int_equal(fd2, 1);
    assert_int_equal(call(sys_read, fd2, S(buf), 4), 4);
    assert_int_equal(call(sys_close, fd), 0);
    assert_int_equal(call(sys_close, fd), -1);
    assert_int_equal(call(sys_read, fd2, S(buf), 4), 4);        /* shared offset */
    for (int i = 0; i < NOFILE - 1; i++)
        assert_true(call(sys_dup, fd2) >= 0);
    assert_int_equal(call(sys_dup, fd2), -1);                   /* table full */
    assert_disk_clean("after failed calls");
}

/* A crash before each disk write in turn, then recovery and the check. */
static void test_crash_before_every_write_recovers_clean(void **state)
{
    (void)state;
    fresh_disk();
    crash_at = -1;
    writes = 0;
    boot();
    long base = writes;
    workload();
    long total = writes - base;     /* the workload's writes */
    assert_true(total > 50);

    for (long k = 0; k < total; k++) {
        char when[64];
        fresh_disk();
        writes = 0;
        crash_at = -1;
        boot();
        crash_at = writes + k;
        if (setjmp(crashed) == 0) {
            workload();
            fail_msg("write %ld never happened", k);
        }
        crash_at = -1;
        boot();             /* recovery */
        snprintf(when, sizeof(when), "crash before write %ld of %ld", k, total);
        assert_disk_clean(when);
    }
}

static void test_replay_is_idempotent(void **state)
{
    (void)state;
    /* Crash right after the commit point, then again during recovery. */
    fresh_disk();
    writes = 0;
    crash_at = -1;
    boot();
    for (long k = 0; k < 40; k++) {
        fresh_disk();
        writes = 0;
        crash_at = -1;
        boot();
        crash_at = writes + 30;
        if (setjmp(crashed) == 0)
            workload();
        writes = 0;
        crash_at = k;
        if (setjmp(crashed) == 0)
            boot();         /* recovery, itself cut short */
        crash_at = -1;
        boot();
        assert_disk_clean("crash during recovery");
    }
}

/*
 * The log's worst case, on the largest disk the kernel mounts: free space
 * so scattered that each block a write allocates lies under another
 * bitmap block.  Under bitmap block 0 a run of NDIRECT + NINDIRECT free
 * blocks takes a file up to the last indirect entry; under every other
 * bitmap block only its middle block is free.  Then one write chunk
 * crossing into the doubly-indirect block allocates under a new bitmap
 * block each time, further writes use up every free block, and the
 * unlink frees blocks under every bitmap block.  Each operation must stay
 * within MAXOPBLOCKS, and must really have met the worst case.
 */
static void test_scattered_free_space_fits_the_log(void **state)
{
    const uint32_t run = NDIRECT + NINDIRECT, size = MAXBITMAP * BPB;
    (void)state;

    fsb_free(&disk);
    assert_int_equal(fsb_init(&disk, size, 40), 0);
    fsb_finish(&disk);
    for (uint32_t b = disk.nextblock + run; b < size; b++)
        if (b < BPB || b % BPB != BPB / 2)
            disk.img[BBLOCK(b, disk.sb) * BSIZE + (b % BPB) / 8] |= 1 << (b % 8);
    crash_at = -1;
    boot();

    /* Blocks 0..NDIRECT+NINDIRECT-2 and the indirect block: the run. */
    const uint32_t first = (run - 1) * BSIZE - 100;
    static char data[(NDIRECT + NINDIRECT + 40) * BSIZE];
    memset(data, 'x', sizeof(data));
    int fd = call(sys_open, S("/f"), O_CREATE | O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(call(sys_write, fd, S(data), first), first);

    /* One chunk from inside the last block of the run: the indirect
     * block's last entry, the doubly-indirect block, its first indirect
     * block and the rest of the data blocks are all allocated, each
     * under its own bitmap block. */
    const uint32_t d = WRITE_CHUNK_BLOCKS + 1;      /* data blocks touched */
    most_logged = 0;
    assert_int_equal(call(sys_write, fd, S(data), WRITE_CHUNK_BLOCKS * BSIZE),
                     WRITE_CHUNK_BLOCKS * BSIZE);
    /* d data, 3 index, d - 1 + 2 bitmap blocks, the inode's block. */
    assert_int_equal(most_logged, d + 3 + (d + 1) + 1);
    assert_true(most_logged <= MAXOPBLOCKS);

    /* Every remaining free block, one per remaining bitmap block. */
    uint32_t off = first + WRITE_CHUNK_BLOCKS * BSIZE;
    uint32_t left = MAXBITMAP - 1 - (d - 1 + 2);
    uint32_t rest = (BSIZE - off % BSIZE) + left * BSIZE;
    most_logged = 0;
    assert_int_equal(call(sys_write, fd, S(data), rest), rest);
    assert_true(most_logged <= MAXOPBLOCKS);
    assert_int_equal(call(sys_write, fd, S(data), 1), -1);     /* disk full */
    assert_int_equal(call(sys_close, fd), 0);

    /* Freeing blocks under every bitmap block, in one operation. */
    most_logged = 0;
    assert_int_equal(call(sys_unlink, S("/f")), 0);
    assert_true(most_logged >= MAXBITMAP);
    if (most_logged > MAXOPBLOCKS)
        fail_msg("the unlink logged %u blocks, more than MAXOPBLOCKS (%d)",
                 most_logged, MAXOPBLOCKS);
    fd = call(sys_open, S("/g"), O_CREATE | O_RDWR);
    assert_int_equal(call(sys_write, fd, S(data), first), first);  /* space back */
}

static int teardown(void **state)
{
    (void)state;
    fsb_free(&disk);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workload_leaves_a_clean_disk),
        cmocka_unit_test(test_files_read_back_after_reboot),
        cmocka_unit_test(test_bad_calls_return_minus_one),
        cmocka_unit_test(test_crash_before_every_write_recovers_clean),
        cmocka_unit_test(test_replay_is_idempotent),
        cmocka_unit_test(test_scattered_free_space_fits_the_log),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
