/*
 * pt_desc: what a guest may put in its GDT and LDT.
 *
 * A descriptor the guest installs must not give ring 0 to anyone, open a
 * gate or a system segment, or reach the hypervisor at 0xFC000000.  The
 * refused descriptors: a DPL 0 data segment, a DPL 0 code segment, a
 * 32-bit call gate, a trap gate, a TSS, an LDT descriptor, a 4 GB data
 * segment (base 0, limit 0xFFFFF, G=1), a byte-granular data segment
 * from 0xFBFFF000 over 0x2000 bytes, a 4 GB code segment, and an
 * expand-down 32-bit data segment (which always reaches the top).  Each
 * is refused
 *   - by update_descriptor into an ordinary page, an installed GDT page
 *     and an installed LDT page (the 8 bytes stay as they were);
 *   - inside a page given to set_gdt or to SET_LDT.
 * Data segments ending at 0xFBFFFFFF are accepted.
 * The calls themselves: update_descriptor needs an 8-byte aligned
 * address below 4 GB in a frame of the guest's that is not a page table;
 * set_gdt takes at most 7168 entries, frames of the guest's not mapped
 * writable, and rolls back when one frame fails; SET_LDT needs a page
 * aligned base, at most 8192 entries, all below 0xFC000000, on mapped
 * pages that are not writable.  Then a valid GDT and LDT are installed
 * and their selectors load into %fs and %gs and read memory.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/pt.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define DESC_ACCESSED 0x100     /* in the high word */
#define TYPE_DATA_RW  0x2
#define TYPE_DATA_RW_DOWN 0x6
#define TYPE_CODE_RX  0xA
#define SYS_LDT       0x2
#define SYS_TSS       0x9
#define SYS_CALL_GATE 0xC
#define SYS_TRAP_GATE 0xF
#define SEL_GDT1      ((1 << 3) | 1)            /* GDT index 1, RPL 1 */
#define SEL_LDT0      ((0 << 3) | 4 | 1)        /* LDT index 0, RPL 1 */

struct desc_case {
    const char *what;
    uint32_t d[2];
};
static struct desc_case bad[10];
static unsigned int nr_bad;
static uint32_t good[2];        /* ring-1 data, base 0, top 0xFBFFFFFF */
static volatile uint32_t marker = 0x5E65E6E5;

static void add_bad(const char *what, uint32_t base, uint32_t limit,
                    uint32_t type, int s, int dpl, int g, int db)
{
    bad[nr_bad].what = what;
    pt_make_desc(bad[nr_bad++].d, base, limit, type, s, dpl, g, db);
}

static void build_descriptors(void)
{
    add_bad("DPL 0 data segment", 0, 0xFFFF, TYPE_DATA_RW, 1, 0, 0, 1);
    add_bad("DPL 0 code segment", 0, 0xFFFF, TYPE_CODE_RX, 1, 0, 0, 1);
    /* A DPL 3 call gate to the ring-1 code selector. */
    uint32_t off = (uint32_t)guest_main;
    bad[nr_bad].what = "32-bit call gate";
    bad[nr_bad].d[0] = (FLAT_KERNEL_CS << 16) | (off & 0xFFFF);
    bad[nr_bad++].d[1] = (off & 0xFFFF0000u) | 0x8000 | (3 << 13) |
                         (SYS_CALL_GATE << 8);
    bad[nr_bad].what = "32-bit trap gate";
    bad[nr_bad].d[0] = (FLAT_KERNEL_CS << 16) | (off & 0xFFFF);
    bad[nr_bad++].d[1] = (off & 0xFFFF0000u) | 0x8000 | (3 << 13) |
                         (SYS_TRAP_GATE << 8);
    add_bad("TSS", (uint32_t)pt_spare(30), 0x67, SYS_TSS, 0, 1, 0, 0);
    add_bad("LDT descriptor", (uint32_t)pt_spare(30), 0xFFF, SYS_LDT, 0, 1,
            0, 0);
    add_bad("4 GB data segment", 0, 0xFFFFF, TYPE_DATA_RW, 1, 1, 1, 1);
    add_bad("data segment 0xFBFFF000+0x2000 bytes", 0xFBFFF000u, 0x1FFF,
            TYPE_DATA_RW, 1, 1, 0, 1);
    add_bad("4 GB code segment", 0, 0xFFFFF, TYPE_CODE_RX, 1, 1, 1, 1);
    add_bad("expand-down data segment", 0x1000, 0, TYPE_DATA_RW_DOWN, 1, 1, 1,
            1);
    pt_make_desc(good, 0, 0xFBFFF, TYPE_DATA_RW, 1, 1, 1, 1);
}

