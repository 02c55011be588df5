/*
 * traps: every exception a ring-1 guest can raise reaches the handler in
 * its trap table with the right vector, error code and saved EIP, in
 * Xen's frame (ABI 5.2, 5.6):
 *   - #DE, #DB (single step), #BP, #OF, #BR, #UD;
 *   - #NM after fpu_taskswitch(1), and none for the next x87 instruction
 *     (forwarding #NM clears the virtual TS);
 *   - #GP from loading a bad selector (error code = the selector);
 *   - #PF not present (read, write) and write to a read-only page, with
 *     the address in vcpu_info.arch.cr2 and U/S = 0 for the ring-1 kernel;
 *   - INT 64 (DPL 1 in the table) delivered as vector 64, no error code,
 *     EIP after the INT; INT 65 (DPL 0) and INT 0x90 (no entry) give #GP
 *     with error code (n << 3) | 2 and EIP at the INT.
 * For every frame: saved CS is FLAT_KERNEL_CS (RPL 1), bits 23:16 of the
 * CS word hold the event mask before delivery (1: events start masked),
 * and the saved EFLAGS.IF is its inverse (0).
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

#define EFLAGS_TF 0x100
#define EFLAGS_IF 0x200
#define EFLAGS_OF 0x800

#define PFEC_PRESENT 1
#define PFEC_WRITE   2

#define UNMAPPED_VA 0x10000000u     /* far below the image at 0xC0000000 */

/*
 * The code that raises each exception, with a label at (or just after)
 * the instruction so the saved EIP can be checked.  Each routine is
 * called by guest_try(); a fault never returns to it.
 */
void raise_divide(void *), raise_single_step(void *), raise_int3(void *),
    raise_into(void *), raise_bound(void *), raise_ud2(void *),
    raise_x87(void *), raise_bad_selector(void *), raise_int64(void *),
    raise_int65(void *), raise_int90(void *);
extern char divide_at[], single_step_after[], int3_after[], into_after[],
    bound_at[], ud2_at[], x87_at[], bad_selector_at[], int64_after[],
    int65_at[], int90_at[];

__asm__(
    ".text\n"
    "raise_divide:\n"
    "    movl $1, %eax\n"
    "    xorl %edx, %edx\n"
    "    xorl %ecx, %ecx\n"
    "divide_at:\n"
    "    divl %ecx\n"
    "    ret\n"

    /* TF set by popf traps after the instruction that follows the popf. */
    "raise_single_step:\n"
    "    pushfl\n"
    "    orl $0x100, (%esp)\n"
    "    popfl\n"
    "    nop\n"
    "single_step_after:\n"
    "    nop\n"
    "    pushfl\n"
    "    andl $~0x100, (%esp)\n"
    "    popfl\n"
    "    ret\n"

    "raise_int3:\n"
    "    int3\n"
    "int3_after:\n"
    "    ret\n"

    "raise_into:\n"
    "    movl $0x7fffffff, %eax\n"
    "    addl $1, %eax\n"               /* signed overflow: OF = 1 */
    "    into\n"
    "into_after:\n"
    "    ret\n"

    "raise_bound:\n"
    "    movl $100, %eax\n"
    "bound_at:\n"
    "    boundl %eax, bound_limits\n"   /* 100 is outside [0, 10] */
    "    ret\n"

    "raise_ud2:\n"
    "ud2_at:\n"
    "    ud2\n"
    "    ret\n"

    "raise_x87:\n"
    "x87_at:\n"
    "    fninit\n"
    "    fld1\n"
    "    fstp %st(0)\n"
    "    ret\n"

    /* GDT index 512: in the guest's part of the GDT, which is empty. */
    "raise_bad_selector:\n"
    "    movl $0x1000, %eax\n"
    "bad_selector_at:\n"
    "    movw %ax, %ds\n"
    "    movl $0xe021, %eax\n"
    "    movw %ax, %ds\n"
    "    ret\n"

    "raise_int64:\n"
    "    int $64\n"
    "int64_after:\n"
    "    ret\n"

    "raise_int65:\n"
    "int65_at:\n"
    "    int $65\n"
    "    ret\n"

    "raise_int90:\n"
    "int90_at:\n"
    "    int $0x90\n"
    "    ret\n"

    ".data\n"
    ".align 4\n"
    "bound_limits: .long 0, 10\n"
    ".text\n");

static void read_byte(void *p)
{
    (void)*(volatile uint8_t *)p;
}

static void write_byte(void *p)
{
    *(volatile uint8_t *)p = 0;
}

/* Write back the word that is already there: harmless if it succeeds. */
static void rewrite_word(void *p)
{
    volatile uint32_t *w = p;
    *w = *w;
}

static void no_fault(void *arg)
{
    (void)arg;
}

/*
 * Check the frame fields every delivery shares: CS is the flat ring-1
 * code selector, bits 23:16 of the CS word are the event mask before
 * delivery (1: this guest never unmasks events), and EFLAGS.IF = !mask.
 */
