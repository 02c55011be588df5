/* File descriptors: bad numbers, wrong modes, dup, and the NOFILE limit. */
#include "systest.h"

static void
bad_numbers(void)
{
    static const int bad[] = { -1, NOFILE, NOFILE + 1, 1000, 0x7fffffff };
    struct stat st;
    char c;
    uint i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(read(bad[i], &c, 1) == -1, "read of a bad fd fails");
        CHECK(write(bad[i], "x", 1) == -1, "write of a bad fd fails");
        CHECK(close(bad[i]) == -1, "close of a bad fd fails");
        CHECK(dup(bad[i]) == -1, "dup of a bad fd fails");
        CHECK(fstat(bad[i], &st) == -1, "fstat of a bad fd fails");
    }
}

static void
closed_and_wrong_mode(void)
{
    char buf[4];
    int fd;

    CHECK(write_file("st.fd", "abcd", 4) == 0, "create st.fd");
    fd = open("st.fd", O_RDONLY);
    CHECK(fd >= 0, "open st.fd read-only");
    CHECK(write(fd, "x", 1) == -1, "write to a read-only fd fails");
    CHECK(read(fd, buf, 4) == 4, "read from a read-only fd");
    CHECK(close(fd) == 0, "close");
    CHECK(read(fd, buf, 1) == -1, "read of a closed fd fails");
    CHECK(close(fd) == -1, "second close fails");

    fd = open("st.fd", O_WRONLY);
    CHECK(fd >= 0, "open st.fd write-only");
    CHECK(read(fd, buf, 1) == -1, "read from a write-only fd fails");
    CHECK(write(fd, "z", 1) == 1, "write to a write-only fd");
    close(fd);

    CHECK(open("st.nonexistent", O_RDONLY) == -1,
          "open of a missing file without O_CREATE fails");
    CHECK(open("st.nonexistent", O_RDWR) == -1,
          "open O_RDWR of a missing file fails");
}

/* dup shares the offset; two opens do not. */
static void
offsets(void)
{
    char buf[8];
    int fd, copy, other;

    fd = open("st.fd", O_RDWR);
    copy = dup(fd);
    CHECK(copy >= 0 && copy != fd, "dup returns a new fd");
    CHECK(write(fd, "12", 2) == 2 && write(copy, "34", 2) == 2,
          "write through fd and its dup");
    close(fd);
    close(copy);

    fd = open("st.fd", O_RDONLY);
    other = open("st.fd", O_RDONLY);
    memset(buf, 0, sizeof(buf));
    CHECK(read(fd, buf, 2) == 2 && read(other, buf + 2, 2) == 2 &&
          memcmp(buf, "1212", 4) == 0, "two opens have their own offsets");
    CHECK(read(fd, buf, 8) == 2 && memcmp(buf, "34", 2) == 0,
          "writes through a dup continue at the shared offset");
    CHECK(read(fd, buf, 8) == 0, "read at end of file returns 0");
    close(fd);
    close(other);

    fd = lowest_free_fd();
    copy = dup(1);
    CHECK(copy == fd, "dup takes the lowest free fd");
    close(copy);
}

/* Open until open fails: the last fd is NOFILE - 1; pipe cannot get two
 * fds when one is left; closing makes room again. */
static void
nofile_limit(void)
{
    int fds[NOFILE], ends[2], n = 0, fd, first;

    first = lowest_free_fd();
    while (n < NOFILE && (fd = open("st.fd", O_RDONLY)) >= 0)
        fds[n++] = fd;
    CHECK(n > 0 && n < NOFILE, "open fails before NOFILE more files");
    CHECK(n > 0 && fds[n - 1] == NOFILE - 1,
          "the last fd handed out is NOFILE - 1");
    CHECK(open("st.fd", O_RDONLY) == -1, "open fails when all fds are used");
    CHECK(dup(0) == -1, "dup fails when all fds are used");
    CHECK(pipe(ends) == -1, "pipe fails when all fds are used");

    close(fds[--n]);
    CHECK(pipe(ends) == -1, "pipe fails when only one fd is free");
    fd = open("st.fd", O_RDONLY);
    CHECK(fd == NOFILE - 1, "a failed pipe leaks no fd");
    if (fd >= 0)
        close(fd);
    while (n > 0)
        close(fds[--n]);
    CHECK(lowest_free_fd() == first, "closing frees the fds again");
}

void
test_descriptors(void)
{
    bad_numbers();
    closed_and_wrong_mode();
    offsets();
    nofile_limit();
    CHECK(unlink("st.fd") == 0, "unlink st.fd");
}
