/*
 * blkfuzz: a hostile block front end.  Run as a domU by dom0's xl with
 * one disk (xvda, 51712) whose image holds 64 sectors, byte j of sector
 * i being (i * 31 + j) & 0xFF, it connects to blkback by hand and feeds
 * it what no honest front end would:
 *
 *   - ring-refs it never granted, granted read-only, or that are no
 *     number at all, and event channels that are 0, past all ports,
 *     never allocated or bound already: each time the back end refuses
 *     to connect and goes Closing, keeps nothing mapped, and after
 *     Closed and Initialising waits again;
 *   - requests naming grants beyond its table, grants it never made, a
 *     read-only grant for a read, a grant made out to another domain;
 *     grants of frames that are not plain pages of its own (one of its
 *     page tables, the hypervisor's first frame, a frame past the end of
 *     memory, a frame of another domain's); a good grant followed by a bad one; sectors past the
 *     disk's end and a sector number that would wrap; 0, 12 and 255
 *     segments; sectors out of order or past the page; unknown
 *     operations;
 *   - one id used three times, and a full ring at once;
 *   - finally a req_prod far ahead of the ring.
 *
 * With "stay" on its command line it only connects, checks the good
 * requests, fills the ring with reads and stays connected until it is
 * destroyed: the back end must let go of a front end that never closes.
 * With "ro" its disk is read-only ('file:...,xvda,r'): the back end says
 * so (info: VDISK_READONLY), reads are served, and a write and a write
 * barrier with data are refused, leaving the sector as it was.
 *
 * It checks that each bad request is answered with BLKIF_RSP_ERROR and
 * its own id, that nothing a refused request named was written or stayed
 * mapped, that good requests around them still read and write the right
 * sectors, that the broken ring makes the back end go Closing
 * without answering, and that once both ends are Closed every grant can
 * be revoked: the back end kept nothing mapped.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/args.h"
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/xenstore.h"
#include "hypervisor/include/lib.h"
#include "public/grant_table.h"
#include "public/io/xenbus.h"
#include "public/errno.h"

#define wmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#include "public/io/blkif.h"

#define PAGE        4096u
#define PTE_RW      0x7
#define PTE_AD      0x60            /* accessed and dirty: the CPU's to set */
#define FE          "device/vbd/51712"
#define DISK_SECTORS 64
#define WAIT_MS     20000

/* Grant references: ours, one that was never granted, one past the table. */
#define REF_RING      8
#define REF_DATA      9             /* 9..12: data[0..3], writable */
#define REF_READONLY  13            /* data[4], read-only */
#define REF_OTHER     14            /* data[0], made out to another domain */
#define REF_PT        15            /* the L1 page table that maps data[0] */
#define REF_XEN       16            /* a frame the hypervisor owns */
#define REF_NOWHERE   17            /* a frame number past all memory */
#define REF_RING_RO   18            /* the ring page, read-only */
#define REF_FOREIGN   19            /* a frame another domain uses */
#define REF_LAST      REF_FOREIGN
#define REF_NEVER     30
#define REF_BEYOND    5000
#define NDATA         5

/* The hypervisor is loaded at 1 MB (arch/x86_32/hypervisor.ld). */
#define XEN_FIRST_MFN 0x100
#define M2P_SCAN_END  0x10000       /* frames looked at for another domain's */

static uint8_t table_page[PAGE] __attribute__((aligned(PAGE)));
static uint8_t ring_page[PAGE] __attribute__((aligned(PAGE)));
static uint8_t data[NDATA][PAGE] __attribute__((aligned(PAGE)));

static volatile grant_entry_t *gt;
static blkif_front_ring_t front;
static evtchn_port_t port;
static domid_t backend;
static char be[64];

static void on_ring_event(evtchn_port_t p)
{
    (void)p;
}

static uint32_t mfn_of(const void *va)
{
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    return p2m[((uint32_t)va - 0xC0000000u) / PAGE];
}

static uint8_t pattern(uint32_t sector, uint32_t byte)
{
    return (uint8_t)(sector * 31 + byte);
}

static void path_of(char *buf, const char *dir, const char *node)
{
    snprintf(buf, 96, "%s/%s", dir, node);
}

