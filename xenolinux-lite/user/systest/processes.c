/* Processes: fork, exit, wait, getpid, kill, and the NPROC limit. */
#include "systest.h"

static void
identities(void)
{
    int ends[2], pid, child_pid = 0, me = getpid();

    CHECK(me > 0, "getpid is positive");
    CHECK(getpid() == me, "getpid is stable");
    CHECK(pipe(ends) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        child_pid = getpid();
        write(ends[1], &child_pid, sizeof(child_pid));
        exit();
    }
    CHECK(pid > 0, "fork returns the child's pid");
    CHECK(read(ends[0], &child_pid, sizeof(child_pid)) == sizeof(child_pid),
          "the child reports");
    CHECK(child_pid == pid, "the child's getpid is what fork returned");
    CHECK(child_pid != me, "the child has its own pid");
    CHECK(wait() == pid, "wait returns the child");
    CHECK(wait() == -1, "wait without children fails");
    close(ends[0]);
    close(ends[1]);
}

/* Child: fork a grandchild that exits at once, and exit. */
static int
make_orphan(int unused)
{
    int pid = fork();

    (void)unused;
    if (pid == 0)
        exit();
    return pid > 0;
}

/* Fork children that exit at once until fork fails, then reap them all. */
static void
process_limit(void)
{
    int n = 0, reaped = 0, pid = 0;

    while (n < NPROC + 8) {
        pid = fork();
        if (pid < 0)
            break;
        if (pid == 0)
            exit();
        n++;
    }
    CHECK(pid < 0, "fork fails when the process table is full");
    CHECK(n > 0 && n < NPROC, "fewer than NPROC children fit");
    while (wait() >= 0)
        reaped++;
    CHECK(reaped == n, "every child is reaped once");
    CHECK(in_child(make_orphan, 0) == CHILD_PASSED, "fork works again");
    CHECK(wait() == -1, "an orphan is not its grandparent's child");
}

/* Child bodies for kill: they never return by themselves. */
static int
spin_forever(int unused)
{
    volatile int n = unused;

    for (;;)
        n++;
    return 0;
}

static int
sleep_forever(int unused)
{
    (void)unused;
    for (;;)
        sleep(1000);
    return 0;
}

static int
block_in_read(int fd)
{
    char c;

    read(fd, &c, 1);
    return 0;
}

/* Start body(arg) in a child, let it run a little, kill it; checks that
 * wait returns it soon. */
static void
kill_child(int (*body)(int), int arg, const char *what)
{
    int pid, start;

    pid = fork();
    if (pid == 0) {
        body(arg);
        exit();
    }
    sleep(2);
    start = uptime();
    CHECK(pid > 0 && kill(pid) == 0, what);
    CHECK(wait() == pid, "wait returns the killed child");
    CHECK(uptime() - start < 200, "a killed child ends promptly");
}

static void
kills(void)
{
    int ends[2];

    kill_child(spin_forever, 0, "kill a child looping forever");
    kill_child(sleep_forever, 0, "kill a sleeping child");
    CHECK(pipe(ends) == 0, "pipe");
    kill_child(block_in_read, ends[0], "kill a child blocked in pipe read");
    close(ends[0]);
    close(ends[1]);
    CHECK(kill(-1) == -1, "kill of pid -1 fails");
    CHECK(kill(1000000) == -1, "kill of a pid nobody has fails");
}

void
test_processes(void)
{
    identities();
    process_limit();
    kills();
}