static long update_descriptor(uint64_t ma, const uint32_t d[2])
{
    return HYPERCALL4(__HYPERVISOR_update_descriptor, (uint32_t)ma,
                      (uint32_t)(ma >> 32), d[0], d[1]);
}

static long set_gdt(const uint32_t *frames, uint32_t entries)
{
    return HYPERCALL2(__HYPERVISOR_set_gdt, frames, entries);
}

static long set_ldt(uint32_t base, uint32_t ents)
{
    return pt_mmuext1(MMUEXT_SET_LDT, base, ents);
}

/* Every bad descriptor through update_descriptor into word pair `idx`. */
static void refuse_updates(const char *where, uint32_t *page, unsigned int idx)
{
    uint64_t ma = ((uint64_t)pt_mfn(page) << 12) + idx * 8;
    uint32_t lo = page[idx * 2], hi = page[idx * 2 + 1];
    unsigned int refused = 0;
    for (unsigned int i = 0; i < nr_bad; i++) {
        long rc = update_descriptor(ma, bad[i].d);
        check(rc == -EINVAL, "update_descriptor of a %s into %s gave %ld",
              bad[i].what, where, rc);
        check(page[idx * 2] == lo && page[idx * 2 + 1] == hi,
              "%s: descriptor now %08x%08x after a %s", where,
              page[idx * 2 + 1], page[idx * 2], bad[i].what);
        refused += rc == -EINVAL;
        pt_check_tables_readonly(bad[i].what);
    }
    printf("update_descriptor into %s: %u of %u bad descriptors refused\n",
           where, refused, nr_bad);
    long rc = update_descriptor(ma, good);
    printf("update_descriptor of a ring-1 data segment into %s: %ld\n", where,
           rc);
    check(rc == 0, "good descriptor into %s gave %ld", where, rc);
    check(page[idx * 2] == good[0] &&
          (page[idx * 2 + 1] & ~DESC_ACCESSED) == good[1],
          "good descriptor into %s reads %08x%08x", where, page[idx * 2 + 1],
          page[idx * 2]);
}

static void test_update_descriptor_rules(void)
{
    uint32_t *p = pt_spare(0);
    memset(p, 0, PAGE_SIZE);
    refuse_updates("an ordinary page", p, 3);

    uint64_t ma = (uint64_t)pt_mfn(p) << 12;
    long rc = update_descriptor(ma + 4, good);
    long rc2 = update_descriptor(ma | (1ull << 32), good);
    long rc3 = update_descriptor(guest_l1e_maddr(0xC0000000u), good);
    long rc4 = update_descriptor((uint64_t)pt_l2_mfn() << 12, good);
    long rc5 = update_descriptor(0x100000, good);
    printf("update_descriptor misaligned %ld, above 4 GB %ld, into an L1 "
           "%ld, into the L2 %ld, into the hypervisor %ld\n", rc, rc2, rc3,
           rc4, rc5);
    check(rc == -EINVAL && rc2 == -EINVAL && rc3 == -EINVAL &&
          rc4 == -EINVAL && rc5 == -EINVAL, "bad update_descriptor targets");
    check(p[0] == 0 && p[1] == 0 && p[2] == 0, "ordinary page untouched");
    pt_check_tables_readonly("update_descriptor into a page table");
}

/* A page with one bad descriptor at index 1, read-only, as a GDT. */
static void test_set_gdt_with_bad_descriptor_refused(void)
{
    uint32_t *g = pt_spare(1);
    uint32_t frames[1] = { pt_mfn(g) };
    unsigned int refused = 0;
    for (unsigned int i = 0; i < nr_bad; i++) {
        memset(g, 0, PAGE_SIZE);
        g[2] = bad[i].d[0];
        g[3] = bad[i].d[1];
        check(pt_set_readonly(g) == 0, "GDT page read-only");
        long rc = set_gdt(frames, 16);
        check(rc == -EINVAL, "set_gdt with a %s gave %ld", bad[i].what, rc);
        check(g[2] == bad[i].d[0] && g[3] == bad[i].d[1], "page changed");
        refused += rc == -EINVAL;
        pt_check_tables_readonly(bad[i].what);
        check(pt_set_writable(g) == 0, "refused GDT page writable again");
    }
    printf("set_gdt: %u of %u pages with a bad descriptor refused\n", refused,
           nr_bad);
}

