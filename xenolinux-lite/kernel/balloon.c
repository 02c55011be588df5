/*
 * The balloon driver, as Xen's guests have it: dom0's tools never take a
 * domain's memory by force.  `xl mem-set` writes a target (KiB) to the
 * domain's memory/target; we watch that node and move pages between our
 * allocator and the hypervisor until we hold the target (balloon_plan.h
 * has the arithmetic and the limits).
 *
 * Giving a page back.  A free page from kalloc is mapped once, writable,
 * in the kernel's map (KERNBASE + pfn * 4096; the L1s there are shared by
 * every address space).  That mapping holds a reference on the frame, so
 * the hypervisor would keep the frame for us as long as it exists: we
 * clear the entry first (and flush the TLB), mark the pfn's P2M entry
 * invalid, and only then hand the frame to XENMEM_decrease_reservation,
 * which drops our allocation reference and frees it.  The pfn stays
 * ours, empty: the balloon holds it.
 *
 * Taking a page.  XENMEM_increase_reservation gives us fresh machine
 * frames; each fills an empty pfn: P2M entry, the hypervisor's M2P entry
 * (MMU_MACHPHYS_UPDATE), the kernel's mapping, then kfree.
 *
 * The watch's callback runs in the xenbus kernel thread, one at a time,
 * so the balloon's state needs no lock: only that thread changes it.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/xenbus.h"
#include "xenolinux-lite/kernel/balloon.h"
#include "xenolinux-lite/kernel/balloon_plan.h"
#include "public/memory.h"
#include "public/errno.h"

#define TARGET_NODE "memory/target"
#define INVALID_P2M 0xFFFFFFFFu     /* a pfn the balloon holds */

static struct {
    uint32_t ballooned;             /* pfns with no frame behind them */
    uint32_t frames[BALLOON_BATCH]; /* one batch's machine frames */
    void *pages[BALLOON_BATCH];     /* and their kernel addresses */
    mmu_update_t req[2 * BALLOON_BATCH];
} bl;

/* Machine address of the kernel's L1 entry that maps page. */
static uint32_t kpte_ma(const void *page)
{
    uint32_t va = (uint32_t)page;
    return PTE_ADDR(kpgdir[PDX(va)]) + PTX(va) * 4;
}

/* A reservation op on our own frames bl.frames[0..n-1]: frames done. */
static long reservation(uint32_t op, uint32_t n)
{
    xen_memory_reservation_t r;
    memset(&r, 0, sizeof(r));
    set_xen_guest_handle(r.extent_start, (xen_pfn_t *)bl.frames);
    r.nr_extents = n;
    r.domid = DOMID_SELF;
    return HYPERCALL2(__HYPERVISOR_memory_op, op, &r);
}

/* Frames the hypervisor would still give us (its limit less what we hold). */
static uint32_t hv_room(void)
{
    domid_t self = DOMID_SELF;
    long max = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_maximum_reservation, &self);
    long cur = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &self);
    return max < 0 || cur < 0 || max <= cur ? 0 : (uint32_t)(max - cur);
}

/* Map bl.pages[0..n-1] again on their frames bl.frames[] and free them. */
static void refill(uint32_t n, int set_m2p)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t pfn = PFN(bl.pages[i]), mfn = bl.frames[i];
        p2m[pfn] = mfn;
        if (set_m2p) {
            bl.req[k].ptr = ((uint64_t)mfn << PGSHIFT) | MMU_MACHPHYS_UPDATE;
            bl.req[k++].val = pfn;
        }
        bl.req[k].ptr = kpte_ma(bl.pages[i]) | MMU_NORMAL_PT_UPDATE;
        bl.req[k++].val = (mfn << PGSHIFT) | KPTE_RW;
    }
    if (k && HYPERCALL4(__HYPERVISOR_mmu_update, bl.req, k, 0, DOMID_SELF) < 0)
        panic("balloon: refill");
    for (uint32_t i = 0; i < n; i++)
        kfree(bl.pages[i]);
}

/*
 * Give back up to n free pages, never leaving fewer than floor free:
 * the number given.  Each page leaves the kernel's map and the P2M
 * before its frame goes; a frame the hypervisor refuses comes back.
 */
