/* Test-guest runtime: console, checks, shared_info, trap table. */
#include <stdarg.h>
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

start_info_t *start_info;
shared_info_t *shared;
static unsigned int checks, failures;
static uint8_t shared_page[4096] __attribute__((aligned(4096)));

void printf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    HYPERCALL3(__HYPERVISOR_console_io, CONSOLEIO_write, n, buf);
}

void guest_exit(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };
    HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
    for (;;)
        ;
}

void check(int ok, const char *fmt, ...)
{
    char buf[200];
    va_list ap;
    checks++;
    if (ok)
        return;
    failures++;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    printf("FAIL: %s\n", buf);
}

void finish(void)
{
    printf("RESULT: %u checks, %u failed\n", checks, failures);
    guest_exit(SHUTDOWN_poweroff);
}

void guest_unexpected_trap(void)
{
    printf("unexpected exception %u (error %x) at %08x\n", last_trap.vector,
           last_trap.error, last_trap.eip);
    printf("RESULT: %u checks, %u failed\n", checks, failures + 1);
    guest_exit(SHUTDOWN_crash);
}

uint64_t guest_l1e_maddr(uint32_t va)
{
    const uint32_t *l2 = (const uint32_t *)start_info->pt_base;
    return (uint64_t)(l2[va >> 22] & ~0xFFFu) + ((va >> 12) & 0x3FF) * 4;
}

uint32_t guest_l1e(uint32_t va)
{
    /* The bootstrap L1s follow the L2 and are mapped read-only. */
    const uint32_t *l2 = (const uint32_t *)start_info->pt_base;
    uint32_t l1_ma = l2[va >> 22] & ~0xFFFu;
    uint32_t pfn = machine_to_phys_mapping[l1_ma >> 12];
    const uint32_t *l1 = (const uint32_t *)(0xC0000000u + pfn * 4096);
    return l1[(va >> 12) & 0x3FF];
}

int map_shared_info(void)
{
    uint32_t va = (uint32_t)shared_page;
    long rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, va,
                         start_info->shared_info | 7, 0, UVMF_INVLPG);
    if (rc == 0)
        shared = (shared_info_t *)shared_page;
    return (int)rc;
}

extern char trap_stub_0[], trap_stub_1[], trap_stub_3[], trap_stub_4[],
    trap_stub_5[], trap_stub_6[], trap_stub_7[], trap_stub_9[],
    trap_stub_10[], trap_stub_11[], trap_stub_12[], trap_stub_13[],
    trap_stub_14[], trap_stub_16[], trap_stub_17[], trap_stub_19[],
    trap_stub_64[], trap_stub_65[];

int install_trap_table(void)
{
    /* Vector 64 may be raised from ring 1 (DPL 1); 65 only from ring 0. */
    static trap_info_t table[] = {
        { 0, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_0 },
        { 1, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_1 },
        { 3, 3, FLAT_KERNEL_CS, (uint32_t)trap_stub_3 },
        { 4, 3, FLAT_KERNEL_CS, (uint32_t)trap_stub_4 },
        { 5, 3, FLAT_KERNEL_CS, (uint32_t)trap_stub_5 },
        { 6, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_6 },
        { 7, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_7 },
        { 9, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_9 },
        { 10, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_10 },
        { 11, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_11 },
        { 12, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_12 },
        { 13, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_13 },
        { 14, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_14 },
        { 16, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_16 },
        { 17, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_17 },
        { 19, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_19 },
        { 64, 1, FLAT_KERNEL_CS, (uint32_t)trap_stub_64 },
        { 65, 0, FLAT_KERNEL_CS, (uint32_t)trap_stub_65 },
        { 0, 0, 0, 0 },
    };
    return (int)HYPERCALL1(__HYPERVISOR_set_trap_table, table);
}

void guest_start(start_info_t *si)
{
    start_info = si;
    guest_main();
    finish();
}