static int be_state_is(uint32_t state)
{
    char path[96];
    path_of(path, be, "state");
    return xs_wait_uint(path, state, WAIT_MS) == 0;
}

static int fe_write(const char *node, uint32_t v)
{
    char path[96];
    path_of(path, FE, node);
    return xs_write_uint(path, v);
}

static int fe_write_str(const char *node, const char *value)
{
    char path[96];
    path_of(path, FE, node);
    return xs_write(path, value);
}

static void show_be_error(void)
{
    char path[96], msg[96];
    path_of(path, be, "error");
    if (xs_read(path, msg, sizeof(msg)) >= 0)
        printf("blkfuzz: back end says: %s\n", msg);
}

/* ------------------------------------------------------------ grants */

static int setup_grant_table(void)
{
    xen_pfn_t frame = 0;
    gnttab_setup_table_t op = { .dom = DOMID_SELF, .nr_frames = 1 };
    op.frame_list.p = &frame;
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
                         &op, 1);
    if (rc < 0 || op.status != GNTST_okay)
        return -EINVAL;
    rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, table_page,
                    (frame << 12) | PTE_RW, 0, UVMF_INVLPG);
    gt = (volatile grant_entry_t *)table_page;
    return (int)rc;
}

/* Grant domain `to` access to frame mfn (ABI 7.1: flags last). */
static void grant_frame(grant_ref_t ref, domid_t to, uint32_t mfn, int readonly)
{
    gt[ref].domid = to;
    gt[ref].frame = mfn;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gt[ref].flags = (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0));
}

static void grant(grant_ref_t ref, const void *page, int readonly)
{
    grant_frame(ref, backend, mfn_of(page), readonly);
}

/* Is mfn one of our pages (in our P2M)? */
static int is_ours(uint32_t mfn)
{
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    for (uint32_t pfn = 0; pfn < start_info->nr_pages; pfn++)
        if (p2m[pfn] == mfn)
            return 1;
    return 0;
}

/*
 * A frame that some other domain uses: not ours, with an entry in the
 * machine-to-phys table that names a page number a domain could have.
 * 0 if none was found.
 */
static uint32_t other_domains_frame(void)
{
    for (uint32_t mfn = XEN_FIRST_MFN; mfn < M2P_SCAN_END; mfn++)
        if (machine_to_phys_mapping[mfn] < M2P_SCAN_END && !is_ours(mfn))
            return mfn;
    return 0;
}

/* How many of refs first..last the back end has mapped right now. */
static int grants_in_use(grant_ref_t first, grant_ref_t last)
{
    int busy = 0;
    for (grant_ref_t ref = first; ref <= last; ref++)
        busy += (gt[ref].flags & (GTF_reading | GTF_writing)) != 0;
    return busy;
}

/* The first reference past our table (GNTTABOP_query_size). */
static grant_ref_t first_ref_past_table(void)
{
    gnttab_query_size_t q = { .dom = DOMID_SELF };
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size,
                         &q, 1);
    domu_check(rc == 0 && q.status == GNTST_okay, "query_size: %ld, status %d",
               rc, q.status);
    return q.nr_frames * (PAGE / sizeof(grant_entry_t));
}

/* Revoke (ABI 7.1): 0, or -EBUSY while the back end maps it. */
static int revoke(grant_ref_t ref)
{
    uint16_t old = gt[ref].flags;
    if (old & (GTF_reading | GTF_writing))
        return -EBUSY;
    return __atomic_compare_exchange_n((uint16_t *)&gt[ref].flags, &old, 0, 0,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
           ? 0 : -EBUSY;
}

/* -------------------------------------------------------------- ring */

static struct blkif_request req(uint8_t op, uint64_t id, uint64_t sector,
                                uint8_t nseg)
{
    struct blkif_request r;
    memset(&r, 0, sizeof(r));
    r.operation = op;
    r.id = id;
    r.sector_number = sector;
    r.nr_segments = nseg;
    return r;
}

static void seg(struct blkif_request *r, int i, grant_ref_t ref,
                uint8_t first, uint8_t last)
{
    r->seg[i].gref = ref;
    r->seg[i].first_sect = first;
    r->seg[i].last_sect = last;
}

static void put(const struct blkif_request *r)
{
    *RING_GET_REQUEST(&front, front.req_prod_pvt) = *r;
    front.req_prod_pvt++;
}

static void push(void)
{
    int kick;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, kick);
    if (kick)
        notify(port);
}

