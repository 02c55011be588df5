/* Running a parsed command tree (sh.h); every function here ends in exit. */
#include "types.h"
#include "fcntl.h"
#include "user.h"
#include "sh.h"

static void __attribute__((noreturn))
die(const char *msg)
{
    printf(2, "sh: %s\n", msg);
    exit();
}

int
fork_or_die(void)
{
    int pid = fork();

    if (pid < 0)
        die("fork failed");
    return pid;
}

/* exec argv; a bare name not found here is also looked for in "/".
 * The built-ins cannot run here, in a child: say so. */
static void __attribute__((noreturn))
run_program(char **argv)
{
    char path[MAXPATH];
    uint len;

    if (strcmp(argv[0], "cd") == 0 || strcmp(argv[0], "exit") == 0) {
        printf(2, "sh: %s works only as a line by itself\n", argv[0]);
        exit();
    }
    exec(argv[0], argv);
    len = strlen(argv[0]);
    if (strchr(argv[0], '/') == 0 && len + 2 <= sizeof(path)) {
        path[0] = '/';
        memmove(path + 1, argv[0], len + 1);
        exec(path, argv);
    }
    printf(2, "exec %s failed\n", argv[0]);
    exit();
}

/* Move fd's offset to the end of its file, by reading (there is no seek). */
static void
skip_to_end(int fd)
{
    char buf[512];

    while (read(fd, buf, sizeof(buf)) > 0)
        ;
}

/* Make fd the read or write end (which_end 0 or 1) of pipe ends, then
 * close the pipe's own descriptors. */
static void
attach_pipe(int fd, int *ends, int which_end)
{
    close(fd);
    dup(ends[which_end]);
    close(ends[0]);
    close(ends[1]);
}

void
run_cmd(struct cmd *c)
{
    int ends[2];

    switch (c->kind) {
    case CMD_EXEC:
        if (c->argc == 0)
            exit();
        c->argv[c->argc] = 0;
        run_program(c->argv);
    case CMD_REDIR:
        close(c->fd);
        if (open(c->file, c->mode) < 0) {
            printf(2, "open %s failed\n", c->file);
            exit();
        }
        if (c->append)
            skip_to_end(c->fd);
        run_cmd(c->left);
    case CMD_LIST:
        if (fork_or_die() == 0)
            run_cmd(c->left);
        wait();
        run_cmd(c->right);
    case CMD_PIPE:
        if (pipe(ends) < 0)
            die("pipe failed");
        if (fork_or_die() == 0) {
            attach_pipe(1, ends, 1);
            run_cmd(c->left);
        }
        if (fork_or_die() == 0) {
            attach_pipe(0, ends, 0);
            run_cmd(c->right);
        }
        close(ends[0]);
        close(ends[1]);
        wait();
        wait();
        exit();
    case CMD_BACK:
        if (fork_or_die() == 0)
            run_cmd(c->left);
        exit();
    }
    die("bad command");
}
