/*
 * mkpack: put several files into one pack (format in dom0/libbuild/pack.h),
 * to give a dom0 test guest every domU image as its single ramdisk.
 *
 *   mkpack OUT [NAME=]FILE...
 *
 * A file's name in the pack is NAME if given, else its base name without
 * the extension (build/guests/domu_noop.elf -> "domu_noop").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dom0/libbuild/pack.h"

#define MAX_FILES 64

struct input {
    char name[PACK_NAME_MAX];
    const char *path;
    unsigned char *data;
    size_t size;
};

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "mkpack: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(1);
}

/* The pack name for argument arg: NAME=..., or the path's base name. */
static void name_of(const char *arg, struct input *in)
{
    const char *eq = strchr(arg, '=');
    const char *start = arg, *end;
    if (eq) {
        in->path = eq + 1;
        end = eq;
    } else {
        in->path = arg;
        const char *slash = strrchr(arg, '/');
        start = slash ? slash + 1 : arg;
        const char *dot = strrchr(start, '.');
        end = dot && dot != start ? dot : start + strlen(start);
    }
    if (end == start || (size_t)(end - start) >= PACK_NAME_MAX)
        die("bad file name in '%s' (1 to 31 characters)", arg);
    memcpy(in->name, start, (size_t)(end - start));
    in->name[end - start] = 0;
}

static void read_file(struct input *in)
{
    FILE *f = fopen(in->path, "rb");
    if (!f)
        die("cannot open %s", in->path);
    if (fseek(f, 0, SEEK_END) != 0)
        die("cannot seek in %s", in->path);
    long size = ftell(f);
    if (size < 0 || (unsigned long)size > 0x40000000ul)
        die("bad size of %s", in->path);
    rewind(f);
    in->size = (size_t)size;
    in->data = malloc(in->size ? in->size : 1);
    if (!in->data || fread(in->data, 1, in->size, f) != in->size)
        die("cannot read %s", in->path);
    fclose(f);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static size_t align_up(size_t x)
{
    return (x + PACK_ALIGN - 1) & ~(size_t)(PACK_ALIGN - 1);
}

int main(int argc, char **argv)
{
    static struct input in[MAX_FILES];
    int n = argc - 2;
    if (argc < 3)
        die("usage: mkpack OUT [NAME=]FILE...%s", "");
    if (n > MAX_FILES)
        die("too many files (at most %s)", "64");
    for (int i = 0; i < n; i++) {
        name_of(argv[i + 2], &in[i]);
        for (int j = 0; j < i; j++)
            if (strcmp(in[i].name, in[j].name) == 0)
                die("two files named '%s'", in[i].name);
        read_file(&in[i]);
    }

    size_t header = sizeof(struct pack_header) +
                    (size_t)n * sizeof(struct pack_entry);
    size_t total = align_up(header);
    for (int i = 0; i < n; i++)
        total = align_up(total + in[i].size);
    unsigned char *pack = calloc(1, total);
    if (!pack)
        die("out of memory%s", "");
    put32(pack + 0, PACK_MAGIC);
    put32(pack + 4, PACK_VERSION);
    put32(pack + 8, (uint32_t)n);
    size_t at = align_up(header);
    for (int i = 0; i < n; i++) {
        unsigned char *e = pack + sizeof(struct pack_header) +
                           (size_t)i * sizeof(struct pack_entry);
        memcpy(e, in[i].name, strlen(in[i].name));
        put32(e + PACK_NAME_MAX, (uint32_t)at);
        put32(e + PACK_NAME_MAX + 4, (uint32_t)in[i].size);
        memcpy(pack + at, in[i].data, in[i].size);
        at = align_up(at + in[i].size);
    }

    FILE *out = fopen(argv[1], "wb");
    if (!out || fwrite(pack, 1, total, out) != total || fclose(out) != 0)
        die("cannot write %s", argv[1]);
    return 0;
}
