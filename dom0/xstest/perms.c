/* Permissions and the domain requests, as dom0 sees them. */
#include "dom0/xstest/xstest.h"

static struct raw_msg m;

/* GET_PERMS of path through fd: whether its answer is exactly want
 * (permission strings, each with its NUL, given as one literal). */
static int perms_are(int fd, const char *path, const char *want, uint32_t len)
{
    return raw_call(fd, XS_GET_PERMS, 1, 0, path, strlen(path) + 1, &m) == 1 &&
           m.hdr.type == XS_GET_PERMS && m.hdr.len == len &&
           memcmp(m.body, want, len) == 0;
}

void test_perms_and_domains(struct xs *xs)
{
    const char *owner5[] = { "n5", "r7" };
    const char *bad[] = { "x5" };
    int fd = raw_open();

    CHECK(fd >= 0, "open /dev/xenbus");
    CHECK(xs_write(xs, TOP "/p", "v") == 0, "make a node");
    CHECK(perms_are(fd, TOP "/p", "n0\0", 3),
          "a node dom0 made is dom0's, no rights for others");
    CHECK(xs_set_perms(xs, TOP "/p", owner5, 2) == 0,
          "give it to domain 5, readable by 7");
    CHECK(perms_are(fd, TOP "/p", "n5\0r7\0", 6), "GET_PERMS says so");
    CHECK(xs_write(xs, TOP "/p/child", "c") == 0 &&
          perms_are(fd, TOP "/p/child", "n5\0r7\0", 6),
          "a child dom0 makes inherits them as they are");
    CHECK(xs_read(xs, TOP "/p", (char *)m.body, 8) == 1,
          "dom0 may still read a node it does not own");
    CHECK(xs_set_perms(xs, TOP "/p", bad, 1) == -EINVAL,
          "a malformed permission: EINVAL");
    CHECK(xs_set_perms(xs, TOP "/nothing", owner5, 1) == -ENOENT,
          "permissions of a missing node: ENOENT");

    CHECK(raw_call(fd, XS_GET_DOMAIN_PATH, 2, 0, "7", 2, &m) == 1 &&
          m.hdr.type == XS_GET_DOMAIN_PATH &&
          strcmp(m.body, "/local/domain/7") == 0, "GET_DOMAIN_PATH");
    CHECK(raw_call(fd, XS_IS_DOMAIN_INTRODUCED, 3, 0, "0", 2, &m) == 1 &&
          strcmp(m.body, "T") == 0, "dom0 counts as introduced");
    CHECK(raw_call(fd, XS_IS_DOMAIN_INTRODUCED, 4, 0, "77", 3, &m) == 1 &&
          strcmp(m.body, "F") == 0, "domain 77 is not");
    CHECK(xs_introduce(xs, 0, 1234, 5) == -EINVAL,
          "introducing dom0: EINVAL");
    CHECK(raw_call(fd, XS_INTRODUCE, 5, 0, "9\0zz\0" "3", 7, &m) == 1 &&
          raw_is_error(&m, "EINVAL"), "an INTRODUCE with a bad frame: EINVAL");
    CHECK(xs_release(xs, 77) == -ENOENT,
          "releasing a domain never introduced: ENOENT");
    close(fd);
}
