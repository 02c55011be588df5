/*
 * isolation: the ring-1 guest kernel cannot touch the hypervisor.
 *   - Every page of 0xFC400000-0xFFFFFFFF faults on a one-byte read and
 *     on a one-byte write: #GP (segment limit 0xFC3FFFFF) or #PF with CR2
 *     = the address (QEMU's TCG does not enforce segment limits, so there
 *     the guest view's page tables must stop it).
 *   - The read-only M2P at 0xFC000000 is readable and correct: the entry
 *     for the frame holding start_info is start_info's PFN.  Writing that
 *     entry raises #PF with error code 3 and leaves it unchanged.
 *   - Every page of the trampoline (0xFC3C0000-0xFC3FEFFF: GDT, IDT/TSS,
 *     per-CPU data, entry code, LDT area) faults on a write.  The per-CPU
 *     entry stack, its last page, is left alone.
 * Writes store the byte just read (or 0), so a write that wrongly
 * succeeds changes nothing it could read.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

#define PAGE_SIZE    4096u
#define IMAGE_BASE   0xC0000000u
#define HV_TOP_START 0xFC400000u    /* above the M2P: nothing readable */
#define HV_TOP_LAST  0xFFFFF000u
#define TRAMP_START  0xFC3C0000u    /* GDT, IDT + TSS, per-CPU, code, LDT */
#define TRAMP_LAST   0xFC3FE000u    /* the page below the entry stack */

#define PFEC_PRESENT 1
#define PFEC_WRITE   2

struct byte_access {
    volatile uint8_t *p;
    uint8_t value;
};

static void read_byte(void *arg)
{
    struct byte_access *a = arg;
    a->value = *a->p;
}

static void write_byte(void *arg)
{
    struct byte_access *a = arg;
    *a->p = a->value;
}

/* Tally of one kind of access over a range of pages. */
struct tally {
    unsigned int pages, page_faults, gp_faults, no_fault, wrong;
};

/*
 * Access the first byte of page va and classify the outcome.  A fault
 * counts as right if it is #GP, or #PF with CR2 = va (and W set for a
 * write).  Returns 1 if the access completed without a fault.
 */
static int probe_page(uint32_t va, int write, struct tally *t)
{
    struct byte_access a = { (volatile uint8_t *)va, 0 };
    t->pages++;
    if (write)
        guest_try(read_byte, &a);       /* keep what is there, if readable */
    shared->vcpu_info[0].arch.cr2 = 0;
    if (!guest_try(write ? write_byte : read_byte, &a)) {
        if (t->no_fault++ < 4)
            printf("FAIL: %s of %08x did not fault\n",
                   write ? "write" : "read", va);
        return 1;
    }
    uint32_t cr2 = shared->vcpu_info[0].arch.cr2;
    if (last_trap.vector == 13) {
        t->gp_faults++;
    } else if (last_trap.vector == 14 && cr2 == va &&
               (!write || (last_trap.error & PFEC_WRITE))) {
        t->page_faults++;
    } else if (t->wrong++ < 4) {
        printf("FAIL: %s of %08x: vector %u error %x cr2 %08x\n",
               write ? "write" : "read", va, last_trap.vector,
               last_trap.error, cr2);
    }
    return 0;
}

static void report(const char *what, uint32_t first, uint32_t last,
                   const struct tally *t)
{
    printf("%s %08x-%08x: %u pages, %u #PF, %u #GP, %u did not fault, "
           "%u wrong\n", what, first, last + PAGE_SIZE - 1, t->pages,
           t->page_faults, t->gp_faults, t->no_fault, t->wrong);
    check(t->no_fault == 0, "%s %08x-%08x: %u pages did not fault", what,
          first, last, t->no_fault);
    check(t->wrong == 0, "%s %08x-%08x: %u faults with the wrong vector, "
          "CR2 or error code", what, first, last, t->wrong);
}

static void test_range(const char *what, uint32_t first, uint32_t last,
                       int write)
{
    struct tally t = { 0 };
    for (uint32_t va = first;; va += PAGE_SIZE) {
        probe_page(va, write, &t);
        if (va == last)
            break;
    }
    report(what, first, last, &t);
}

/* The M2P entry of start_info's frame: readable, right, not writable. */
static void test_m2p(void)
{
    uint32_t va = (uint32_t)start_info;
    uint32_t mfn = guest_l1e(va) >> 12;
    uint32_t pfn = (va - IMAGE_BASE) >> 12;
    volatile uint32_t *entry_p = &machine_to_phys_mapping[mfn];
    struct byte_access a = { (volatile uint8_t *)entry_p, 0 };

    int read_faulted = guest_try(read_byte, &a);
    uint32_t entry = *entry_p;
    printf("m2p[%x] = %x (start_info pfn %x)\n", mfn, entry, pfn);
    check(!read_faulted, "reading the M2P faulted (vector %u)",
          last_trap.vector);
    check(entry == pfn, "m2p[%x] = %x, expected %x", mfn, entry, pfn);

    shared->vcpu_info[0].arch.cr2 = 0;
    int write_faulted = guest_try(write_byte, &a);
    uint32_t cr2 = shared->vcpu_info[0].arch.cr2;
    printf("m2p write: %s, vector %u error %x cr2 %08x\n",
           write_faulted ? "faulted" : "no exception", last_trap.vector,
           last_trap.error, cr2);
    check(write_faulted, "writing the M2P did not fault");
    check(write_faulted && last_trap.vector == 14 &&
          last_trap.error == (PFEC_WRITE | PFEC_PRESENT),
          "M2P write: vector %u error %x, expected #PF error 3",
          last_trap.vector, last_trap.error);
    check(cr2 == (uint32_t)a.p, "M2P write: cr2 %08x, expected %08x", cr2,
          (uint32_t)a.p);
    check(*entry_p == pfn, "m2p[%x] changed to %x", mfn, *entry_p);
}

void guest_main(void)
{
    printf("isolation guest: hypervisor memory from ring 1\n");
    check(map_shared_info() == 0, "map_shared_info");
    check(install_trap_table() == 0, "set_trap_table");
    test_m2p();
    test_range("write", TRAMP_START, TRAMP_LAST, 1);
    test_range("read", HV_TOP_START, HV_TOP_LAST, 0);
    test_range("write", HV_TOP_START, HV_TOP_LAST, 1);
}
