/* Small helpers over system calls: gets() and stat(). */
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "user.h"

/*
 * Read one line from fd 0 into buf, a byte at a time: up to and including
 * the '\n' (or '\r'), at most max-1 bytes, always NUL-terminated.  At end
 * of input buf[0] is 0.  Returns buf.
 */
char *
gets(char *buf, int max)
{
    int len = 0;
    char c;

    while (len + 1 < max) {
        if (read(0, &c, 1) < 1)
            break;
        buf[len++] = c;
        if (c == '\n' || c == '\r')
            break;
    }
    if (max > 0)
        buf[len] = '\0';
    return buf;
}

/* fstat of the file named path: 0, or -1 if it cannot be opened. */
int
stat(const char *path, struct stat *st)
{
    int fd, r;

    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    r = fstat(fd, st);
    close(fd);
    return r;
}
