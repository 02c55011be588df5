/*
 * domu_plain (a domU): a kernel that knows only Xen 3.0.4's PV interface,
 * started by dom0's xl from a config that names nothing but `kernel` and
 * `memory` (tests/integration/xl_plain.case).  It checks what any such
 * kernel relies on at its first instruction:
 *
 *   - start_info's magic, flags (not privileged), an empty command line
 *     and no initrd, a whole number of MB of pages, the P2M list agreeing
 *     with the M2P, pt_base among its own pages;
 *   - the store and console pages among its own frames, at the pages after
 *     start_info (ABI 11.4), with event channels to dom0;
 *   - its console ring, both ways (struct xencons_interface): it writes
 *     a greeting, waits for a line typed at "xl console" (the in ring),
 *     answers with it, and waits until the back end (dom0's xenconsoled)
 *     has taken every byte;
 *
 * and then powers off (crash if a check failed).  The same lines go to
 * the hypervisor's console (console_io) for the log.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/events.h"
#include "hypervisor/include/lib.h"
#include "public/io/console.h"

#define PAGE      4096u
#define VIRT_BASE 0xC0000000u
#define RING_WAIT_MS 20000

static volatile struct xencons_interface *cons;

static uint32_t pfn_of(uint32_t va)
{
    return (va - VIRT_BASE) / PAGE;
}

static void on_console_event(evtchn_port_t port)
{
    (void)port;
}

/* Put s on the console ring and raise the console port; waits (blocked)
 * while the ring is full.  Returns 0, or -1 if the back end took nothing
 * for RING_WAIT_MS. */
static int ring_puts(const char *s)
{
    uint32_t waited = 0;
    while (*s) {
        XENCONS_RING_IDX prod = cons->out_prod;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        if (prod - cons->out_cons >= sizeof(cons->out)) {
            notify(start_info->console.domU.evtchn);
            if (waited++ > RING_WAIT_MS / 10)
                return -1;
            sleep_ns(10 * NS_PER_MS);
            continue;
        }
        cons->out[MASK_XENCONS_IDX(prod, cons->out)] = *s++;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        cons->out_prod = prod + 1;
    }
    notify(start_info->console.domU.evtchn);
    return 0;
}

/* Read one line typed at the console (the in ring) into buf, without
 * its end ('\r' or '\n'): its length, or -1 if none came for
 * RING_WAIT_MS. */
static int ring_getline(char *buf, uint32_t size)
{
    uint32_t n = 0;
    for (uint32_t ms = 0; ms < RING_WAIT_MS;) {
        XENCONS_RING_IDX cons_idx = cons->in_cons;
        if (cons_idx == cons->in_prod) {
            sleep_ns(10 * NS_PER_MS);
            ms += 10;
            continue;
        }
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        char c = cons->in[MASK_XENCONS_IDX(cons_idx, cons->in)];
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        cons->in_cons = cons_idx + 1;
        notify(start_info->console.domU.evtchn);
        if (c == '\r' || c == '\n') {
            buf[n] = 0;
            return (int)n;
        }
        if (n + 1 < size)
            buf[n++] = c;
    }
    return -1;
}

/* Wait until the back end has consumed the whole ring: 0, or -1 after
 * RING_WAIT_MS. */
static int ring_drained(void)
{
    for (uint32_t ms = 0; ms < RING_WAIT_MS; ms += 10) {
        if (cons->out_cons == cons->out_prod)
            return 0;
        sleep_ns(10 * NS_PER_MS);
    }
    return -1;
}

static void check_start_info(void)
{
    const start_info_t *si = start_info;
    const uint32_t *p2m = (const uint32_t *)si->mfn_list;
    uint32_t bad = 0;

    domu_check(strncmp(si->magic, "xen-3.0-x86_32", 14) == 0,
               "magic \"%.32s\"", si->magic);
    domu_check(!(si->flags & SIF_PRIVILEGED), "not privileged (flags %#x)",
               si->flags);
    domu_check(si->cmd_line[0] == 0, "empty command line");
    domu_check(si->mod_start == 0 && si->mod_len == 0, "no initrd");
    domu_check(si->nr_pages >= 256 && si->nr_pages % 256 == 0,
               "%u pages: whole MB", si->nr_pages);
    for (uint32_t pfn = 0; pfn < si->nr_pages; pfn++)
        bad += machine_to_phys_mapping[p2m[pfn]] != pfn;
    domu_check(bad == 0, "P2M and M2P agree (%u disagree)", bad);
    domu_check(si->pt_base >= VIRT_BASE &&
               pfn_of(si->pt_base) < si->nr_pages, "pt_base %#x",
               si->pt_base);

    uint32_t si_va = (uint32_t)si;
    domu_check(si->store_mfn == p2m[pfn_of(si_va + PAGE)] &&
               si->console.domU.mfn == p2m[pfn_of(si_va + 2 * PAGE)],
               "store %#x and console %#x after start_info", si->store_mfn,
               si->console.domU.mfn);
    domu_check(si->store_evtchn != 0 && si->console.domU.evtchn != 0 &&
               si->store_evtchn != si->console.domU.evtchn,
               "store port %u, console port %u", si->store_evtchn,
               si->console.domU.evtchn);
}

void guest_main(void)
{
    char line[96];

    check_start_info();
    domu_check(events_init() == 0, "events_init");
    cons = (volatile struct xencons_interface *)
        (VIRT_BASE + machine_to_phys_mapping[start_info->console.domU.mfn] *
         PAGE);
    domu_check(bind_port(start_info->console.domU.evtchn,
                         on_console_event) == 0, "bind the console port");
    snprintf(line, sizeof(line), "domu_plain: hello from the console ring, "
             "%u pages; type a line\r\n", start_info->nr_pages);
    domu_check(ring_puts(line) == 0, "hello written to the console ring");
    char typed[40];
    int len = ring_getline(typed, sizeof(typed));
    domu_check(len > 0, "a line typed at the console (%d)", len);
    snprintf(line, sizeof(line), "domu_plain: got \"%s\"\r\n",
             len > 0 ? typed : "");
    domu_check(ring_puts(line) == 0, "the answer written");
    snprintf(line, sizeof(line), "domu_plain: %u checks failed\r\n",
             domu_failures);
    domu_check(ring_puts(line) == 0 && ring_drained() == 0,
               "the back end took the console ring's bytes");
    domu_finish();
}
