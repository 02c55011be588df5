/* true: do nothing, successfully (the program xlbench execs). */
#include "types.h"
#include "user.h"

int
main(void)
{
    exit();
}
