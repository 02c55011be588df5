/*
 * domu_noop (a domU): powers off at once.  The smallest domain there is,
 * for create/destroy cycles.
 */
#include "tests/guests/lib/guest.h"

void guest_main(void)
{
    guest_exit(SHUTDOWN_poweroff);
}
