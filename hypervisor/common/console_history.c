/*
 * The hypervisor's console history: the last CONSOLE_HISTORY bytes it
 * logged, for dom0's `xl dmesg` (sysctl readconsole).  Guests' console
 * output is not kept: it is theirs, and dom0 reads a domU's through its
 * console ring.
 */
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"

#define CONSOLE_HISTORY 16384   /* a power of two */

static struct {
    char text[CONSOLE_HISTORY];
    uint32_t start, end;        /* free-running: bytes [start, end) kept */
} history;

void console_history_append(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        history.text[history.end++ & (CONSOLE_HISTORY - 1)] = s[i];
        if (history.end - history.start > CONSOLE_HISTORY)
            history.start++;
    }
}

/*
 * Copy the oldest bytes kept, at most max, to out(ctx, chunk, len) in
 * order; returns the count copied, or out's negative error.  With clear,
 * the history is emptied after a successful copy.
 */
long console_history_read(size_t max, int clear,
                          int (*out)(void *ctx, size_t off, const char *p, size_t n),
                          void *ctx)
{
    uint32_t pos = history.start, end = history.end;
    size_t done = 0;
    while (pos != end && done < max) {
        uint32_t slot = pos & (CONSOLE_HISTORY - 1);
        size_t n = MIN((size_t)(end - pos), (size_t)(CONSOLE_HISTORY - slot));
        n = MIN(n, max - done);
        int rc = out(ctx, done, &history.text[slot], n);
        if (rc < 0)
            return rc;
        pos += n;
        done += n;
    }
    if (clear)
        history.start = history.end;
    return (long)done;
}
