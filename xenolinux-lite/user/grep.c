/*
 * grep pattern [file ...]: print the lines that match pattern, a simple
 * regular expression:
 *
 *   c   any other character matches itself
 *   .   matches any character
 *   x*  zero or more of x (x a character or '.')
 *   ^   at the start: the match must start the line
 *   $   at the end: the match must end the line
 *
 * The matcher is the small backtracking one of Kernighan and Pike ("The
 * Practice of Programming", chapter 9).
 */
#include "types.h"
#include "fcntl.h"
#include "user.h"

static int match_here(const char *re, const char *text);

/* Does c match the one-character pattern atom? */
static int
atom_matches(char atom, char c)
{
    return c != '\0' && (atom == '.' || atom == c);
}

/* Match atom* followed by re at text, trying the shortest run first. */
static int
match_star(char atom, const char *re, const char *text)
{
    for (;;) {
        if (match_here(re, text))
            return 1;
        if (!atom_matches(atom, *text))
            return 0;
        text++;
    }
}

/* Does re match a prefix of text? */
static int
match_here(const char *re, const char *text)
{
    while (re[0] != '\0') {
        if (re[1] == '*')
            return match_star(re[0], re + 2, text);
        if (re[0] == '$' && re[1] == '\0')
            return *text == '\0';
        if (!atom_matches(re[0], *text))
            return 0;
        re++;
        text++;
    }
    return 1;
}

/* Does re match anywhere in text? */
static int
match(const char *re, const char *text)
{
    if (re[0] == '^')
        return match_here(re + 1, text);
    do {
        if (match_here(re, text))
            return 1;
    } while (*text++ != '\0');
    return 0;
}

static char buf[1024];

/* Print the lines of fd that match pattern.  A line longer than the
 * buffer is dropped. */
static void
grep(const char *pattern, int fd)
{
    int held = 0, n;
    char *line, *newline;

    while ((n = read(fd, buf + held, sizeof(buf) - 1 - held)) > 0) {
        held += n;
        buf[held] = '\0';
        line = buf;
        while ((newline = strchr(line, '\n')) != 0) {
            *newline = '\0';
            if (match(pattern, line)) {
                *newline = '\n';
                write(1, line, newline + 1 - line);
            }
            line = newline + 1;
        }
        held -= line - buf;
        if (held == (int)sizeof(buf) - 1)
            held = 0;
        else if (held > 0)
            memmove(buf, line, held);
    }
    /* A last line without a newline. */
    if (held > 0) {
        buf[held] = '\0';
        if (match(pattern, buf))
            printf(1, "%s\n", buf);
    }
}

int
main(int argc, char *argv[])
{
    int i, fd;

    if (argc < 2) {
        printf(2, "usage: grep pattern [file ...]\n");
        exit();
    }
    if (argc == 2) {
        grep(argv[1], 0);
        exit();
    }
    for (i = 2; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            printf(2, "grep: cannot open %s\n", argv[i]);
            exit();
        }
        grep(argv[1], fd);
        close(fd);
    }
    exit();
}
