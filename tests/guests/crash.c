/*
 * crash: a guest that misbehaves in a way no handler can report is
 * crashed, with a register dump in the log, and the hypervisor goes on
 * (for dom0 that means it shuts the machine down with reason crash, not a
 * panic).  Command line "mode=M":
 *   nohandler  a page fault with no trap table registered;
 *   badstack   a trap table, but ESP unmapped when ud2 raises #UD, so the
 *              exception frame cannot be written;
 *   badiret    HYPERVISOR_iret with a frame whose CS is ring 0.
 * Every mode should end the run; reaching the end is a failure.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

#define UNMAPPED_VA 0x10000000u
#define IRET_SLOT   (__HYPERVISOR_iret * 32)

/* Where the refused iret would have gone. */
void iret_landed(void)
{
    check(0, "HYPERVISOR_iret to ring 0 was accepted");
    finish();
}

static void page_fault_without_handler(void)
{
    (void)*(volatile uint32_t *)UNMAPPED_VA;
}

static void ud2_on_unmapped_stack(void)
{
    check(install_trap_table() == 0, "set_trap_table");
    __asm__ volatile("movl %0, %%esp\n\t"
                     "ud2"
                     : : "i"(UNMAPPED_VA) : "memory");
}

/* Push [EIP, CS = 0, EFLAGS] and jump to the iret slot. */
static void iret_to_ring0(void)
{
    __asm__ volatile("pushl $0x202\n\t"         /* EFLAGS: IF */
                     "pushl $0\n\t"             /* CS: null, RPL 0 */
                     "pushl %0\n\t"             /* EIP */
                     "jmp *%1"
                     : : "i"(iret_landed), "r"(hypercall_page + IRET_SLOT)
                     : "memory");
}

/* The value of "key=value" on the command line, copied into buf. */
static const char *cmdline_value(const char *key, char *buf, size_t size)
{
    const char *s = strstr((const char *)start_info->cmd_line, key);
    size_t n = 0;
    if (!s)
        return "";
    s += strlen(key);
    while (s[n] && s[n] != ' ' && n + 1 < size) {
        buf[n] = s[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}

void guest_main(void)
{
    char buf[32];
    const char *mode = cmdline_value("mode=", buf, sizeof(buf));
    printf("crash guest: mode %s\n", mode);
    if (strcmp(mode, "nohandler") == 0)
        page_fault_without_handler();
    else if (strcmp(mode, "badstack") == 0)
        ud2_on_unmapped_stack();
    else if (strcmp(mode, "badiret") == 0)
        iret_to_ring0();
    else
        check(0, "unknown mode '%s'", mode);
    check(0, "mode %s did not crash the guest", mode);
}
