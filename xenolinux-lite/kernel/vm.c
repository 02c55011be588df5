/*
 * Address spaces.
 *
 * Each process has its own L2 (page directory).  Its slots below
 * USERTOP point at the process's own L1s, which map its pages with PTE_U;
 * the slots from KERNBASE up are copies of the kernel's (the same L1
 * frames in every L2, mapping all our pages without PTE_U, so ring 3
 * cannot touch them); slots 1008-1023 are the hypervisor's, filled in by
 * it when it validates the L2.
 *
 * An address space lives in two states:
 *
 *   building  just made by setupkvm(): its L2 and L1s are ordinary
 *             writable pages, so fork and exec fill them with plain
 *             stores, no hypercall at all;
 *   live      after vmactivate(): the tables are mapped read-only in the
 *             kernel's map and the L2 is pinned (the hypervisor validated
 *             the lot).  Changes now go through mmu_update, batched.
 *
 * Whether an L2 is live is read off the kernel's own mapping of it
 * (read-only = live).  freevm() unpins and makes the tables writable
 * again before handing the pages back.
 *
 * A process's memory is [0, sz), with sz below FOREIGN_BASE; above that,
 * up to USERTOP, lies its foreign-mapping area (foreign.c), whose entries
 * carry PTE_FOREIGN: freevm drops them without freeing the frame, and
 * copyuvm, which copies [0, sz), never sees them.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xen.h"

static uint32_t cur_root_mfn;       /* the L2 in CR3, 0 = unknown */
static uint32_t cur_kstack;         /* what stack_switch last got */

static int is_live(uint32_t *pgdir)
{
    return !(*kpte(pgdir) & PTE_W);
}

/* Write one entry of pgdir's tables: a store, or a queued update. */
static void setpte(struct ptbatch *b, int live, uint32_t *pte, uint32_t val)
{
    if (live)
        ptb_set(b, v2ma(pte), val);
    else
        *pte = val;
}

/*
 * The L1 entry for va in pgdir.  If its L1 does not exist: return 0, or
 * with alloc make one (on a live pgdir it is hooked in at once, so that
 * the next walk sees it).
 */
uint32_t *walkpgdir(uint32_t *pgdir, uint32_t va, int alloc,
                    struct ptbatch *b, int live)
{
    uint32_t *pde = &pgdir[PDX(va)];
    uint32_t *l1;
    if (*pde & PTE_P)
        return (uint32_t *)pte2v(*pde) + PTX(va);
    if (!alloc || (l1 = kalloc()) == 0)
        return 0;
    memset(l1, 0, PGSIZE);
    if (live) {
        ptb_kmap(b, l1, KPTE_RO);
        ptb_set(b, v2ma(pde), (v2mfn(l1) << PGSHIFT) | UPDE);
        ptb_flush(b);
    } else {
        *pde = (v2mfn(l1) << PGSHIFT) | UPDE;
    }
    return l1 + PTX(va);
}

static int mappage(uint32_t *pgdir, uint32_t va, void *page, uint32_t flags,
                   struct ptbatch *b, int live)
{
    uint32_t *pte = walkpgdir(pgdir, va, 1, b, live);
    if (!pte)
        return -1;
    if (*pte & PTE_P)
        panic("remap");
    setpte(b, live, pte, (v2mfn(page) << PGSHIFT) | flags);
    return 0;
}

/* A new, building address space with only the kernel mapped; 0 if no memory. */
uint32_t *setupkvm(void)
{
    uint32_t *pgdir = kalloc();
    if (!pgdir)
        return 0;
    memset(pgdir, 0, PGSIZE);
    for (int s = KERN_FIRST_SLOT; s < HV_FIRST_SLOT; s++)
        pgdir[s] = kpgdir[s];
    return pgdir;
}

/* Validate and pin a building address space: one multicall. */
void vmactivate(uint32_t *pgdir)
{
    struct ptbatch b;
    mmuext_op_t pin;
    ptb_init(&b);
    for (uint32_t s = 0; s < USER_SLOTS; s++)
        if (pgdir[s] & PTE_P)
            ptb_kmap(&b, pte2v(pgdir[s]), KPTE_RO);
    ptb_kmap(&b, pgdir, KPTE_RO);
    memset(&pin, 0, sizeof(pin));
    pin.cmd = MMUEXT_PIN_L2_TABLE;
    pin.arg1.mfn = v2mfn(pgdir);
    ptb_commit(&b, 0, 0, &pin, 1);
}

/* Load the first process's code (sz < PGSIZE) at address 0 of a building pgdir. */
void inituvm(uint32_t *pgdir, const char *init, uint32_t sz)
{
    struct ptbatch b;
    char *mem = kalloc();
    if (sz >= PGSIZE || !mem)
        panic("inituvm");
    memset(mem, 0, PGSIZE);
    if (mappage(pgdir, 0, mem, UPTE, &b, 0) < 0)
        panic("inituvm");
    memmove(mem, init, sz);
}

