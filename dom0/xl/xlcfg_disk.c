/*
 * One entry of a config file's disk list, in Xen's form
 *
 *     'file:/images/guest1.img,xvda,w'
 *      type  path              vdev mode
 *
 * The type may be left out ('/images/guest1.img,xvda,w'); blanks around
 * each field are ignored.  Only file: images are served (by blkback, from
 * dom0's file system): phy: would lend one of dom0's block devices, and
 * dom0 has none.  The front end sees the disk as vdev, an xvd name, whose
 * number is Xen's: major 202, 16 minors per disk.
 *
 * Checks that need the whole list (a vdev used twice, too many disks)
 * are the parser's (xlcfg.c).
 */
#ifdef HOST_TEST
#include <string.h>
#else
#include "user.h"
#endif
#include <stddef.h>
#include "public/errno.h"
#include "dom0/xl/xlcfg.h"

#define STRINGIFY(x) #x
#define NUMBER_TEXT(x) STRINGIFY(x)

/* Part of an entry: len characters at s. */
struct span {
    const char *s;
    unsigned int len;
};

static int
is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The span s[0, len) without the blanks around it. */
static struct span
trimmed(const char *s, unsigned int len)
{
    struct span f;

    while (len > 0 && is_blank(*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    f.s = s;
    f.len = len;
    return f;
}

static int
span_is(struct span f, const char *word)
{
    unsigned int n = strlen(word);

    return f.len == n && memcmp(f.s, word, n) == 0;
}

static int
span_starts_with(struct span f, const char *prefix)
{
    unsigned int n = strlen(prefix);

    return f.len >= n && memcmp(f.s, prefix, n) == 0;
}

/* Why vdev is not a name we take, or NULL with *number set. */
static const char *
vdev_problem(struct span vdev, unsigned int *number)
{
    int index;

    if (span_starts_with(vdev, "hd") || span_starts_with(vdev, "sd"))
        return "hdX and sdX disks are not supported; use xvda..xvdp";
    if (vdev.len != 4 || !span_starts_with(vdev, "xvd"))
        return "the device must be one of xvda..xvdp (whole disks)";
    index = vdev.s[3] - 'a';
    if (index < 0 || index >= XLCFG_MAX_XVD)
        return "the device must be one of xvda..xvdp (whole disks)";
    *number = (XLCFG_XVD_MAJOR << 8) | (XLCFG_XVD_MINORS * index);
    return NULL;
}

/* Why the path field is refused, or NULL with the bare path in *path. */
static const char *
path_problem(struct span field, struct span *path)
{
    unsigned int i;

    if (span_starts_with(field, "phy:"))
        return "phy: disks are not supported (dom0 has no block devices "
               "to lend); use file:PATH";
    if (span_starts_with(field, "file:")) {
        field.s += 5;
        field.len -= 5;
    } else {
        /* A ':' before any '/' names a type we do not know (tap:aio:). */
        for (i = 0; i < field.len && field.s[i] != '/'; i++)
            if (field.s[i] == ':')
                return "only file: disks are supported";
    }
    if (field.len == 0)
        return "there is no path";
    if (field.len > XLCFG_PATH_MAX)
        return "the path is longer than " NUMBER_TEXT(XLCFG_PATH_MAX)
               " characters";
    *path = field;
    return NULL;
}

const char *
xlcfg_disk_parse(const char *entry, struct xlcfg_disk *disk)
{
    struct span field[3], path;
    const char *problem;
    unsigned int vdev = 0;
    int nr_fields = 0;

    for (;;) {
        const char *comma = strchr(entry, ',');
        unsigned int len = comma ? (unsigned int)(comma - entry)
                                 : (unsigned int)strlen(entry);
        if (nr_fields == 3)
            return "the form is 'file:PATH,VDEV,MODE'";
        field[nr_fields++] = trimmed(entry, len);
        if (comma == NULL)
            break;
        entry = comma + 1;
    }
    if (nr_fields != 3)
        return "the form is 'file:PATH,VDEV,MODE'";

    problem = path_problem(field[0], &path);
    if (problem == NULL)
        problem = vdev_problem(field[1], &vdev);
    if (problem != NULL)
        return problem;
    if (!span_is(field[2], "w") && !span_is(field[2], "rw") &&
        !span_is(field[2], "r") && !span_is(field[2], "ro"))
        return "the mode must be 'w' or 'r'";

    memset(disk, 0, sizeof(*disk));
    memcpy(disk->path, path.s, path.len);
    memcpy(disk->vdev_name, field[1].s, 4);
    disk->vdev = vdev;
    disk->writable = span_is(field[2], "w") || span_is(field[2], "rw");
    return NULL;
}

int
xlcfg_vdev_number(const char *name, unsigned int *number)
{
    struct span vdev;

    if (name == NULL || number == NULL)
        return -EINVAL;
    vdev.s = name;
    vdev.len = strlen(name);
    return vdev_problem(vdev, number) == NULL ? 0 : -EINVAL;
}