static void test_set_gdt_call_rules(void)
{
    uint32_t *g = pt_spare(1);
    uint32_t frames[14];
    memset(g, 0, PAGE_SIZE);
    frames[0] = pt_mfn(g);
    long rc = set_gdt(frames, 7169);
    printf("set_gdt with 7169 entries: %ld\n", rc);
    check(rc == -EINVAL, "set_gdt 7169 gave %ld", rc);
    rc = set_gdt(frames, 512);
    printf("set_gdt of a frame mapped writable: %ld\n", rc);
    check(rc == -EINVAL, "set_gdt of a writable frame gave %ld", rc);
    pt_check_tables_readonly("set_gdt of a writable frame");
    frames[0] = pt_l2_mfn();
    check(set_gdt(frames, 512) == -EINVAL, "set_gdt of the L2");
    frames[0] = (uint32_t)(guest_l1e_maddr(0xC0000000u) >> 12);
    check(set_gdt(frames, 512) == -EINVAL, "set_gdt of a bootstrap L1");
    frames[0] = 0x100;
    check(set_gdt(frames, 512) == -EINVAL, "set_gdt of a hypervisor frame");
    rc = set_gdt((const uint32_t *)0x10000000u, 512);
    printf("set_gdt with an unmapped frame list: %ld\n", rc);
    check(rc == -EFAULT, "set_gdt with a bad list gave %ld", rc);
    pt_check_tables_readonly("set_gdt of page tables");

    /* 14 frames, the last still writable: nothing may stay taken. */
    for (unsigned int i = 0; i < 14; i++) {
        uint32_t *f = pt_spare(2 + i);
        memset(f, 0, PAGE_SIZE);
        if (i < 13)
            check(pt_set_readonly(f) == 0, "GDT frame %u read-only", i);
        frames[i] = pt_mfn(f);
    }
    rc = set_gdt(frames, 7168);
    printf("set_gdt of 14 frames, the last writable: %ld\n", rc);
    check(rc == -EINVAL, "set_gdt with a writable 14th frame gave %ld", rc);
    unsigned int freed = 0;
    for (unsigned int i = 0; i < 13; i++)
        freed += pt_set_writable(pt_spare(2 + i)) == 0;
    printf("frames released after the refused set_gdt: %u of 13\n", freed);
    check(freed == 13, "only %u of 13 frames map writable again", freed);
}

struct seg_read {
    uint32_t sel, addr, val;
};

static void read_via_fs(void *arg)
{
    struct seg_read *r = arg;
    uint32_t v;
    __asm__ volatile("movw %w1, %%fs\n\t"
                     "movl %%fs:(%2), %0"
                     : "=&r"(v) : "r"(r->sel), "r"(r->addr) : "memory");
    r->val = v;
}

static void read_via_gs(void *arg)
{
    struct seg_read *r = arg;
    uint32_t v;
    __asm__ volatile("movw %w1, %%gs\n\t"
                     "movl %%gs:(%2), %0"
                     : "=&r"(v) : "r"(r->sel), "r"(r->addr) : "memory");
    r->val = v;
}

static void restore_fs_gs(void)
{
    __asm__ volatile("movw %w0, %%fs\n\tmovw %w0, %%gs"
                     : : "r"(FLAT_KERNEL_DS));
}

/* Load sel into %fs or %gs and read marker through it. */
static int read_marker(int gs, uint32_t sel, uint32_t *val)
{
    struct seg_read r = { sel, (uint32_t)&marker, 0 };
    int faulted = guest_try(gs ? read_via_gs : read_via_fs, &r);
    restore_fs_gs();
    *val = r.val;
    return faulted;
}

static void test_valid_gdt(void)
{
    uint32_t *g = pt_spare(1);
    uint32_t frames[1] = { pt_mfn(g) }, v = 0;
    memset(g, 0, PAGE_SIZE);
    g[2] = good[0];
    g[3] = good[1];
    check(pt_set_readonly(g) == 0, "GDT page read-only");
    long rc = set_gdt(frames, 512);
    printf("set_gdt of one read-only page with a ring-1 data segment: %ld\n",
           rc);
    check(rc == 0, "valid set_gdt gave %ld", rc);
    if (rc != 0)
        return;
    int faulted = read_marker(0, SEL_GDT1, &v);
    printf("read through %%fs = %#x: %s, %08x\n", SEL_GDT1,
           faulted ? "faulted" : "ok", v);
    check(!faulted && v == marker, "read through the GDT selector: "
          "faulted %d vector %u, %08x", faulted, last_trap.vector, v);
    faulted = read_marker(0, (2 << 3) | 1, &v);
    check(faulted && last_trap.error == (2 << 3),
          "empty GDT entry 2: faulted %d vector %u error %x", faulted,
          last_trap.vector, last_trap.error);
    faulted = read_marker(0, (600 << 3) | 1, &v);
    printf("selector in a GDT page not installed: %s, vector %u error %x\n",
           faulted ? "faulted" : "loaded", last_trap.vector, last_trap.error);
    check(faulted && last_trap.vector == 13 && last_trap.error == (600 << 3),
          "GDT entry 600 in page 1");

    refuse_updates("the installed GDT", g, 4);
    faulted = read_marker(0, (4 << 3) | 1, &v);
    check(!faulted && v == marker, "read through GDT entry 4, written by "
          "update_descriptor: faulted %d, %08x", faulted, v);

    check(set_gdt(frames, 0) == 0, "drop the GDT");
    check(pt_set_writable(g) == 0, "GDT page writable again");
}