/*
 * Grow the process memory from oldsz to newsz (zeroed pages).  Returns
 * newsz, or 0 (having undone the growth) if memory ran out.
 */
int allocuvm(uint32_t *pgdir, uint32_t oldsz, uint32_t newsz)
{
    struct ptbatch b;
    if (newsz > FOREIGN_BASE)
        return 0;
    if (newsz < oldsz)
        return oldsz;
    int live = is_live(pgdir);
    ptb_init(&b);
    for (uint32_t a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE) {
        char *mem = kalloc();
        if (mem)
            memset(mem, 0, PGSIZE);
        if (!mem || mappage(pgdir, a, mem, UPTE, &b, live) < 0) {
            if (mem)
                kfree(mem);
            ptb_flush(&b);
            deallocuvm(pgdir, newsz, oldsz);
            return 0;
        }
    }
    ptb_flush(&b);
    return newsz;
}

/* Send the queued clears (and flush the TLB), then free their pages. */
static void clear_and_free(struct ptbatch *b, void **dead, int *ndead)
{
    mmuext_op_t flush;
    memset(&flush, 0, sizeof(flush));
    flush.cmd = MMUEXT_TLB_FLUSH_LOCAL;
    ptb_commit(b, 0, 0, &flush, 1);
    for (int i = 0; i < *ndead; i++)
        kfree(dead[i]);
    *ndead = 0;
}

/*
 * Shrink the process memory from oldsz to newsz, freeing the pages.  On a
 * live pgdir a page is freed only once its entry is gone.  Returns newsz.
 */
int deallocuvm(uint32_t *pgdir, uint32_t oldsz, uint32_t newsz)
{
    struct ptbatch b;
    void *dead[PTBATCH];
    int ndead = 0;
    if (newsz >= oldsz)
        return oldsz;
    int live = is_live(pgdir);
    ptb_init(&b);
    for (uint32_t a = PGROUNDUP(newsz); a < oldsz; a += PGSIZE) {
        uint32_t *pte = walkpgdir(pgdir, a, 0, &b, live);
        if (!pte) {
            a = PGADDR(PDX(a) + 1, 0, 0) - PGSIZE;
            continue;
        }
        if (!(*pte & PTE_P))
            continue;
        void *page = pte2v(*pte);
        if (!live) {
            *pte = 0;
            kfree(page);
            continue;
        }
        if (b.n == PTBATCH)
            clear_and_free(&b, dead, &ndead);
        ptb_set(&b, v2ma(pte), 0);
        dead[ndead++] = page;
    }
    if (live)
        clear_and_free(&b, dead, &ndead);
    return newsz;
}

/*
 * Free an address space: its pages, L1s and L2.  A live one is first
 * unpinned (which releases everything the hypervisor held for it) and
 * its tables made writable again, in one multicall when they fit.
 */
void freevm(uint32_t *pgdir)
{
    if (!pgdir)
        panic("freevm: no pgdir");
    if (is_live(pgdir)) {
        struct ptbatch b;
        mmuext_op_t unpin;
        int ntables = 1;
        if (v2mfn(pgdir) == cur_root_mfn)
            switchkvm();
        for (uint32_t s = 0; s < USER_SLOTS; s++)
            ntables += (pgdir[s] & PTE_P) != 0;
        memset(&unpin, 0, sizeof(unpin));
        unpin.cmd = MMUEXT_UNPIN_TABLE;
        unpin.arg1.mfn = v2mfn(pgdir);
        int early = ntables > PTBATCH;      /* the queue would flush first */
        if (early && mmuext1(MMUEXT_UNPIN_TABLE, v2mfn(pgdir)) < 0)
            panic("freevm: unpin");
        ptb_init(&b);
        for (uint32_t s = 0; s < USER_SLOTS; s++)
            if (pgdir[s] & PTE_P)
                ptb_kmap(&b, pte2v(pgdir[s]), KPTE_RW);
        ptb_kmap(&b, pgdir, KPTE_RW);
        ptb_commit(&b, &unpin, early ? 0 : 1, 0, 0);
    }
    for (uint32_t s = 0; s < USER_SLOTS; s++) {
        if (!(pgdir[s] & PTE_P))
            continue;
        uint32_t *l1 = pte2v(pgdir[s]);
        for (int i = 0; i < NPTENTRIES; i++)
            if ((l1[i] & PTE_P) && !(l1[i] & PTE_FOREIGN))
                kfree(pte2v(l1[i]));
        kfree(l1);
    }
    kfree(pgdir);
}

/*
 * A building copy of the parent's first sz bytes: new pages with the same
 * contents and permissions.  The caller activates it.  0 if no memory.
 */
