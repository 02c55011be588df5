/* Nodes through the library: write, read, mkdir, directory, rm. */
#include "dom0/xstest/xstest.h"

static char buf[XENSTORE_PAYLOAD_MAX + 1];

/* Whether the packed names in buf[0..len) are exactly want (NUL-separated,
 * in any order), given as one string with spaces. */
static int names_are(const char *names, int len, const char *want)
{
    int count = 0, wanted = 0, off;
    const char *w = want;

    for (off = 0; off < len; off += (int)strlen(names + off) + 1) {
        const char *s = want;
        int found = 0;
        uint n = strlen(names + off);
        while (*s) {
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if ((uint)(e - s) == n && strncmp(s, names + off, n) == 0)
                found = 1;
            s = *e ? e + 1 : e;
        }
        count++;
        if (!found)
            return 0;
    }
    for (wanted = *w ? 1 : 0; *w; w++)
        wanted += *w == ' ';
    return count == wanted;
}

void test_nodes(struct xs *xs)
{
    int len;

    CHECK(xs_write(xs, TOP "/a", "hello") == 0, "write a node");
    len = xs_read(xs, TOP "/a", buf, sizeof(buf));
    CHECK(len == 5 && strcmp(buf, "hello") == 0, "read it back");
    CHECK(xs_write(xs, TOP "/a", "") == 0 &&
          xs_read(xs, TOP "/a", buf, sizeof(buf)) == 0,
          "an empty value");
    CHECK(xs_read(xs, TOP "/a", buf, 0) == -ENOSPC, "a buffer too small");
    CHECK(xs_read(xs, TOP "/none", buf, sizeof(buf)) == -ENOENT,
          "reading a missing node: ENOENT");
    CHECK(xs_write(xs, TOP "/deep/er/node", "x") == 0,
          "write makes the missing parents");
    CHECK(xs_read(xs, TOP "/deep/er", buf, sizeof(buf)) == 0,
          "a parent made so is empty");
    CHECK(xs_mkdir(xs, TOP "/dir") == 0, "mkdir");
    CHECK(xs_mkdir(xs, TOP "/dir") == 0, "mkdir of an existing node is fine");
    len = xs_directory(xs, TOP, buf, sizeof(buf));
    CHECK(len > 0 && names_are(buf, len, "a deep dir"), "directory lists children");
    CHECK(xs_directory(xs, TOP "/dir", buf, sizeof(buf)) == 0,
          "an empty directory");
    CHECK(xs_write(xs, "relative/node", "rel") == 0 &&
          xs_read(xs, "/local/domain/0/relative/node", buf, sizeof(buf)) == 3,
          "a relative path is under /local/domain/0");
    CHECK(xs_rm(xs, "/local/domain/0/relative") == 0, "rm that");
    CHECK(xs_write(xs, TOP "//bad", "x") == -EINVAL, "a path with // : EINVAL");
    CHECK(xs_write(xs, TOP "/bad/", "x") == -EINVAL, "a path ending in / : EINVAL");
    CHECK(xs_rm(xs, TOP "/deep") == 0, "rm a subtree");
    CHECK(xs_read(xs, TOP "/deep/er/node", buf, sizeof(buf)) == -ENOENT,
          "rm took the nodes below");
    CHECK(xs_rm(xs, TOP "/deep") == 0, "rm of a missing node whose parent exists");
    CHECK(xs_rm(xs, TOP "/no/such") == -ENOENT, "rm below a missing node: ENOENT");
    /* A value as long as a message may carry, in pieces through the ring. */
    char *big = malloc(3000);
    CHECK(big != 0, "memory for a big value");
    if (!big)
        return;
    for (int i = 0; i < 2999; i++)
        big[i] = (char)('a' + i % 26);
    big[2999] = 0;
    CHECK(xs_write(xs, TOP "/big", big) == 0, "write 2999 bytes");
    len = xs_read(xs, TOP "/big", buf, sizeof(buf));
    CHECK(len == 2999 && memcmp(buf, big, 2999) == 0,
          "read 2999 bytes back, larger than the ring");
    free(big);
}
