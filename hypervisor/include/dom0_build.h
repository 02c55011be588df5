/* Building dom0 from the boot modules. */
#ifndef HV_DOM0_BUILD_H
#define HV_DOM0_BUILD_H
#include <stddef.h>
#include <stdint.h>

struct domain;

/* A multiboot module, with its string minus the image name. */
struct boot_module {
    uint32_t start, end;        /* machine addresses, in the direct map */
    char cmdline[1024];
};

/*
 * Build dom0 in d from kernel (and initrd, which may be NULL) with
 * nr_pages pages of memory.  Returns 0, or -1 with the reason in err.
 */
int dom0_build(struct domain *d, const struct boot_module *kernel,
               const struct boot_module *initrd, uint32_t nr_pages,
               char *err, size_t errlen);
#endif
