/*
 * badptr: hypercalls given guest pointers they may not use return -EFAULT
 * and the hypervisor keeps running:
 *   - console_io write from the hypervisor's area (0xFC000000, inside the
 *     trampoline, the top page), from an unmapped guest address, and from
 *     ranges that wrap past 4 GB or run into 0xFC000000;
 *   - set_trap_table, sched_op(shutdown), callback_op(register) reading
 *     their argument from the hypervisor's area;
 *   - xen_version(extraversion) writing into the hypervisor's area or
 *     into our own read-only L2 (which must be unchanged afterwards);
 *   - update_va_mapping with a vCPU-mask pointer in the hypervisor's area.
 * Hypercall numbers without a handler (11, 40, 63, and 64 and 100, past
 * the table, through a raw int $0x82) return -ENOSYS.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"
#include "public/callback.h"
#include "public/errno.h"

#define HV_AREA 0xFC000000u

static uint32_t l2_copy[1024];

/* Is there an L2 entry, i.e. could any page of va's 4 MB be mapped? */
static int l2_present(uint32_t va)
{
    const uint32_t *l2 = (const uint32_t *)start_info->pt_base;
    return l2[va >> 22] & 1;
}

/*
 * The first 4 MB-aligned address from 0x10000000 whose L2 slot is empty,
 * so that nothing in its 4 MB is mapped; 0 if there is none.
 */
static uint32_t find_unmapped_va(void)
{
    for (uint32_t va = 0x10000000u; va < 0xC0000000u; va += 0x400000u)
        if (!l2_present(va))
            return va;
    return 0;
}

static void expect_rc(const char *what, long rc, long expected)
{
    printf("%s: %ld\n", what, rc);
    check(rc == expected, "%s returned %ld, expected %ld", what, rc, expected);
}

static void console_write_from(uint32_t buf, uint32_t count)
{
    char what[64];
    snprintf(what, sizeof(what), "console_io write %08x+%x", buf, count);
    expect_rc(what, HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_write,
                               count, buf), -EFAULT);
}

static void test_console_io(void)
{
    uint32_t unmapped = find_unmapped_va();
    printf("first guest address without a page table: %08x\n", unmapped);
    check(unmapped != 0, "no unmapped 4 MB below the image");
    console_write_from(HV_AREA, 16);
    console_write_from(0xFC3D0000u, 16);        /* trampoline per-CPU page */
    console_write_from(0xFFFFF000u, 16);
    if (unmapped)
        console_write_from(unmapped, 16);
    console_write_from(0xFFFFFFF0u, 0x20);      /* wraps past 4 GB */
    console_write_from(0xFBFFFFF0u, 0x20);      /* runs into 0xFC000000 */
}

static void raise_ud2(void *arg)
{
    (void)arg;
    __asm__ volatile("ud2");
}

static void test_argument_reads(void)
{
    expect_rc("set_trap_table(fc000000)",
              HYPERCALL1(__HYPERVISOR_set_trap_table, HV_AREA), -EFAULT);
    /* The trap table we had must still be in force. */
    int trapped = guest_try(raise_ud2, NULL);
    check(trapped && last_trap.vector == 6,
          "ud2 after the refused set_trap_table: trapped %d vector %u",
          trapped, last_trap.vector);
    expect_rc("sched_op(shutdown, fc000000)",
              HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, HV_AREA),
              -EFAULT);
    printf("still running after the refused shutdown\n");
    expect_rc("callback_op(register, fffff000)",
              HYPERCALL2(__HYPERVISOR_callback_op, CALLBACKOP_register,
                         0xFFFFF000u), -EFAULT);
}

static void test_result_writes(void)
{
    const uint32_t *l2 = (const uint32_t *)start_info->pt_base;
    expect_rc("xen_version(extraversion, fc400000)",
              HYPERCALL2(__HYPERVISOR_xen_version, XENVER_extraversion,
                         0xFC400000u), -EFAULT);
    memcpy(l2_copy, l2, sizeof(l2_copy));
    expect_rc("xen_version(extraversion, read-only L2)",
              HYPERCALL2(__HYPERVISOR_xen_version, XENVER_extraversion, l2),
              -EFAULT);
    int same = memcmp(l2_copy, l2, sizeof(l2_copy)) == 0;
    printf("L2 after the refused write: %s\n", same ? "unchanged" : "CHANGED");
    check(same, "xen_version wrote into the read-only L2");
}

static void test_update_va_mapping_mask(void)
{
    /* Rewrite an existing entry unchanged; only the flush pointer is bad. */
    uint32_t va = (uint32_t)l2_copy;
    uint32_t pte = guest_l1e(va);
    expect_rc("update_va_mapping(mask fc000000)",
              HYPERCALL4(__HYPERVISOR_update_va_mapping, va, pte, 0,
                         UVMF_INVLPG | HV_AREA), -EFAULT);
    check(guest_l1e(va) == pte, "L1 entry for %08x changed", va);
}

/* int $0x82 with EAX = nr, bypassing the hypercall page. */
static long raw_hypercall(uint32_t nr)
{
    long ret;
    __asm__ volatile("int $0x82"
                     : "=a"(ret)
                     : "a"(nr), "b"(0), "c"(0), "d"(0), "S"(0), "D"(0)
                     : "memory");
    return ret;
}

static void test_unknown_hypercalls(void)
{
    static const unsigned int unused[] = { 11, 40, 63 };
    char what[48];
    for (unsigned int i = 0; i < ARRAY_SIZE(unused); i++) {
        snprintf(what, sizeof(what), "hypercall %u", unused[i]);
        expect_rc(what, HYPERCALL0(unused[i]), -ENOSYS);
    }
    expect_rc("raw hypercall 64", raw_hypercall(64), -ENOSYS);
    expect_rc("raw hypercall 100", raw_hypercall(100), -ENOSYS);
}

void guest_main(void)
{
    printf("badptr guest: hypercalls with bad pointers\n");
    check(install_trap_table() == 0, "set_trap_table");
    test_console_io();
    test_argument_reads();
    test_result_writes();
    test_update_va_mapping_mask();
    test_unknown_hypercalls();
    printf("hypervisor still running\n");
}
