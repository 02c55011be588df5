/*
 * The test guests' xenstore client (see xenstore.h): whole messages
 * written into the request ring and read back from the reply ring, in
 * pieces where they wrap or the ring is full, polling between pieces.
 */
#include "tests/guests/lib/xenstore.h"
#include "tests/guests/lib/events.h"
#include "hypervisor/include/lib.h"
#include "public/io/xs_wire.h"
#include "public/errno.h"

#define PTE_RW_USER    0x7
#define POLL_NS        (1 * NS_PER_MS)
#define TIMEOUT_NS     (5000 * NS_PER_MS)

static uint8_t store_page[4096] __attribute__((aligned(4096)));
static volatile struct xenstore_domain_interface *intf;
static evtchn_port_t store_port;
static uint32_t next_id;

static void on_store_event(evtchn_port_t port)
{
    (void)port;
}

int xs_init(void)
{
    long rc = HYPERCALL4(__HYPERVISOR_update_va_mapping, store_page,
                         (start_info->store_mfn << 12) | PTE_RW_USER, 0,
                         UVMF_INVLPG);
    if (rc < 0)
        return (int)rc;
    intf = (volatile struct xenstore_domain_interface *)store_page;
    store_port = start_info->store_evtchn;
    return (int)bind_port(store_port, on_store_event);
}

/* Copy len bytes into the request ring: 0, or -EAGAIN if it stayed full. */
static int ring_put(const char *data, uint32_t len)
{
    uint64_t deadline = system_time_ns() + TIMEOUT_NS;
    while (len > 0) {
        XENSTORE_RING_IDX cons = intf->req_cons, prod = intf->req_prod;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        uint32_t space = XENSTORE_RING_SIZE - (prod - cons);
        uint32_t to_end = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod);
        uint32_t n = len < space ? len : space;
        if (n > to_end)
            n = to_end;
        if (n == 0) {
            if (system_time_ns() > deadline)
                return -EAGAIN;
            notify(store_port);
            sleep_ns(POLL_NS);
            continue;
        }
        memcpy((char *)intf->req + MASK_XENSTORE_IDX(prod), data, n);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        intf->req_prod = prod + n;
        data += n;
        len -= n;
    }
    notify(store_port);
    return 0;
}

/* Take len bytes off the reply ring into data (0: drop them). */
static int ring_get(char *data, uint32_t len)
{
    uint64_t deadline = system_time_ns() + TIMEOUT_NS;
    while (len > 0) {
        XENSTORE_RING_IDX cons = intf->rsp_cons, prod = intf->rsp_prod;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        uint32_t avail = prod - cons;
        uint32_t to_end = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons);
        uint32_t n = len < avail ? len : avail;
        if (n > to_end)
            n = to_end;
        if (avail > XENSTORE_RING_SIZE)
            return -EIO;
        if (n == 0) {
            if (system_time_ns() > deadline)
                return -EAGAIN;
            sleep_ns(POLL_NS);
            continue;
        }
        if (data) {
            memcpy(data, (const char *)intf->rsp + MASK_XENSTORE_IDX(cons), n);
            data += n;
        }
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        intf->rsp_cons = cons + n;
        len -= n;
    }
    notify(store_port);
    return 0;
}

static int error_number(const char *name)
{
    if (strcmp(name, "ENOENT") == 0)
        return -ENOENT;
    if (strcmp(name, "EACCES") == 0)
        return -EACCES;
    if (strcmp(name, "EINVAL") == 0)
        return -EINVAL;
    return -EIO;
}

/*
 * Send type with payload a (alen bytes) then b (blen), and take the
 * reply: its payload's length (up to size - 1 bytes of it in reply,
 * NUL-terminated), or a negative errno.
 */
static int request(uint32_t type, const char *a, uint32_t alen,
                   const char *b, uint32_t blen, char *reply, uint32_t size)
{
    struct xsd_sockmsg hdr = { .type = type, .req_id = ++next_id,
                               .tx_id = 0, .len = alen + blen };
    int rc;
    if ((rc = ring_put((const char *)&hdr, sizeof(hdr))) < 0 ||
        (rc = ring_put(a, alen)) < 0 || (rc = ring_put(b, blen)) < 0 ||
        (rc = ring_get((char *)&hdr, sizeof(hdr))) < 0)
        return rc;
    if (hdr.len > XENSTORE_PAYLOAD_MAX)
        return -EIO;
    uint32_t keep = hdr.len < size - 1 ? hdr.len : size - 1;
    if ((rc = ring_get(reply, keep)) < 0 ||
        (rc = ring_get(0, hdr.len - keep)) < 0)
        return rc;
    reply[keep] = 0;
    if (hdr.req_id != next_id)
        return -EIO;
    if (hdr.type == XS_ERROR)
        return error_number(reply);
    return (int)keep;
}

int xs_read(const char *path, char *buf, unsigned int size)
{
    return request(XS_READ, path, strlen(path) + 1, "", 0, buf, size);
}

int xs_read_uint(const char *path, uint32_t *v)
{
    char buf[16];
    int len = xs_read(path, buf, sizeof(buf));
    if (len <= 0)
        return len < 0 ? len : -EINVAL;
    char *end;
    unsigned long long n = strtoull(buf, &end, 10);
    if (*end || n > 0xFFFFFFFFull)
        return -EINVAL;
    *v = (uint32_t)n;
    return 0;
}

int xs_write(const char *path, const char *value)
{
    char ok[8];
    int rc = request(XS_WRITE, path, strlen(path) + 1, value, strlen(value),
                     ok, sizeof(ok));
    return rc < 0 ? rc : 0;
}

int xs_write_uint(const char *path, uint32_t v)
{
    char num[12];
    snprintf(num, sizeof(num), "%u", v);
    return xs_write(path, num);
}

int xs_wait_uint(const char *path, uint32_t want, uint32_t timeout_ms)
{
    uint64_t deadline = system_time_ns() + timeout_ms * NS_PER_MS;
    for (;;) {
        uint32_t v;
        if (xs_read_uint(path, &v) == 0 && v == want)
            return 0;
        if (system_time_ns() > deadline)
            return -EAGAIN;
        sleep_ns(10 * NS_PER_MS);
    }
}
