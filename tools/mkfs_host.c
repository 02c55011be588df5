/*
 * mkfs: from the host into an image.  Host files and whole host
 * directory trees are read into an image being built (mkfs.c), at the
 * image paths the command line names, and the finished image is written
 * to a host file.  Nothing reaches the host file system unless the whole
 * image was built: a missing host file, a name the file system cannot
 * hold or a full image stops the build with a message saying which.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tools/mkfs.h"

#define HOST_PATH_MAX 4096

uint8_t *mkfs_read_host_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t cap = 0, n = 0, got;

    if (!f)
        return NULL;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *bigger = realloc(data, cap);
            if (!bigger) {
                free(data);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            data = bigger;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        int err = errno;
        free(data);
        fclose(f);
        errno = err;
        return NULL;
    }
    fclose(f);
    *len = n;
    return data;
}

/* Read host file path into a new file name in image directory dir.
 * Returns 0 or -1 (message on stderr, naming path). */
static int add_host_file(struct fsbuild *fb, uint32_t dir, const char *name,
                         const char *path)
{
    size_t len;
    uint8_t *data = mkfs_read_host_file(path, &len);

    if (!data) {
        fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = len > UINT32_MAX ? -1 : fsb_add_file(fb, dir, name, data, len);
    if (rc < 0)
        fprintf(stderr, "mkfs: cannot add %s (%zu bytes)\n", path, len);
    free(data);
    return rc < 0 ? -1 : 0;
}

static int add_host_path(struct fsbuild *fb, uint32_t dir, const char *path,
                         const char *name);

/* Copy the contents of host directory path into image directory dir,
 * in name order, recursively.  Returns 0 or -1 (message on stderr). */
static int add_host_dir_contents(struct fsbuild *fb, uint32_t dir,
                                 const char *path)
{
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort), rc = 0;

    if (n < 0) {
        fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (rc == 0 && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            char sub[HOST_PATH_MAX];
            if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, name) >=
                sizeof(sub)) {
                fprintf(stderr, "mkfs: %s/%s: host path too long (a "
                        "directory that contains itself?)\n", path, name);
                rc = -1;
            } else {
                rc = add_host_path(fb, dir, sub, name);
            }
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

/* Add host file or directory path to image directory dir as name. */
static int add_host_path(struct fsbuild *fb, uint32_t dir, const char *path,
                         const char *name)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        int sub = fsb_mkdir(fb, dir, name);
        if (sub < 0) {
            fprintf(stderr, "mkfs: cannot add directory %s\n", path);
            return -1;
        }
        return add_host_dir_contents(fb, sub, path);
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "mkfs: %s: not a regular file or a directory\n", path);
        return -1;
    }
    return add_host_file(fb, dir, name, path);
}

/* Is host path a directory?  0 if not, or if it cannot be looked at. */
static int is_host_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* HOSTFILE=/dest/path: read the host file in as the image's dest. */
static int add_host_file_at(struct fsbuild *fb, const char *host,
                            const char *dest)
{
    size_t len;
    uint8_t *data;

    if (is_host_dir(host)) {
        fprintf(stderr, "mkfs: %s is a directory: copy a tree with "
                "-r %s=%s\n", host, host, dest);
        return -1;
    }
    if (!(data = mkfs_read_host_file(host, &len))) {
        fprintf(stderr, "mkfs: %s: %s\n", host, strerror(errno));
        return -1;
    }
    int rc = len > UINT32_MAX ? -1 : fsb_add_file_at(fb, dest, data, len);
    if (rc < 0)
        fprintf(stderr, "mkfs: cannot add %s as %s (%zu bytes)\n", host, dest,
                len);
    free(data);
    return rc < 0 ? -1 : 0;
}

