/*
 * xlbench: microbenchmarks in lmbench's spirit, run inside the guest.
 * Each line gives the TSC cycles one operation takes (the best of a few
 * rounds) and how many hypercalls it made on average, from the
 * hypervisor's counters (SYS_hvcounters):
 *
 *   null system call            getpid()
 *   fork+exit+wait              a child that exits at once
 *   fork+exec+wait              a child that execs "true"
 *   pipe round trip             a byte to a child and back
 *   fresh sbrk page             sbrk(4096) and a first write to the page
 *                               (pages are mapped at sbrk time, so this
 *                               costs the mapping, not a page fault)
 *   file create and delete      open(O_CREATE), close, unlink
 */
#include <stdint.h>
#include "types.h"
#include "user.h"
#include "fcntl.h"
#include "hvcounters.h"

#define ROUNDS 3

static uint64_t
cycles(void)
{
    uint32_t lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static void
null_call(void)
{
    getpid();
}

static void
fork_exit_wait(void)
{
    int pid = fork();
    if (pid == 0)
        exit();
    wait();
}

static void
fork_exec_wait(void)
{
    char *argv[] = { "true", 0 };
    int pid = fork();
    if (pid == 0) {
        exec("true", argv);
        exit();
    }
    wait();
}

static int ping[2], pong[2];

static void
pipe_round_trip(void)
{
    char c = 'x';
    write(ping[1], &c, 1);
    read(pong[0], &c, 1);
}

static void
fresh_sbrk_page(void)
{
    char *p = sbrk(4096);
    if (p != (char *)-1)
        p[0] = 1;
}

static void
create_delete(void)
{
    int fd = open("xlbench.tmp", O_CREATE | O_RDWR);
    close(fd);
    unlink("xlbench.tmp");
}

/* Time n calls of op; print the best round's cycles and the hypercalls. */
static void
measure(const char *name, void (*op)(void), int n)
{
    uint64_t best = ~0ull, hypercalls = ~0ull;
    for (int round = 0; round < ROUNDS; round++) {
        struct hv_counters a, b;
        hvcounters(&a);
        uint64_t t0 = cycles();
        for (int i = 0; i < n; i++)
            op();
        uint64_t t = (cycles() - t0) / n;
        hvcounters(&b);
        uint64_t h = b.hypercalls - a.hypercalls - 1;  /* less the read */
        if (t < best)
            best = t;
        if (h < hypercalls)
            hypercalls = h;
    }
    uint32_t per100 = (uint32_t)(hypercalls * 100 / n);
    printf(1, "bench: %s: %d cycles, %d.%d%d hypercalls per operation\n",
           name, (int)best, per100 / 100, (per100 / 10) % 10, per100 % 10);
}

static void
pipe_bench(void)
{
    if (pipe(ping) < 0 || pipe(pong) < 0) {
        printf(1, "xlbench: pipe failed\n");
        return;
    }
    int pid = fork();
    if (pid == 0) {
        char c;
        close(ping[1]);
        close(pong[0]);
        while (read(ping[0], &c, 1) == 1)
            write(pong[1], &c, 1);
        exit();
    }
    close(ping[0]);
    close(pong[1]);
    measure("pipe round trip between two processes", pipe_round_trip, 2000);
    close(ping[1]);
    close(pong[0]);
    wait();
}

int
main(void)
{
    measure("null system call (getpid)", null_call, 10000);
    measure("fork+exit+wait", fork_exit_wait, 100);
    measure("fork+exec+wait", fork_exec_wait, 50);
    pipe_bench();
    measure("fresh sbrk page (sbrk and first write)", fresh_sbrk_page, 200);
    measure("file create and delete", create_delete, 100);
    printf(1, "xlbench: done\n");
    exit();
}
