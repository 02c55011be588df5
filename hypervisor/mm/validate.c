/*
 * The validator: what a guest may put in its page tables and descriptor
 * tables.
 *
 * Guests own their page tables but see them read-only; every change comes
 * through a hypercall and passes through here.  The rules (ABI 4.6):
 *
 * L1 entries.  A present entry may not set PAT or global.  It must map a
 * RAM frame of the domain (or of the foreign domain a privileged caller
 * named, or, while validating a whole table of a privileged domain, of
 * any domain).  A read-only entry takes a general reference on the frame;
 * a writable one also takes a writable-type reference, which fails if the
 * frame is a page table or descriptor page.  So no page table is ever
 * writable, through any alias.
 *
 * L2 entries (slots 0-1007).  A present entry may not set PSE or global.
 * It must name an L1 of the domain (which is validated as one), or be a
 * read-only entry naming this same L2 (a "linear" mapping of the page
 * tables, which takes no reference).  An entry naming any other L2 is
 * refused, which also rules out chains and loops.  Slots 1008-1023 are the
 * hypervisor's: validation overwrites them, and updates are refused.
 *
 * Descriptors (GDT and LDT pages).  Not-present descriptors are accepted
 * as they are.  Present ones must be code or data segments with DPL 1 to
 * 3 whose base + limit stays below the hypervisor's area; system segments
 * and gates (call gates included) are refused.
 *
 * Updating an entry takes the new entry's references first, writes it,
 * then drops the old entry's references; a removed or downgraded mapping
 * asks for a TLB flush.  Failing anywhere leaves every table and count as
 * it was.  Every refusal says why through refuse().
 */
#include "hypervisor/include/validate.h"
#include "hypervisor/include/frame.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"
#include "public/errno.h"
#include "arch/x86_32/paging.h"

#define HV_SLOT_FIRST 1008

/* ---------------------------------------------------------------- L1 */

/*
 * Take the references a present L1 entry needs; fd owns the frame it maps
 * (NULL: while validating a privileged domain's table, any domain).
 */
static int l1e_get(uint32_t l1e, const struct domain *owner,
                   const struct domain *fd)
{
    if (!(l1e & PTE_P))
        return 0;
    if (l1e & L1_DISALLOWED)
        return refuse("L1 entry %08x sets PAT or global", l1e);
    uint32_t mfn = pte_mfn(l1e);
    if (!mfn_valid(mfn) || !(mfn_to_page(mfn)->flags & PGF_RAM))
        return refuse("L1 entry %08x maps frame %#x, which is not RAM", l1e, mfn);
    const struct domain *target = fd;
    if (!target) {
        target = mfn_to_page(mfn)->owner;
        if (target != owner && !domain_is_privileged(owner))
            return refuse("L1 entry %08x maps frame %#x, which is not the "
                          "domain's", l1e, mfn);
        if (!target)
            return refuse("L1 entry %08x maps frame %#x, which belongs to "
                          "no domain", l1e, mfn);
    }
    struct page_info *pg = mfn_to_page(mfn);
    if (pg->type == FT_XEN_SHARED) {
        if (pg->owner != target)
            return refuse("L1 entry %08x maps another domain's shared page",
                          l1e);
        pg->count++;        /* shared pages are writable by their owner */
        return 0;
    }
    int rc = get_page(mfn, target);
    if (rc < 0)
        return refuse("L1 entry %08x: %s", l1e, mm_why());
    if (l1e & PTE_RW) {
        rc = get_page_type(mfn, FT_WRITABLE);
        if (rc < 0) {
            put_page(mfn);
            return refuse("L1 entry %08x would map frame %#x writable: %s",
                          l1e, mfn, mm_why());
        }
    }
    return 0;
}

static void l1e_put(uint32_t l1e)
{
    if (!(l1e & PTE_P))
        return;
    uint32_t mfn = pte_mfn(l1e);
    if ((l1e & PTE_RW) && mfn_to_page(mfn)->type == FT_WRITABLE)
        put_page_type(mfn);
    put_page(mfn);
}

static int validate_l1(uint32_t mfn)
{
    const struct domain *owner = mfn_to_page(mfn)->owner;
    uint32_t *t = frame_map(mfn);
    for (unsigned int i = 0; i < L1_ENTRIES; i++) {
        if (l1e_get(t[i], owner, domain_is_privileged(owner) ? NULL : owner) < 0) {
            char reason[MM_WHY_MAX];
            unsigned int bad = i;
            strlcpy_hv(reason, mm_why(), sizeof(reason));
            while (i--)
                l1e_put(t[i]);
            frame_unmap(t);
            return refuse("L1 %#x, entry %u: %s", mfn, bad, reason);
        }
    }
    frame_unmap(t);
    return 0;
}

