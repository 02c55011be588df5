/* systest's main: run every group (systest.h), then print the summary. */
#include "systest.h"

struct group {
    const char *name;
    void (*run)(void);
};

static const struct group groups[] = {
    { "descriptors", test_descriptors },
    { "bad pointers", test_bad_pointers },
    { "files", test_files },
    { "directories", test_directories },
    { "pipes", test_pipes },
    { "processes", test_processes },
    { "faults", test_faults },
    { "memory", test_memory },
    { "exec", test_exec },
    { "clock", test_clock },
    { "stress", test_stress },
    { "boot options", test_boot },
};

int
main(void)
{
    uint i;
    int failed_before;

    printf(1, "systest: starting\n");
    for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        failed_before = checks_failed;
        printf(1, "systest: %s\n", groups[i].name);
        groups[i].run();
        if (checks_failed != failed_before)
            printf(1, "systest: %s: %d failed\n", groups[i].name,
                   checks_failed - failed_before);
    }
    printf(1, "systest: %d checks, %d failed\n", checks_run, checks_failed);
    printf(1, checks_failed == 0 ? "systest: OK\n" : "systest: FAILED\n");
    exit();
}
