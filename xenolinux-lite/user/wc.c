/* wc [file ...]: count lines, words and bytes of each file (or of standard
 * input), printed as "lines words bytes name". */
#include "types.h"
#include "fcntl.h"
#include "user.h"

static char buf[512];

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

static void
count(int fd, const char *name)
{
    int lines = 0, words = 0, bytes = 0, in_word = 0;
    int i, n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        bytes += n;
        for (i = 0; i < n; i++) {
            if (buf[i] == '\n')
                lines++;
            if (is_space(buf[i])) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                words++;
            }
        }
    }
    if (n < 0) {
        printf(2, "wc: read error\n");
        exit();
    }
    printf(1, "%d %d %d %s\n", lines, words, bytes, name);
}

int
main(int argc, char *argv[])
{
    int i, fd;

    if (argc < 2) {
        count(0, "");
        exit();
    }
    for (i = 1; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            printf(2, "wc: cannot open %s\n", argv[i]);
            exit();
        }
        count(fd, argv[i]);
        close(fd);
    }
    exit();
}