/* Take up to n responses, waiting at most ms: how many came. */
static int collect(struct blkif_response *out, int n, uint32_t ms)
{
    uint64_t deadline = system_time_ns() + ms * NS_PER_MS;
    int got = 0;
    while (got < n) {
        RING_IDX prod = front.sring->rsp_prod;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        while (front.rsp_cons != prod && got < n)
            out[got++] = *RING_GET_RESPONSE(&front, front.rsp_cons++);
        if (got == n || system_time_ns() > deadline)
            break;
        sleep_ns(NS_PER_MS);
    }
    return got;
}

#define NO_ANSWER 99

/* Send one request and wait for its answer: its status, or NO_ANSWER. */
static int one(const struct blkif_request *r)
{
    struct blkif_response rsp;
    put(r);
    push();
    if (collect(&rsp, 1, WAIT_MS) != 1)
        return NO_ANSWER;
    domu_check(rsp.id == r->id, "answer to id %u carries id %u",
               (unsigned)r->id, (unsigned)rsp.id);
    domu_check(rsp.operation == r->operation, "answer's operation %u, sent %u",
               rsp.operation, r->operation);
    return rsp.status;
}

/* ----------------------------------------------------------- phases */

/* Connections the back end must refuse: what we write, and why. */
struct bad_connection {
    const char *what;
    char ring_ref[16], event_channel[16];
};

/* Fill in n bad connection attempts; returns n. */
static int bad_connections(struct bad_connection *b)
{
    int n = 0;
#define BADCONN(text, ref_fmt, ref, port_fmt, p) do {                        \
        b[n].what = text;                                                   \
        snprintf(b[n].ring_ref, sizeof(b[n].ring_ref), ref_fmt, ref);       \
        snprintf(b[n].event_channel, sizeof(b[n].event_channel), port_fmt, p); \
        n++;                                                                \
    } while (0)
    BADCONN("an ungranted ring-ref", "%u", REF_NEVER, "%u", port);
    BADCONN("a ring-ref beyond the table", "%u", REF_BEYOND, "%u", port);
    BADCONN("a read-only ring", "%u", REF_RING_RO, "%u", port);
    BADCONN("a negative ring-ref", "%s", "-1", "%u", port);
    BADCONN("a ring-ref of 2^32", "%s", "4294967296", "%u", port);
    BADCONN("a ring-ref that is no number", "%s", "8x", "%u", port);
    BADCONN("an empty ring-ref", "%s", "", "%u", port);
    BADCONN("event-channel 0", "%u", REF_RING, "%u", 0);
    BADCONN("an event-channel past all ports", "%u", REF_RING, "%u", 100000);
    BADCONN("a port never allocated", "%u", REF_RING, "%u", port + 40);
    BADCONN("our store's port", "%u", REF_RING, "%u", start_info->store_evtchn);
#undef BADCONN
    return n;
}

/*
 * Connections the back end must refuse: for each, it goes Closing (and
 * says why in its error node), Closed when we close, and InitWait when
 * we start over, with the ring no longer mapped.
 */
static void refused_connections(void)
{
    static struct bad_connection bad[16];
    int n = bad_connections(bad);
    domu_check(be_state_is(XenbusStateInitWait), "the back end waits (InitWait)");
    for (int i = 0; i < n; i++) {
        fe_write_str("ring-ref", bad[i].ring_ref);
        fe_write_str("event-channel", bad[i].event_channel);
        fe_write("state", XenbusStateInitialised);
        domu_check(be_state_is(XenbusStateClosing),
                   "%s makes the back end go Closing", bad[i].what);
        show_be_error();
        fe_write("state", XenbusStateClosed);
        domu_check(be_state_is(XenbusStateClosed), "then Closed when we close");
        domu_check(grants_in_use(REF_RING, REF_LAST) == 0,
                   "%s: nothing stays mapped", bad[i].what);
        fe_write("state", XenbusStateInitialising);
        domu_check(be_state_is(XenbusStateInitWait),
                   "and InitWait when we start over");
    }
    printf("blkfuzz: %d bad connections refused\n", n);
}

