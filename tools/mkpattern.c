/*
 * mkpattern: write a disk image whose every byte says where it is, so a
 * test reading it back through a virtual block device can tell a right
 * sector from a wrong one, a shifted one or a stale buffer.
 *
 *   mkpattern IMAGE SECTORS
 *
 * Byte j of sector i (512-byte sectors) is (i * 31 + j) & 0xFF: since 31
 * is odd, two sectors fewer than 256 apart differ at every byte, and so
 * does a sector and itself shifted by fewer than 256 bytes.
 * tests/guests/blkfuzz.c checks its reads against the same formula.
 *
 * Exit status: 0 written, 1 not (a message says why), 2 usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTOR_SIZE 512
#define MAX_SECTORS (1u << 20)          /* 512 MB: far more than any test */

/* Write sectors of the pattern to f: 0, or -errno. */
static int write_pattern(FILE *f, uint32_t sectors)
{
    uint8_t sector[SECTOR_SIZE];
    for (uint32_t i = 0; i < sectors; i++) {
        for (uint32_t j = 0; j < SECTOR_SIZE; j++)
            sector[j] = (uint8_t)(i * 31 + j);
        if (fwrite(sector, sizeof(sector), 1, f) != 1)
            return -EIO;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char *end;
    unsigned long sectors;

    if (argc != 3) {
        fprintf(stderr, "usage: mkpattern IMAGE SECTORS\n");
        return 2;
    }
    errno = 0;
    sectors = strtoul(argv[2], &end, 0);
    if (errno || *end || sectors == 0 || sectors > MAX_SECTORS) {
        fprintf(stderr, "mkpattern: bad sector count '%s'\n", argv[2]);
        return 2;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        fprintf(stderr, "mkpattern: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int rc = write_pattern(f, (uint32_t)sectors);
    if (fclose(f) != 0 && rc == 0)
        rc = -EIO;
    if (rc < 0) {
        fprintf(stderr, "mkpattern: %s: %s\n", argv[1], strerror(-rc));
        remove(argv[1]);
        return 1;
    }
    return 0;
}
