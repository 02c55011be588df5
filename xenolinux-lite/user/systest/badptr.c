/*
 * Bad pointers: every system call that takes a pointer must refuse, with
 * -1, one into the guest kernel, into the hypervisor, past the end of the
 * process's memory, or straddling that end, and must not crash.
 */
#include "systest.h"

/* The first address past the process's memory, after growing it by at
 * least a page up to a page boundary (so the page below it is surely
 * ours and the page at it surely not mapped). */
static char *
aligned_top(void)
{
    uint end = (uint)sbrk(0);
    uint grow = PGSIZE + (PGSIZE - end % PGSIZE) % PGSIZE;

    return sbrk(grow) + grow;
}

/* Each system call with a pointer argument, given bad. */
static void
refuse_pointer(char *bad, const char *where)
{
    char *argv[] = { "echo", 0 };
    int fd, ends[2];

    printf(1, "systest:   pointer %p (%s)\n", bad, where);
    fd = open("st.bad", O_RDWR);
    CHECK(read(fd, bad, 64) == -1, "read into a bad pointer fails");
    CHECK(read(fd, bad, 1) == -1, "read of 1 byte into a bad pointer fails");
    CHECK(write(fd, bad, 64) == -1, "write from a bad pointer fails");
    CHECK(fstat(fd, (struct stat *)bad) == -1,
          "fstat into a bad pointer fails");
    close(fd);
    CHECK(pipe((int *)bad) == -1, "pipe into a bad pointer fails");
    CHECK(lowest_free_fd() == fd, "a failed pipe leaks no fd");
    CHECK(open(bad, O_RDONLY) == -1, "open of a bad path pointer fails");
    CHECK(open(bad, O_CREATE | O_RDWR) == -1,
          "open O_CREATE of a bad path pointer fails");
    CHECK(exec(bad, argv) == -1, "exec of a bad path pointer fails");
    CHECK(exec("/echo", (char **)bad) == -1, "exec of a bad argv fails");
    argv[0] = bad;
    CHECK(exec("/echo", argv) == -1, "exec of a bad argv[0] fails");
    CHECK(mknod(bad, 1, 0) == -1, "mknod of a bad pointer fails");
    CHECK(unlink(bad) == -1, "unlink of a bad pointer fails");
    CHECK(link(bad, "st.link") == -1, "link from a bad pointer fails");
    CHECK(link("st.bad", bad) == -1, "link to a bad pointer fails");
    CHECK(mkdir(bad) == -1, "mkdir of a bad pointer fails");
    CHECK(chdir(bad) == -1, "chdir of a bad pointer fails");
    CHECK(pipe(ends) == 0, "pipe");
    CHECK(write(ends[1], "abc", 3) == 3, "pipe write");
    CHECK(read(ends[0], bad, 3) == -1, "pipe read into a bad pointer fails");
    CHECK(write(ends[1], bad, 3) == -1,
          "pipe write from a bad pointer fails");
    close(ends[0]);
    close(ends[1]);
}

static char data[PGSIZE];

void
test_bad_pointers(void)
{
    char *top;
    int fd;

    memset(data, 'd', sizeof(data));
    CHECK(write_file("st.bad", data, sizeof(data)) == 0, "create st.bad");
    top = aligned_top();

    refuse_pointer(KERNEL_ADDR, "guest kernel");
    refuse_pointer(KERNEL_ADDR + 0x100000, "guest kernel");
    refuse_pointer(HV_ADDR, "hypervisor");
    refuse_pointer((char *)0xFC000000, "hypervisor");
    refuse_pointer(top + 16 * PGSIZE, "past the end of memory");
    refuse_pointer((char *)0xBFFFF000, "between user and kernel");

    /* Buffers that start in memory and end past it. */
    fd = open("st.bad", O_RDONLY);
    CHECK(read(fd, top - 4, 100) == -1, "read across the end of memory fails");
    CHECK(write(fd, top - 4, 100) == -1,
          "write across the end of memory fails");
    CHECK(read(fd, KERNEL_ADDR - 8, 64) == -1,
          "read across the user/kernel boundary fails");
    CHECK(read(fd, data, -1) == -1, "read of a negative count fails");
    CHECK(write(fd, data, -1) == -1, "write of a negative count fails");
    CHECK(read(fd, data, 0) == 0, "read of 0 bytes returns 0");
    close(fd);

    /* A path whose last byte is the last byte of memory: unterminated. */
    top[-1] = 'x';
    CHECK(open(top - 1, O_RDONLY) == -1,
          "open of a path running off the end of memory fails");
    CHECK(mkdir(top - 1) == -1,
          "mkdir of a path running off the end of memory fails");

    CHECK(unlink("st.bad") == 0, "unlink st.bad");
}