static void connect(void)
{
    char path[96];
    uint32_t sectors = 0, barrier = 0;
    fe_write("ring-ref", REF_RING);
    fe_write("event-channel", port);
    fe_write("state", XenbusStateInitialised);
    domu_check(be_state_is(XenbusStateConnected), "the back end connects");
    path_of(path, be, "sectors");
    xs_read_uint(path, &sectors);
    path_of(path, be, "feature-barrier");
    xs_read_uint(path, &barrier);
    domu_check(sectors == DISK_SECTORS, "sectors %u, expected %u", sectors,
               DISK_SECTORS);
    domu_check(barrier == 1, "feature-barrier advertised");
    fe_write("state", XenbusStateConnected);
    printf("blkfuzz: connected, %u sectors\n", sectors);
}

/* Does page hold sectors first.. of the image from byte offset `at`? */
static int holds_image(const uint8_t *page, uint32_t at, uint32_t sector,
                       uint32_t n)
{
    for (uint32_t s = 0; s < n; s++)
        for (uint32_t j = 0; j < 512; j++)
            if (page[at + s * 512 + j] != pattern(sector + s, j))
                return 0;
    return 1;
}

static void good_requests(void)
{
    struct blkif_request r = req(BLKIF_OP_READ, 1, 3, 1);
    seg(&r, 0, REF_DATA, 0, 7);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "read of sectors 3-10");
    domu_check(holds_image(data[0], 0, 3, 8), "sectors 3-10 read right");

    r = req(BLKIF_OP_READ, 2, DISK_SECTORS - 8, 1);
    seg(&r, 0, REF_DATA, 0, 7);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "read of the last 8 sectors");
    domu_check(holds_image(data[0], 0, DISK_SECTORS - 8, 8),
               "the last sectors read right");

    /* Write sectors 20-21 from the middle of a page, then read them back
     * in two segments of two pages. */
    memset(data[1], 0xC3, PAGE);
    r = req(BLKIF_OP_WRITE, 3, 20, 1);
    seg(&r, 0, REF_DATA + 1, 2, 3);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "write of sectors 20-21");
    memset(data[2], 0, PAGE);
    memset(data[3], 0, PAGE);
    r = req(BLKIF_OP_READ, 4, 19, 2);
    seg(&r, 0, REF_DATA + 2, 0, 1);
    seg(&r, 1, REF_DATA + 3, 7, 7);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "read of sectors 19-21 in two segments");
    domu_check(holds_image(data[2], 0, 19, 1), "sector 19 unchanged");
    int written = 1;
    for (uint32_t j = 512; j < 1024; j++)
        written &= data[2][j] == 0xC3;
    for (uint32_t j = 7 * 512; j < PAGE; j++)
        written &= data[3][j] == 0xC3;
    domu_check(written, "sectors 20 and 21 hold what was written");

    /* A read-only grant serves a write (the back end only reads it). */
    memset(data[4], 0xA7, PAGE);
    r = req(BLKIF_OP_WRITE, 5, 30, 1);
    seg(&r, 0, REF_READONLY, 0, 0);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "write from a read-only grant");

    r = req(BLKIF_OP_WRITE_BARRIER, 6, 0, 0);
    domu_check(one(&r) == BLKIF_RSP_OKAY, "an empty barrier");
}

struct bad {
    const char *what;
    struct blkif_request r;
};

/* Does page hold nothing but byte b? */
static int all_bytes(const uint8_t *page, uint8_t b)
{
    for (uint32_t j = 0; j < PAGE; j++)
        if (page[j] != b)
            return 0;
    return 1;
}

/*
 * Grant what no honest front end would: data[0] made out to a domain
 * other than the back end's, the L1 page table that maps data[0], a
 * frame of the hypervisor's, a frame number past all memory and a frame
 * another domain uses.
 */
