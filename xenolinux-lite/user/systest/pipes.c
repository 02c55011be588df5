/* Pipes: data in order, end of file, broken pipes, wrong ends, big data. */
#include "systest.h"

#define CHUNK   1000    /* more than a pipe holds (512) */
#define CHUNKS  10

static char chunk[CHUNK];

static void
basics(void)
{
    struct stat st;
    int ends[2];
    char buf[8];

    CHECK(pipe(ends) == 0, "pipe");
    CHECK(ends[0] >= 0 && ends[1] >= 0 && ends[0] != ends[1],
          "pipe returns two fds");
    CHECK(write(ends[1], "hello", 5) == 5, "write into a pipe");
    CHECK(read(ends[0], buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0,
          "read what was written");
    CHECK(write(ends[0], "x", 1) == -1, "write to the read end fails");
    CHECK(read(ends[1], buf, 1) == -1, "read from the write end fails");
    CHECK(fstat(ends[0], &st) == -1, "fstat of a pipe fails");
    CHECK(close(ends[1]) == 0, "close the write end");
    CHECK(read(ends[0], buf, 1) == 0, "read without writers returns 0");
    close(ends[0]);

    /* xv6 only notices the missing reader when the pipe is full: a
     * write of more than the pipe holds must fail, not block. */
    CHECK(pipe(ends) == 0, "pipe");
    close(ends[0]);
    CHECK(write(ends[1], chunk, CHUNK) == -1,
          "filling a pipe without readers fails");
    close(ends[1]);
}

/* Child: write CHUNKS chunks of a byte sequence into the pipe on fd. */
static int
write_sequence(int fd)
{
    int i, j, seq = 0;

    for (i = 0; i < CHUNKS; i++) {
        for (j = 0; j < CHUNK; j++)
            chunk[j] = (char)seq++;
        if (write(fd, chunk, CHUNK) != CHUNK)
            return 0;
    }
    return 1;
}

/* More data than a pipe holds, from a child, read in odd-sized pieces. */
static void
big_transfer(void)
{
    int ends[2], pid, n, total = 0, want = 1, in_order = 1, i;

    CHECK(pipe(ends) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(ends[0]);
        write_sequence(ends[1]);
        exit();
    }
    close(ends[1]);
    while ((n = read(ends[0], chunk, want)) > 0) {
        for (i = 0; i < n; i++)
            if (chunk[i] != (char)(total + i))
                in_order = 0;
        total += n;
        want = want * 2 + 1;
        if (want > CHUNK)
            want = 7;
    }
    close(ends[0]);
    CHECK(pid > 0 && wait() == pid, "the writer exits");
    CHECK(total == CHUNK * CHUNKS, "every byte comes through the pipe");
    CHECK(in_order, "in order");
}

void
test_pipes(void)
{
    basics();
    big_transfer();
}
