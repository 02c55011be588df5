/*
 * blkbench: file throughput, for comparing a domU's disk (blkfront,
 * through dom0's blkback, onto an image file in dom0's file system) with
 * dom0 reading that image file itself.
 *
 *   blkbench write FILE KB   create FILE with KB kilobytes, in 4 KB writes
 *   blkbench read FILE       read FILE to its end, in 4 KB reads
 *
 * Each prints one line, "bench: blk read FILE: N KB in T ms, R KB/s".
 * Times come from uptime(), in 10 ms ticks, so a run should last a
 * second or more for the figure to mean much.  Every write returns only
 * once its log transaction is on the disk (the file system commits each
 * system call), so the write figure includes the log's double writes.
 */
#include "types.h"
#include "user.h"
#include "fcntl.h"

#define CHUNK 4096
#define MS_PER_TICK 10

static char buf[CHUNK];

static void
report(const char *what, const char *file, uint bytes, int ticks)
{
    uint kb = bytes / 1024;
    uint ms = (uint)ticks * MS_PER_TICK;
    if (ms == 0)
        ms = MS_PER_TICK / 2;   /* under a tick: say half of one */
    printf(1, "bench: blk %s %s: %d KB in %d ms, %d KB/s\n",
           what, file, kb, ms, kb * 1000 / ms);
}

/* 0, or -1 with a message. */
static int
bench_write(const char *file, uint kb)
{
    int fd = open(file, O_CREATE | O_RDWR);
    uint done = 0;

    if (fd < 0) {
        printf(2, "blkbench: cannot create %s\n", file);
        return -1;
    }
    for (uint i = 0; i < CHUNK; i++)
        buf[i] = (char)(i * 13 + 7);
    int t0 = uptime();
    while (done < kb * 1024) {
        if (write(fd, buf, CHUNK) != CHUNK) {
            printf(2, "blkbench: write to %s failed after %d KB\n",
                   file, done / 1024);
            close(fd);
            return -1;
        }
        done += CHUNK;
    }
    close(fd);
    report("write", file, done, uptime() - t0);
    return 0;
}

static int
bench_read(const char *file)
{
    int fd = open(file, O_RDONLY), n;
    uint done = 0;

    if (fd < 0) {
        printf(2, "blkbench: cannot open %s\n", file);
        return -1;
    }
    int t0 = uptime();
    while ((n = read(fd, buf, CHUNK)) > 0)
        done += n;
    close(fd);
    if (n < 0) {
        printf(2, "blkbench: read of %s failed after %d KB\n",
               file, done / 1024);
        return -1;
    }
    report("read", file, done, uptime() - t0);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "write") == 0 && atoi(argv[3]) > 0)
        bench_write(argv[2], atoi(argv[3]));
    else if (argc == 3 && strcmp(argv[1], "read") == 0)
        bench_read(argv[2]);
    else
        printf(2, "usage: blkbench write FILE KB | blkbench read FILE\n");
    exit();
}
