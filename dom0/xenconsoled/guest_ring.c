/* The back end's side of a guest's console page (see guest_ring.h). */
#include "dom0/xenconsoled/guest_ring.h"
#include "xenolinux-lite/kernel/console_ring.h"

/* A word the guest writes, read once. */
static uint32_t guest_index(const uint32_t *p)
{
    return *(const volatile uint32_t *)p;
}

static void publish_index(uint32_t *p, uint32_t v)
{
    *(volatile uint32_t *)p = v;
}

static void barrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void guest_ring_attach(struct guest_ring *r, struct xencons_interface *page)
{
    r->page = page;
    r->out_cons = guest_index(&page->out_cons);
    r->in_prod = guest_index(&page->in_prod);
}

int guest_ring_take_output(struct guest_ring *r, struct outbuf *b)
{
    static char bytes[sizeof(((struct xencons_interface *)0)->out)];
    struct xencons_interface *page = r->page;
    uint32_t prod = guest_index(&page->out_prod);
    barrier();                          /* the index before the bytes */
    int got = cring_get(page->out, sizeof(page->out), prod, &r->out_cons,
                        bytes, sizeof(bytes));
    if (got <= 0)
        return got;
    barrier();                          /* done with the bytes, then free them */
    publish_index(&page->out_cons, r->out_cons);
    outbuf_put(b, bytes, (uint32_t)got);
    return got;
}

int guest_ring_input_room(const struct guest_ring *r)
{
    uint32_t cons = guest_index(&r->page->in_cons);
    return cring_room(r->in_prod, cons, sizeof(r->page->in));
}

int guest_ring_give_input(struct guest_ring *r, const char *src, uint32_t n)
{
    struct xencons_interface *page = r->page;
    uint32_t cons = guest_index(&page->in_cons);
    barrier();                          /* the index before reusing the room */
    int put = cring_put(page->in, sizeof(page->in), &r->in_prod, cons, src, n);
    if (put <= 0)
        return put;
    barrier();                          /* the bytes before the index */
    publish_index(&page->in_prod, r->in_prod);
    return put;
}
