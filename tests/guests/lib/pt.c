/* Page-table helpers for the validator tests (see pt.h). */
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"

#define MB4 0x400000u
#define SLACK (512u * 1024)     /* ABI 11.4: at least this after the stack */
#define RO_PROBE_SLOT 2         /* an empty L2 slot (VA 0x00800000) */

static unsigned int ro_probes;

uint32_t pt_mfn(const void *va)
{
    return guest_l1e((uint32_t)va) >> 12;
}

const volatile uint32_t *pt_l2(void)
{
    return (const volatile uint32_t *)start_info->pt_base;
}

uint32_t pt_l2_mfn(void)
{
    return pt_mfn((const void *)start_info->pt_base);
}

const volatile uint32_t *pt_l1_of(uint32_t va)
{
    uint32_t l1_mfn = pt_l2()[va >> 22] >> 12;
    uint32_t pfn = machine_to_phys_mapping[l1_mfn];
    return (const volatile uint32_t *)(0xC0000000u + pfn * PAGE_SIZE);
}

/* The first spare page: just after the bootstrap stack. */
static uint32_t first_spare(void)
{
    return start_info->pt_base + (start_info->nr_pt_frames + 1) * PAGE_SIZE;
}

unsigned int pt_nr_spare(void)
{
    uint32_t first = first_spare();
    uint32_t v_end = (first + MB4 - 1) & ~(MB4 - 1);
    if (v_end - first < SLACK)
        v_end += MB4;
    return (v_end - first) / PAGE_SIZE;
}

void *pt_spare(unsigned int i)
{
    if (i >= pt_nr_spare()) {
        check(0, "spare page %u: only %u exist", i, pt_nr_spare());
        finish();
    }
    return (void *)(first_spare() + i * PAGE_SIZE);
}

uint32_t pt_min_mfn(void)
{
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    uint32_t min = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < start_info->nr_pages; i++)
        min = p2m[i] < min ? p2m[i] : min;
    return min;
}

uint32_t pt_max_mfn(void)
{
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    uint32_t max = 0;
    for (uint32_t i = 0; i < start_info->nr_pages; i++)
        max = p2m[i] > max ? p2m[i] : max;
    return max;
}

int pt_owns_mfn(uint32_t mfn)
{
    const uint32_t *p2m = (const uint32_t *)start_info->mfn_list;
    for (uint32_t i = 0; i < start_info->nr_pages; i++)
        if (p2m[i] == mfn)
            return 1;
    return 0;
}

long pt_uvm(uint32_t va, uint32_t pte)
{
    return HYPERCALL4(__HYPERVISOR_update_va_mapping, va, pte, 0, UVMF_INVLPG);
}

long pt_mmu1(uint64_t ptr, uint64_t val)
{
    mmu_update_t req = { ptr, val };
    return HYPERCALL4(__HYPERVISOR_mmu_update, &req, 1, NULL, DOMID_SELF);
}

long pt_mmuext1(uint32_t cmd, uint32_t arg1, uint32_t arg2)
{
    struct mmuext_op op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.arg1.mfn = arg1;
    op.arg2.nr_ents = arg2;
    return HYPERCALL4(__HYPERVISOR_mmuext_op, &op, 1, NULL, DOMID_SELF);
}

long pt_pin(uint32_t cmd, uint32_t mfn)
{
    return pt_mmuext1(cmd, mfn, 0);
}

long pt_unpin(uint32_t mfn)
{
    return pt_mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
}

long pt_flush_tlb(void)
{
    return pt_mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
}

long pt_set_readonly(void *va)
{
    return pt_uvm((uint32_t)va, (pt_mfn(va) << 12) | PTE_RO_FLAGS);
}

long pt_set_writable(void *va)
{
    return pt_uvm((uint32_t)va, (pt_mfn(va) << 12) | PTE_RW_FLAGS);
}

long pt_make_table(void *va, uint32_t pin_cmd)
{
    memset(va, 0, PAGE_SIZE);
    long rc = pt_set_readonly(va);
    if (rc == 0)
        rc = pt_pin(pin_cmd, pt_mfn(va));
    return rc;
}

long pt_free_table(void *va)
{
    long rc = pt_unpin(pt_mfn(va));
    long rc2 = pt_set_writable(va);
    return rc ? rc : rc2;
}

struct word_access {
    volatile uint32_t *p;
    uint32_t val;
};

static void read_word(void *arg)
{
    struct word_access *a = arg;
    a->val = *a->p;
}

static void write_word(void *arg)
{
    struct word_access *a = arg;
    *a->p = a->val;
}

int pt_try_read(const volatile uint32_t *p, uint32_t *out)
{
    struct word_access a = { (volatile uint32_t *)p, 0 };
    int faulted = guest_try(read_word, &a);
    if (!faulted && out)
        *out = a.val;
    return faulted;
}

int pt_try_write(volatile uint32_t *p, uint32_t val)
{
    struct word_access a = { p, val };
    return guest_try(write_word, &a);
}

/* One probe: the write must #PF(3) at p and leave *p alone. */
static void probe_readonly(const char *after, const char *what,
                           volatile uint32_t *p, uint32_t val)
{
    uint32_t old = *p;
    int faulted = pt_try_write(p, val);
    int ok = faulted && last_trap.vector == 14 && last_trap.error == 3;
    if (ok && shared)
        ok = shared->vcpu_info[0].arch.cr2 == (uint32_t)p;
    check(ok, "after %s: write to the read-only %s at %08x: %s, vector %u "
          "error %x", after, what, (uint32_t)p,
          faulted ? "faulted" : "no exception", last_trap.vector,
          last_trap.error);
    check(*p == old, "after %s: the read-only %s changed: %08x -> %08x",
          after, what, old, *p);
}

void pt_check_tables_readonly(const char *after)
{
    volatile uint32_t *l2 = (volatile uint32_t *)pt_l2();
    /* The bootstrap stack page is unused: its entry is a safe target. */
    uint32_t va = start_info->pt_base + start_info->nr_pt_frames * PAGE_SIZE;
    volatile uint32_t *l1 = (volatile uint32_t *)pt_l1_of(va);
    unsigned int idx = (va >> 12) & 0x3FF;
    probe_readonly(after, "L2", &l2[RO_PROBE_SLOT], 0x00BAD000);
    probe_readonly(after, "L1", &l1[idx], l1[idx] & ~PTE_P);
    ro_probes++;
}

unsigned int pt_readonly_probes(void)
{
    return ro_probes;
}

void pt_make_desc(uint32_t d[2], uint32_t base, uint32_t limit,
                  uint32_t type, int s, int dpl, int g, int db)
{
    d[0] = (base << 16) | (limit & 0xFFFF);
    d[1] = ((base >> 16) & 0xFF) | ((type & 0xF) << 8) | ((s & 1) << 12) |
           ((dpl & 3) << 13) | (1u << 15) | (limit & 0xF0000) |
           ((db & 1) << 22) | ((g & 1) << 23) | (base & 0xFF000000u);
}
