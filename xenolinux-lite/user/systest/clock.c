/* sleep and uptime: time goes forward, sleep waits at least as asked. */
#include "systest.h"

#define NAP 10      /* ticks */

void
test_clock(void)
{
    int before, after, spins = 0;

    before = uptime();
    CHECK(before >= 0, "uptime is not negative");
    CHECK(sleep(NAP) == 0, "sleep returns 0");
    after = uptime();
    CHECK(after - before >= NAP, "sleep waits at least the ticks asked");
    CHECK(after - before < NAP + 100, "and not a second longer");
    CHECK(sleep(0) == 0, "sleep(0) returns 0");

    /* Ticks go on while a process runs (and makes system calls). */
    before = uptime();
    while (uptime() == before && spins < 100000000)
        spins++;
    CHECK(uptime() != before, "uptime advances while a process computes");
}