uint32_t *copyuvm(uint32_t *pgdir, uint32_t sz)
{
    struct ptbatch b;
    uint32_t *d = setupkvm();
    if (!d)
        return 0;
    for (uint32_t a = 0; a < sz; a += PGSIZE) {
        uint32_t *pte = walkpgdir(pgdir, a, 0, &b, 0);
        if (!pte || !(*pte & PTE_P))
            panic("copyuvm: page not present");
        char *mem = kalloc();
        if (!mem || mappage(d, a, mem, PTE_FLAGS(*pte) & (UPTE | PTE_P), &b, 0) < 0) {
            if (mem)
                kfree(mem);
            freevm(d);
            return 0;
        }
        memmove(mem, pte2v(*pte), PGSIZE);
    }
    return d;
}

/* Read sz bytes of ip at off into the (mapped) pages at addr, page aligned. */
int loaduvm(uint32_t *pgdir, char *addr, struct inode *ip, uint32_t off,
            uint32_t sz)
{
    struct ptbatch b;
    if ((uint32_t)addr % PGSIZE)
        panic("loaduvm: addr must be page aligned");
    for (uint32_t i = 0; i < sz; i += PGSIZE) {
        uint32_t *pte = walkpgdir(pgdir, (uint32_t)addr + i, 0, &b, 0);
        if (!pte || !(*pte & PTE_P))
            panic("loaduvm: address should exist");
        uint32_t n = sz - i < PGSIZE ? sz - i : PGSIZE;
        if (readi(ip, pte2v(*pte), off + i, n) != (int)n)
            return -1;
    }
    return 0;
}

/* Make the page at uva inaccessible to ring 3 (the stack's guard page). */
void clearpteu(uint32_t *pgdir, char *uva)
{
    struct ptbatch b;
    int live = is_live(pgdir);
    ptb_init(&b);
    uint32_t *pte = walkpgdir(pgdir, (uint32_t)uva, 0, &b, live);
    if (!pte)
        panic("clearpteu");
    setpte(&b, live, pte, *pte & ~PTE_U);
    ptb_flush(&b);
}

/* Kernel address of the user page at uva, or 0 if ring 3 may not use it
 * or it is a foreign frame (which the kernel's map does not have). */
char *uva2ka(uint32_t *pgdir, char *uva)
{
    uint32_t *pte = walkpgdir(pgdir, (uint32_t)uva, 0, 0, 0);
    if (!pte || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U) ||
        (*pte & PTE_FOREIGN))
        return 0;
    return pte2v(*pte);
}

int copyout(uint32_t *pgdir, uint32_t va, const void *src, uint32_t len)
{
    const char *s = src;
    while (len > 0) {
        uint32_t va0 = PGROUNDDOWN(va);
        char *pa0 = uva2ka(pgdir, (char *)va0);
        if (!pa0)
            return -1;
        uint32_t n = PGSIZE - (va - va0);
        if (n > len)
            n = len;
        memmove(pa0 + (va - va0), s, n);
        len -= n;
        s += n;
        va = va0 + PGSIZE;
    }
    return 0;
}

/*
 * Run on p's address space and kernel stack: NEW_BASEPTR and
 * stack_switch, in one multicall, each only if it changes anything.
 */
void switchuvm(struct proc *p)
{
    multicall_entry_t mc[2];
    mmuext_op_t op;
    int n = 0;
    if (!p || !p->kstack || !p->pgdir)
        panic("switchuvm");
    uint32_t top = (uint32_t)p->kstack + KSTACKSIZE;
    uint32_t root = v2mfn(p->pgdir);
    pushcli();
    memset(mc, 0, sizeof(mc));
    if (cur_kstack != top) {
        mc[n].op = __HYPERVISOR_stack_switch;
        mc[n].args[0] = FLAT_KERNEL_SS;
        mc[n].args[1] = top;
        n++;
    }
    if (cur_root_mfn != root) {
        memset(&op, 0, sizeof(op));
        op.cmd = MMUEXT_NEW_BASEPTR;
        op.arg1.mfn = root;
        mc[n].op = __HYPERVISOR_mmuext_op;
        mc[n].args[0] = (uint32_t)&op;
        mc[n].args[1] = 1;
        mc[n].args[3] = DOMID_SELF;
        n++;
    }
    if (n && HYPERCALL2(__HYPERVISOR_multicall, mc, n) < 0)
        panic("switchuvm");
    for (int i = 0; i < n; i++)
        if ((long)mc[i].result < 0)
            panic("switchuvm: refused");
    cur_kstack = top;
    cur_root_mfn = root;
    popcli();
}

/* Run on the kernel's own L2 (nothing of any process mapped). */
void switchkvm(void)
{
    uint32_t root = v2mfn(kpgdir);
    if (cur_root_mfn == root)
        return;
    if (mmuext1(MMUEXT_NEW_BASEPTR, root) < 0)
        panic("switchkvm");
    cur_root_mfn = root;
}
