/*
 * The shell's parsed command: a tree of struct cmd.
 *
 *   a b c        CMD_EXEC   argv = {a, b, c}
 *   x > f        CMD_REDIR  inner = x, reopen fd 1 as f
 *   x | y        CMD_PIPE   left = x, right = y
 *   x ; y        CMD_LIST   left = x, then right = y
 *   x &          CMD_BACK   inner = x, not waited for
 *   ( x )        x itself (grouping only)
 *
 * parse.c builds the tree from a line, run.c runs it in the child the
 * shell forks for the line, main.c reads lines and runs built-ins.
 */
#ifndef SH_H
#define SH_H
#include "param.h"

/* exec() refuses MAXARG arguments or more. */
#define SH_MAXWORDS (MAXARG - 1)

enum cmd_kind {
    CMD_EXEC = 1,
    CMD_REDIR,
    CMD_PIPE,
    CMD_LIST,
    CMD_BACK,
};

struct cmd {
    enum cmd_kind kind;
    int argc;                       /* CMD_EXEC */
    char *argv[SH_MAXWORDS + 1];    /* CMD_EXEC, 0-terminated */
    char *file;                     /* CMD_REDIR: file to open */
    int fd;                         /*   as this descriptor */
    int mode;                       /*   with these open() flags */
    int append;                     /*   ">>": start at the file's end */
    struct cmd *left;               /* PIPE, LIST; REDIR and BACK: inner */
    struct cmd *right;              /* PIPE, LIST */
};

/* parse.c: the tree for line, or 0 after printing a syntax error (or if
 * the line is empty).  The tree is malloc'd and never freed: the shell
 * parses in the child it forks for the line. */
struct cmd *parse_line(const char *line);

/* run.c: run c in this process and exit; never returns. */
void run_cmd(struct cmd *c) __attribute__((noreturn));
/* fork(), or print a message and exit if it fails. */
int fork_or_die(void);
#endif