static void devalidate_l1(uint32_t mfn)
{
    uint32_t *t = frame_map(mfn);
    for (unsigned int i = 0; i < L1_ENTRIES; i++)
        l1e_put(t[i]);
    frame_unmap(t);
}

/* ---------------------------------------------------------------- L2 */

/*
 * Take the references a present guest L2 entry of l2_mfn needs.  Returns
 * 0 also for the one reference-free case, a read-only self mapping.
 */
static int l2e_get(uint32_t l2e, uint32_t l2_mfn)
{
    if (!(l2e & PTE_P))
        return 0;
    if (l2e & L2_DISALLOWED)
        return refuse("L2 entry %08x sets PSE or global", l2e);
    uint32_t mfn = pte_mfn(l2e);
    if (mfn == l2_mfn) {
        if (l2e & PTE_RW)
            return refuse("linear L2 entry %08x is writable", l2e);
        return 0;
    }
    const struct domain *owner = mfn_to_page(l2_mfn)->owner;
    if (mfn_valid(mfn) && mfn_to_page(mfn)->type == FT_L2 &&
        mfn_to_page(mfn)->type_count)
        return refuse("L2 entry %08x maps a different L2 (%#x)", l2e, mfn);
    int rc = get_page_and_type(mfn, owner, FT_L1);
    if (rc < 0)
        return refuse("L2 entry %08x: %s", l2e, mm_why());
    return 0;
}

static void l2e_put(uint32_t l2e, uint32_t l2_mfn)
{
    if (!(l2e & PTE_P) || pte_mfn(l2e) == l2_mfn)
        return;
    put_page_and_type(pte_mfn(l2e));
}

static int validate_l2(uint32_t mfn)
{
    uint32_t *t = frame_map(mfn);
    for (unsigned int i = 0; i < HV_SLOT_FIRST; i++) {
        if (l2e_get(t[i], mfn) < 0) {
            char reason[MM_WHY_MAX];
            unsigned int bad = i;
            strlcpy_hv(reason, mm_why(), sizeof(reason));
            while (i--)
                l2e_put(t[i], mfn);
            frame_unmap(t);
            return refuse("L2 %#x, entry %u: %s", mfn, bad, reason);
        }
    }
    if (twin_attach(mfn) < 0) {
        for (unsigned int i = 0; i < HV_SLOT_FIRST; i++)
            l2e_put(t[i], mfn);
        frame_unmap(t);
        return refuse("no memory for the hypervisor view of L2 %#x", mfn);
    }
    for (unsigned int s = HV_SLOT_FIRST; s < L2_ENTRIES; s++)
        t[s] = hv_slot_guest_value(s);
    frame_unmap(t);
    return 0;
}

static void devalidate_l2(uint32_t mfn)
{
    twin_release(mfn);
    uint32_t *t = frame_map(mfn);
    for (unsigned int i = 0; i < HV_SLOT_FIRST; i++)
        l2e_put(t[i], mfn);
    frame_unmap(t);
    tlb_flush_request();
}

/* ------------------------------------------------------- descriptors */

#define DESC_P          (1u << 15)
#define DESC_S          (1u << 12)      /* code or data (not system) */
#define DESC_DPL(hi)    (((hi) >> 13) & 3)
#define DESC_TYPE(hi)   (((hi) >> 8) & 0xF)
#define DESC_G          (1u << 23)
#define DESC_ACCESSED   (1u << 8)
#define TYPE_CODE       0x8
#define TYPE_EXPAND_DOWN 0x4

