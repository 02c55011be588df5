/* xstest: see xstest.h. */
#include "dom0/xstest/xstest.h"

static int checks_run, checks_failed;
static struct xs xs_a, xs_b;    /* off the one-page stack */

void check(int ok, const char *what, int line)
{
    checks_run++;
    if (!ok) {
        checks_failed++;
        printf(1, "xstest: FAIL %s (line %d)\n", what, line);
    }
}

int main(void)
{
    if (xs_open(&xs_a) < 0 || xs_open(&xs_b) < 0) {
        printf(1, "xstest: FAIL cannot open /dev/xenbus\n");
        exit();
    }
    xs_rm(&xs_a, TOP);
    printf(1, "xstest: nodes\n");
    test_nodes(&xs_a);
    printf(1, "xstest: transactions\n");
    test_transactions(&xs_a, &xs_b);
    printf(1, "xstest: watches\n");
    test_watches(&xs_a, &xs_b);
    printf(1, "xstest: permissions and domains\n");
    test_perms_and_domains(&xs_a);
    printf(1, "xstest: /dev/xenbus\n");
    test_device();
    printf(1, "xstest: /dev/xenbus closing\n");
    test_device_cleanup();
    CHECK(xs_rm(&xs_a, TOP) == 0, "remove " TOP " at the end");
    xs_close(&xs_a);
    xs_close(&xs_b);
    printf(1, "xstest: %d checks, %d failed\n", checks_run, checks_failed);
    if (checks_failed == 0)
        printf(1, "xstest: OK\n");
    exit();
}
