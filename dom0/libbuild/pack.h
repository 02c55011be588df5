/*
 * A pack: several named files (kernel images) in one blob, so that a
 * dom0 test guest, which has only one ramdisk, can be given every domU
 * image it builds.  tools/mkpack writes packs; pack_find() reads them.
 *
 * Layout (all numbers little-endian uint32):
 *
 *   0                     struct pack_header: magic "XPAK", version 1,
 *                         count, reserved (0)
 *   16                    count x struct pack_entry (40 bytes each):
 *                         name (NUL-padded, at most 31 characters),
 *                         offset (from the start of the pack), size
 *   16 + 40 * count ...   the files' bytes, each starting at a multiple
 *                         of PACK_ALIGN; the pack ends after the last
 */
#ifndef DOM0_LIBBUILD_PACK_H
#define DOM0_LIBBUILD_PACK_H
#include <stddef.h>
#include <stdint.h>

#define PACK_MAGIC   0x4B415058u    /* "XPAK" read as a little-endian word */
#define PACK_VERSION 1
#define PACK_NAME_MAX 32            /* bytes of name, NUL included */
#define PACK_ALIGN   16

struct pack_header {
    uint32_t magic;
    uint32_t version;
    uint32_t count;         /* entries that follow */
    uint32_t reserved;
};

struct pack_entry {
    char name[PACK_NAME_MAX];
    uint32_t offset;        /* of the file's bytes, from the pack's start */
    uint32_t size;          /* in bytes */
};

/*
 * Find the file called name in pack[0..len): 0 with *data and *size set,
 * or -1 if the pack is malformed (bad magic or version, an entry reaching
 * past len) or has no such file.
 */
int pack_find(const void *pack, size_t len, const char *name,
              const uint8_t **data, size_t *size);
#endif
