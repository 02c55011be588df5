/*
 * ls [path ...]: one line per file, "name type inode size", where type is
 * T_DIR 1, T_FILE 2 or T_DEV 3.  A directory is listed by its entries;
 * with no path, the current directory.
 */
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "fs.h"
#include "user.h"

#define PATHBUF 512

/* The last component of path, padded with spaces to DIRSIZ columns (a
 * longer name is shown whole).  Points into a static buffer. */
static const char *
column_name(const char *path)
{
    static char padded[DIRSIZ + 1];
    const char *name = path + strlen(path);
    uint len;

    while (name > path && name[-1] != '/')
        name--;
    len = strlen(name);
    if (len >= DIRSIZ)
        return name;
    memmove(padded, name, len);
    memset(padded + len, ' ', DIRSIZ - len);
    padded[DIRSIZ] = '\0';
    return padded;
}

static void
print_entry(const char *path, const struct stat *st)
{
    printf(1, "%s %d %d %d\n", column_name(path), st->type, st->ino,
           st->size);
}

/* List each entry of the open directory fd, named path. */
static void
list_directory(int fd, const char *path)
{
    char full[PATHBUF];
    struct dirent de;
    struct stat st;
    uint len = strlen(path);

    if (len + 1 + DIRSIZ + 1 > sizeof(full)) {
        printf(2, "ls: path too long\n");
        return;
    }
    strcpy(full, path);
    full[len++] = '/';
    while (read(fd, &de, sizeof(de)) == sizeof(de)) {
        if (de.inum == 0)
            continue;
        memmove(full + len, de.name, DIRSIZ);
        full[len + DIRSIZ] = '\0';
        if (stat(full, &st) < 0) {
            printf(2, "ls: cannot stat %s\n", full);
            continue;
        }
        print_entry(full, &st);
    }
}

static void
ls(const char *path)
{
    struct stat st;
    int fd;

    fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf(2, "ls: cannot open %s\n", path);
        return;
    }
    if (fstat(fd, &st) < 0) {
        printf(2, "ls: cannot stat %s\n", path);
    } else if (st.type == T_DIR) {
        list_directory(fd, path);
    } else {
        print_entry(path, &st);
    }
    close(fd);
}

int
main(int argc, char *argv[])
{
    int i;

    if (argc < 2)
        ls(".");
    for (i = 1; i < argc; i++)
        ls(argv[i]);
    exit();
}
