/*
 * Copying bytes into and out of one of the console page's two byte rings
 * (public/io/console.h, ABI 10.2), for either end: the guest produces
 * into out[] and consumes from in[]; xenconsoled does the opposite.
 *
 * Indices are free-running uint32_t; byte i of the stream lives at
 * ring[i & (size - 1)].  Each side keeps its own index privately and only
 * ever writes it to the page, never reads it back; the other side's index
 * is read from the page once per operation and handed in here by value,
 * so a peer that rewrites it meanwhile cannot make us copy twice or step
 * outside the array.  Indices that cannot be true (the producer more than
 * size bytes ahead of the consumer, or behind it) are refused with -EIO
 * and nothing is copied.
 *
 * Pure code: no locks, no barriers, no library calls.  The caller reads
 * the peer's index, issues a read barrier, calls us, issues a write
 * barrier and publishes its own index.  The same file is compiled into
 * the kernel (its domU console, console_front.c) and into xenconsoled,
 * as hypervisor/common/guest_image.c is shared with dom0's builder.
 */
#ifndef XL_CONSOLE_RING_H
#define XL_CONSOLE_RING_H
#include <stdint.h>

/*
 * Bytes waiting between cons and prod in a ring of size bytes (a power
 * of two), or -EIO if prod is more than size ahead of cons or behind it.
 */
int cring_used(uint32_t prod, uint32_t cons, uint32_t size);

/*
 * Free room for a producer at prod whose consumer is at cons: size minus
 * the bytes waiting, or -EIO as for cring_used.
 */
int cring_room(uint32_t prod, uint32_t cons, uint32_t size);

/*
 * Producer: copy up to n bytes of src into ring (size bytes, a power of
 * two) at *prod, given the consumer's index cons.  Advances *prod by the
 * count copied and returns it (0 when the ring is full), or returns -EIO
 * and copies nothing when the indices are impossible.
 */
int cring_put(char *ring, uint32_t size, uint32_t *prod, uint32_t cons,
              const char *src, uint32_t n);

/*
 * Consumer: copy up to n bytes from ring at *cons into dst, given the
 * producer's index prod.  Advances *cons by the count copied and returns
 * it (0 when the ring is empty), or -EIO with nothing copied when the
 * indices are impossible.
 */
int cring_get(const char *ring, uint32_t size, uint32_t prod, uint32_t *cons,
              char *dst, uint32_t n);
#endif
