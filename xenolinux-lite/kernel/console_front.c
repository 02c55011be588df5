/*
 * A domU's console front end: the console ring page the domain builder
 * gave us (start_info console.domU: the page's machine frame and our end
 * of an event channel), served by xenconsoled in dom0 (ABI 10.2,
 * public/io/console.h).  The page is one of our own pseudo-physical
 * pages, M2P[mfn], already in the kernel's map.
 *
 * Output: copy the bytes into out[], write barrier, advance out_prod,
 * notify.  Input: on the console event, take what is in in[], hand it
 * to the same line discipline dom0's serial input uses (consoleintr),
 * advance in_cons and notify, so that the back end sees the room.
 *
 * The back end's indices (out_cons, in_prod) are read once per look and
 * checked (console_ring.c): impossible values make the ring count as
 * full (output) or empty (input) until they are sane again, so a broken
 * back end can neither make us touch memory outside the arrays nor keep
 * us in a loop.  Our own indices live here and are only written to the
 * page.
 *
 * When out[] is full, a writer waits for the back end to take bytes: a
 * process writing to the console sleeps (on the clock's channel, which
 * the console event also rings, so that it wakes at either), kernel
 * output polls the console port with SCHEDOP_poll (usable in any
 * context, events masked or not).  The wait is bounded: if no byte of
 * ours fits for NO_BACKEND_WAIT_MS while the back end has never taken
 * anything (there may be none: a domain started without xenconsoled),
 * or for STALL_WAIT_MS once it has, the console counts as stalled.  A
 * stalled console drops what does not fit at once, and counts it; as
 * soon as the back end makes room again, the next write first says
 * "[console: N bytes lost]", so output is never lost silently.  Output
 * written before the back end attaches waits in the ring (2 KB).
 *
 * Callers serialise writes (console.c holds its lock, which masks
 * events; a sleeping writer has released it, so writes of whole calls
 * may interleave, never bytes of one copy).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/console_front.h"
#include "xenolinux-lite/kernel/console_ring.h"
#include "public/errno.h"
#include "public/memory.h"
#include "public/io/console.h"

#define NO_BACKEND_WAIT_MS 1000     /* before the back end ever took output */
#define STALL_WAIT_MS      10000    /* once it has */
#define POLL_SLICE_MS      10       /* one SCHEDOP_poll's time limit */
#define NS_PER_MS          1000000ull
#define INPUT_CHUNK        64

enum front_mode { MODE_UNDECIDED, MODE_IO, MODE_RING };

static struct {
    enum front_mode mode;
    struct xencons_interface *ring;
    evtchn_port_t port;
    uint32_t out_prod;          /* ours: published to ring->out_prod */
    uint32_t in_cons;           /* ours: published to ring->in_cons */
    uint32_t first_out_cons;    /* out_cons when we started */
    int backend_seen;           /* out_cons has moved since */
    int stalled;                /* gave up waiting: drop what does not fit */
    uint32_t lost;              /* dropped bytes not yet reported */
    int sleepers;               /* processes waiting for room */
    int said_bad_out, said_bad_in;  /* reported impossible indices once */
} front;

/* A word the back end writes, read once. */
static uint32_t peer_index(const uint32_t *p)
{
    return *(const volatile uint32_t *)p;
}

static void publish_index(uint32_t *p, uint32_t v)
{
    *(volatile uint32_t *)p = v;
}

/* Say something on the hypervisor's console (its log), bypassing the ring. */
static void say_io(const char *s)
{
    HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_write, strlen(s), s);
}

