/*
 * mkfs: build a xenolinux-lite file-system image, or check one.
 *
 *   mkfs IMAGE SIZE_IN_BLOCKS ARG...   build IMAGE (SIZE blocks of BSIZE)
 *   mkfs --check IMAGE                 check IMAGE; exit 0 iff consistent
 *   mkfs --extract IMAGE PATH OUT      copy the file at PATH in IMAGE (as
 *                                      the kernel reads it after its log
 *                                      recovery) to the host file OUT
 *
 * Each ARG is one of (mkfs_add_argument() in mkfs_host.c):
 *
 *   HOSTFILE              into / under its base name less one leading '_'
 *                         (build/xl/user/_sh becomes /sh: the underscore
 *                         keeps build outputs apart from sources)
 *   HOSTDIR               its contents into /, recursively, names unchanged
 *   HOSTFILE=/dest/path   as /dest/path, directories made as needed
 *   -r HOSTDIR=/dest      its contents into /dest, recursively
 *
 * Exit status: 0 done, 1 refused (nothing written), 2 usage; for --check,
 * 0 clean, 1 damaged, 2 unreadable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "tools/mkfs.h"

/* Check image and report on stdout: 0 clean, 1 damaged, 2 unreadable. */
static int check_main(const char *image)
{
    size_t len;
    uint8_t *img = mkfs_read_host_file(image, &len);

    if (!img) {
        fprintf(stderr, "mkfs: %s: %s\n", image, strerror(errno));
        return 2;
    }
    printf("checking %s\n", image);
    struct fscheck r = fs_check(img, len, stdout);
    free(img);
    return r.errors ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check") == 0)
        return check_main(argv[2]);
    if (argc == 5 && strcmp(argv[1], "--extract") == 0)
        return mkfs_extract_file(argv[2], argv[3], argv[4]) < 0;
    if (argc >= 3 && argv[1][0] != '-') {
        char *end;
        unsigned long size = strtoul(argv[2], &end, 0);
        if (*end || size == 0 || size > 1u << 22) {
            fprintf(stderr, "mkfs: bad size '%s' (blocks)\n", argv[2]);
            return 1;
        }
        return mkfs_build_image(argv[1], size, argc - 3, argv + 3) < 0;
    }
    fprintf(stderr,
            "usage: mkfs IMAGE SIZE_IN_BLOCKS ARG...\n"
            "       mkfs --check IMAGE\n"
            "       mkfs --extract IMAGE PATH OUT\n"
            "ARG: HOSTFILE (into /, a leading '_' dropped), HOSTDIR (its\n"
            "contents into /), HOSTFILE=/dest/path, -r HOSTDIR=/dest\n");
    return 2;
}
