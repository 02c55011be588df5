/* Memory: sbrk up and down, huge requests, running out, fork's copy. */
#include "systest.h"

#define GROW_PAGES  10
#define MB          (1024 * 1024)

static void
grow_and_shrink(void)
{
    char *start = sbrk(0), *p;
    int i, good = 1;

    p = sbrk(GROW_PAGES * PGSIZE);
    CHECK(p == start, "sbrk returns the old end");
    CHECK(sbrk(0) == start + GROW_PAGES * PGSIZE, "sbrk moves the end");
    for (i = 0; i < GROW_PAGES * PGSIZE; i++)
        p[i] = (char)i;
    for (i = 0; i < GROW_PAGES * PGSIZE; i++)
        if (p[i] != (char)i)
            good = 0;
    CHECK(good, "new memory keeps what is written");
    CHECK(sbrk(-GROW_PAGES * PGSIZE) == start + GROW_PAGES * PGSIZE,
          "sbrk down returns the old end");
    CHECK(sbrk(0) == start, "sbrk down moves the end back");

    p = sbrk(1);
    CHECK(p == start && sbrk(0) == start + 1, "sbrk of one byte");
    p[0] = 'x';
    CHECK(sbrk(-1) == start + 1 && sbrk(0) == start, "and back");
}

/* Child: give memory back, then touch it. */
static int
touch_freed(int unused)
{
    char *p = sbrk(4 * PGSIZE);

    (void)unused;
    p[2 * PGSIZE] = 1;
    sbrk(-4 * PGSIZE);
    p[2 * PGSIZE] = 2;
    return 0;
}

/* Child: grow a megabyte at a time until sbrk fails (but not past
 * max_mb); passes if it does fail and the memory it has works. */
static int
exhaust(int max_mb)
{
    char *p = 0;
    int mb;

    for (mb = 0; mb < max_mb; mb++) {
        p = sbrk(MB);
        if (p == (char *)-1)
            break;
        p[0] = 1;
        p[MB - 1] = 1;
    }
    return mb < max_mb && mb > 0 && getpid() > 0;
}

static void
huge(void)
{
    char *start = sbrk(0), *p;

    CHECK(sbrk(0x7fffffff) == (char *)-1, "sbrk of 2 GB fails");
    CHECK(sbrk(0) == start, "and leaves the end alone");
    CHECK(sbrk(0x40000000) == (char *)-1, "sbrk of 1 GB fails");
    CHECK(sbrk(0) == start, "and leaves the end alone");

    p = sbrk(MB);
    CHECK(p == start, "sbrk of 1 MB after a failure works");
    if (p != (char *)-1) {
        p[MB - 1] = 1;
        sbrk(-MB);
    }
    /* Twice: memory freed after the first must serve the second. */
    CHECK(in_child(exhaust, 2048) == CHILD_PASSED,
          "a child growing until memory runs out gets -1");
    CHECK(in_child(exhaust, 2048) == CHILD_PASSED,
          "and the memory comes back when it exits");
}

static char *fork_pattern;     /* malloc'd by fork_copies */

/* Child: see the parent's pattern, then change it. */
static int
check_and_scribble(int len)
{
    int i, good = 1;

    for (i = 0; i < len; i++)
        if (fork_pattern[i] != (char)(i * 3))
            good = 0;
    memset(fork_pattern, 0, len);
    return good;
}

static void
fork_copies(void)
{
    int len = 3 * PGSIZE, i, good = 1;
    char *end;

    fork_pattern = malloc(len);
    for (i = 0; i < len; i++)
        fork_pattern[i] = (char)(i * 3);
    CHECK(in_child(check_and_scribble, len) == CHILD_PASSED,
          "a child sees its parent's memory");
    for (i = 0; i < len; i++)
        if (fork_pattern[i] != (char)(i * 3))
            good = 0;
    CHECK(good, "a child's writes do not reach its parent");
    free(fork_pattern);
    end = sbrk(0);
    CHECK(in_child(touch_freed, 0) == CHILD_DIED,
          "a child touching memory it gave back is killed");
    CHECK(sbrk(0) == end, "a child's sbrk leaves its parent's end alone");
}

void
test_memory(void)
{
    grow_and_shrink();
    huge();
    fork_copies();
}
