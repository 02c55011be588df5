/* Files: create, read, write, fstat fields, big files, link, unlink, mknod. */
#include "systest.h"

#define BIG_BLOCKS (NDIRECT + 20)   /* reaches the indirect block */

static char block[BSIZE];

static void
fill_block(int seq)
{
    int i;

    for (i = 0; i < BSIZE; i++)
        block[i] = (char)(seq * 7 + i);
}

static void
stat_fields(void)
{
    struct stat st, root;
    int fd;

    CHECK(stat("/", &root) == 0, "stat /");
    CHECK(root.type == T_DIR, "/ is a directory");
    CHECK(root.ino == ROOTINO, "/ is inode ROOTINO");

    fd = open("st.file", O_CREATE | O_RDWR);
    CHECK(fd >= 0, "create st.file");
    CHECK(fstat(fd, &st) == 0, "fstat a new file");
    CHECK(st.type == T_FILE, "a new file has type T_FILE");
    CHECK(st.size == 0, "a new file is empty");
    CHECK(st.nlink == 1, "a new file has one link");
    CHECK(st.ino != 0 && st.ino != ROOTINO, "a new file has its own inode");
    CHECK(st.dev == root.dev, "a new file is on the root's device");
    CHECK(write(fd, "hello, world", 12) == 12, "write 12 bytes");
    CHECK(fstat(fd, &st) == 0 && st.size == 12, "fstat sees the new size");
    CHECK(write(fd, "!", 1) == 1 && fstat(fd, &st) == 0 && st.size == 13,
          "a second write extends the file");
    close(fd);

    CHECK(stat("/console", &st) == 0 && st.type == T_DEV,
          "/console is a device");
    fd = open("/", O_RDONLY);
    CHECK(fstat(fd, &st) == 0 && st.type == T_DIR && st.ino == ROOTINO,
          "fstat of an open directory");
    CHECK(write(fd, "x", 1) == -1, "write to a directory fd fails");
    close(fd);
    CHECK(open("/", O_RDWR) == -1, "open a directory for writing fails");
    CHECK(open("/", O_WRONLY) == -1, "open a directory write-only fails");
}

static void
big_file(void)
{
    struct stat st;
    int fd, i, good = 1;

    fd = open("st.big", O_CREATE | O_RDWR);
    for (i = 0; i < BIG_BLOCKS; i++) {
        fill_block(i);
        if (write(fd, block, BSIZE) != BSIZE)
            good = 0;
    }
    CHECK(good, "write a file past the direct blocks");
    CHECK(fstat(fd, &st) == 0 && st.size == BIG_BLOCKS * BSIZE,
          "a big file's size");
    close(fd);

    fd = open("st.big", O_RDONLY);
    for (i = 0; i < BIG_BLOCKS && good; i++) {
        static char want[BSIZE];

        fill_block(i);
        memmove(want, block, BSIZE);
        if (read(fd, block, BSIZE) != BSIZE || memcmp(block, want, BSIZE))
            good = 0;
    }
    CHECK(good, "read a big file back");
    CHECK(read(fd, block, BSIZE) == 0, "a big file ends where written");
    close(fd);
    CHECK(unlink("st.big") == 0, "unlink a big file");
}

static void
links(void)
{
    struct stat a, b;
    char buf[16];
    int fd;

    CHECK(link("st.file", "st.link") == 0, "link");
    CHECK(stat("st.file", &a) == 0 && stat("st.link", &b) == 0 &&
          a.ino == b.ino, "a link names the same inode");
    CHECK(a.nlink == 2, "a linked file has two links");
    CHECK(link("st.file", "st.link") == -1, "link to an existing name fails");
    CHECK(link("st.missing", "st.link2") == -1, "link of a missing file fails");
    CHECK(link(".", "st.dirlink") == -1, "link of a directory fails");
    CHECK(link("st.file", "st.nodir/x") == -1,
          "link into a missing directory fails");

    CHECK(unlink("st.file") == 0, "unlink the first name");
    CHECK(open("st.file", O_RDONLY) == -1, "an unlinked name is gone");
    fd = open("st.link", O_RDONLY);
    memset(buf, 0, sizeof(buf));
    CHECK(read(fd, buf, sizeof(buf)) == 13 &&
          memcmp(buf, "hello, world!", 13) == 0, "the data stays under the link");
    CHECK(fstat(fd, &a) == 0 && a.nlink == 1, "one link left");

    /* The file lives while open, after its last name is gone. */
    CHECK(unlink("st.link") == 0, "unlink the last name of an open file");
    CHECK(unlink("st.link") == -1, "unlink of a missing name fails");
    CHECK(fstat(fd, &a) == 0 && a.nlink == 0, "an open unlinked file");
    CHECK(read(fd, buf, 4) == 0, "its offset is kept");
    close(fd);
}

static void
devices(void)
{
    struct stat st;

    CHECK(mknod("st.node", 1, 0) == 0, "mknod");
    CHECK(stat("st.node", &st) == 0 && st.type == T_DEV,
          "mknod makes a T_DEV");
    CHECK(mknod("st.node", 1, 0) == -1, "mknod over an existing name fails");
    CHECK(unlink("st.node") == 0, "unlink a device node");
}

void
test_files(void)
{
    stat_fields();
    big_file();
    links();
    devices();
}
