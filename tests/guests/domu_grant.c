/*
 * domu_grant (a domU): grant tables seen from three domains.
 *
 * Command line: role=granter|mapper|intruder, ref=R, and
 *   granter:  mapper=M intruder=I mport=PM iport=PI (ports of its own
 *             that dom0 allocated for M and I)
 *   mapper, intruder: granter=G port=P (G's port waiting for them)
 *
 * The granter shares one page: ref R lets M map it writable, ref R+1 lets
 * M map it read-only, ref R+2 is left invalid.  Then, over the event
 * channels (each step is one event):
 *
 *   M, I -> G   hello (after binding)
 *   G -> M, I   go (the grants are in place)
 *   I -> G      done: every attempt on G's grants was refused
 *   M -> G      mapped: M read G's words and wrote a reply
 *   G -> M      unmap (G saw the entry busy and could not revoke it)
 *   M -> G      unmapped: G sees the entry idle and revokes it
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/args.h"
#include "hypervisor/include/lib.h"
#include "public/grant_table.h"

#define PAGE 4096u
#define PTE_RW_FLAGS 0x023
#define REPLY_OFFSET 2048
#define BUSY (GTF_reading | GTF_writing)

static uint8_t data_page[PAGE] __attribute__((aligned(PAGE)));  /* granted */
static uint8_t table_page[PAGE] __attribute__((aligned(PAGE))); /* G's table */
static uint8_t map_rw[PAGE] __attribute__((aligned(PAGE)));     /* M's views */
static uint8_t map_ro[PAGE] __attribute__((aligned(PAGE)));

static volatile uint32_t events[NR_EVENT_CHANNELS];

static void on_event(evtchn_port_t port)
{
    events[port]++;
}

static long gnttab(uint32_t cmd, void *ops, uint32_t count)
{
    return HYPERCALL3(__HYPERVISOR_grant_table_op, cmd, ops, count);
}

/* Map ref of granter at va; the GNTST status (handle in *handle). */
static int map_grant(domid_t granter, grant_ref_t ref, void *va, int readonly,
                     grant_handle_t *handle)
{
    gnttab_map_grant_ref_t op = {
        .host_addr = (uint32_t)va,
        .flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
        .ref = ref, .dom = granter, .status = 1,
    };
    long rc = gnttab(GNTTABOP_map_grant_ref, &op, 1);
    if (rc < 0)
        return (int)rc;
    if (handle)
        *handle = op.handle;
    return op.status;
}

static int unmap_grant(void *va, grant_handle_t handle)
{
    gnttab_unmap_grant_ref_t op = { .host_addr = (uint32_t)va,
                                    .handle = handle, .status = 1 };
    long rc = gnttab(GNTTABOP_unmap_grant_ref, &op, 1);
    return rc < 0 ? (int)rc : op.status;
}

/* ------------------------------------------------------------ granter */

/* Our table, mapped at table_page; NULL if setup_table failed. */
static volatile grant_entry_t *setup_table(void)
{
    xen_pfn_t frame = 0;
    gnttab_setup_table_t op = { .dom = DOMID_SELF, .nr_frames = 1 };
    op.frame_list.p = &frame;
    long rc = gnttab(GNTTABOP_setup_table, &op, 1);
    domu_check(rc == 0 && op.status == GNTST_okay,
               "setup_table: rc %ld status %d", rc, op.status);
    rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, table_page,
                    (frame << 12) | PTE_RW_FLAGS, 0, UVMF_INVLPG);
    domu_check(rc == 0, "mapping the grant table frame %#x: %ld", frame, rc);
    return rc == 0 ? (volatile grant_entry_t *)table_page : NULL;
}

static void grant(volatile grant_entry_t *e, domid_t to, uint32_t frame,
                  uint16_t flags)
{
    e->domid = to;
    e->frame = frame;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    e->flags = flags;
}