static void check_frame(const char *name)
{
    uint32_t cs = last_trap.cs, mask = (cs >> 16) & 0xFF;
    int vif = (last_trap.eflags & EFLAGS_IF) != 0;
    check((cs & 0xFFFF) == FLAT_KERNEL_CS, "%s: saved CS %04x, expected %04x",
          name, cs & 0xFFFF, FLAT_KERNEL_CS);
    check((cs & 3) == 1, "%s: saved CS RPL %u, expected 1", name, cs & 3);
    check(mask == 1, "%s: saved upcall mask %u, expected 1", name, mask);
    check(vif == !mask, "%s: saved EFLAGS.IF %d but saved mask %u", name,
          vif, mask);
    check((cs >> 24) == 0, "%s: CS word bits 31:24 are %02x", name, cs >> 24);
}

/*
 * Run raise(arg) and check that it raised exactly one exception with
 * this vector, error code and saved EIP.  Returns 1 if it trapped.
 */
static int expect_trap(const char *name, void (*raise)(void *), void *arg,
                       uint32_t vector, uint32_t error, const void *eip)
{
    uint32_t before = trap_count;
    if (!guest_try(raise, arg)) {
        check(0, "%s: no exception", name);
        return 0;
    }
    printf("%s: vector %u error %x eip %08x cs %08x eflags %08x\n", name,
           last_trap.vector, last_trap.error, last_trap.eip, last_trap.cs,
           last_trap.eflags);
    check(trap_count - before == 1, "%s: %u exceptions, expected 1", name,
          trap_count - before);
    check(last_trap.vector == vector, "%s: vector %u, expected %u", name,
          last_trap.vector, vector);
    check(last_trap.error == error, "%s: error code %x, expected %x", name,
          last_trap.error, error);
    if (eip)
        check(last_trap.eip == (uint32_t)eip, "%s: eip %08x, expected %08x",
              name, last_trap.eip, (uint32_t)eip);
    check_frame(name);
    return 1;
}

/* A page fault: also check the address that Xen put in vcpu_info. */
static void expect_page_fault(const char *name, void (*access)(void *),
                              void *va, uint32_t error)
{
    shared->vcpu_info[0].arch.cr2 = 0;
    if (!expect_trap(name, access, va, 14, error, NULL))
        return;
    uint32_t cr2 = shared->vcpu_info[0].arch.cr2;
    printf("%s: cr2 %08x\n", name, cr2);
    check(cr2 == (uint32_t)va, "%s: cr2 %08x, expected %08x", name, cr2,
          (uint32_t)va);
}

static void test_simple_exceptions(void)
{
    expect_trap("divide error", raise_divide, NULL, 0, 0, divide_at);
    if (expect_trap("single step", raise_single_step, NULL, 1, 0,
                    single_step_after))
        check(last_trap.eflags & EFLAGS_TF, "single step: saved TF clear");
    expect_trap("int3", raise_int3, NULL, 3, 0, int3_after);
    if (expect_trap("into", raise_into, NULL, 4, 0, into_after))
        check(last_trap.eflags & EFLAGS_OF, "into: saved OF clear");
    expect_trap("bound", raise_bound, NULL, 5, 0, bound_at);
    expect_trap("ud2", raise_ud2, NULL, 6, 0, ud2_at);
}

/* #NM only while the virtual TS is set; delivering it clears TS. */
static void test_device_not_available(void)
{
    check(HYPERCALL1(__HYPERVISOR_fpu_taskswitch, 1) == 0, "fpu_taskswitch(1)");
    expect_trap("x87 with TS set", raise_x87, NULL, 7, 0, x87_at);
    int faulted = guest_try(raise_x87, NULL);
    printf("x87 after the #NM handler: %s\n",
           faulted ? "faulted" : "no exception");
    check(!faulted, "x87 after #NM faulted again (vector %u): virtual TS "
          "not cleared", last_trap.vector);
}

static void test_general_protection(void)
{
    expect_trap("bad selector", raise_bad_selector, NULL, 13, 0x1000,
                bad_selector_at);
}

static void test_page_faults(void)
{
    uint32_t *l2 = (uint32_t *)start_info->pt_base;
    check(!(l2[UNMAPPED_VA >> 22] & 1), "%08x is mapped", UNMAPPED_VA);
    expect_page_fault("read unmapped", read_byte, (void *)UNMAPPED_VA, 0);
    expect_page_fault("write unmapped", write_byte, (void *)UNMAPPED_VA,
                      PFEC_WRITE);
    /* Our own L2 is mapped read-only; rewriting an entry is harmless. */
    expect_page_fault("write read-only", rewrite_word, &l2[0xC0000000u >> 22],
                      PFEC_WRITE | PFEC_PRESENT);
}

static void test_software_interrupts(void)
{
    expect_trap("int $64 (DPL 1)", raise_int64, NULL, 64, 0, int64_after);
    expect_trap("int $65 (DPL 0)", raise_int65, NULL, 13, (65 << 3) | 2,
                int65_at);
    expect_trap("int $0x90 (no entry)", raise_int90, NULL, 13,
                (0x90 << 3) | 2, int90_at);
}

void guest_main(void)
{
    printf("traps guest: exception delivery from ring 1\n");
    check(map_shared_info() == 0, "map_shared_info");
    check(install_trap_table() == 0, "set_trap_table");
    check(shared->vcpu_info[0].evtchn_upcall_mask == 1,
          "events are not masked at start");
    check(guest_try(no_fault, NULL) == 0, "guest_try without a fault");

    test_simple_exceptions();
    test_device_not_available();
    test_general_protection();
    test_page_faults();
    test_software_interrupts();
}