static uint32_t give_batch(uint32_t n, uint32_t floor)
{
    uint32_t got = 0;
    while (got < n && kfreepages() > floor) {
        void *page = kalloc();
        if (!page)
            break;
        bl.pages[got++] = page;
    }
    struct ptbatch b;
    ptb_init(&b);
    for (uint32_t i = 0; i < got; i++) {
        bl.frames[i] = v2mfn(bl.pages[i]);
        ptb_set(&b, kpte_ma(bl.pages[i]), 0);
    }
    mmuext_op_t flush;
    memset(&flush, 0, sizeof(flush));
    flush.cmd = MMUEXT_TLB_FLUSH_LOCAL;
    ptb_commit(&b, 0, 0, &flush, 1);
    for (uint32_t i = 0; i < got; i++)
        p2m[PFN(bl.pages[i])] = INVALID_P2M;
    long done = got ? reservation(XENMEM_decrease_reservation, got) : 0;
    if (done < 0)
        done = 0;
    if ((uint32_t)done < got) {
        cprintf("balloon: the hypervisor took %ld of %u frames\n", done, got);
        for (uint32_t i = (uint32_t)done; i < got; i++) {
            bl.pages[i - done] = bl.pages[i];
            bl.frames[i - done] = bl.frames[i];
        }
        refill(got - (uint32_t)done, 0);
    }
    bl.ballooned += (uint32_t)done;
    return (uint32_t)done;
}

/* Take up to n frames for the pfns the balloon holds: the number taken. */
static uint32_t take_batch(uint32_t n)
{
    long got = reservation(XENMEM_increase_reservation, n);
    if (got <= 0)
        return 0;
    uint32_t k = 0;
    for (uint32_t pfn = 0; pfn < npages && k < (uint32_t)got; pfn++)
        if (p2m[pfn] == INVALID_P2M)
            bl.pages[k++] = P2V(pfn << PGSHIFT);
    if (k < (uint32_t)got)
        panic("balloon: fewer empty pfns than ballooned");
    refill(k, 1);
    bl.ballooned -= k;
    return k;
}

/* Move toward target pages; say in one line what was done. */
static void balloon_to(uint32_t target)
{
    uint32_t boot = start_info->nr_pages;
    struct balloon_state s = {
        .held = boot - bl.ballooned,
        .ballooned = bl.ballooned,
        .free = kfreepages(),
        .floor = balloon_floor(boot),
        .hv_room = target > boot - bl.ballooned ? hv_room() : 0,
    };
    struct balloon_plan p;
    balloon_plan(&s, target, &p);
    enum balloon_limit limit = p.limit;
    uint32_t moved = 0, n;
    while ((n = balloon_batch((p.give ? p.give : p.take) - moved)) > 0) {
        uint32_t done = p.give ? give_batch(n, s.floor) : take_batch(n);
        moved += done;
        if (done < n) {
            limit = p.give ? BALLOON_AT_FLOOR : BALLOON_AT_HV_LIMIT;
            break;
        }
    }
    uint32_t held = boot - bl.ballooned;
    if (limit == BALLOON_REACHED) {
        if (moved)
            cprintf("balloon: %u -> %u pages\n", s.held, held);
        return;
    }
    cprintf("balloon: %u -> %u pages, short of the target %u: %s\n",
            s.held, held, target, balloon_limit_text(limit));
}

/* The watch's callback (in the xenbus thread). */
static void target_changed(const char *path, void *arg)
{
    (void)path;
    (void)arg;
    int kib;
    int rc = xenbus_read_int(XBT_NIL, TARGET_NODE, &kib);
    if (rc == -ENOENT)
        return;                     /* no target: nothing to do */
    if (rc < 0) {
        cprintf("balloon: cannot read " TARGET_NODE " (%d)\n", rc);
        return;
    }
    uint32_t target = balloon_target_pages(kib);
    if (target == 0) {
        cprintf("balloon: " TARGET_NODE " %d KiB is not a target; ignored\n", kib);
        return;
    }
    balloon_to(target);
}

void balloon_init(void)
{
    int rc = xenbus_watch(TARGET_NODE, target_changed, 0);
    if (rc < 0)
        cprintf("balloon: cannot watch " TARGET_NODE " (%d)\n", rc);
}
