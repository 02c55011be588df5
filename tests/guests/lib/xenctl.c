/* Control-library ops for the dom0 test guests (see xenctl.h). */
#include "tests/guests/lib/xenctl.h"
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

#define PAGE 4096u
#define PTE_RW_FLAGS 0x023          /* present, writable, accessed */

static uint8_t window[XC_WINDOW_PAGES][PAGE] __attribute__((aligned(PAGE)));
static uint32_t own_pte[XC_WINDOW_PAGES];   /* each page's normal entry */
static uint8_t in_use[XC_WINDOW_PAGES];

static long guest_hypercall(void *ctx, unsigned int nr, const unsigned long a[5])
{
    (void)ctx;
    return hypercall(nr, a[0], a[1], a[2], a[3], a[4]);
}

/* Point window page i at mfn (foreign domain fd), and flush it. */
static long set_window_pte(unsigned int i, uint32_t pte, uint32_t fd)
{
    mmu_update_t req = { guest_l1e_maddr((uint32_t)window[i]), pte };
    long rc = HYPERCALL4(__HYPERVISOR_mmu_update, &req, 1, 0, fd);
    if (rc < 0)
        return rc;
    mmuext_op_t op = { .cmd = MMUEXT_INVLPG_LOCAL };
    op.arg1.linear_addr = (uint32_t)window[i];
    return HYPERCALL4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF);
}

static void *guest_map_foreign(void *ctx, domid_t dom, unsigned long mfn)
{
    (void)ctx;
    for (unsigned int i = 0; i < XC_WINDOW_PAGES; i++) {
        if (in_use[i])
            continue;
        if (set_window_pte(i, (uint32_t)(mfn << 12) | PTE_RW_FLAGS, dom) < 0)
            return NULL;
        in_use[i] = 1;
        return window[i];
    }
    return NULL;
}

static void guest_unmap_foreign(void *ctx, void *va)
{
    (void)ctx;
    for (unsigned int i = 0; i < XC_WINDOW_PAGES; i++) {
        if (window[i] != va || !in_use[i])
            continue;
        if (set_window_pte(i, own_pte[i], DOMID_SELF) < 0)
            printf("FAIL: could not restore window page %u\n", i);
        in_use[i] = 0;
    }
}

void xenctl_init(void)
{
    for (unsigned int i = 0; i < XC_WINDOW_PAGES; i++) {
        window[i][0] = 0;           /* make sure the page is ours and mapped */
        own_pte[i] = guest_l1e((uint32_t)window[i]);
    }
}

const struct xc_ops guest_xc = {
    .ctx = NULL,
    .hypercall = guest_hypercall,
    .map_foreign = guest_map_foreign,
    .unmap_foreign = guest_unmap_foreign,
};
