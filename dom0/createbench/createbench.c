/*
 * createbench: how long from "xl create" to the new guest's first line on
 * its console, as a user waiting at "xl create -c" sees it.
 *
 *   createbench CONFIG [ROUNDS]
 *
 * Each round runs "xl create CONFIG -c" with its output into a pipe,
 * starting the clock just before the fork.  The first line after xl's
 * "Started domain NAME (id=N)" is the guest's own first console line
 * (it came through the console ring, xenconsoled and xl console); the
 * clock stops when it is complete.  Then xl is stopped and the domain
 * destroyed with "xl destroy N".  (A guest that never writes a line
 * keeps a round waiting: the caller's time limit ends it.)  Prints each round and the best, in
 * milliseconds from uptime()'s 10 ms ticks:
 *
 *   bench: xl create to first console line: best T ms (of R rounds)
 */
#include "types.h"
#include "user.h"

#define MS_PER_TICK 10
#define MAX_ROUNDS 10

static char line[256];

/* Read one line from fd into line (without its newline): its length, or
 * -1 at end of file.  A line longer than the buffer comes in pieces. */
static int
read_line(int fd)
{
    int n = 0;
    char c;

    while (n < (int)sizeof(line) - 1) {
        if (read(fd, &c, 1) != 1)
            return n ? n : -1;
        if (c == '\n')
            break;
        if (c != '\r')
            line[n++] = c;
    }
    line[n] = 0;
    return n;
}

/* Run argv (argv[0] the program's name) and wait for it. */
static void
run(char **argv)
{
    int pid = fork();
    if (pid == 0) {
        exec(argv[0], argv);
        printf(2, "createbench: cannot run %s\n", argv[0]);
        exit();
    }
    if (pid > 0)
        wait();
}

/*
 * One round: the ticks from the fork of "xl create" to the guest's first
 * line, or -1 (with a message) if xl failed or ended before a line came.  The domain
 * is destroyed either way once xl said it started.
 */
static int
one_round(const char *config)
{
    char *create[] = { "xl", "create", (char *)config, "-c", 0 };
    int fds[2], domid = -1, ticks = -1;

    if (pipe(fds) < 0) {
        printf(2, "createbench: no pipe\n");
        return -1;
    }
    int t0 = uptime();
    int pid = fork();
    if (pid == 0) {
        close(fds[0]);
        close(1);
        dup(fds[1]);
        close(fds[1]);
        exec("xl", create);
        printf(2, "createbench: cannot run xl\n");
        exit();
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        printf(2, "createbench: fork failed\n");
        return -1;
    }
    while (read_line(fds[0]) >= 0) {
        char *id = strchr(line, '=');
        if (domid < 0 && strncmp(line, "Started domain ", 15) == 0 && id) {
            domid = atoi(id + 1);
            continue;
        }
        if (domid >= 0 && line[0]) {
            ticks = uptime() - t0;
            break;
        }
    }
    kill(pid);
    close(fds[0]);
    wait();
    if (domid < 0) {
        printf(2, "createbench: xl create %s did not start a domain\n",
               config);
        return -1;
    }
    if (ticks < 0)
        printf(2, "createbench: domain %d wrote no line\n", domid);
    char idtext[12];
    snprintf(idtext, sizeof(idtext), "%d", domid);
    char *destroy[] = { "xl", "destroy", idtext, 0 };
    run(destroy);
    return ticks;
}

int
main(int argc, char **argv)
{
    int rounds = argc == 3 ? atoi(argv[2]) : 3, best = -1;

    if (argc < 2 || argc > 3 || rounds < 1 || rounds > MAX_ROUNDS) {
        printf(2, "usage: createbench CONFIG [ROUNDS (1-%d)]\n", MAX_ROUNDS);
        exit();
    }
    for (int i = 0; i < rounds; i++) {
        int t = one_round(argv[1]);
        if (t < 0) {
            printf(1, "createbench: FAIL round %d\n", i + 1);
            exit();
        }
        printf(1, "createbench: round %d: %d ms\n", i + 1, t * MS_PER_TICK);
        if (best < 0 || t < best)
            best = t;
    }
    printf(1, "bench: xl create to first console line: best %d ms "
           "(of %d rounds)\n", best * MS_PER_TICK, rounds);
    exit();
}
