/*
 * memory_op (#12): giving domains memory and taking it back.
 *
 * The reservation ops work on extents of order 0 (single frames; a larger
 * order completes no extents) and report failure only as a short count,
 * as Xen's do.  A domid other than DOMID_SELF needs privilege: that is
 * how dom0 populates a domain it builds.  Long requests continue
 * themselves, keeping their progress in bits 31:4 of the command.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/give_back.h"
#include "public/memory.h"
#include "public/errno.h"

#define CHUNK 256
#define CMD_MASK 0xF
#define START_SHIFT 4

static struct domain *target_domain(struct domain *d, domid_t id)
{
    if (id == DOMID_SELF || id == d->id)
        return d;
    return d->is_privileged ? domain_by_id(id) : NULL;
}

/* Give up frame mfn of t (give_back.c); a refusal is logged with its reason. */
static int remove_frame(struct domain *t, uint32_t mfn)
{
    if (give_back_frame(t, mfn) == 0)
        return 0;
    printk(LOG_WARN, "d%u: decrease_reservation of frame %#x refused: %s\n",
           current->domain->id, mfn, mm_why());
    return -1;
}

/* One extent of a reservation op; 0 if done. */
static int do_extent(uint32_t op, struct domain *t, uint32_t list, uint32_t i)
{
    uint32_t frame = 0;
    if ((op != XENMEM_increase_reservation || list) &&
        copy_from_guest(&frame, list + i * 4, 4) < 0)
        return -1;
    if (op == XENMEM_decrease_reservation)
        return remove_frame(t, frame);
    if (t->tot_pages >= t->max_pages)
        return -1;
    uint32_t mfn = alloc_domheap_frame(t);
    if (mfn == INVALID_MFN)
        return -1;
    if (op == XENMEM_populate_physmap)
        m2p_table[mfn] = frame;
    if (list && copy_to_guest(list + i * 4, &mfn, 4) < 0) {
        remove_frame(t, mfn);
        return -1;
    }
    return 0;
}

static long reservation_op(uint32_t cmd, uint32_t arg)
{
    struct domain *d = current->domain;
    uint32_t op = cmd & CMD_MASK, start = cmd >> START_SHIFT;
    xen_memory_reservation_t r;
    if (copy_from_guest(&r, arg, sizeof(r)) < 0)
        return -EFAULT;
    struct domain *t = target_domain(d, r.domid);
    if (!t)
        return d->is_privileged ? -ESRCH : -EPERM;
    /* Only single frames; every frame we give lies below 1 GB, so a
     * request for lower ones fails (address_bits means nothing when the
     * frames come back). */
    if (r.extent_order != 0 ||
        (op != XENMEM_decrease_reservation && r.address_bits &&
         r.address_bits < 30))
        return start;
    uint32_t list = (uint32_t)(uintptr_t)r.extent_start.p;
    if (op != XENMEM_increase_reservation && !list)
        return -EFAULT;
    for (uint32_t i = start; i < r.nr_extents; i++) {
        if (i - start == CHUNK) {
            const uint32_t rest[5] = { op | (i << START_SHIFT), arg, 0, 0, 0 };
            hypercall_continue(rest);
            return 0;
        }
        if (do_extent(op, t, list, i) < 0)
            return i;
    }
    return r.nr_extents;
}

static long reservation_size(uint32_t op, uint32_t arg)
{
    struct domain *d = current->domain;
    domid_t id;
    if (copy_from_guest(&id, arg, sizeof(id)) < 0)
        return -EFAULT;
    struct domain *t = target_domain(d, id);
    if (!t)
        return d->is_privileged ? -ESRCH : -EPERM;
    return op == XENMEM_current_reservation ? t->tot_pages : t->max_pages;
}

static long machphys_mfn_list(uint32_t arg)
{
    struct xen_machphys_mfn_list l;
    if (copy_from_guest(&l, arg, sizeof(l)) < 0)
        return -EFAULT;
    uint32_t m2p_ma = virt_to_maddr(m2p_table);
    uint32_t chunks = (max_mfn * 4 + (2u << 20) - 1) >> 21;
    uint32_t n = chunks < l.max_extents ? chunks : l.max_extents;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t mfn = (m2p_ma + (i << 21)) >> PAGE_SHIFT;
        if (copy_to_guest((uint32_t)(uintptr_t)l.extent_start.p + i * 4, &mfn, 4) < 0)
            return -EFAULT;
    }
    l.nr_extents = n;
    return copy_to_guest(arg, &l, sizeof(l)) < 0 ? -EFAULT : 0;
}

long do_memory_op(const uint32_t arg[5])
{
    uint32_t cmd = arg[0], op = cmd & CMD_MASK;
    switch (op) {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return reservation_op(cmd, arg[1]);
    case XENMEM_maximum_ram_page:
        return (long)max_mfn - 1;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return reservation_size(op, arg[1]);
    case XENMEM_machphys_mfn_list:
        return machphys_mfn_list(arg[1]);
    case XENMEM_machphys_mapping: {
        /* Only tracked frames have M2P entries, so that is the limit. */
        xen_machphys_mapping_t m = { MACH2PHYS_VIRT_START,
                                     MACH2PHYS_VIRT_END, max_mfn - 1 };
        return copy_to_guest(arg[1], &m, sizeof(m)) < 0 ? -EFAULT : 0;
    }
    default:
        return -ENOSYS;     /* translated guests, memory maps, exchange */
    }
}