static void grant_hostile(void)
{
    uint32_t pt_mfn = (uint32_t)(guest_l1e_maddr((uint32_t)data[0]) >> 12);
    domu_check(is_ours(pt_mfn), "our L1 page table %#x is ours", pt_mfn);
    domu_check(!is_ours(XEN_FIRST_MFN), "frame %#x is not ours", XEN_FIRST_MFN);
    uint32_t foreign = other_domains_frame();
    domu_check(foreign != 0, "another domain's frame");
    printf("blkfuzz: frame %#x is another domain's page %#x\n", foreign,
           machine_to_phys_mapping[foreign]);
    grant_frame(REF_OTHER, (domid_t)(backend + 1), mfn_of(data[0]), 0);
    grant_frame(REF_PT, backend, pt_mfn, 0);
    grant_frame(REF_XEN, backend, XEN_FIRST_MFN, 0);
    grant_frame(REF_NOWHERE, backend, 0xFFFFFFFFu, 0);
    grant_frame(REF_FOREIGN, backend, foreign, 0);
}

static void bad_requests(void)
{
    static struct bad bad[32];
    grant_ref_t past_table = first_ref_past_table();
    int n = 0;
#define BAD(text, op, sector, nseg, ref, first, last) do {             \
        bad[n].what = text;                                            \
        bad[n].r = req(op, 100 + n, sector, nseg);                     \
        for (int i_ = 0; i_ < BLKIF_MAX_SEGMENTS_PER_REQUEST; i_++)    \
            seg(&bad[n].r, i_, ref, first, last);                      \
        n++;                                                           \
    } while (0)
    BAD("a grant beyond the table", BLKIF_OP_READ, 0, 1, REF_BEYOND, 0, 7);
    BAD("the first grant past our table", BLKIF_OP_READ, 0, 1, past_table, 0, 7);
    BAD("grant 2^32-1", BLKIF_OP_READ, 0, 1, 0xFFFFFFFFu, 0, 7);
    BAD("a grant never made", BLKIF_OP_READ, 0, 1, REF_NEVER, 0, 7);
    BAD("a read into a read-only grant", BLKIF_OP_READ, 0, 1, REF_READONLY, 0, 7);
    BAD("a grant made out to another domain", BLKIF_OP_READ, 0, 1, REF_OTHER, 0, 7);
    BAD("a read into our page table", BLKIF_OP_READ, 0, 1, REF_PT, 0, 7);
    BAD("a read into the hypervisor", BLKIF_OP_READ, 0, 1, REF_XEN, 0, 7);
    BAD("a write from the hypervisor", BLKIF_OP_WRITE, 0, 1, REF_XEN, 0, 7);
    BAD("a frame past all memory", BLKIF_OP_READ, 0, 1, REF_NOWHERE, 0, 7);
    BAD("a read into another domain", BLKIF_OP_READ, 0, 1, REF_FOREIGN, 0, 7);
    BAD("a write from another domain", BLKIF_OP_WRITE, 0, 1, REF_FOREIGN, 0, 7);
    BAD("a good grant, then one never made", BLKIF_OP_READ, 0, 2, REF_DATA, 0, 7);
    seg(&bad[n - 1].r, 1, REF_NEVER, 0, 7);
    BAD("ten good grants, then one beyond the table", BLKIF_OP_READ, 0, 11,
        REF_DATA, 0, 0);
    seg(&bad[n - 1].r, 10, REF_BEYOND, 0, 0);
    BAD("sectors past the end", BLKIF_OP_READ, DISK_SECTORS - 7, 1, REF_DATA, 0, 7);
    BAD("the sector after the last", BLKIF_OP_WRITE, DISK_SECTORS, 1, REF_DATA, 0, 0);
    BAD("a sector number that wraps", BLKIF_OP_READ, ~0ull, 1, REF_DATA, 0, 7);
    BAD("sector 2^63", BLKIF_OP_WRITE, 1ull << 63, 1, REF_DATA, 0, 0);
    BAD("12 segments", BLKIF_OP_READ, 0, 12, REF_DATA, 0, 0);
    BAD("255 segments", BLKIF_OP_WRITE, 0, 255, REF_DATA, 0, 0);
    BAD("a read of 0 segments", BLKIF_OP_READ, 0, 0, REF_DATA, 0, 0);
    BAD("first_sect after last_sect", BLKIF_OP_READ, 0, 1, REF_DATA, 5, 2);
    BAD("last_sect 8", BLKIF_OP_READ, 0, 1, REF_DATA, 0, 8);
    BAD("last_sect 255", BLKIF_OP_WRITE, 0, 1, REF_DATA, 255, 255);
    BAD("operation 3", 3, 0, 1, REF_DATA, 0, 0);
    BAD("operation 255", 255, 0, 1, REF_DATA, 0, 0);
