/*
 * fastcall: a system call through a DPL-3 trap gate goes from ring 3 to
 * the guest kernel in ring 1 without entering the hypervisor.
 *
 * The guest makes its image and a stack page user-accessible, registers
 * vector 64 with DPL 3 (the direct gate) and vector 65 with DPL 3 but
 * "mask events" (which cannot be a direct gate, so each INT 65 enters the
 * hypervisor as #GP and is bounced), drops to ring 3 and makes N calls of
 * each.  The hypervisor's own counters (XEN_DOMCTL_xenhv_getcounters)
 * must show no hypercall and no exception for the INT 64 loop, and at
 * least N exceptions for the INT 65 loop (so the counters would notice).
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"
#include "public/domctl.h"

#define CALLS    10000
#define PTE_US   0x004

static uint8_t kernel_stack[4096] __attribute__((aligned(4096)));
static uint8_t user_stack[4096] __attribute__((aligned(4096)));
volatile uint32_t syscalls_seen;
uint32_t kernel_esp_saved;          /* where ring 3 returns to, in ring 1 */

/* Ring-1 handlers: count, then return to ring 3 (or finish the loop). */
void syscall_entry(void), masked_entry(void);
/* Ring 3: make CALLS system calls with vector VEC, then ask to stop. */
void user_loop64(void), user_loop65(void);
/* Drop to ring 3 at eip; returns when ring 3 asks to stop (EAX = -1). */
void enter_user(uint32_t eip, uint32_t esp);

__asm__(
    ".text\n"
    "syscall_entry:\n"
    "masked_entry:\n"
    "    cmpl $-1, %eax\n"
    "    je 1f\n"
    "    incl syscalls_seen\n"
    "    iret\n"
    "1:  movl kernel_esp_saved, %esp\n"      /* back to enter_user's caller */
    "    popl %edi\n"
    "    popl %esi\n"
    "    popl %ebx\n"
    "    popl %ebp\n"
    "    ret\n"

    "enter_user:\n"
    "    pushl %ebp\n"
    "    pushl %ebx\n"
    "    pushl %esi\n"
    "    pushl %edi\n"
    "    movl %esp, kernel_esp_saved\n"
    "    movl 20(%esp), %eax\n"              /* eip */
    "    movl 24(%esp), %ecx\n"              /* esp */
    "    pushl $0xe033\n"                    /* SS: FLAT_USER_SS */
    "    pushl %ecx\n"
    "    pushl $0x202\n"                     /* EFLAGS: IF */
    "    pushl $0xe02b\n"                    /* CS: FLAT_USER_CS */
    "    pushl %eax\n"
    "    movl $0xe033, %eax\n"
    "    movl %eax, %ds\n"
    "    movl %eax, %es\n"
    "    iret\n"

    "user_loop64:\n"
    "    movl $" "10000" ", %ecx\n"
    "2:  movl $1, %eax\n"
    "    int $64\n"
    "    loop 2b\n"
    "    movl $-1, %eax\n"
    "    int $64\n"
    "user_loop65:\n"
    "    movl $" "10000" ", %ecx\n"
    "3:  movl $1, %eax\n"
    "    int $65\n"
    "    loop 3b\n"
    "    movl $-1, %eax\n"
    "    int $65\n");

static void counters(xen_domctl_xenhv_counters_t *out)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_xenhv_getcounters;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = DOMID_SELF;
    long rc = HYPERCALL1(__HYPERVISOR_domctl, &op);
    check(rc == 0, "getcounters: %ld", rc);
    *out = op.u.xenhv_counters;
}

/* Let ring 3 use the image and the user stack. */
static void make_user_accessible(void)
{
    extern char _end[];
    for (uint32_t va = 0xC0000000u; va < (uint32_t)_end; va += 4096) {
        long rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, va,
                             guest_l1e(va) | PTE_US, 0, UVMF_INVLPG);
        if (rc < 0) {
            check(0, "make %08x user-accessible: %ld", va, rc);
            return;
        }
    }
}

static void run_loop(const char *what, uint32_t eip, uint32_t expect_calls,
                     xen_domctl_xenhv_counters_t *delta)
{
    xen_domctl_xenhv_counters_t before, after;
    syscalls_seen = 0;
    counters(&before);
    enter_user(eip, (uint32_t)user_stack + sizeof(user_stack));
    counters(&after);
    delta->hypercalls = after.hypercalls - before.hypercalls;
    delta->exceptions = after.exceptions - before.exceptions;
    delta->entries = after.entries - before.entries;
    printf("%s: %u system calls, %llu hypercalls and %llu exceptions in "
           "the hypervisor\n", what, syscalls_seen,
           (unsigned long long)delta->hypercalls - 1,
           (unsigned long long)delta->exceptions);
    check(syscalls_seen == expect_calls, "%s: %u calls reached the kernel",
          what, syscalls_seen);
}

void guest_main(void)
{
    static trap_info_t table[] = {
        { 64, 3, FLAT_KERNEL_CS, (uint32_t)syscall_entry },
        { 65, 3 | 4, FLAT_KERNEL_CS, (uint32_t)masked_entry },
        { 0, 0, 0, 0 },
    };
    check(install_trap_table() == 0, "trap table");
    check(HYPERCALL1(__HYPERVISOR_set_trap_table, table) == 0, "syscall gates");
    check(HYPERCALL2(__HYPERVISOR_stack_switch, FLAT_KERNEL_SS,
                     (uint32_t)kernel_stack + sizeof(kernel_stack)) == 0,
          "stack_switch");
    make_user_accessible();

    xen_domctl_xenhv_counters_t d64, d65;
    run_loop("int $64 (direct gate)", (uint32_t)user_loop64, CALLS, &d64);
    /* One hypercall in the window: the second getcounters itself. */
    check(d64.hypercalls == 1 && d64.exceptions == 0,
          "the direct gate entered the hypervisor: %llu hypercalls, %llu "
          "exceptions", (unsigned long long)d64.hypercalls,
          (unsigned long long)d64.exceptions);
    run_loop("int $65 (bounced)", (uint32_t)user_loop65, CALLS, &d65);
    check(d65.exceptions >= CALLS, "the bounced vector was not counted: "
          "%llu exceptions", (unsigned long long)d65.exceptions);
}
