/*
 * A guest's console page as its back end uses it (ABI 10.2): guest
 * output comes out of out[], typed input goes into in[].
 *
 * The guest is not trusted.  Our indices (out_cons, in_prod) are kept
 * here and only written to the page; the guest's (out_prod, in_cons) are
 * read once per call and checked, and while they are impossible the
 * console is ignored: nothing is copied, -EIO is returned, and the next
 * call looks again.  Nothing a guest writes makes us touch memory outside
 * the page's arrays or loop.
 *
 * Pure code apart from memory barriers, so that the host's unit tests
 * run it on a page of their own.
 */
#ifndef DOM0_XENCONSOLED_GUEST_RING_H
#define DOM0_XENCONSOLED_GUEST_RING_H
#include <stdint.h>
#include "public/io/console.h"
#include "dom0/xenconsoled/outbuf.h"

struct guest_ring {
    struct xencons_interface *page;     /* the guest's page, mapped */
    uint32_t out_cons;                  /* ours, published to the page */
    uint32_t in_prod;                   /* ours, published to the page */
};

/* Start serving page, taking our indices from what the page says (a
 * back end before us may have moved them). */
void guest_ring_attach(struct guest_ring *r, struct xencons_interface *page);

/*
 * Move everything the guest has written to out[] into b (whose oldest
 * bytes go if it overflows) and publish out_cons.  Returns the bytes
 * moved (the caller notifies the guest if any), or -EIO.
 */
int guest_ring_take_output(struct guest_ring *r, struct outbuf *b);

/* Room in in[] for typed bytes, or -EIO. */
int guest_ring_input_room(const struct guest_ring *r);

/*
 * Copy what fits of src[0..n) into in[] and publish in_prod.  Returns the
 * bytes copied (the caller notifies the guest if any), or -EIO.
 */
int guest_ring_give_input(struct guest_ring *r, const char *src, uint32_t n);
#endif
