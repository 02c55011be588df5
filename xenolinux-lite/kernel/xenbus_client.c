/*
 * The kernel's xenstore calls (xenbus.h): each builds one request, sends
 * it, sleeps until its reply (matched by req_id, so any number of
 * processes may be waiting at once) and turns the reply into a result.
 * A reply of another type than the request's, or an XS_ERROR naming no
 * error we know, is -EIO.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/kernel/xenbus_core.h"

void xb_msg_put(struct xb_msg *m)
{
    acquire(&xb.lock);
    xb_msg_free(m);
    release(&xb.lock);
}

int xb_request(uint32_t type, xenbus_transaction_t t, const char *payload,
               uint32_t len, struct xb_msg **reply)
{
    if (!xb.present)
        return -ENOSYS;
    if (len > XENSTORE_PAYLOAD_MAX)
        return -EINVAL;
    struct xb_req *r;
    acquire(&xb.lock);
    while ((r = xb_req_alloc()) == 0) {
        if (xb_req_wait_free() < 0) {
            release(&xb.lock);
            return -EINTR;
        }
    }
    release(&xb.lock);

    struct xsd_sockmsg hdr = { .type = type, .req_id = 0, .tx_id = t, .len = len };
    int rc = xb_send(r, hdr, payload);
    acquire(&xb.lock);
    if (rc == 0)
        rc = xb_wait(r);
    if (rc == -EINTR && r->sent) {
        release(&xb.lock);          /* an orphan now: the reader frees it */
        return rc;
    }
    if (rc == 0) {
        struct xb_msg *m = r->reply;
        if (m->hdr.type == XS_ERROR)
            rc = xb_error_number(m);
        else if (m->hdr.type != type)
            rc = -EIO;
        else {
            *reply = m;
            r->reply = 0;           /* the caller's now */
        }
    }
    xb_req_free(r);
    release(&xb.lock);
    return rc;
}

/*
 * Build a payload of s1 and its NUL, then s2 (with its NUL unless raw)
 * in a new page, send it and keep the reply: as xb_request.
 */
static int call(uint32_t type, xenbus_transaction_t t, const char *s1,
                const char *s2, int raw, struct xb_msg **reply)
{
    uint32_t n1 = strlen(s1) + 1, n2 = s2 ? strlen(s2) + !raw : 0;
    if (n1 + n2 > XENSTORE_PAYLOAD_MAX)
        return -EINVAL;
    char *payload = kalloc();
    if (!payload)
        return -ENOMEM;
    memmove(payload, s1, n1);
    if (s2)
        memmove(payload + n1, s2, n2);
    int rc = xb_request(type, t, payload, n1 + n2, reply);
    kfree(payload);
    return rc;
}

/* As call, for requests whose reply says nothing but "OK". */
static int call_ok(uint32_t type, xenbus_transaction_t t, const char *s1,
                   const char *s2, int raw)
{
    struct xb_msg *m;
    int rc = call(type, t, s1, s2, raw, &m);
    if (rc == 0)
        xb_msg_put(m);
    return rc;
}

/* Copy m's payload into buf (with a NUL if nul): its length, or -ENOSPC. */
static int take_payload(struct xb_msg *m, char *buf, int size, int nul)
{
    int len = (int)m->hdr.len;
    int rc = len + nul > size ? -ENOSPC : len;
    if (rc >= 0) {
        if (len > 0)
            memmove(buf, m->body, len);
        if (nul)
            buf[len] = 0;
    }
    xb_msg_put(m);
    return rc;
}

int xenbus_read(xenbus_transaction_t t, const char *path, char *buf, int size)
{
    struct xb_msg *m;
    int rc = call(XS_READ, t, path, 0, 0, &m);
    return rc < 0 ? rc : take_payload(m, buf, size, 1);
}

int xenbus_directory(xenbus_transaction_t t, const char *path, char *buf,
                     int size)
{
    struct xb_msg *m;
    int rc = call(XS_DIRECTORY, t, path, 0, 0, &m);
    return rc < 0 ? rc : take_payload(m, buf, size, 0);
}

int xenbus_read_int(xenbus_transaction_t t, const char *path, int *out)
{
    char buf[16];
    int len = xenbus_read(t, path, buf, sizeof(buf));
    if (len < 0)
        return len == -ENOSPC ? -EINVAL : len;
    int neg = buf[0] == '-', i = neg;
    if (i == len)
        return -EINVAL;
    int64_t v = 0;
    for (; i < len; i++) {
        if (buf[i] < '0' || buf[i] > '9')
            return -EINVAL;
        v = v * 10 + (buf[i] - '0');
        if (v > (int64_t)0x7FFFFFFF + neg)
            return -EINVAL;
    }
    *out = (int)(neg ? -v : v);
    return 0;
}

int xenbus_write(xenbus_transaction_t t, const char *path, const char *value)
{
    return call_ok(XS_WRITE, t, path, value, 1);
}

int xenbus_write_int(xenbus_transaction_t t, const char *path, int value)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%d", value);
    return xenbus_write(t, path, buf);
}

int xenbus_mkdir(xenbus_transaction_t t, const char *path)
{
    return call_ok(XS_MKDIR, t, path, 0, 0);
}

int xenbus_rm(xenbus_transaction_t t, const char *path)
{
    return call_ok(XS_RM, t, path, 0, 0);
}

int xenbus_transaction_start(xenbus_transaction_t *t)
{
    struct xb_msg *m;
    int rc = call(XS_TRANSACTION_START, XBT_NIL, "", 0, 0, &m);
    if (rc < 0)
        return rc;
    uint64_t id = 0;
    uint32_t len = m->hdr.len, digits = 0;
    for (uint32_t i = 0; i < len && m->body[i]; i++, digits++) {
        if (m->body[i] < '0' || m->body[i] > '9' || id > 0xFFFFFFFFu) {
            digits = 0;
            break;
        }
        id = id * 10 + (uint32_t)(m->body[i] - '0');
    }
    if (id > 0xFFFFFFFFu)
        digits = 0;
    xb_msg_put(m);
    if (digits == 0 || id == 0) {
        /* Not an id we can use; whatever the daemon opened stays open,
         * but we cannot name it. */
        cprintf("xenbus: transaction start gave no usable id\n");
        return -EIO;
    }
    *t = (xenbus_transaction_t)id;
    return 0;
}

int xenbus_transaction_end(xenbus_transaction_t t, int abort)
{
    return call_ok(XS_TRANSACTION_END, t, abort ? "F" : "T", 0, 0);
}
