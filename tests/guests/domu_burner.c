/*
 * domu_burner (a domU): burns CPU forever, never blocking, with events
 * masked as the builder left them.  dom0 measures how much CPU it gets
 * and destroys it.
 */
#include "tests/guests/lib/guest.h"

void guest_main(void)
{
    volatile uint32_t spins = 0;
    printf("burner: running\n");
    for (;;)
        spins++;
}
