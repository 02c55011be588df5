/*
 * appender: keep a file growing by numbered records, so that a crash can
 * land in the middle of a write; and check such a file afterwards.
 *
 *   appender FILE [MAX]   check FILE (a missing one is empty), then
 *                         append records from the next number on, one
 *                         write() each, until FILE holds MAX records
 *                         (10000 if not given) or a write fails
 *   appender -c FILE      check FILE only
 *
 * Record n is RECSIZE bytes: "rec NNNNNNNN " and filler letters that
 * depend on n, ending in '\n'.  RECSIZE does not divide the block size,
 * so some records straddle two blocks.  A file is good if it holds
 * records 0, 1, ..., k-1 and nothing else: a write is one file-system
 * transaction, so a crash may lose the last records but never leave half
 * of one or a hole.
 *
 * What it prints: "appender: FILE holds K records, in order" after a
 * check (or "appender: FAIL: FILE: ..." and exit); when appending,
 * "appender: FILE: from record K", then "appender: N written" after
 * every PROGRESS records: N records were in the file when their write()
 * returned, so after a crash the file must hold at least N.
 */
#include "types.h"
#include "fcntl.h"
#include "user.h"

#define RECSIZE 40
#define PROGRESS 10
#define DEFAULT_MAX 10000

/* Fill rec with record n. */
static void
make_record(char *rec, int n)
{
    snprintf(rec, RECSIZE, "rec %08d ", n);
    for (int i = 13; i < RECSIZE - 1; i++)
        rec[i] = 'a' + (n + i) % 26;
    rec[RECSIZE - 1] = '\n';
}

static void
fail(const char *file, const char *what, int n)
{
    printf(1, "appender: FAIL: %s: %s %d\n", file, what, n);
    exit();
}

/*
 * Read fd (open on file) to its end, checking that it holds records 0 to
 * k-1 and nothing more: returns k, with fd's offset at the end.  Fails
 * (exits) on anything else.
 */
static int
check_records(int fd, const char *file)
{
    char want[RECSIZE], got[RECSIZE];
    int n = 0, r;

    while ((r = read(fd, got, RECSIZE)) == RECSIZE) {
        make_record(want, n);
        if (memcmp(want, got, RECSIZE) != 0)
            fail(file, "wrong bytes in record", n);
        n++;
    }
    if (r < 0)
        fail(file, "read error after record", n);
    if (r > 0)
        fail(file, "a torn record after whole records:", n);
    return n;
}

/* Append records from n on to fd until it holds max: returns the count. */
static int
append(int fd, const char *file, int n, int max)
{
    char rec[RECSIZE];

    printf(1, "appender: %s: from record %d\n", file, n);
    for (; n < max; n++) {
        make_record(rec, n);
        if (write(fd, rec, RECSIZE) != RECSIZE) {
            printf(1, "appender: %s: write of record %d failed\n", file, n);
            break;
        }
        if ((n + 1) % PROGRESS == 0)
            printf(1, "appender: %d written\n", n + 1);
    }
    return n;
}

int
main(int argc, char *argv[])
{
    int only_check = argc == 3 && strcmp(argv[1], "-c") == 0;
    if (!only_check && (argc < 2 || argc > 3 || argv[1][0] == '-')) {
        printf(2, "usage: appender FILE [MAX] | appender -c FILE\n");
        exit();
    }
    const char *file = only_check ? argv[2] : argv[1];
    int max = !only_check && argc == 3 ? atoi(argv[2]) : DEFAULT_MAX;

    int fd = open(file, only_check ? O_RDONLY : O_CREATE | O_RDWR);
    if (fd < 0) {
        printf(1, "appender: FAIL: %s: cannot open\n", file);
        exit();
    }
    int n = check_records(fd, file);
    printf(1, "appender: %s holds %d records, in order\n", file, n);
    if (!only_check) {
        n = append(fd, file, n, max);
        printf(1, "appender: %s: stopped at %d records\n", file, n);
    }
    close(fd);
    exit();
}
