/*
 * What init learns from the boot, and how it ends the domain: two system
 * calls of ours (xenolinux-lite/include/abi/syscall.h).
 *
 * The kernel command line option "run=PROGRAM" names a program for init
 * to run before anything else, after which init powers the domain off
 * (user/init.c).  A domU has no console input yet, so this is how it runs
 * a program unattended: dom0's builder puts, e.g., "run=systest" on its
 * command line.  PROGRAM is a path in the root file system, at most
 * BOOTRUN_MAX - 1 bytes; without the option init starts the shell.
 *
 * Powering off ends the domain in order (shutdown.c): the other
 * processes are stopped, the file system's log is committed, then
 * SCHEDOP_shutdown with reason poweroff.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xen.h"

#define BOOTRUN_MAX 64              /* a program name, NUL included */
#define RUN_OPTION  "run="

int sys_bootrun(void);
int sys_poweroff(void);

/*
 * The value of the first "run=" word of the kernel command line: points
 * *value at it and returns its length (up to the next space or the
 * end), or -1 if the option is absent.
 */
static int run_option(const char **value)
{
    const char *s = start_info->cmd_line;
    int limit = sizeof(start_info->cmd_line);
    int n = strlen(RUN_OPTION);

    for (int i = 0; i + n <= limit && s[i]; i++) {
        if ((i > 0 && s[i - 1] != ' ') || strncmp(s + i, RUN_OPTION, n) != 0)
            continue;
        int len = 0;
        while (i + n + len < limit && s[i + n + len] && s[i + n + len] != ' ')
            len++;
        *value = s + i + n;
        return len;
    }
    return -1;
}

/*
 * bootrun(char *buf, int size): copy the program named by "run=" into buf
 * as a NUL-terminated string and return its length; 0 if the command
 * line names none (an empty "run=" included).  -1 if buf is not size
 * bytes of user memory, or the name (with its NUL) does not fit in size
 * or in BOOTRUN_MAX.
 */
int sys_bootrun(void)
{
    char *buf, name[BOOTRUN_MAX];
    const char *value = "";
    int size;
    if (argint(1, &size) < 0 || size <= 0 || argptr(0, &buf, size) < 0)
        return -1;
    int len = run_option(&value);
    if (len < 0)
        len = 0;
    if (len + 1 > size || len + 1 > BOOTRUN_MAX)
        return -1;
    memmove(name, value, len);
    name[len] = 0;
    if (copyout(myproc()->pgdir, (uint32_t)buf, name, len + 1) < 0)
        return -1;
    return len;
}

/*
 * poweroff(): shut this domain down with reason poweroff; it does not
 * return.  Only init (pid 1) may: anyone else gets -1.
 */
int sys_poweroff(void)
{
    if (myproc()->pid != 1)
        return -1;
    domain_shutdown(SHUTDOWN_poweroff);
}
