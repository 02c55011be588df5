/* Reading packs (see pack.h).  Every entry is checked against the length. */
#include "dom0/libbuild/pack.h"
#include "hypervisor/include/lib.h"

int pack_find(const void *pack, size_t len, const char *name,
              const uint8_t **data, size_t *size)
{
    const uint8_t *base = pack;
    struct pack_header h;
    if (len < sizeof(h))
        return -1;
    memcpy(&h, base, sizeof(h));
    if (h.magic != PACK_MAGIC || h.version != PACK_VERSION ||
        h.count > (len - sizeof(h)) / sizeof(struct pack_entry))
        return -1;
    for (uint32_t i = 0; i < h.count; i++) {
        struct pack_entry e;
        memcpy(&e, base + sizeof(h) + i * sizeof(e), sizeof(e));
        if (e.offset > len || e.size > len - e.offset)
            return -1;
        if (strnlen(e.name, sizeof(e.name)) == sizeof(e.name) ||
            strcmp(e.name, name) != 0)
            continue;
        *data = base + e.offset;
        *size = e.size;
        return 0;
    }
    return -1;
}