#undef BAD
    grant_hostile();
    memset(data[0], 0x5A, PAGE);
    memset(data[4], 0xA7, PAGE);
    uint32_t l1e = guest_l1e((uint32_t)data[0]) & ~PTE_AD;
    for (int i = 0; i < n; i++) {
        int st = one(&bad[i].r);
        domu_check(st == BLKIF_RSP_ERROR, "%s: status %d, expected %d",
                   bad[i].what, st, BLKIF_RSP_ERROR);
    }
    domu_check(all_bytes(data[4], 0xA7), "the read-only page was not written");
    domu_check(all_bytes(data[0], 0x5A), "no refused read wrote into data[0]");
    domu_check((guest_l1e((uint32_t)data[0]) & ~PTE_AD) == l1e,
               "our page table was not written");
    domu_check(grants_in_use(REF_DATA, REF_LAST) == 0,
               "no refused request left a grant mapped: %d are",
               grants_in_use(REF_DATA, REF_LAST));
    printf("blkfuzz: %d bad requests answered\n", n);
}

static void reused_ids_and_full_ring(void)
{
    static struct blkif_response rsp[32];
    struct blkif_request r = req(BLKIF_OP_READ, 0x4242, 0, 1);
    seg(&r, 0, REF_DATA, 0, 7);
    for (int i = 0; i < 3; i++)
        put(&r);
    push();
    int got = collect(rsp, 3, WAIT_MS);
    domu_check(got == 3, "three requests with one id: %d answers", got);
    for (int i = 0; i < got; i++)
        domu_check(rsp[i].id == 0x4242 && rsp[i].status == BLKIF_RSP_OKAY,
                   "answer %d: id %x status %d", i, (unsigned)rsp[i].id,
                   rsp[i].status);

    /* A full ring: good reads and bad ones alternate. */
    for (int i = 0; i < 32; i++) {
        r = req(BLKIF_OP_READ, 1000 + i, (uint64_t)i, 1);
        seg(&r, 0, i % 2 ? REF_BEYOND : REF_DATA + (i / 2) % 4, 0, 0);
        put(&r);
    }
    push();
    got = collect(rsp, 32, WAIT_MS);
    domu_check(got == 32, "a full ring: %d answers", got);
    for (int i = 0; i < got; i++) {
        int want = i % 2 ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
        domu_check(rsp[i].id == 1000u + (unsigned)i && rsp[i].status == want,
                   "full ring answer %d: id %u status %d", i,
                   (unsigned)rsp[i].id, rsp[i].status);
    }
    r = req(BLKIF_OP_READ, 7, 40, 1);
    seg(&r, 0, REF_DATA, 0, 7);
    domu_check(one(&r) == BLKIF_RSP_OKAY && holds_image(data[0], 0, 40, 8),
               "after all that, a read still works");
}

static void broken_ring(void)
{
    RING_IDX answered = front.sring->rsp_prod;
    front.sring->req_prod = front.req_prod_pvt + 100000;
    mb();
    notify(port);
    domu_check(be_state_is(XenbusStateClosing),
               "a req_prod far ahead makes the back end go Closing");
    show_be_error();
    domu_check(front.sring->rsp_prod == answered,
               "no answer to the garbage (rsp_prod %u, was %u)",
               front.sring->rsp_prod, answered);
    fe_write("state", XenbusStateClosing);
    domu_check(be_state_is(XenbusStateClosed), "the back end is Closed");
    int busy = 0;
    for (grant_ref_t ref = REF_RING; ref <= REF_LAST; ref++)
        busy += revoke(ref) != 0;
    domu_check(busy == 0, "every grant revoked: %d still mapped", busy);
    fe_write("state", XenbusStateClosed);
}