int check_descriptor(uint32_t *lo, uint32_t *hi)
{
    uint32_t h = *hi, l = *lo;
    if (!(h & DESC_P))
        return 0;
    if (!(h & DESC_S))
        return refuse("descriptor %08x%08x is a system segment or gate", h, l);
    if (DESC_DPL(h) == 0)
        return refuse("descriptor %08x%08x has DPL 0", h, l);
    uint32_t base = (l >> 16) | ((h & 0xFF) << 16) | (h & 0xFF000000u);
    uint64_t limit = (l & 0xFFFF) | (h & 0xF0000u);
    if (h & DESC_G)
        limit = (limit << 12) | 0xFFF;
    int expand_down = !(DESC_TYPE(h) & TYPE_CODE) &&
                      (DESC_TYPE(h) & TYPE_EXPAND_DOWN);
    /* The highest address the segment reaches. */
    uint64_t top = expand_down ? (uint64_t)base + 0xFFFFFFFFull
                               : (uint64_t)base + limit;
    if (expand_down && !(h & (1u << 22)))
        top = (uint64_t)base + 0xFFFF;
    if (top >= HYPERVISOR_VIRT_START)
        return refuse("descriptor %08x%08x reaches %#llx, at or above the "
                      "hypervisor (0xfc000000)", h, l, (unsigned long long)top);
    *hi = h | DESC_ACCESSED;
    return 0;
}

static int validate_desc(uint32_t mfn)
{
    uint32_t *t = frame_map(mfn);
    uint32_t checked[L1_ENTRIES];
    for (unsigned int i = 0; i < L1_ENTRIES; i += 2) {
        checked[i] = t[i];
        checked[i + 1] = t[i + 1];
        if (check_descriptor(&checked[i], &checked[i + 1]) < 0) {
            char reason[MM_WHY_MAX];
            strlcpy_hv(reason, mm_why(), sizeof(reason));
            frame_unmap(t);
            return refuse("descriptor page %#x, entry %u: %s", mfn, i / 2,
                          reason);
        }
    }
    memcpy(t, checked, sizeof(checked));
    frame_unmap(t);
    return 0;
}

/* ------------------------------------------------------ whole frames */

int validate_frame(uint32_t mfn, enum frame_type t)
{
    switch (t) {
    case FT_L1:
        return validate_l1(mfn);
    case FT_L2:
        return validate_l2(mfn);
    case FT_DESC:
        return validate_desc(mfn);
    default:
        return 0;
    }
}

void devalidate_frame(uint32_t mfn, enum frame_type t)
{
    if (t == FT_L1)
        devalidate_l1(mfn);
    else if (t == FT_L2)
        devalidate_l2(mfn);
    /* descriptor pages hold no references */
}

/* ----------------------------------------------------------- updates */

/* Did this change remove or downgrade a mapping? */
static int mapping_weakened(uint32_t old, uint32_t val)
{
    if (!(old & PTE_P))
        return 0;
    return !(val & PTE_P) || pte_mfn(old) != pte_mfn(val) ||
           ((old & PTE_RW) && !(val & PTE_RW)) ||
           ((old & PTE_US) && !(val & PTE_US));
}

/* Same frame, same present and writable bits: no references change. */
static int same_refs(uint32_t old, uint32_t val)
{
    return ((old ^ val) & (PAGE_MASK | PTE_P | PTE_RW)) == 0;
}

int update_l1e(uint32_t l1_mfn, unsigned int idx, uint32_t val,
               const struct domain *fd)
{
    const struct domain *owner = mfn_to_page(l1_mfn)->owner;
    uint32_t *t = frame_map(l1_mfn);
    uint32_t old = t[idx];
    int rc = 0;
    if ((val & PTE_P) && same_refs(old, val)) {
        if (val & L1_DISALLOWED)
            rc = refuse("L1 entry %08x sets PAT or global", val);
    } else {
        rc = l1e_get(val, owner, fd);
        if (rc == 0)
            l1e_put(old);
    }
    if (rc == 0) {
        t[idx] = val;
        if (mapping_weakened(old, val))
            tlb_flush_request();
    }
    frame_unmap(t);
    return rc;
}

int update_l2e(uint32_t l2_mfn, unsigned int idx, uint32_t val)
{
    if (idx >= HV_SLOT_FIRST)
        return refuse("L2 slot %u belongs to the hypervisor", idx);
    uint32_t *t = frame_map(l2_mfn);
    uint32_t old = t[idx];
    int rc = 0;
    if ((val & PTE_P) && same_refs(old, val)) {
        if (val & L2_DISALLOWED)
            rc = refuse("L2 entry %08x sets PSE or global", val);
    } else {
        rc = l2e_get(val, l2_mfn);
    }
    if (rc == 0) {
        t[idx] = val;
        twin_sync(l2_mfn, idx, val);
        if (!same_refs(old, val) || !(val & PTE_P))
            l2e_put(old, l2_mfn);
        if (mapping_weakened(old, val))
            tlb_flush_request();
    }
    frame_unmap(t);
    return rc;
}
