/*
 * The foreign-mapping area of a process: [FOREIGN_BASE, USERTOP), 16 MB
 * above anything sbrk or exec can reach, where /dev/privcmd maps frames
 * that are not the process's own pages: another domain's (for the domain
 * builder, xenstored, xenconsoled) or a page the kernel shares with
 * programs (the store page, xsd.c).
 *
 * Such an entry carries PTE_FOREIGN.  The frame behind it is not ours to
 * free or copy: freevm drops the entry without freeing the frame, fork
 * copies only [0, sz) and so never copies it, uva2ka refuses it.  The
 * hypervisor holds a reference on the frame for as long as the entry
 * exists, so a domain destroyed meanwhile keeps the frame alive until
 * the mapping goes.  Mappings go when the process unmaps them, exits
 * (foreign_unmap_all) or execs (freevm of the old address space).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/include/abi/xenio.h"

_Static_assert(FOREIGN_BASE == PRIVCMD_FOREIGN_BASE &&
               USERTOP == PRIVCMD_FOREIGN_TOP, "xenio.h names the area");
_Static_assert(FOREIGN_BASE % (PGSIZE * NPTENTRIES) == 0,
               "the area has L1s of its own");

#define MAX_MFN 0xFFFFFu            /* frames a non-PAE entry can name */

/* Is va a page of the foreign-mapping area? */
int is_foreign_page(uint32_t va)
{
    return va >= FOREIGN_BASE && va < USERTOP && va % PGSIZE == 0;
}

/*
 * Map frame mfn of domain dom (DOMID_SELF: one of ours) writable for ring
 * 3 at the lowest free page of the live pgdir's foreign area.  Returns 0
 * with the address in *va; or -1 with *hvrc the hypervisor's refusal, or
 * 0 if the area is full or memory for its page table ran out.
 */
int foreign_map(uint32_t *pgdir, uint32_t dom, uint32_t mfn, uint32_t *va,
                long *hvrc)
{
    struct ptbatch b;
    *hvrc = 0;
    if (mfn > MAX_MFN)
        return -1;
    ptb_init(&b);
    for (uint32_t a = FOREIGN_BASE; a < USERTOP; a += PGSIZE) {
        uint32_t *pte = walkpgdir(pgdir, a, 0, &b, 1);
        if (pte && (*pte & PTE_P))
            continue;
        if (!pte && (pte = walkpgdir(pgdir, a, 1, &b, 1)) == 0)
            return -1;
        mmu_update_t req = {
            .ptr = v2ma(pte) | MMU_NORMAL_PT_UPDATE,
            .val = (mfn << PGSHIFT) | UPTE | PTE_FOREIGN,
        };
        long rc = HYPERCALL4(__HYPERVISOR_mmu_update, &req, 1, 0, dom);
        if (rc < 0) {
            *hvrc = rc;
            return -1;
        }
        *va = a;
        return 0;
    }
    return -1;
}

/* Remove the foreign mapping at va; -1 if va is not one. */
int foreign_unmap(uint32_t *pgdir, uint32_t va)
{
    struct ptbatch b;
    if (!is_foreign_page(va))
        return -1;
    ptb_init(&b);
    uint32_t *pte = walkpgdir(pgdir, va, 0, &b, 1);
    if (!pte || !(*pte & PTE_P) || !(*pte & PTE_FOREIGN))
        return -1;
    ptb_set(&b, v2ma(pte), 0);
    ptb_flush(&b);
    return 0;
}

/* Remove every foreign mapping of the live pgdir (the L1s stay). */
void foreign_unmap_all(uint32_t *pgdir)
{
    struct ptbatch b;
    ptb_init(&b);
    for (uint32_t s = PDX(FOREIGN_BASE); s < USER_SLOTS; s++) {
        if (!(pgdir[s] & PTE_P))
            continue;
        uint32_t *l1 = pte2v(pgdir[s]);
        for (int i = 0; i < NPTENTRIES; i++)
            if (l1[i] & PTE_P)
                ptb_set(&b, v2ma(&l1[i]), 0);
    }
    ptb_flush(&b);
}
