/*
 * mmu: the boot-time subset of paging hypercalls.  A guest may rewrite
 * entries of its own L1 tables (mmu_update, update_va_mapping) to map its
 * own frames, may plainly write its own ordinary frames through
 * mmu_update, and may update the M2P for its own frames.  It may not map
 * a page table writable, map a frame it does not own, set PAT or global
 * bits, or touch the hypervisor's L2 slots or anything at or above
 * 0xFC000000.  A batch stops at
 * the first bad request and reports how many were done.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define PTE_P  0x001
#define PTE_RW 0x002
#define PTE_A  0x020
#define PTE_PAT 0x080
#define PTE_G  0x100

static uint8_t page_a[4096] __attribute__((aligned(4096)));
static uint8_t page_b[4096] __attribute__((aligned(4096)));
static uint8_t page_c[4096] __attribute__((aligned(4096)));

static uint32_t mfn_of(const void *va)
{
    return guest_l1e((uint32_t)va) >> 12;
}

static long uvm(uint32_t va, uint32_t pte)
{
    return HYPERCALL4(__HYPERVISOR_update_va_mapping, va, pte, 0, UVMF_INVLPG);
}

static long mmu(mmu_update_t *req, unsigned int count, unsigned int *done,
                unsigned int foreigndom)
{
    return HYPERCALL4(__HYPERVISOR_mmu_update, req, count, done, foreigndom);
}

static void test_remap_own_frame(void)
{
    uint32_t a = (uint32_t)page_a, old = guest_l1e(a);
    page_a[0] = 'A';
    page_b[0] = 'B';
    long rc = uvm(a, (mfn_of(page_b) << 12) | PTE_P | PTE_RW | PTE_A);
    check(rc == 0, "update_va_mapping to an own frame: %ld", rc);
    check(page_a[0] == 'B', "page_a now shows page_b's frame");
    rc = uvm(a, old);
    check(rc == 0 && page_a[0] == 'A', "restore page_a: %ld", rc);

    mmu_update_t req = { guest_l1e_maddr(a), (mfn_of(page_c) << 12) | 0x23 };
    unsigned int done = 5;
    page_c[0] = 'C';
    rc = mmu(&req, 1, &done, DOMID_SELF);
    printf("mmu_update of an own L1 entry: rc %ld, done %u\n", rc, done);
    check(rc == 0 && done == 6, "mmu_update adds 1 to *done: rc %ld done %u",
          rc, done);
    req.val = old;
    check(mmu(&req, 1, NULL, DOMID_SELF) == 0, "restore with mmu_update");
}

static void test_refused_mappings(void)
{
    uint32_t a = (uint32_t)page_a, old = guest_l1e(a);
    uint32_t l2_mfn = mfn_of((void *)start_info->pt_base);
    uint32_t l1_mfn = (uint32_t)(guest_l1e_maddr(a) >> 12);
    struct { const char *what; uint32_t pte; } bad[] = {
        { "own L2 writable", (l2_mfn << 12) | PTE_P | PTE_RW },
        { "own L1 writable", (l1_mfn << 12) | PTE_P | PTE_RW },
        { "a hypervisor frame (1 MB)", (0x100 << 12) | PTE_P },
        { "a frame beyond RAM", (0xF0000u << 12) | PTE_P },
        { "global bit", (mfn_of(page_b) << 12) | PTE_P | PTE_G },
        { "PAT bit", (mfn_of(page_b) << 12) | PTE_P | PTE_PAT },
    };
    for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        long rc = uvm(a, bad[i].pte);
        printf("map %s: %ld\n", bad[i].what, rc);
        check(rc == -EINVAL, "mapping %s gave %ld", bad[i].what, rc);
        check(guest_l1e(a) == old, "entry unchanged after %s", bad[i].what);
    }
    long rc = uvm(0xFC000000u, (mfn_of(page_b) << 12) | PTE_P);
    check(rc == -EINVAL, "update_va_mapping at 0xFC000000: %ld", rc);
    rc = uvm(0x10000000u, (mfn_of(page_b) << 12) | PTE_P);
    check(rc == -EINVAL, "update_va_mapping where no L1 exists: %ld", rc);
    /* A read-only mapping of a page table is fine. */
    rc = uvm(a, (l1_mfn << 12) | PTE_P | PTE_A);
    check(rc == 0, "read-only mapping of an own L1: %ld", rc);
    check(uvm(a, old) == 0, "restore");
}

