/*
 * bigfile: a file of several MB works, and its blocks all come back when
 * it is removed.
 *
 *   1. write big.1, 2 MB in 8 KB writes of a pattern that depends on the
 *      position in the file and on the pass, so a block that landed in the
 *      wrong place, or stale data from an earlier pass, is noticed; read
 *      it back in 8 KB reads and compare; fstat must show the size;
 *   2. fill the rest of the disk with ballast files, each written until a
 *      write fails (the disk is full, or the file reached the largest
 *      size), until a new one takes nothing: then no block is free;
 *   3. unlink big.1 and write big.2 of the same size: only possible if
 *      every block of big.1, the indirect ones at every level included,
 *      was freed; read it back;
 *   4. unlink all of them.
 *
 * Prints "bigfile: OK", or "bigfile: FAIL: ..." and exits at the first
 * failure.  The size in KB may be given: bigfile [KB].
 */
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "user.h"

#define CHUNK 8192

static uint buf[CHUNK / sizeof(uint)];

static void
fail(const char *what, const char *name, int at)
{
    printf(1, "bigfile: FAIL: %s %s at byte %d\n", what, name, at);
    exit();
}

/* The word at byte offset off of a file written in pass `pass`. */
static uint
pattern(uint off, uint pass)
{
    return (off / 4) * 2654435761u + pass * 0x9E3779B9u + (off >> 9);
}

static void
fill(uint off, uint pass)
{
    for (uint i = 0; i < CHUNK / sizeof(uint); i++)
        buf[i] = pattern(off + i * sizeof(uint), pass);
}

/* Create name and write size bytes of pass's pattern; then read them back
 * and compare.  Fails the test on any short write or wrong byte. */
static void
write_and_check(const char *name, int size, uint pass)
{
    struct stat st;
    int fd, off, t0 = uptime();

    fd = open(name, O_CREATE | O_RDWR);
    if (fd < 0)
        fail("cannot create", name, 0);
    for (off = 0; off < size; off += CHUNK) {
        fill(off, pass);
        if (write(fd, buf, CHUNK) != CHUNK)
            fail("short write to", name, off);
    }
    if (fstat(fd, &st) < 0 || (int)st.size != size)
        fail("wrong size in fstat of", name, size);
    close(fd);
    printf(1, "bigfile: wrote %d bytes to %s in %d ticks\n", size, name,
           uptime() - t0);

    fd = open(name, O_RDONLY);
    if (fd < 0)
        fail("cannot reopen", name, 0);
    for (off = 0; off < size; off += CHUNK) {
        if (read(fd, buf, CHUNK) != CHUNK)
            fail("short read of", name, off);
        for (uint i = 0; i < CHUNK / sizeof(uint); i++)
            if (buf[i] != pattern(off + i * sizeof(uint), pass))
                fail("wrong data in", name, off + i * sizeof(uint));
    }
    if (read(fd, buf, 1) != 0)
        fail("data past the end of", name, size);
    close(fd);
    printf(1, "bigfile: read %s back: every byte right\n", name);
}

#define MAX_BALLAST 20    /* files: 20 * 8 MB is more than any disk */

static char ballast_name[MAX_BALLAST][16];
static int nballast;

/* Write ballast files until the disk is full; return the bytes that fit.
 * A write that fails may still have written part of its chunk, so a file
 * is full when a write fails, and the disk when a new file stays empty. */
static int
fill_disk(void)
{
    struct stat st;
    int total = 0;

    memset(buf, 0x5A, CHUNK);
    for (;;) {
        if (nballast == MAX_BALLAST)
            fail("disk never filled up:", "ballast", total);
        char *name = ballast_name[nballast++];
        snprintf(name, sizeof(ballast_name[0]), "big.ballast%d", nballast);
        int fd = open(name, O_CREATE | O_WRONLY);
        if (fd < 0 && nballast > 1) {
            nballast--;     /* not even room for a directory entry */
            return total;
        }
        if (fd < 0)
            fail("cannot create", name, total);
        while (write(fd, buf, CHUNK) == CHUNK)
            ;
        if (fstat(fd, &st) < 0)
            fail("cannot fstat", name, total);
        close(fd);
        total += st.size;
        if (st.size == 0)
            return total;
    }
}

int
main(int argc, char *argv[])
{
    int size = 2048 * 1024;

    if (argc > 1)
        size = atoi(argv[1]) * 1024;
    if (size <= 0 || size % CHUNK != 0) {
        printf(2, "usage: bigfile [KB, a multiple of %d]\n", CHUNK / 1024);
        exit();
    }
    write_and_check("big.1", size, 1);
    int ballast = fill_disk();
    printf(1, "bigfile: disk full after %d more bytes in %d files\n", ballast,
           nballast);
    if (unlink("big.1") < 0)
        fail("cannot unlink", "big.1", 0);
    write_and_check("big.2", size, 2);
    printf(1, "bigfile: the space of big.1 came back\n");
    if (unlink("big.2") < 0)
        fail("cannot unlink", "big.2", 0);
    for (int i = 0; i < nballast; i++)
        if (unlink(ballast_name[i]) < 0)
            fail("cannot unlink", ballast_name[i], 0);
    printf(1, "bigfile: OK\n");
    exit();
}