/* Revoke an access grant (ABI 7.1): only if nobody has it mapped. */
static int revoke(volatile grant_entry_t *e)
{
    uint16_t old = e->flags;
    if (old & BUSY)
        return -1;
    return __atomic_compare_exchange_n(&e->flags, &old, 0, 0,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
           ? 0 : -1;
}

static void run_granter(uint32_t ref)
{
    uint32_t m = 0, i = 0, pm = 0, pi = 0;
    arg_uint("mapper", &m);
    arg_uint("intruder", &i);
    arg_uint("mport", &pm);
    arg_uint("iport", &pi);
    volatile grant_entry_t *gt = setup_table();
    if (!gt)
        return;
    snprintf((char *)data_page, REPLY_OFFSET, "the granter's words");
    uint32_t frame = guest_l1e((uint32_t)data_page) >> 12;
    grant(&gt[ref], (domid_t)m, frame, GTF_permit_access);
    grant(&gt[ref + 1], (domid_t)m, frame, GTF_permit_access | GTF_readonly);
    domu_check(bind_port(pm, on_event) == 0 && bind_port(pi, on_event) == 0,
               "binding ports %u and %u", pm, pi);
    printf("granter: page %#x granted to d%u as refs %u (rw) and %u (ro)\n",
           frame, m, ref, ref + 1);

    block_until(events[pm] >= 1 && events[pi] >= 1);     /* hellos */
    notify(pm);
    notify(pi);
    block_until(events[pi] >= 2 && events[pm] >= 2);     /* done, mapped */
    uint16_t flags = gt[ref].flags;
    domu_check((flags & BUSY) == BUSY, "while mapped, ref %u flags %#x show "
               "reading and writing", ref, flags);
    domu_check(revoke(&gt[ref]) < 0, "revoking a mapped grant must fail");
    domu_check(strcmp((char *)data_page + REPLY_OFFSET, "the mapper's reply") == 0,
               "reply in the granted page: '%.40s'",
               (char *)data_page + REPLY_OFFSET);
    notify(pm);                                          /* unmap */
    block_until(events[pm] >= 3);                        /* unmapped */
    flags = gt[ref].flags;
    domu_check((flags & BUSY) == 0, "after the unmap, flags %#x", flags);
    domu_check(revoke(&gt[ref]) == 0 && revoke(&gt[ref + 1]) == 0,
               "revoking idle grants");
    printf("granter: mapper replied '%s'; grants revoked\n",
           (char *)data_page + REPLY_OFFSET);
}

/* ------------------------------------------------------ mapper, intruder */

static void read_word(void *p)
{
    (void)*(volatile uint32_t *)p;
}

static void run_mapper(domid_t g, evtchn_port_t port, uint32_t ref)
{
    grant_handle_t h = 0, h_ro = 0;
    uint32_t base = events[port];
    notify(port);                                       /* hello */
    block_until(events[port] > base);                   /* go */

    int st = map_grant(g, ref, map_rw, 0, &h);
    domu_check(st == GNTST_okay, "map ref %u writable: status %d", ref, st);
    if (st != GNTST_okay)
        return;
    domu_check(strcmp((char *)map_rw, "the granter's words") == 0,
               "read through the grant: '%.40s'", (char *)map_rw);
    strlcpy_hv((char *)map_rw + REPLY_OFFSET, "the mapper's reply", 64);
    st = map_grant(g, ref + 1, map_ro, 0, NULL);
    domu_check(st == GNTST_permission_denied,
               "map read-only ref %u writable: status %d", ref + 1, st);
    st = map_grant(g, ref + 1, map_ro, 1, &h_ro);
    domu_check(st == GNTST_okay && strcmp((char *)map_ro, "the granter's words") == 0,
               "map read-only ref %u read-only: status %d", ref + 1, st);
    domu_check(unmap_grant(map_ro, h_ro) == GNTST_okay, "unmap the read-only view");
    printf("mapper: read '%s' through ref %u of d%u\n", (char *)map_rw, ref, g);

    notify(port);                                       /* mapped */
    block_until(events[port] > base + 1);               /* unmap */
    domu_check(unmap_grant(map_rw, h) == GNTST_okay, "unmap ref %u", ref);
    domu_check(guest_try(read_word, map_rw) == 1,
               "the page is gone after the unmap");
    st = unmap_grant(map_rw, h);
    domu_check(st == GNTST_bad_handle, "second unmap: status %d", st);
    notify(port);                                       /* unmapped */
}

static void run_intruder(domid_t g, evtchn_port_t port, uint32_t ref)
{
    uint32_t base = events[port];
    uint32_t before = guest_l1e((uint32_t)map_rw);
    notify(port);                                       /* hello */
    block_until(events[port] > base);                   /* go */
    struct { const char *what; domid_t dom; grant_ref_t ref; int ro; int want; }
    tries[] = {
        { "the mapper's ref, writable", g, ref, 0, GNTST_permission_denied },
        { "the mapper's ref, read-only", g, ref, 1, GNTST_permission_denied },
        { "the mapper's read-only ref", g, ref + 1, 1, GNTST_permission_denied },
        { "an invalid entry", g, ref + 2, 1, GNTST_permission_denied },
        { "a ref beyond the table", g, 100000, 1, GNTST_bad_gntref },
        { "a domain that does not exist", 0x7FE0, ref, 1, GNTST_bad_domain },
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(tries); i++) {
        int st = map_grant(tries[i].dom, tries[i].ref, map_rw, tries[i].ro, NULL);
        printf("intruder: map %s: status %d\n", tries[i].what, st);
        domu_check(st == tries[i].want, "map %s: status %d, expected %d",
                   tries[i].what, st, tries[i].want);
    }
    domu_check(guest_l1e((uint32_t)map_rw) == before,
               "the intruder's page table is unchanged");
    notify(port);                                       /* done */
}

void guest_main(void)
{
    char role[16] = "";
    uint32_t ref = 0, g = 0, port = 0;
    domu_check(install_trap_table() == 0, "set_trap_table");
    domu_check(events_init() == 0, "events_init");
    arg_str("role", role, sizeof(role));
    domu_check(arg_uint("ref", &ref) == 0, "no ref= on the command line");
    if (strcmp(role, "granter") == 0) {
        run_granter(ref);
    } else {
        arg_uint("granter", &g);
        arg_uint("port", &port);
        long lp = bind_interdomain((domid_t)g, port, on_event);
        domu_check(lp > 0, "bind_interdomain(d%u, %u): %ld", g, port, lp);
        if (lp > 0 && strcmp(role, "mapper") == 0)
            run_mapper((domid_t)g, (evtchn_port_t)lp, ref);
        else if (lp > 0)
            run_intruder((domid_t)g, (evtchn_port_t)lp, ref);
    }
    domu_finish();
}
