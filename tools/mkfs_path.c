/*
 * mkfs: paths inside an image being built.  A path is absolute and split
 * at '/'; each component is a directory entry's name (1 to DIRSIZ
 * characters).  Directories along a path are made when missing, so
 * "/etc/xen/guest1.cfg" needs no separate steps for /etc and /etc/xen.
 */
#include <stdio.h>
#include <string.h>
#include "tools/mkfs.h"

/*
 * Copy the component of path that starts at *pos into name, NUL-ended,
 * and move *pos past it and its '/'.  Returns 0, or -1 if the component
 * is empty, ".", ".." or longer than DIRSIZ (message on stderr).
 */
static int next_component(const char *path, const char **pos,
                          char name[DIRSIZ + 1])
{
    const char *start = *pos;
    const char *end = strchr(start, '/');
    size_t len = end ? (size_t)(end - start) : strlen(start);

    if (len == 0 || (len == 1 && start[0] == '.') ||
        (len == 2 && start[0] == '.' && start[1] == '.')) {
        fprintf(stderr, "mkfs: bad path '%s' in the image (an empty, '.' or "
                "'..' component)\n", path);
        return -1;
    }
    if (len > DIRSIZ) {
        fprintf(stderr, "mkfs: '%.*s' in '%s' is too long (%zu characters; "
                "the file system keeps at most %d)\n", (int)len, start, path,
                len, DIRSIZ);
        return -1;
    }
    memcpy(name, start, len);
    name[len] = 0;
    *pos = end ? end + 1 : start + len;
    return 0;
}

/* Is path absolute?  Says why not on stderr. */
static int is_absolute(const char *path)
{
    if (path[0] == '/')
        return 1;
    fprintf(stderr, "mkfs: '%s': a path in the image starts with '/'\n", path);
    return 0;
}

/* The directory name in directory dir, made if missing; -1 if name is a
 * file there or cannot be made. */
static int enter_dir(struct fsbuild *fb, uint32_t dir, const char *name,
                     const char *path)
{
    int inum = fsb_lookup(fb, dir, name);

    if (!inum)
        return fsb_mkdir(fb, dir, name);
    if (fsb_type(fb, inum) != T_DIR) {
        fprintf(stderr, "mkfs: '%s' in '%s' is a file, not a directory\n",
                name, path);
        return -1;
    }
    return inum;
}

int fsb_mkdir_path(struct fsbuild *fb, const char *path)
{
    char name[DIRSIZ + 1];
    const char *pos = path + 1;
    int dir = ROOTINO;

    if (!is_absolute(path))
        return -1;
    while (*pos && dir >= 0) {
        if (next_component(path, &pos, name) < 0)
            return -1;
        dir = enter_dir(fb, dir, name, path);
    }
    return dir;
}

int fsb_add_file_at(struct fsbuild *fb, const char *path, const void *data,
                    uint32_t len)
{
    char name[DIRSIZ + 1];
    const char *pos = path + 1;
    int dir = ROOTINO;

    if (!is_absolute(path))
        return -1;
    for (;;) {
        if (next_component(path, &pos, name) < 0)
            return -1;
        if (*pos == 0)
            break;
        if ((dir = enter_dir(fb, dir, name, path)) < 0)
            return -1;
    }
    if (pos[-1] == '/') {
        fprintf(stderr, "mkfs: '%s' ends in '/': a file needs a name\n", path);
        return -1;
    }
    return fsb_add_file(fb, dir, name, data, len);
}
