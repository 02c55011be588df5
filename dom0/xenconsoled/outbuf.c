/* A bounded buffer that drops its oldest bytes (see outbuf.h). */
#include "dom0/xenconsoled/outbuf.h"

#define SLOT(i) ((i) & (OUTBUF_SIZE - 1))

void outbuf_init(struct outbuf *b)
{
    b->head = b->tail = 0;
    b->dropped = 0;
}

uint32_t outbuf_len(const struct outbuf *b)
{
    return b->tail - b->head;
}

uint32_t outbuf_put(struct outbuf *b, const char *src, uint32_t n)
{
    uint32_t dropped = 0;
    if (n > OUTBUF_SIZE) {              /* only src's newest bytes can stay */
        dropped = n - OUTBUF_SIZE;
        src += dropped;
        n = OUTBUF_SIZE;
    }
    uint32_t over = outbuf_len(b) + n > OUTBUF_SIZE
                    ? outbuf_len(b) + n - OUTBUF_SIZE : 0;
    b->head += over;
    dropped += over;
    for (uint32_t i = 0; i < n; i++)
        b->data[SLOT(b->tail + i)] = src[i];
    b->tail += n;
    b->dropped += dropped;
    return dropped;
}

uint32_t outbuf_peek(const struct outbuf *b, const char **p)
{
    uint32_t len = outbuf_len(b);
    uint32_t to_end = OUTBUF_SIZE - SLOT(b->head);
    *p = &b->data[SLOT(b->head)];
    return len < to_end ? len : to_end;
}

void outbuf_consume(struct outbuf *b, uint32_t n)
{
    uint32_t len = outbuf_len(b);
    b->head += n < len ? n : len;
}