/* -r HOSTDIR=/dest: copy the host tree's contents into the image's dest. */
static int add_host_tree_at(struct fsbuild *fb, const char *host,
                            const char *dest)
{
    struct stat st;

    if (stat(host, &st) < 0) {
        fprintf(stderr, "mkfs: %s: %s\n", host, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mkfs: -r %s: not a directory\n", host);
        return -1;
    }
    int dir = fsb_mkdir_path(fb, dest);
    if (dir < 0)
        return -1;
    return add_host_dir_contents(fb, dir, host);
}

/* A bare HOSTFILE or HOSTDIR (no "=/dest"): into the root. */
static int add_host_into_root(struct fsbuild *fb, const char *path)
{
    if (is_host_dir(path))
        return add_host_dir_contents(fb, ROOTINO, path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (base[0] == '_' && base[1])
        base++;
    return add_host_path(fb, ROOTINO, path, base);
}

int mkfs_add_argument(struct fsbuild *fb, const char *arg, int recursive)
{
    const char *dest = strstr(arg, "=/");   /* the first "=/" splits */

    if (!dest) {
        if (recursive) {
            fprintf(stderr, "mkfs: -r %s: say where the tree goes, as "
                    "-r HOSTDIR=/dest\n", arg);
            return -1;
        }
        return add_host_into_root(fb, arg);
    }
    if (dest == arg) {
        fprintf(stderr, "mkfs: '%s': no host path before '='\n", arg);
        return -1;
    }
    char *host = strndup(arg, dest - arg);
    if (!host) {
        fprintf(stderr, "mkfs: out of memory\n");
        return -1;
    }
    dest++;                                 /* at the '/' */
    int rc = recursive ? add_host_tree_at(fb, host, dest)
                       : add_host_file_at(fb, host, dest);
    free(host);
    return rc;
}

/* Write the finished image to path in full: 0, or -1 (message on stderr,
 * path removed). */
static int write_image(const struct fsbuild *fb, const char *path)
{
    FILE *out = fopen(path, "wb");
    int ok;

    if (!out) {
        fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno));
        return -1;
    }
    errno = 0;
    ok = fwrite(fb->img, BSIZE, fb->size, out) == fb->size;
    if (fclose(out) != 0)
        ok = 0;
    if (ok)
        return 0;
    fprintf(stderr, "mkfs: %s: %s\n", path, errno ? strerror(errno)
                                                   : "short write");
    unlink(path);
    return -1;
}

/* Add every argument of args ("-r" marking the next one recursive). */
static int add_arguments(struct fsbuild *fb, int nargs, char *const args[])
{
    for (int i = 0; i < nargs; i++) {
        int recursive = strcmp(args[i], "-r") == 0;
        if (recursive && ++i == nargs) {
            fprintf(stderr, "mkfs: -r at the end: HOSTDIR=/dest missing\n");
            return -1;
        }
        if (mkfs_add_argument(fb, args[i], recursive) < 0)
            return -1;
    }
    return 0;
}

int mkfs_build_image(const char *image, uint32_t size, int nargs,
                     char *const args[])
{
    struct fsbuild fb;
    char tmp[HOST_PATH_MAX];

    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", image) >= sizeof(tmp)) {
        fprintf(stderr, "mkfs: %s: path too long\n", image);
        return -1;
    }
    if (fsb_init(&fb, size, fsb_default_ninodes(size)) < 0)
        return -1;
    if (add_arguments(&fb, nargs, args) < 0) {
        fprintf(stderr, "mkfs: %s not written\n", image);
        fsb_free(&fb);
        return -1;
    }
    fsb_finish(&fb);
    int rc = write_image(&fb, tmp);
    if (rc == 0 && (rc = rename(tmp, image)) < 0) {
        fprintf(stderr, "mkfs: %s: %s\n", image, strerror(errno));
        unlink(tmp);
    }
    if (rc < 0) {
        fsb_free(&fb);
        return -1;
    }
    printf("mkfs: %s: %u blocks, %u used, %u inodes used of %u\n", image,
           fb.size, fb.nextblock, fb.nextinode - 1, fb.sb.ninodes);
    fsb_free(&fb);
    return 0;
}
