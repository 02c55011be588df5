/* Ending a domU test guest (see domu.h). */
#include "tests/guests/lib/domu.h"

unsigned int domu_failures;

void domu_finish(void)
{
    if (!domu_failures)
        finish();
    printf("domU: %u checks failed: shutting down with reason crash\n",
           domu_failures);
    guest_exit(SHUTDOWN_crash);
}
