/* Stress: the same operations many times over; nothing may leak. */
#include "systest.h"

#define ROUNDS 100

static void
fork_exit_wait(void)
{
    int i, pid, good = 1;

    for (i = 0; i < ROUNDS && good; i++) {
        pid = fork();
        if (pid == 0)
            exit();
        if (pid < 0 || wait() != pid)
            good = 0;
    }
    CHECK(good, "100 rounds of fork, exit, wait");
}

static void
create_unlink(void)
{
    int i, fd, good = 1;
    char buf[8];

    for (i = 0; i < ROUNDS && good; i++) {
        fd = open("st.churn", O_CREATE | O_RDWR);
        if (fd < 0 || write(fd, "churn", 5) != 5)
            good = 0;
        close(fd);
        fd = open("st.churn", O_RDONLY);
        if (fd < 0 || read(fd, buf, sizeof(buf)) != 5)
            good = 0;
        close(fd);
        if (unlink("st.churn") != 0)
            good = 0;
    }
    CHECK(good, "100 rounds of create, write, read, unlink");
}

static void
pipe_churn(void)
{
    int i, ends[2], good = 1;
    char c;

    for (i = 0; i < ROUNDS && good; i++) {
        if (pipe(ends) != 0) {
            good = 0;
            break;
        }
        if (write(ends[1], "p", 1) != 1 || read(ends[0], &c, 1) != 1 ||
            c != 'p')
            good = 0;
        close(ends[0]);
        close(ends[1]);
    }
    CHECK(good, "100 rounds of pipe, write, read, close");
}

static void
sbrk_churn(void)
{
    char *start = sbrk(0), *p;
    int i, good = 1;

    for (i = 0; i < ROUNDS && good; i++) {
        p = sbrk(16 * PGSIZE);
        if (p != start)
            good = 0;
        else
            p[16 * PGSIZE - 1] = (char)i;
        sbrk(-16 * PGSIZE);
    }
    CHECK(good && sbrk(0) == start, "100 rounds of sbrk up and down");
}

/* Child: its own file, created and removed over and over, while its
 * siblings do the same with theirs. */
static int
file_worker(int id)
{
    char name[] = "st.w?";
    int i, fd;

    name[4] = (char)('a' + id);
    for (i = 0; i < ROUNDS / 4; i++) {
        fd = open(name, O_CREATE | O_RDWR);
        if (fd < 0 || write(fd, name, 5) != 5)
            return 0;
        close(fd);
        if (unlink(name) != 0)
            return 0;
    }
    return 1;
}

static void
concurrent_files(void)
{
    int ends[2], pids[4], i, reaped = 0, pid;
    char verdict, passed = 0;

    CHECK(pipe(ends) == 0, "pipe");
    for (i = 0; i < 4; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            verdict = (char)file_worker(i);
            write(ends[1], &verdict, 1);
            exit();
        }
    }
    close(ends[1]);
    while (read(ends[0], &verdict, 1) == 1)
        passed += verdict;
    close(ends[0]);
    while ((pid = wait()) >= 0)
        reaped++;
    CHECK(passed == 4, "4 processes creating and removing files at once");
    CHECK(reaped == 4 && pids[3] > 0, "all 4 are reaped");
}

void
test_stress(void)
{
    int first = lowest_free_fd();

    fork_exit_wait();
    create_unlink();
    pipe_churn();
    sbrk_churn();
    concurrent_files();
    CHECK(lowest_free_fd() == first, "no fd leaked");
}