/*
 * Connect, check the good requests, then leave a full ring of reads and
 * stay connected for good: only destroying the domain ends it.
 */
static void stay_connected(void)
{
    connect();
    good_requests();
    for (int i = 0; i < 32; i++) {
        struct blkif_request r = req(BLKIF_OP_READ, 2000 + i, (uint64_t)i, 1);
        seg(&r, 0, REF_DATA + i % 4, 0, 7);
        put(&r);
    }
    push();
    printf("blkfuzz: staying connected with a full ring, %u checks failed\n",
           domu_failures);
    for (;;)
        sleep_ns(1000 * NS_PER_MS);
}

/* The read-only disk: reads served, writes refused, nothing written. */
static void read_only(void)
{
    char path[96];
    uint32_t info = 0;

    connect();
    path_of(path, be, "info");
    domu_check(xs_read_uint(path, &info) == 0 && (info & VDISK_READONLY),
               "the back end says the disk is read-only (info %u)", info);
    struct blkif_request r = req(BLKIF_OP_READ, 1, 40, 1);
    seg(&r, 0, REF_DATA, 0, 7);
    domu_check(one(&r) == BLKIF_RSP_OKAY && holds_image(data[0], 0, 40, 8),
               "read of sectors 40-47");
    memset(data[1], 0x5A, PAGE);
    r = req(BLKIF_OP_WRITE, 2, 40, 1);
    seg(&r, 0, REF_DATA + 1, 0, 0);
    domu_check(one(&r) == BLKIF_RSP_ERROR, "a write refused");
    r = req(BLKIF_OP_WRITE_BARRIER, 3, 41, 1);
    seg(&r, 0, REF_DATA + 1, 0, 0);
    domu_check(one(&r) == BLKIF_RSP_ERROR, "a write barrier with data refused");
    memset(data[0], 0, PAGE);
    r = req(BLKIF_OP_READ, 4, 40, 1);
    seg(&r, 0, REF_DATA, 0, 1);
    domu_check(one(&r) == BLKIF_RSP_OKAY && holds_image(data[0], 0, 40, 2),
               "sectors 40 and 41 as they were");
    printf("blkfuzz: read-only disk: reads served, writes refused\n");
    printf("blkfuzz: done\n");
    domu_finish();
}

void guest_main(void)
{
    char mode[16];
    char path[96];
    uint32_t id = 0;
    install_trap_table();
    domu_check(events_init() == 0, "events");
    domu_check(xs_init() == 0, "the store ring");
    path_of(path, FE, "backend");
    domu_check(xs_read(path, be, sizeof(be)) > 0, "our disk's back end");
    path_of(path, FE, "backend-id");
    domu_check(xs_read_uint(path, &id) == 0, "its domain");
    backend = (domid_t)id;
    printf("blkfuzz: back end %s in domain %u\n", be, id);
    domu_check(setup_grant_table() == 0, "our grant table");
    for (int i = 0; i < NDATA - 1; i++)
        grant(REF_DATA + i, data[i], 0);
    grant(REF_READONLY, data[NDATA - 1], 1);
    blkif_sring_t *sring = (blkif_sring_t *)ring_page;
    SHARED_RING_INIT(sring);
    FRONT_RING_INIT(&front, sring, PAGE);
    grant(REF_RING, ring_page, 0);
    grant(REF_RING_RO, ring_page, 1);
    evtchn_alloc_unbound_t a = { .dom = DOMID_SELF, .remote_dom = backend };
    domu_check(HYPERCALL2(__HYPERVISOR_event_channel_op,
                          EVTCHNOP_alloc_unbound, &a) == 0, "a port");
    port = a.port;
    bind_port(port, on_ring_event);
    if (domu_failures)
        domu_finish();

    arg_first_word(mode, sizeof(mode));
    if (strcmp(mode, "stay") == 0)
        stay_connected();
    if (strcmp(mode, "ro") == 0)
        read_only();
    refused_connections();
    connect();
    good_requests();
    bad_requests();
    reused_ids_and_full_ring();
    broken_ring();
    printf("blkfuzz: done\n");
    domu_finish();
}
