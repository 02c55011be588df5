/*
 * exec: a real program runs with its arguments and inherits fds; a file
 * that is not a loadable ELF image, or asks for memory it may not have,
 * is refused with -1 and the caller goes on as before.
 */
#include "systest.h"

#define ECHO "/echo"

/* The ELF header and program header fields exec reads (32-bit). */
struct elf_header {
    uchar ident[16];        /* 0x7f 'E' 'L' 'F', class, data, version */
    ushort type;            /* 2: executable */
    ushort machine;         /* 3: i386 */
    uint version;
    uint entry;
    uint phoff;             /* program headers' file offset */
    uint shoff;
    uint flags;
    ushort ehsize;
    ushort phentsize;
    ushort phnum;
    ushort shentsize;
    ushort shnum;
    ushort shstrndx;
};

struct elf_segment {
    uint type;              /* 1: loadable */
    uint offset;            /* in the file */
    uint vaddr;
    uint paddr;
    uint filesz;
    uint memsz;
    uint flags;
    uint align;
};

struct elf_image {
    struct elf_header h;
    struct elf_segment seg;
};

static char output[256];

/* Run path with argv in a child whose fd 1 is a pipe; the output lands in
 * output (NUL-terminated).  Returns its length, or -1. */
static int
run_captured(char *path, char **argv)
{
    int ends[2], pid, n, total = 0;

    if (pipe(ends) < 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        close(1);
        dup(ends[1]);
        close(ends[0]);
        close(ends[1]);
        exec(path, argv);
        exit();
    }
    close(ends[1]);
    while (total < (int)sizeof(output) - 1 &&
           (n = read(ends[0], output + total, sizeof(output) - 1 - total)) > 0)
        total += n;
    output[total] = '\0';
    close(ends[0]);
    CHECK(pid > 0 && wait() == pid, "the exec'd child is reaped");
    return total;
}

static void
runs_programs(void)
{
    char *argv[] = { "echo", "exec", "works", 0 };
    char *many[MAXARG + 8];
    int i;

    CHECK(run_captured(ECHO, argv) == 11 &&
          strcmp(output, "exec works\n") == 0,
          "exec runs echo with its arguments");

    many[0] = "echo";
    for (i = 1; i < MAXARG - 1; i++)
        many[i] = "x";
    many[MAXARG - 1] = 0;
    CHECK(run_captured(ECHO, many) == 2 * (MAXARG - 2),
          "exec passes MAXARG - 1 arguments");
    for (i = 1; i < MAXARG + 7; i++)
        many[i] = "x";
    many[MAXARG + 7] = 0;
    CHECK(exec(ECHO, many) == -1, "exec of more than MAXARG arguments fails");
}

/* A plausible one-segment image, for the tests to spoil. */
static void
good_image(struct elf_image *img)
{
    memset(img, 0, sizeof(*img));
    img->h.ident[0] = 0x7f;
    img->h.ident[1] = 'E';
    img->h.ident[2] = 'L';
    img->h.ident[3] = 'F';
    img->h.ident[4] = 1;
    img->h.ident[5] = 1;
    img->h.ident[6] = 1;
    img->h.type = 2;
    img->h.machine = 3;
    img->h.version = 1;
    img->h.phoff = sizeof(img->h);
    img->h.ehsize = sizeof(img->h);
    img->h.phentsize = sizeof(img->seg);
    img->h.phnum = 1;
    img->seg.type = 1;
    img->seg.offset = 0;
    img->seg.vaddr = 0;
    img->seg.filesz = sizeof(*img);
    img->seg.memsz = PGSIZE;
    img->seg.flags = 7;
    img->seg.align = PGSIZE;
}

/* Write img (its first len bytes) to st.elf and expect exec to refuse it. */
static void
refused(struct elf_image *img, int len, const char *what)
{
    char *argv[] = { "st.elf", 0 };

    unlink("st.elf");
    CHECK(write_file("st.elf", img, len) == 0, "write st.elf");
    CHECK(exec("st.elf", argv) == -1, what);
}

static void
refuses_bad_images(void)
{
    struct elf_image img;
    char *argv[] = { "x", 0 };

    CHECK(exec("st.missing", argv) == -1, "exec of a missing file fails");
    CHECK(exec("/", argv) == -1, "exec of a directory fails");
    CHECK(write_file("st.text", "#!/bin/sh\necho not ELF\n", 23) == 0,
          "write st.text");
    CHECK(exec("st.text", argv) == -1, "exec of a non-ELF file fails");
    CHECK(unlink("st.text") == 0, "unlink st.text");

    good_image(&img);
    refused(&img, sizeof(img.h), "exec of an image cut before its segment fails");
    good_image(&img);
    img.h.ident[0] = 0x7e;
    refused(&img, sizeof(img), "exec of an image with a bad magic fails");
    good_image(&img);
    img.seg.vaddr = (uint)KERNEL_ADDR;
    refused(&img, sizeof(img), "exec of a segment in the kernel fails");
    good_image(&img);
    img.seg.vaddr = (uint)HV_ADDR;
    img.seg.memsz = 2 * PGSIZE;
    refused(&img, sizeof(img), "exec of a segment wrapping past 4 GB fails");
    good_image(&img);
    img.seg.memsz = img.seg.filesz - 1;
    refused(&img, sizeof(img), "exec of a segment with memsz < filesz fails");
    good_image(&img);
    img.seg.filesz = 100000;
    img.seg.memsz = 100000;
    refused(&img, sizeof(img), "exec of a segment past the file's end fails");
    good_image(&img);
    img.seg.memsz = 0x70000000;
    refused(&img, sizeof(img), "exec of a segment bigger than memory fails");
    CHECK(unlink("st.elf") == 0, "unlink st.elf");
}

void
test_exec(void)
{
    runs_programs();
    refuses_bad_images();
    CHECK(getpid() > 0, "a failed exec leaves the caller running");
    runs_programs();
}