static void notify_backend(void)
{
    evtchn_send_t s = { .port = front.port };
    HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

/* Does the kernel command line contain the word `word`? */
static int cmdline_has(const char *word)
{
    const char *s = start_info->cmd_line;
    int limit = sizeof(start_info->cmd_line);
    int n = strlen(word);
    for (int i = 0; i + n <= limit && s[i]; i++) {
        if ((i == 0 || s[i - 1] == ' ') && strncmp(s + i, word, n) == 0 &&
            (i + n == limit || s[i + n] == ' ' || s[i + n] == 0))
            return 1;
    }
    return 0;
}

/*
 * The kernel address of the console page, or 0 if start_info does not
 * name one of our own pages inside the builder's initial map (the only
 * part of memory mapped this early).
 */
static struct xencons_interface *find_ring_page(void)
{
    uint32_t mfn = start_info->console.domU.mfn;
    xen_machphys_mapping_t m2p;
    if (mfn == 0 || HYPERCALL2(__HYPERVISOR_memory_op,
                               XENMEM_machphys_mapping, &m2p) < 0 ||
        mfn > m2p.max_mfn)
        return 0;
    uint32_t pfn = M2P[mfn];
    const uint32_t *mfn_list = (const uint32_t *)start_info->mfn_list;
    if (pfn >= start_info->nr_pages || pfn >= PFN(start_info->pt_base) ||
        mfn_list[pfn] != mfn)
        return 0;
    return P2V(pfn << PGSHIFT);
}

/* Pick the console: the ring if we can, console_io otherwise. */
static void decide_mode(void)
{
    front.mode = MODE_IO;
    if (is_dom0() || cmdline_has("console=io"))
        return;
    uint32_t port = start_info->console.domU.evtchn;
    struct xencons_interface *ring = find_ring_page();
    if (!ring || port == 0 || port >= NR_EVENT_CHANNELS) {
        say_io("console: no usable console ring; output goes to the "
               "hypervisor's console\n");
        return;
    }
    front.ring = ring;
    front.port = port;
    front.out_prod = peer_index(&ring->out_prod);
    front.in_cons = peer_index(&ring->in_cons);
    front.first_out_cons = peer_index(&ring->out_cons);
    front.mode = MODE_RING;
    char note[80];
    snprintf(note, sizeof(note), "console: on the console ring (port %u); "
             "xl console shows it\n", port);
    say_io(note);
}

int console_front_active(void)
{
    if (front.mode == MODE_UNDECIDED)
        decide_mode();
    return front.mode == MODE_RING;
}

/* Copy what fits of src into out[] and publish it; the count, 0 if full
 * (or if the back end's index is impossible).  Events masked. */
static int put_out(uint32_t cons, const char *src, uint32_t n)
{
    struct xencons_interface *r = front.ring;
    int put = cring_put(r->out, sizeof(r->out), &front.out_prod, cons, src, n);
    if (put <= 0)
        return 0;
    mb();                       /* the bytes before the index */
    publish_index(&r->out_prod, front.out_prod);
    notify_backend();
    return put;
}

/*
 * Look at the back end's out_cons and put what fits of src, the note
 * about lost output first.  Returns the bytes of src put; 0 when nothing
 * fits.  Events masked.
 */
static int try_put(const char *src, uint32_t n)
{
    struct xencons_interface *r = front.ring;
    uint32_t cons = peer_index(&r->out_cons);
    mb();                       /* the index before we reuse the space */
    int room = cring_room(front.out_prod, cons, sizeof(r->out));
    if (room < 0) {
        if (!front.said_bad_out) {
            front.said_bad_out = 1;
            say_io("console: the back end's out_cons is impossible; "
                   "output waits\n");
        }
        return 0;
    }
    if (cons != front.first_out_cons)
        front.backend_seen = 1;
    if (room == 0)
        return 0;
    front.stalled = 0;          /* the back end is taking bytes again */
    if (front.lost) {
        char note[48];
        int len = snprintf(note, sizeof(note), "\n[console: %u bytes lost]\n",
                           front.lost);
        if (len > room)
            return 0;           /* the note goes first, whole */
        put_out(cons, note, len);
        front.lost = 0;
        room -= len;
        if (room == 0)
            return 0;
    }
    return put_out(cons, src, n);
}

/* Kernel-context wait: block the vCPU until the console port fires or
 * until (system time, ns); if the port is pending already, yield. */
static void poll_port(uint64_t until)
{
    evtchn_port_t ports[1] = { front.port };
    sched_poll_t p = { .nr_ports = 1, .timeout = until };
    set_xen_guest_handle(p.ports, ports);
    HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_poll, &p);
    uint32_t word = front.port / 32, bit = front.port % 32;
    if (shared->evtchn_pending[word] & (1u << bit))
        HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
}

/*
 * Wait once for room: sleep a tick (or until the console event) with lk,
 * or poll the port for a slice.  since is when this wait began (ns).
 * Returns 0, or -1 when the wait is over: the time limit passed (the
 * console is now stalled) or the process was killed.
 */
static int wait_for_room(struct spinlock *lk, uint64_t since)
{
    uint64_t now = system_time_ns();
    uint64_t limit = (front.backend_seen ? STALL_WAIT_MS : NO_BACKEND_WAIT_MS)
                     * NS_PER_MS;
    if (now - since >= limit) {
        front.stalled = 1;
        return -1;
    }
    if (lk) {
        if (myproc()->killed)
            return -1;
        front.sleepers++;
        sleep(&ticks, lk);
        front.sleepers--;
    } else {
        uint64_t until = now + POLL_SLICE_MS * NS_PER_MS;
        poll_port(until < since + limit ? until : since + limit);
    }
    return 0;
}

int console_front_write(const char *s, int n, struct spinlock *lk)
{
    int done = 0;
    uint64_t since = 0;
    while (done < n) {
        pushcli();
        int put = try_put(s + done, (uint32_t)(n - done));
        popcli();
        if (put > 0) {
            done += put;
            since = 0;
            continue;
        }
        if (!shared || front.stalled) {
            front.lost += n - done;     /* no clock yet, or stalled */
            return n;
        }
        if (since == 0)
            since = system_time_ns();
        if (wait_for_room(lk, since) < 0) {
            if (!front.stalled)
                return done;            /* killed */
            front.lost += n - done;
            return n;
        }
    }
    return done;
}

/* Take what the back end typed (at most one ring's worth, so a back end
 * that keeps writing cannot hold us here), then tell it about the room. */
static void take_input(void)
{
    struct xencons_interface *r = front.ring;
    char buf[INPUT_CHUNK];
    uint32_t taken = 0;
    while (taken < sizeof(r->in)) {
        uint32_t prod = peer_index(&r->in_prod);
        mb();                   /* the index before the bytes */
        int got = cring_get(r->in, sizeof(r->in), prod, &front.in_cons, buf,
                            sizeof(buf));
        if (got < 0 && !front.said_bad_in) {
            front.said_bad_in = 1;
            say_io("console: the back end's in_prod is impossible; "
                   "input ignored\n");
        }
        if (got <= 0)
            break;
        consoleintr(buf, got);
        taken += got;
    }
    if (taken) {
        mb();                   /* done with the bytes before freeing them */
        publish_index(&r->in_cons, front.in_cons);
        notify_backend();
    }
}

/* The console event: input may have arrived, or room in out[]. */
static void on_console_event(evtchn_port_t port)
{
    (void)port;
    take_input();
    if (front.sleepers)
        wakeup(&ticks);
}

void console_front_input_init(void)
{
    if (!console_front_active())
        return;
    pushcli();
    evtchn_set_handler(front.port, on_console_event);
    long rc = evtchn_unmask(front.port);
    popcli();
    if (rc < 0)
        cprintf("console: unmasking port %u: %ld\n", front.port, rc);
    take_input();               /* what was typed before we listened */
}
