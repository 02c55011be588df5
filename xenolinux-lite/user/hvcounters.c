/*
 * hvcounters: show that a system call does not enter the hypervisor.
 * Reads the hypervisor's counters for our domain (SYS_hvcounters, our
 * extension: include/hvcounters.h), makes CALLS getpid() calls, reads them
 * again and prints how many hypercalls and exceptions the calls cost:
 *
 *   hvcounters: 10000 getpid: 0 hypercalls, 0 exceptions
 *
 * Reading the counters may itself cost a hypercall, so what two reads in a
 * row cost is measured first and taken off.  A timer tick can add a few
 * entries to any one run, so the smallest result of TRIES runs is shown:
 * a cost per getpid would show in every run.
 */
#include <stdint.h>
#include "types.h"
#include "user.h"
#include "hvcounters.h"

#define CALLS 10000
#define TRIES 5

struct cost {
    int64_t hypercalls;
    int64_t exceptions;
};

static void
read_counters(struct hv_counters *c)
{
    if (hvcounters(c) < 0) {
        printf(1, "hvcounters: SYS_hvcounters failed\n");
        exit();
    }
}

/* The counters' growth over calls getpid() calls (calls may be 0). */
static struct cost
measure(int calls)
{
    struct hv_counters before, after;
    struct cost cost;
    int i;

    read_counters(&before);
    for (i = 0; i < calls; i++)
        getpid();
    read_counters(&after);
    cost.hypercalls = (int64_t)(after.hypercalls - before.hypercalls);
    cost.exceptions = (int64_t)(after.exceptions - before.exceptions);
    return cost;
}

/* The smallest cost, field by field, of TRIES measurements. */
static struct cost
least_cost(int calls)
{
    struct cost best = measure(calls), c;
    int i;

    for (i = 1; i < TRIES; i++) {
        c = measure(calls);
        if (c.hypercalls < best.hypercalls)
            best.hypercalls = c.hypercalls;
        if (c.exceptions < best.exceptions)
            best.exceptions = c.exceptions;
    }
    return best;
}

#define DECIMAL_SIZE 24     /* holds any int64_t in decimal */

/* v in decimal, written at the end of buf[DECIMAL_SIZE]; returns where
 * the number starts. */
static const char *
decimal(int64_t v, char *buf)
{
    uint64_t magnitude = v < 0 ? -(uint64_t)v : (uint64_t)v;
    char *p = buf + DECIMAL_SIZE - 1;

    *p = '\0';
    do {
        *--p = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (v < 0)
        *--p = '-';
    return p;
}

int
main(void)
{
    struct cost empty, loop;
    char hypercalls[DECIMAL_SIZE], exceptions[DECIMAL_SIZE];

    if (hvcounters((struct hv_counters *)0xC0000000) != -1)
        printf(1, "hvcounters: FAIL: a kernel pointer was accepted\n");
    empty = least_cost(0);
    loop = least_cost(CALLS);
    printf(1, "hvcounters: reading the counters: %s hypercalls, "
           "%s exceptions\n", decimal(empty.hypercalls, hypercalls),
           decimal(empty.exceptions, exceptions));
    printf(1, "hvcounters: %d getpid: %s hypercalls, %s exceptions\n", CALLS,
           decimal(loop.hypercalls - empty.hypercalls, hypercalls),
           decimal(loop.exceptions - empty.exceptions, exceptions));
    exit();
}
