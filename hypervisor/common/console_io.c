/*
 * console_io (#18).  Every domain may write (its output is tagged with its
 * id); only dom0 may read the serial input.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/mm.h"
#include "public/xen.h"
#include "public/errno.h"

#define CHUNK 128

long do_console_io(const uint32_t arg[5])
{
    struct domain *d = current->domain;
    uint32_t cmd = arg[0], count = arg[1], buf = arg[2];
    char tmp[CHUNK];

    switch (cmd) {
    case CONSOLEIO_write:
        for (uint32_t done = 0; done < count;) {
            uint32_t n = count - done < CHUNK ? count - done : CHUNK;
            if (copy_from_guest(tmp, buf + done, n) < 0)
                return -EFAULT;
            console_guest_write(d->id, tmp, n);
            done += n;
        }
        return 0;
    case CONSOLEIO_read: {
        if (!d->is_privileged)
            return -EPERM;
        uint32_t n = count < CHUNK ? count : CHUNK;
        size_t got = console_read(tmp, n);
        if (got && copy_to_guest(buf, tmp, got) < 0)
            return -EFAULT;
        return (long)got;
    }
    default:
        return -ENOSYS;
    }
}
