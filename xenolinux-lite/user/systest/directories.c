/* Directories: mkdir, chdir, their errors, and reading entries. */
#include "systest.h"

/* Look name up by reading directory dir; its inode number or 0. */
static uint
find_entry(const char *dir, const char *name)
{
    struct dirent de;
    uint found = 0;
    int fd;

    fd = open(dir, O_RDONLY);
    if (fd < 0)
        return 0;
    while (found == 0 && read(fd, &de, sizeof(de)) == sizeof(de))
        if (de.inum != 0 && strncmp(de.name, name, DIRSIZ) == 0)
            found = de.inum;
    close(fd);
    return found;
}

/* Child: chdir into st.dir and see f there by its short name. */
static int
chdir_in_child(int unused)
{
    (void)unused;
    return chdir("st.dir") == 0 && can_open("f");
}

static void
make_and_enter(void)
{
    struct stat st;

    CHECK(mkdir("st.dir") == 0, "mkdir");
    CHECK(mkdir("st.dir") == -1, "mkdir of an existing name fails");
    CHECK(stat("st.dir", &st) == 0 && st.type == T_DIR,
          "mkdir makes a directory");
    CHECK(find_entry("st.dir", ".") == st.ino, "a new directory has .");
    CHECK(find_entry("st.dir", "..") != 0, "a new directory has ..");
    CHECK(find_entry(".", "st.dir") == st.ino,
          "the parent's entry names the new directory");

    CHECK(chdir("st.dir") == 0, "chdir");
    CHECK(write_file("f", "in dir", 6) == 0, "create a file by a relative name");
    CHECK(chdir("..") == 0, "chdir ..");
    CHECK(can_open("st.dir/f"), "the file is in the directory");
    CHECK(!can_open("f"), "and not in the parent");
    CHECK(in_child(chdir_in_child, 0) == CHILD_PASSED, "chdir in a child");
    CHECK(!can_open("f"), "a child's chdir leaves ours alone");
}

static void
errors(void)
{
    CHECK(chdir("st.missing") == -1, "chdir to a missing directory fails");
    CHECK(write_file("st.plain", "x", 1) == 0, "create st.plain");
    CHECK(chdir("st.plain") == -1, "chdir to a file fails");
    CHECK(mkdir("st.plain/x") == -1, "mkdir under a file fails");
    CHECK(open("st.plain/x", O_CREATE | O_RDWR) == -1,
          "create under a file fails");
    CHECK(mkdir("st.missing/x") == -1, "mkdir under a missing directory fails");
    CHECK(unlink("st.dir") == -1, "unlink of a non-empty directory fails");
    CHECK(unlink("st.dir/.") == -1, "unlink of . fails");
    CHECK(unlink("st.dir/..") == -1, "unlink of .. fails");
    CHECK(unlink("st.plain") == 0, "unlink st.plain");
}

void
test_directories(void)
{
    make_and_enter();
    errors();
    CHECK(unlink("st.dir/f") == 0, "unlink the file in the directory");
    CHECK(unlink("st.dir") == 0, "unlink an empty directory");
    CHECK(chdir("st.dir") == -1, "chdir to a removed directory fails");
    CHECK(find_entry(".", "st.dir") == 0, "its entry is gone");
}
