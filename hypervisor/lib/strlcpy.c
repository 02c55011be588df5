/*
 * strlcpy_hv: copy at most size-1 bytes of src into dst and always
 * terminate (if size > 0); returns strlen(src).  In a file of its own so
 * that host unit tests can link it beside the host's libc.
 */
#include "hypervisor/include/lib.h"

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
