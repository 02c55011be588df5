/* The hypercall transfer page (ABI 1.2), written for a guest. */
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/lib.h"
#include "public/xen.h"

void hypercall_page_fill(uint8_t *page)
{
    memset(page, 0xCC, 4096);
    for (uint32_t n = 0; n < 128; n++) {
        uint8_t *s = page + n * 32;
        if (n == __HYPERVISOR_iret) {
            s[0] = 0x50;                        /* push %eax */
            s[1] = 0xB8;                        /* mov $n, %eax */
            memcpy(s + 2, &n, 4);
            s[6] = 0xCD;                        /* int $0x82 */
            s[7] = 0x82;
        } else {
            s[0] = 0xB8;                        /* mov $n, %eax */
            memcpy(s + 1, &n, 4);
            s[5] = 0xCD;                        /* int $0x82 */
            s[6] = 0x82;
            s[7] = 0xC3;                        /* ret */
        }
    }
}
