/*
 * The one pair of functions through which hypercall handlers read and
 * write guest memory.  The range must lie wholly below the hypervisor's
 * area; the access itself goes through the guest's own mappings (the
 * hypervisor view shares the guest's slots), so a read-only or missing
 * page faults, and the fault becomes -EFAULT instead of a hypervisor crash.
 * A TLB flush the validator asked for happens first, so no translation
 * removed by a page-table update is used.
 */
#include "hypervisor/include/mm.h"
#include "public/errno.h"

int raw_copy_checked(void *dst, const void *src, uint32_t n);

static int guest_range_ok(uint32_t gva, size_t n)
{
    return n <= HV_AREA_START && gva <= HV_AREA_START - n;
}

int copy_from_guest(void *dst, uint32_t gva, size_t n)
{
    if (!guest_range_ok(gva, n))
        return -EFAULT;
    tlb_flush_if_requested();
    return raw_copy_checked(dst, (const void *)(uintptr_t)gva, (uint32_t)n);
}

int copy_to_guest(uint32_t gva, const void *src, size_t n)
{
    if (!guest_range_ok(gva, n))
        return -EFAULT;
    tlb_flush_if_requested();
    return raw_copy_checked((void *)(uintptr_t)gva, src, (uint32_t)n);
}