static void test_mmu_update_rules(void)
{
    uint32_t l2_ma = mfn_of((void *)start_info->pt_base) << 12;
    mmu_update_t req = { l2_ma + 1008 * 4, 0 };
    long rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == -EINVAL, "write to the hypervisor's L2 slot 1008: %ld", rc);

    req.ptr = (0x100u << 12);
    rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == -EINVAL, "write into a hypervisor frame: %ld", rc);

    req.ptr = guest_l1e_maddr((uint32_t)page_a) | 2;
    rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == -ENOSYS, "unknown command 2: %ld", rc);

    req.ptr = guest_l1e_maddr((uint32_t)page_a);
    req.val = guest_l1e((uint32_t)page_a);
    rc = mmu(&req, 1, NULL, 0);
    check(rc == -ESRCH, "foreigndom naming itself: %ld", rc);

    /* A plain write into an ordinary page of our own. */
    page_c[8] = 0;
    req.ptr = ((uint64_t)mfn_of(page_c) << 12) + 8;
    req.val = 0x5A5A5A5A;
    rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == 0 && *(uint32_t *)(page_c + 8) == 0x5A5A5A5A,
          "plain write into an own page: %ld", rc);
}

static void test_machphys(void)
{
    uint32_t mfn = mfn_of(page_b);
    uint32_t pfn = machine_to_phys_mapping[mfn];
    mmu_update_t req = { ((uint64_t)mfn << 12) | MMU_MACHPHYS_UPDATE, 0x1234 };
    long rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == 0 && machine_to_phys_mapping[mfn] == 0x1234,
          "MACHPHYS_UPDATE of an own frame: %ld", rc);
    req.val = pfn;
    check(mmu(&req, 1, NULL, DOMID_SELF) == 0 &&
          machine_to_phys_mapping[mfn] == pfn, "restore M2P entry");
    req.ptr = (0x100u << 12) | MMU_MACHPHYS_UPDATE;
    rc = mmu(&req, 1, NULL, DOMID_SELF);
    check(rc == -EINVAL, "MACHPHYS_UPDATE of a hypervisor frame: %ld", rc);
}

static void test_batch_stops_at_first_error(void)
{
    uint32_t a = (uint32_t)page_a, c = (uint32_t)page_c;
    uint32_t old_a = guest_l1e(a), old_c = guest_l1e(c);
    uint32_t l1_mfn = (uint32_t)(guest_l1e_maddr(a) >> 12);
    mmu_update_t reqs[3] = {
        { guest_l1e_maddr(a), (mfn_of(page_b) << 12) | 0x23 },
        { guest_l1e_maddr(c), (l1_mfn << 12) | 0x23 },     /* L1 writable */
        { guest_l1e_maddr(c), (mfn_of(page_b) << 12) | 0x23 },
    };
    unsigned int done = 0;
    long rc = mmu(reqs, 3, &done, DOMID_SELF);
    printf("batch of 3 with a bad second entry: rc %ld, done %u\n", rc, done);
    check(rc == -EINVAL && done == 1, "rc %ld done %u", rc, done);
    check(guest_l1e(a) != old_a, "first entry applied");
    check(guest_l1e(c) == old_c, "third entry not applied");
    check(uvm(a, old_a) == 0, "restore");
}

void guest_main(void)
{
    if (install_trap_table() < 0)
        check(0, "set_trap_table");
    test_remap_own_frame();
    test_refused_mappings();
    test_mmu_update_rules();
    test_machphys();
    test_batch_stops_at_first_error();
}
