/*
 * The output of one domain that its pseudo-terminal could not take yet:
 * up to OUTBUF_SIZE bytes, in order.  When more arrives the oldest bytes
 * go, so a domain that writes while nobody reads costs a bounded amount
 * of memory, and whoever attaches later sees the latest 16 KB.
 *
 * Pure code (no library calls), so that the host's unit tests use it too.
 */
#ifndef DOM0_XENCONSOLED_OUTBUF_H
#define DOM0_XENCONSOLED_OUTBUF_H
#include <stdint.h>

#define OUTBUF_SIZE 16384       /* a power of two */

struct outbuf {
    uint32_t head, tail;        /* kept: bytes [head, tail), counting up */
    uint32_t dropped;           /* bytes dropped (oldest first) so far */
    char data[OUTBUF_SIZE];
};

void outbuf_init(struct outbuf *b);
/* Bytes kept. */
uint32_t outbuf_len(const struct outbuf *b);
/*
 * Append n bytes of src.  If more than OUTBUF_SIZE bytes would then be
 * kept, the oldest go (from src itself too, if n alone is more).  Returns
 * the number of bytes this call dropped.
 */
uint32_t outbuf_put(struct outbuf *b, const char *src, uint32_t n);
/* The oldest kept bytes that lie in one piece: points *p at them and
 * returns their count (0 if none are kept). */
uint32_t outbuf_peek(const struct outbuf *b, const char **p);
/* Forget the n oldest kept bytes (at most all of them). */
void outbuf_consume(struct outbuf *b, uint32_t n);
#endif
