/*
 * Our own grant table: how a front end lets its back end's domain use
 * some of our pages (see grant.h).
 *
 * The table lives in frames the hypervisor owns and shares with us;
 * GNTTABOP_setup_table names them and we map them over pages of our
 * image set aside for it, as shared_info is mapped.  That happens at the
 * first grant, so a domain that never grants never asks.
 *
 * An entry is ours to write while it is free; the hypervisor writes only
 * its GTF_reading / GTF_writing bits, while the grantee maps the frame.
 * Granting writes domid and frame before flags (ABI 7.1), so the grantee
 * never sees a valid entry with a stale frame.  Taking a grant back
 * swaps the flags to 0 only if neither busy bit is set, in one atomic
 * step: a grantee mapping the frame at that moment either finds the
 * entry gone or leaves it busy, and then the grant stays.
 *
 * The first GNTTAB_RESERVED references are never handed out (Linux keeps
 * them for the tools: the console and store pages of later Xen).
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/xen.h"
#include "xenolinux-lite/kernel/grant.h"
#include "public/errno.h"

#define GNTTAB_FRAMES   1
#define GNTTAB_ENTRIES  (GNTTAB_FRAMES * PGSIZE / sizeof(grant_entry_t))
#define GNTTAB_RESERVED 8
#define GNTTAB_BUSY     (GTF_reading | GTF_writing)

static uint8_t table_area[GNTTAB_FRAMES][PGSIZE] __attribute__((aligned(PGSIZE)));

static struct {
    struct spinlock lock;       /* guards everything below */
    int state;                  /* 0 not set up, 1 ready, < 0 refused */
    uint32_t used[GNTTAB_ENTRIES / 32];     /* bit set: reference handed out */
} gt = { .lock = { .name = "gnttab" } };

static volatile grant_entry_t *entry(grant_ref_t ref)
{
    return (volatile grant_entry_t *)table_area + ref;
}

/* Ask for the table and map its frames.  0 or a negative errno. */
static int table_setup(void)
{
    xen_pfn_t frames[GNTTAB_FRAMES];
    gnttab_setup_table_t op;
    memset(&op, 0, sizeof(op));
    op.dom = DOMID_SELF;
    op.nr_frames = GNTTAB_FRAMES;
    op.frame_list.p = frames;
    long rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
                         &op, 1);
    if (rc < 0)
        return (int)rc;
    if (op.status != GNTST_okay) {
        cprintf("grant: setup_table refused: status %d\n", op.status);
        return -ENOMEM;
    }
    for (int i = 0; i < GNTTAB_FRAMES; i++) {
        rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, table_area[i],
                        (frames[i] << PGSHIFT) | KPTE_RW, 0, UVMF_INVLPG);
        if (rc < 0) {
            cprintf("grant: mapping table frame %u refused: %ld\n",
                    (unsigned)frames[i], rc);
            return (int)rc;
        }
    }
    return 0;
}

/* A free reference, marked used; -ENOSPC if none.  gt.lock held. */
static int ref_alloc(void)
{
    for (uint32_t ref = GNTTAB_RESERVED; ref < GNTTAB_ENTRIES; ref++) {
        if (!(gt.used[ref / 32] & (1u << (ref % 32)))) {
            gt.used[ref / 32] |= 1u << (ref % 32);
            return (int)ref;
        }
    }
    return -ENOSPC;
}

static int ref_in_use(grant_ref_t ref)
{
    return ref >= GNTTAB_RESERVED && ref < GNTTAB_ENTRIES &&
           (gt.used[ref / 32] & (1u << (ref % 32)));
}

int gnttab_grant_access(domid_t to, uint32_t mfn, int readonly)
{
    acquire(&gt.lock);
    if (gt.state == 0)
        gt.state = table_setup() < 0 ? -ENOMEM : 1;
    int ref = gt.state < 0 ? gt.state : ref_alloc();
    release(&gt.lock);
    if (ref < 0)
        return ref;

    volatile grant_entry_t *e = entry((grant_ref_t)ref);
    e->domid = to;
    e->frame = mfn;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    e->flags = (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0));
    return ref;
}

int gnttab_end_access(grant_ref_t ref)
{
    acquire(&gt.lock);
    if (!ref_in_use(ref)) {
        release(&gt.lock);
        return -EINVAL;
    }
    uint16_t *flags = (uint16_t *)&entry(ref)->flags;
    uint16_t old = __atomic_load_n(flags, __ATOMIC_SEQ_CST);
    do {
        if (old & GNTTAB_BUSY) {
            release(&gt.lock);
            return -EBUSY;
        }
    } while (!__atomic_compare_exchange_n(flags, &old, 0, 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    gt.used[ref / 32] &= ~(1u << (ref % 32));
    release(&gt.lock);
    return 0;
}