static void test_set_ldt_call_rules(void)
{
    uint32_t *l = pt_spare(1);
    memset(l, 0, PAGE_SIZE);
    struct { const char *what; uint32_t base, ents; } calls[] = {
        { "base not page aligned", (uint32_t)l + 8, 16 },
        { "8193 entries", (uint32_t)l, 8193 },
        { "0xFBFFF000 + 513 entries", 0xFBFFF000u, 513 },
        { "base 0xFC000000", 0xFC000000u, 1 },
        { "base 0xFFFFF000", 0xFFFFF000u, 1 },
        { "an unmapped page", 0x10000000u, 16 },
        { "a page mapped writable", (uint32_t)l, 16 },
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(calls); i++) {
        long rc = set_ldt(calls[i].base, calls[i].ents);
        printf("SET_LDT %s: %ld\n", calls[i].what, rc);
        check(rc == -EINVAL, "SET_LDT %s gave %ld", calls[i].what, rc);
        pt_check_tables_readonly(calls[i].what);
    }
    unsigned int refused = 0;
    for (unsigned int i = 0; i < nr_bad; i++) {
        memset(l, 0, PAGE_SIZE);
        l[0] = bad[i].d[0];
        l[1] = bad[i].d[1];
        check(pt_set_readonly(l) == 0, "LDT page read-only");
        long rc = set_ldt((uint32_t)l, 16);
        check(rc == -EINVAL, "SET_LDT with a %s gave %ld", bad[i].what, rc);
        refused += rc == -EINVAL;
        pt_check_tables_readonly(bad[i].what);
        check(pt_set_writable(l) == 0, "refused LDT page writable again");
    }
    printf("SET_LDT: %u of %u pages with a bad descriptor refused\n", refused,
           nr_bad);
}

static void test_valid_ldt(void)
{
    uint32_t *l = pt_spare(1), v = 0;
    memset(l, 0, PAGE_SIZE);
    l[0] = good[0];
    l[1] = good[1];
    check(pt_set_readonly(l) == 0, "LDT page read-only");
    long rc = set_ldt((uint32_t)l, 16);
    printf("SET_LDT of one read-only page with a ring-1 data segment: %ld\n",
           rc);
    check(rc == 0, "valid SET_LDT gave %ld", rc);
    if (rc != 0)
        return;
    int faulted = read_marker(1, SEL_LDT0, &v);
    printf("read through %%gs = %#x: %s, %08x\n", SEL_LDT0,
           faulted ? "faulted" : "ok", v);
    check(!faulted && v == marker, "read through the LDT selector: "
          "faulted %d vector %u, %08x", faulted, last_trap.vector, v);
    faulted = read_marker(1, (20 << 3) | 4 | 1, &v);
    printf("LDT selector beyond 16 entries: %s, vector %u error %x\n",
           faulted ? "faulted" : "loaded", last_trap.vector, last_trap.error);
    check(faulted && last_trap.vector == 13 &&
          last_trap.error == ((20 << 3) | 4), "LDT entry 20 of 16");

    refuse_updates("the installed LDT", l, 2);
    faulted = read_marker(1, (2 << 3) | 4 | 1, &v);
    check(!faulted && v == marker, "read through LDT entry 2, written by "
          "update_descriptor: faulted %d, %08x", faulted, v);

    check(set_ldt(0, 0) == 0, "drop the LDT");
    check(pt_set_writable(l) == 0, "LDT page writable again");
}

void guest_main(void)
{
    printf("pt_desc: descriptors in the GDT and LDT\n");
    check(install_trap_table() == 0, "set_trap_table");
    check(map_shared_info() == 0, "map shared_info");
    build_descriptors();
    test_update_descriptor_rules();
    test_set_gdt_with_bad_descriptor_refused();
    test_set_gdt_call_rules();
    test_valid_gdt();
    test_set_ldt_call_rules();
    test_valid_ldt();
    printf("tables read-only after %u attacks\n", pt_readonly_probes());
}
