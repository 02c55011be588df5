/*
 * init: the first user process.  It gives itself the console as fds 0, 1
 * and 2 (creating the device node "console" if the file system lacks it),
 * then runs the shell, and runs it again whenever it exits (after a
 * pause if it did not last a tenth of a second).  Orphaned
 * processes become init's children; it reaps them as it waits.
 */
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "user.h"

#define CONSOLE_MAJOR 1
#define CONSOLE_MINOR 0

static char *sh_argv[] = { "sh", 0 };

static void
open_console(void)
{
    if (open("console", O_RDWR) < 0) {
        mknod("console", CONSOLE_MAJOR, CONSOLE_MINOR);
        if (open("console", O_RDWR) < 0)
            exit();     /* nowhere to even say so */
    }
    dup(0);     /* fd 1 */
    dup(0);     /* fd 2 */
}

int
main(void)
{
    int sh_pid, pid, started;

    open_console();
    for (;;) {
        printf(1, "init: starting sh\n");
        started = uptime();
        sh_pid = fork();
        if (sh_pid < 0) {
            printf(1, "init: fork failed\n");
            sleep(100);
            continue;
        }
        if (sh_pid == 0) {
            exec("sh", sh_argv);
            printf(1, "init: exec sh failed\n");
            exit();
        }
        do {
            pid = wait();
        } while (pid >= 0 && pid != sh_pid);
        if (uptime() - started < 10)
            sleep(100);     /* a shell that dies at once: do not spin */
    }
}
