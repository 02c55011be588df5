/*
 * sh: the shell.  It prompts "$ " on fd 2, reads a line, and forks a child
 * that parses and runs it (parse.c, run.c), waiting for it unless it ends
 * in '&'.  Two commands are built in, as they must change the shell itself:
 * "cd [dir]" (to "/" without dir) and "exit".  End of input exits too.
 */
#include "types.h"
#include "fcntl.h"
#include "user.h"
#include "sh.h"

static char line[512];

/* Ensure fds 0, 1 and 2 are open, on the console if they are not. */
static void
ensure_std_fds(void)
{
    int fd;

    while ((fd = open("console", O_RDWR)) >= 0) {
        if (fd >= 3) {
            close(fd);
            break;
        }
    }
}

static int
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

/* Split s into blank-separated words in place; returns how many (at most
 * max; any more are left in the last). */
static int
split_words(char *s, char **words, int max)
{
    int n = 0;

    while (n < max) {
        while (is_blank(*s))
            s++;
        if (*s == '\0')
            break;
        words[n++] = s;
        while (*s != '\0' && !is_blank(*s))
            s++;
        if (*s != '\0')
            *s++ = '\0';
    }
    return n;
}

/* Run the line as a built-in if it is one ("cd" or "exit" alone, with no
 * shell symbols); returns whether it was. */
static int
run_builtin(const char *cmdline)
{
    char copy[sizeof(line)];
    char *words[3];
    int n;

    strcpy(copy, cmdline);
    n = split_words(copy, words, 3);
    if (n == 0)
        return 1;           /* an empty line: nothing to run */
    if (strcmp(words[0], "exit") == 0 && n == 1)
        exit();
    if (strcmp(words[0], "cd") != 0)
        return 0;
    if (n > 2) {
        printf(2, "cd: too many arguments\n");
        return 1;
    }
    if (chdir(n == 2 ? words[1] : "/") < 0)
        printf(2, "cannot cd %s\n", n == 2 ? words[1] : "/");
    return 1;
}

static int
has_symbol(const char *s)
{
    for (; *s != '\0'; s++)
        if (strchr("<|>&;()", *s) != 0)
            return 1;
    return 0;
}

int
main(void)
{
    struct cmd *c;

    ensure_std_fds();
    for (;;) {
        printf(2, "$ ");
        memset(line, 0, sizeof(line));
        gets(line, sizeof(line));
        if (line[0] == '\0')
            exit();         /* end of input */
        if (!has_symbol(line) && run_builtin(line))
            continue;
        if (fork_or_die() == 0) {
            c = parse_line(line);
            if (c != 0)
                run_cmd(c);
            exit();
        }
        wait();
    }
}
