/*
 * Guest descriptor tables: set_gdt (#2), update_descriptor (#10) and
 * MMUEXT_SET_LDT.
 *
 * A guest's GDT and LDT live in its own frames, typed as descriptor pages
 * (so never writable by the guest) and validated descriptor by descriptor
 * (check_descriptor).  The trampoline shows the running vCPU's frames
 * read-only at the hypervisor's GDT and LDT addresses; GDT pages the
 * guest did not install show a zero page, so their selectors fault.
 *
 * Unlike Xen, which maps LDT pages lazily on first use, SET_LDT takes the
 * pages at once, and refuses the call if one is not mapped or cannot be a
 * descriptor page.
 */
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"
#include "public/errno.h"
#include "arch/x86_32/tables.h"

#define DESCS_PER_PAGE 512
#define MAX_LDT_ENTS   8192

static void release_frames(uint32_t *frames, unsigned int *n)
{
    for (unsigned int i = 0; i < *n; i++)
        put_page_and_type(frames[i]);
    *n = 0;
}

/* Take descriptor-page references on n frames of d, or none at all. */
static long take_desc_frames(struct domain *d, const uint32_t *frames,
                             unsigned int n)
{
    for (unsigned int i = 0; i < n; i++) {
        if (get_page_and_type(frames[i], d, FT_DESC) < 0) {
            char why[MM_WHY_MAX];
            unsigned int bad = i;
            strlcpy_hv(why, mm_why(), sizeof(why));
            while (i--)
                put_page_and_type(frames[i]);
            return refuse("descriptor frame %u (%#x): %s", bad, frames[bad], why);
        }
    }
    return 0;
}

long vcpu_set_gdt(struct vcpu *v, const uint32_t *frames, uint32_t entries)
{
    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return refuse("set_gdt with %u entries (at most %u)", entries,
                      FIRST_RESERVED_GDT_ENTRY);
    unsigned int n = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
    long rc = take_desc_frames(v->domain, frames, n);
    if (rc < 0)
        return rc;
    release_frames(v->gdt_frames, &v->gdt_nr_frames);
    memcpy(v->gdt_frames, frames, n * sizeof(frames[0]));
    v->gdt_nr_frames = n;
    v->gdt_ents = entries;
    v->desc_changed = 1;
    return 0;
}

/* The frame mapped at guest address va in v's address space, or INVALID. */
static uint32_t guest_va_to_mfn(struct vcpu *v, uint32_t va)
{
    uint32_t *l2 = frame_map(v->l2_mfn);
    uint32_t l2e = l2[l2_index(va)];
    frame_unmap(l2);
    if (!(l2e & PTE_P) || pte_mfn(l2e) == v->l2_mfn)
        return INVALID_MFN;
    uint32_t *l1 = frame_map(pte_mfn(l2e));
    uint32_t l1e = l1[l1_index(va)];
    frame_unmap(l1);
    return (l1e & PTE_P) ? pte_mfn(l1e) : INVALID_MFN;
}

long vcpu_set_ldt(struct vcpu *v, uint32_t base, uint32_t ents)
{
    if (base & (PAGE_SIZE - 1))
        return refuse("set_ldt: base %#x is not page aligned", base);
    if (ents > MAX_LDT_ENTS)
        return refuse("set_ldt: %u entries (at most %u)", ents, MAX_LDT_ENTS);
    if (base > HYPERVISOR_VIRT_START ||
        ents * 8 > HYPERVISOR_VIRT_START - base)
        return refuse("set_ldt: %#x+%u entries reaches the hypervisor", base,
                      ents);
    uint32_t frames[TRAMP_LDT_PAGES];
    unsigned int n = (ents * 8 + PAGE_SIZE - 1) / PAGE_SIZE;
    for (unsigned int i = 0; i < n; i++) {
        frames[i] = guest_va_to_mfn(v, base + i * PAGE_SIZE);
        if (frames[i] == INVALID_MFN)
            return refuse("set_ldt: page %#x is not mapped",
                          base + i * PAGE_SIZE);
    }
    long rc = take_desc_frames(v->domain, frames, n);
    if (rc < 0)
        return rc;
    release_frames(v->ldt_frames, &v->ldt_nr_frames);
    memcpy(v->ldt_frames, frames, n * sizeof(frames[0]));
    v->ldt_nr_frames = n;
    v->ldt_base = base;
    v->ldt_ents = ents;
    v->desc_changed = 1;
    return 0;
}

void vcpu_release_desc(struct vcpu *v)
{
    release_frames(v->gdt_frames, &v->gdt_nr_frames);
    release_frames(v->ldt_frames, &v->ldt_nr_frames);
    v->gdt_ents = v->ldt_ents = v->ldt_base = 0;
    v->desc_changed = 1;
}

void vcpu_load_desc(struct vcpu *v)
{
    tramp_set_guest_desc(v->gdt_frames, v->gdt_nr_frames, v->ldt_frames,
                         v->ldt_nr_frames);
    cpu_load_ldt(v->ldt_ents);
    v->desc_changed = 0;
}

long do_set_gdt(const uint32_t arg[5])
{
    struct vcpu *v = current;
    uint32_t list = arg[0], entries = arg[1];
    uint32_t frames[TRAMP_GUEST_GDT_PAGES];
    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    unsigned int n = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
    if (copy_from_guest(frames, list, n * sizeof(frames[0])) < 0)
        return -EFAULT;
    if (vcpu_set_gdt(v, frames, entries) < 0) {
        printk(LOG_WARN, "d%u: set_gdt refused: %s\n", v->domain->id, mm_why());
        return -EINVAL;
    }
    return 0;
}

long do_update_descriptor(const uint32_t arg[5])
{
    struct domain *d = current->domain;
    uint32_t ma = arg[0], ma_hi = arg[1], lo = arg[2], hi = arg[3];
    long rc;
    if (ma_hi || (ma & 7)) {
        printk(LOG_WARN, "d%u: update_descriptor at %#x%08x: not an aligned "
               "address below 4 GB\n", d->id, ma_hi, ma);
        return -EINVAL;
    }
    uint32_t mfn = ma >> PAGE_SHIFT, idx = (ma & (PAGE_SIZE - 1)) / 4;
    if (get_page(mfn, d) < 0)
        rc = refuse("update_descriptor at %#x: %s", ma, mm_why());
    else {
        struct page_info *pg = mfn_to_page(mfn);
        int is_desc = (pg->flags & PGF_VALIDATED) && pg->type == FT_DESC;
        rc = check_descriptor(&lo, &hi);
        if (rc == 0 && !is_desc && get_page_type(mfn, FT_WRITABLE) < 0)
            rc = refuse("update_descriptor in frame %#x, which is %s", mfn,
                        frame_type_name(pg->type));
        else if (rc == 0) {
            uint32_t *p = frame_map(mfn);
            p[idx] = lo;
            p[idx + 1] = hi;
            frame_unmap(p);
            if (!is_desc)
                put_page_type(mfn);
        }
        put_page(mfn);
    }
    if (rc < 0)
        printk(LOG_WARN, "d%u: update_descriptor refused: %s\n", d->id, mm_why());
    return rc < 0 ? -EINVAL : 0;
}
