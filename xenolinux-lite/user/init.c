/*
 * init: the first user process.  It gives itself the console as fds 0, 1
 * and 2 (creating the device node "console" if the file system lacks it),
 * makes the device nodes of /dev, starts dom0's daemons (xenstored and
 * xenconsoled), then runs the shell, and runs it again whenever it exits
 * (after a pause if it did not last a tenth of a second).  Orphaned
 * processes become init's children; it reaps them as it waits.
 *
 * With "run=PROGRAM" on the kernel command line (kernel/sysboot.c),
 * init first runs PROGRAM, waits for it and powers the domain off: how a
 * domain without console input runs a program unattended.
 */
#include "types.h"
#include "stat.h"
#include "fs.h"
#include "fcntl.h"
#include "user.h"
#include "boot.h"
#include "xenio.h"

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

/* Is there an entry called name in the directory dir?
 * (stat() will not do for a device node: it opens the node, and a
 * domU may not open dom0's control devices.) */
static int
dir_has(const char *dir, const char *name)
{
    struct dirent de;
    int fd = open(dir, O_RDONLY), found = 0;

    if (fd < 0)
        return 0;
    while (!found && read(fd, &de, sizeof(de)) == sizeof(de))
        found = de.inum != 0 && strncmp(de.name, name, DIRSIZ) == 0;
    close(fd);
    return found;
}

/* mknod /dev/name unless something is there already; say so if neither. */
static void
make_node(const char *name, short major, short minor)
{
    char path[24];

    snprintf(path, sizeof(path), "/dev/%s", name);
    if (mknod(path, major, minor) < 0 && !dir_has("/dev", name))
        printf(2, "init: cannot make %s\n", path);
}

/*
 * The device nodes of /dev (docs/toolstack.md): console, privcmd,
 * evtchn, xenbus, ptmx and pts0 .. pts(NPTY-1).  Nodes already there are
 * kept as they are.
 */
static void
make_dev_nodes(void)
{
    char name[8];
    int i;

    mkdir("/dev");
    make_node("console", DEV_CONSOLE, 0);
    make_node("privcmd", DEV_PRIVCMD, 0);
    make_node("evtchn", DEV_EVTCHN, 0);
    make_node("xenbus", DEV_XENBUS, 0);
    make_node("ptmx", DEV_PTMX, 0);
    for (i = 0; i < NPTY; i++) {
        snprintf(name, sizeof(name), "pts%d", i);
        make_node(name, DEV_PTS, i);
    }
}

static void start_xenconsoled(void);

/*
 * In dom0 (where /dev/privcmd opens), start xenstored (dom0/xenstored)
 * in the background: the store every domain's devices are set up
 * through.  Until it runs, the kernel's store requests wait.  Then the
 * daemons that use the store (xenconsoled).
 */
static void
start_xenstored(void)
{
    static char *argv[] = { "/xenstored", 0 };
    int fd, pid;

    fd = open("/dev/privcmd", O_RDWR);
    if (fd < 0)
        return;                 /* not dom0: another domain's serves us */
    close(fd);
    pid = fork();
    if (pid == 0) {
        exec(argv[0], argv);
        printf(2, "init: cannot start %s\n", argv[0]);
        exit();
    }
    if (pid < 0)
        printf(2, "init: fork failed; no %s\n", argv[0]);
    start_xenconsoled();
}

/*
 * Start xenconsoled (dom0/xenconsoled), the back end of the other
 * domains' consoles, in the background (dom0 only: start_xenstored
 * calls it).
 */
static void
start_xenconsoled(void)
{
    static char *argv[] = { "/xenconsoled", 0 };
    int pid;

    pid = fork();
    if (pid == 0) {
        exec(argv[0], argv);
        printf(2, "init: cannot start %s\n", argv[0]);
        exit();
    }
    if (pid < 0)
        printf(2, "init: fork failed; no %s\n", argv[0]);
}

/*
 * If the kernel command line says "run=PROGRAM": run PROGRAM (no
 * arguments but its name), wait for it, and power the domain off.
 * Returns only if there is no such option or something failed (said on
 * the console), so that the shell starts instead.
 */
static void
run_boot_program(void)
{
    static char name[64];
    char *argv[2];
    int n, pid, w;

    n = bootrun(name, sizeof(name));
    if (n < 0)
        printf(1, "init: run= names a program longer than %d bytes\n",
               (int)sizeof(name) - 1);
    if (n <= 0)
        return;
    printf(1, "init: running %s (run=%s)\n", name, name);
    pid = fork();
    if (pid < 0) {
        printf(1, "init: fork failed\n");
        return;
    }
    if (pid == 0) {
        argv[0] = name;
        argv[1] = 0;
        exec(name, argv);
        printf(1, "init: exec %s failed\n", name);
        exit();
    }
    do {
        w = wait();
    } while (w >= 0 && w != pid);
    printf(1, "init: %s finished; powering off\n", name);
    poweroff();
    printf(1, "init: poweroff failed\n");
}

int
main(void)
{
    int sh_pid, pid, started;

    open_console();
    make_dev_nodes();
    start_xenstored();
    run_boot_program();
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
