/*
 * domu_layout (a domU): the domain builder laid us out as Xen's
 * xc_linux_build does (ABI 11.4, 11.5).
 *
 * Command line: pages=N initrd_len=L hello=world.  dom0 gives us N pages
 * and an initrd of L bytes (an ELF image, so it starts with "\177ELF").
 * From start_info and the bootstrap page tables we check, in order, that
 * the kernel is followed by the initrd, the P2M list, start_info, the
 * store and console pages, the L2 and the L1s, and that:
 *   - the P2M list and the M2P agree on every page;
 *   - the store and console pages are zeroed and their ports are unbound,
 *     waiting for dom0;
 *   - every page up to the 4 MB boundary is mapped, writable except the
 *     page tables, and the L2 entry has the builder's flags;
 *   - events start masked, and no flag but 0 is set.
 */
#include "tests/guests/lib/domu.h"
#include "tests/guests/lib/args.h"
#include "hypervisor/include/lib.h"
#include "public/event_channel.h"

#define PAGE      4096u
#define VIRT_BASE 0xC0000000u
#define L1_FLAGS  0x023
#define L1_RO     0x021
#define L2_FLAGS  0x067
#define PTE_DIRTY 0x040u

extern char _end[];

static uint32_t pgup(uint32_t x)
{
    return (x + PAGE - 1) & ~(PAGE - 1);
}

static uint32_t pfn_of(uint32_t va)
{
    return (va - VIRT_BASE) / PAGE;
}

static int page_is_zero(uint32_t va)
{
    const uint32_t *p = (const uint32_t *)va;
    for (unsigned int i = 0; i < PAGE / 4; i++)
        if (p[i])
            return 0;
    return 1;
}

/* The port is unbound, waiting for dom0. */
static void check_port_for_dom0(const char *what, uint32_t port)
{
    evtchn_status_t s = { .dom = DOMID_SELF, .port = port };
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_status, &s);
    domu_check(rc == 0 && s.status == EVTCHNSTAT_unbound && s.u.unbound.dom == 0,
               "%s port %u: rc %ld status %u remote d%u", what, port, rc,
               s.status, s.u.unbound.dom);
}

static void check_order(uint32_t *p2m_va)
{
    const start_info_t *si = start_info;
    uint32_t initrd_len = 0;
    arg_uint("initrd_len", &initrd_len);
    uint32_t initrd = pgup((uint32_t)_end);
    domu_check(si->mod_start == initrd && si->mod_len == initrd_len,
               "initrd at %#x (%u bytes), expected %#x (%u)", si->mod_start,
               si->mod_len, initrd, initrd_len);
    domu_check(memcmp((const void *)si->mod_start, "\177ELF", 4) == 0,
               "the initrd's bytes");
    *p2m_va = pgup(initrd + initrd_len);
    domu_check(si->mfn_list == *p2m_va, "P2M at %#x, expected %#x",
               si->mfn_list, *p2m_va);
    uint32_t si_va = pgup(*p2m_va + si->nr_pages * 4);
    domu_check((uint32_t)si == si_va, "start_info at %p, expected %#x", si, si_va);
    domu_check(si->pt_base == si_va + 3 * PAGE, "L2 at %#x, expected %#x",
               si->pt_base, si_va + 3 * PAGE);
    domu_check(si->nr_pt_frames == 2, "%u page-table frames", si->nr_pt_frames);
    printf("layout: kernel %#x-%#x, initrd %#x, P2M %#x, start_info %p, "
           "L2 %#x\n", VIRT_BASE, (uint32_t)_end, si->mod_start, si->mfn_list,
           si, si->pt_base);
}

static void check_memory(void)
{
    const start_info_t *si = start_info;
    const uint32_t *p2m = (const uint32_t *)si->mfn_list;
    uint32_t bad = 0;
    for (uint32_t pfn = 0; pfn < si->nr_pages; pfn++)
        bad += machine_to_phys_mapping[p2m[pfn]] != pfn;
    domu_check(bad == 0, "%u P2M entries disagree with the M2P", bad);

    uint32_t si_va = (uint32_t)si;
    domu_check(si->store_mfn == p2m[pfn_of(si_va + PAGE)] &&
               si->console.domU.mfn == p2m[pfn_of(si_va + 2 * PAGE)],
               "store %#x / console %#x frames", si->store_mfn,
               si->console.domU.mfn);
    domu_check(page_is_zero(si_va + PAGE) && page_is_zero(si_va + 2 * PAGE),
               "store and console pages zeroed");
    check_port_for_dom0("store", si->store_evtchn);
    check_port_for_dom0("console", si->console.domU.evtchn);

    uint32_t pt_first = pfn_of(si->pt_base), bad_flags = 0;
    const uint32_t *l2 = (const uint32_t *)si->pt_base;
    domu_check(l2[VIRT_BASE >> 22] == ((p2m[pt_first + 1] << 12) | L2_FLAGS),
               "L2 entry %#x", l2[VIRT_BASE >> 22]);
    for (uint32_t va = VIRT_BASE; va < VIRT_BASE + (4u << 20); va += PAGE) {
        uint32_t pfn = pfn_of(va);
        int table = pfn >= pt_first && pfn < pt_first + si->nr_pt_frames;
        uint32_t want = (p2m[pfn] << 12) | (table ? L1_RO : L1_FLAGS);
        /* The CPU may have set the dirty bit since. */
        if ((guest_l1e(va) & ~PTE_DIRTY) != want)
            bad_flags++;
    }
    domu_check(bad_flags == 0, "%u bootstrap mappings are not as built",
               bad_flags);
}

void guest_main(void)
{
    const start_info_t *si = start_info;
    uint32_t pages = 0, p2m_va = 0;
    char hello[16] = "";
    arg_uint("pages", &pages);
    arg_str("hello", hello, sizeof(hello));
    domu_check(strcmp(si->magic, "xen-3.0-x86_32") == 0, "magic '%.32s'",
               si->magic);
    domu_check(si->flags == 0, "flags %#x", si->flags);
    domu_check(si->nr_pages == pages, "nr_pages %u, expected %u", si->nr_pages,
               pages);
    domu_check(strcmp(hello, "world") == 0, "command line '%s'", si->cmd_line);
    check_order(&p2m_va);
    check_memory();
    domu_check(map_shared_info() == 0, "mapping shared_info at %#x",
               si->shared_info);
    domu_check(shared && shared->vcpu_info[0].evtchn_upcall_mask == 1 &&
               shared->vcpu_info[0].evtchn_upcall_pending == 0,
               "events start masked, none pending");
    domu_finish();
}
