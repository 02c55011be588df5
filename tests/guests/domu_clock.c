/*
 * domu_clock (a domU): system time never goes backwards, within a domain
 * or across domains, however the scheduler switches between them.
 *
 * Two clock domains run CPU-bound side by side, sharing one page that
 * domain a grants to domain b.  Each keeps reading its clock and
 * publishing the latest reading in its slot of the page (under a
 * sequence count, since a 64-bit store takes two instructions).  Before
 * each reading it takes the other's latest published value: that was read
 * earlier in real time, so our reading must not be smaller.  Our own
 * readings must not decrease either.  A change in the other's value
 * between two of our readings means the CPU switched to it and back; we
 * count those switches, and need many for the test to mean anything.
 *
 * Command line: role=a|b peer=DOMID port=P ref=R [ms=DURATION]
 *   a: P is its own port waiting for b; it grants the page as ref R.
 *   b: P is a's port; it binds, says hello, waits for go, maps ref R.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/args.h"
#include "hypervisor/include/lib.h"
#include "public/grant_table.h"

#define PAGE 4096u
#define PTE_RW_FLAGS 0x023
#define MIN_SWITCHES 20

struct slot {
    volatile uint32_t seq;      /* odd while the value is being written */
    volatile uint32_t lo, hi;
};

static uint8_t shared_page[PAGE] __attribute__((aligned(PAGE)));
static uint8_t table_page[PAGE] __attribute__((aligned(PAGE)));
static uint8_t mapped_page[PAGE] __attribute__((aligned(PAGE)));
static volatile uint32_t received;

static void on_event(evtchn_port_t port)
{
    (void)port;
    received++;
}

static void publish(struct slot *s, uint64_t t)
{
    s->seq++;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    s->lo = (uint32_t)t;
    s->hi = (uint32_t)(t >> 32);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    s->seq++;
}

/* The other's latest value; 0 if it is being written right now. */
static uint64_t peek(const struct slot *s)
{
    uint32_t seq = s->seq;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    uint64_t t = ((uint64_t)s->hi << 32) | s->lo;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return (seq & 1) || seq != s->seq ? 0 : t;
}

/* Read the clock until ms have passed; mine and theirs are the slots. */
static void run(struct slot *mine, const struct slot *theirs, uint32_t ms)
{
    uint64_t start = system_time_ns(), end = start + ms * NS_PER_MS;
    uint64_t last = 0, last_theirs = 0, t = 0, worst_own = 0, worst_cross = 0;
    uint32_t reads = 0, switches = 0, back_own = 0, back_cross = 0;
    do {
        uint64_t other = peek(theirs);
        t = system_time_ns();
        if (t < last) {
            back_own++;
            worst_own = MAX(worst_own, last - t);
        }
        if (t < other) {
            back_cross++;
            worst_cross = MAX(worst_cross, other - t);
        }
        if (other && other != last_theirs) {
            switches += last_theirs != 0;
            last_theirs = other;
        }
        publish(mine, t);
        last = t;
        reads++;
    } while (t < end);
    printf("clock: %u readings over %u ms, %u switches to the other domain "
           "and back; backwards: %u within (worst %u ns), %u across (worst %u ns)\n",
           reads, ms, switches, back_own, (uint32_t)worst_own, back_cross,
           (uint32_t)worst_cross);
    domu_check(back_own == 0, "own readings went backwards %u times, by up "
               "to %u ns", back_own, (uint32_t)worst_own);
    domu_check(back_cross == 0, "readings fell behind the other domain's "
               "%u times, by up to %u ns", back_cross, (uint32_t)worst_cross);
    domu_check(switches >= MIN_SWITCHES, "only %u switches seen", switches);
}

/* a: grant the page to b as ref, wait for b's hello, say go, run. */
static void run_a(domid_t b, evtchn_port_t port, uint32_t ref, uint32_t ms)
{
    xen_pfn_t frame = 0;
    gnttab_setup_table_t op = { .dom = DOMID_SELF, .nr_frames = 1 };
    op.frame_list.p = &frame;
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &op, 1);
    domu_check(rc == 0 && op.status == GNTST_okay, "setup_table: %ld/%d", rc,
               op.status);
    rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, table_page,
                    (frame << 12) | PTE_RW_FLAGS, 0, UVMF_INVLPG);
    domu_check(rc == 0, "mapping the grant table: %ld", rc);
    if (rc)
        return;
    volatile grant_entry_t *e = (volatile grant_entry_t *)table_page + ref;
    e->domid = b;
    e->frame = guest_l1e((uint32_t)shared_page) >> 12;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    e->flags = GTF_permit_access;
    domu_check(bind_port(port, on_event) == 0, "bind_port(%u)", port);
    block_until(received >= 1);         /* b's hello */
    notify(port);
    struct slot *slots = (struct slot *)shared_page;
    run(&slots[0], &slots[1], ms);
}

/* b: bind to a's port, hello, wait for go, map the page, run. */
static void run_b(domid_t a, evtchn_port_t remote, uint32_t ref, uint32_t ms)
{
    long port = bind_interdomain(a, remote, on_event);
    domu_check(port > 0, "bind_interdomain(d%u, %u): %ld", a, remote, port);
    if (port <= 0)
        return;
    uint32_t seen = received;
    notify((evtchn_port_t)port);
    block_until(received > seen);       /* go */
    gnttab_map_grant_ref_t op = { .host_addr = (uint32_t)mapped_page,
                                  .flags = GNTMAP_host_map, .ref = ref,
                                  .dom = a };
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, &op, 1);
    domu_check(rc == 0 && op.status == GNTST_okay, "map_grant_ref: %ld/%d", rc,
               op.status);
    if (rc || op.status)
        return;
    struct slot *slots = (struct slot *)mapped_page;
    run(&slots[1], &slots[0], ms);
    gnttab_unmap_grant_ref_t un = { .host_addr = (uint32_t)mapped_page,
                                    .handle = op.handle };
    HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, &un, 1);
}

void guest_main(void)
{
    char role[4] = "";
    uint32_t peer = 0, port = 0, ref = 0, ms = 2000;
    domu_check(events_init() == 0, "events_init");
    arg_str("role", role, sizeof(role));
    arg_uint("peer", &peer);
    arg_uint("port", &port);
    arg_uint("ref", &ref);
    arg_uint("ms", &ms);
    if (strcmp(role, "a") == 0)
        run_a((domid_t)peer, port, ref, ms);
    else
        run_b((domid_t)peer, port, ref, ms);
    domu_finish();
}
