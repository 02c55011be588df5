/*
 * hello: the smallest dom0.  Prints through console_io and reports what
 * it was started with: its CS privilege level (must be 1), the start_info
 * magic and flags, its command line and the first line of its ramdisk.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

void guest_main(void)
{
    uint16_t cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    printf("hello from a ring-%u guest\n", cs & 3);
    printf("start_info magic '%s', flags %#x, %u pages\n", start_info->magic,
           start_info->flags, start_info->nr_pages);
    printf("command line '%s'\n", (const char *)start_info->cmd_line);
    if (start_info->mod_len) {
        const char *rd = (const char *)start_info->mod_start;
        char line[64];
        unsigned int n = 0;
        while (n < start_info->mod_len && n < sizeof(line) - 1 && rd[n] != '\n') {
            line[n] = rd[n];
            n++;
        }
        line[n] = 0;
        printf("ramdisk: %u bytes at %#x: '%s'\n", start_info->mod_len,
               start_info->mod_start, line);
    }
    check((cs & 3) == 1, "CS RPL is %u, expected 1", cs & 3);
    check(strcmp(start_info->magic, "xen-3.0-x86_32") == 0, "magic");
    check(start_info->flags == (SIF_PRIVILEGED | SIF_INITDOMAIN),
          "flags %#x", start_info->flags);
    check(HYPERCALL2(__HYPERVISOR_xen_version, XENVER_version, 0) == 0x30000,
          "xen_version");
}
