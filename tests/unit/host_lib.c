/*
 * The one non-standard function of hypervisor/include/lib.h, for host unit
 * tests.  Everything else lib.h declares comes from the host's libc.
 */
#include <string.h>
#include "hypervisor/include/lib.h"

/* Copy at most size-1 bytes of src and always terminate (if size > 0).
 * Returns strlen(src), so a result >= size means src was cut short. */
size_t strlcpy_hv(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(dst, src, k);
        dst[k] = 0;
    }
    return n;
}
