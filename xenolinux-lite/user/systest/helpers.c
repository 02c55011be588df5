/* Checking and the helpers several groups share. */
#include "systest.h"

int checks_run;
int checks_failed;

int
check(int ok, const char *what, const char *file, int line)
{
    checks_run++;
    if (!ok) {
        checks_failed++;
        printf(1, "systest: FAIL %s (%s:%d)\n", what, file, line);
    }
    return ok;
}

int
in_child(int (*body)(int), int arg)
{
    int ends[2], pid, got;
    char verdict;

    if (pipe(ends) < 0)
        return CHILD_NOFORK;
    pid = fork();
    if (pid < 0) {
        close(ends[0]);
        close(ends[1]);
        return CHILD_NOFORK;
    }
    if (pid == 0) {
        close(ends[0]);
        verdict = body(arg) ? CHILD_PASSED : CHILD_FAILED;
        write(ends[1], &verdict, 1);
        exit();
    }
    close(ends[1]);
    got = read(ends[0], &verdict, 1);
    close(ends[0]);
    CHECK(wait() == pid, "wait returns the pid of the child that ended");
    return got == 1 ? verdict : CHILD_DIED;
}

int
write_file(const char *path, const void *data, int n)
{
    int fd, wrote;

    fd = open(path, O_CREATE | O_RDWR);
    if (fd < 0)
        return -1;
    wrote = write(fd, data, n);
    close(fd);
    return wrote == n ? 0 : -1;
}

int
can_open(const char *path)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

int
lowest_free_fd(void)
{
    int fd = dup(0);

    if (fd < 0)
        fd = open("/", O_RDONLY);
    if (fd >= 0)
        close(fd);
    return fd;
}

int
raw_syscall(int num)
{
    int result;

    asm volatile("int %1" : "=a"(result) : "i"(T_SYSCALL), "a"(num)
                 : "memory", "cc");
    return result;
}
