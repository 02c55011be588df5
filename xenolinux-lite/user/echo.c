/* echo [word ...]: print the words, separated by spaces, and a newline. */
#include "types.h"
#include "user.h"

int
main(int argc, char *argv[])
{
    int i;

    for (i = 1; i < argc; i++)
        printf(1, "%s%s", argv[i], i + 1 < argc ? " " : "\n");
    if (argc < 2)
        printf(1, "\n");
    exit();
}
