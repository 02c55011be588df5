/* Byte-ring copies for the console page, checked against hostile indices
 * (see console_ring.h). */
#include "xenolinux-lite/kernel/console_ring.h"
#include "public/errno.h"

int cring_used(uint32_t prod, uint32_t cons, uint32_t size)
{
    uint32_t used = prod - cons;    /* wraps: cons "ahead" gives a huge value */
    return used > size ? -EIO : (int)used;
}

int cring_room(uint32_t prod, uint32_t cons, uint32_t size)
{
    int used = cring_used(prod, cons, size);
    return used < 0 ? used : (int)size - used;
}

int cring_put(char *ring, uint32_t size, uint32_t *prod, uint32_t cons,
              const char *src, uint32_t n)
{
    int room = cring_room(*prod, cons, size);
    if (room < 0)
        return room;
    uint32_t count = n < (uint32_t)room ? n : (uint32_t)room;
    uint32_t p = *prod;
    for (uint32_t i = 0; i < count; i++)
        ring[(p + i) & (size - 1)] = src[i];
    *prod = p + count;
    return (int)count;
}

int cring_get(const char *ring, uint32_t size, uint32_t prod, uint32_t *cons,
              char *dst, uint32_t n)
{
    int used = cring_used(prod, *cons, size);
    if (used < 0)
        return used;
    uint32_t count = n < (uint32_t)used ? n : (uint32_t)used;
    uint32_t c = *cons;
    for (uint32_t i = 0; i < count; i++)
        dst[i] = ring[(c + i) & (size - 1)];
    *cons = c + count;
    return (int)count;
}
