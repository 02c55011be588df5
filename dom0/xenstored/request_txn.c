/*
 * TRANSACTION_START ("" or "\0", outside any transaction: EBUSY inside
 * one) answers the new transaction's id in decimal; TRANSACTION_END
 * ("T\0" commit, "F\0" abort, sent with the transaction's tx_id) answers
 * OK, or EAGAIN when the commit lost to another change (the transaction
 * is over either way).
 */
#include "dom0/xenstored/core.h"

int xs_request_txn_start(struct xs_conn *c, struct xs_txn *t,
                         const char *payload, uint32_t len)
{
    char id[XS_DECIMAL_MAX];
    struct xs_txn *started;
    int rc;

    if (t != NULL)
        return -EBUSY;
    if (len > 1 || (len == 1 && payload[0] != '\0'))
        return -EINVAL;
    rc = xs_txn_start(c, &started);
    if (rc < 0)
        return rc;
    xs_format_uint(id, started->id);
    return xs_reply_add_string(c, id);
}

int xs_request_txn_end(struct xs_conn *c, struct xs_txn *t,
                       const char *payload, uint32_t len)
{
    const char *arg;
    bool commit;
    int rc;

    if (t == NULL)
        return -ENOENT;
    rc = xs_request_strings(payload, len, &arg, 1);
    if (rc < 0)
        return rc;
    if (strcmp(arg, "T") == 0)
        commit = true;
    else if (strcmp(arg, "F") == 0)
        commit = false;
    else
        return -EINVAL;
    rc = xs_txn_end(c, t, commit);
    return rc < 0 ? rc : xs_reply_add_string(c, "OK");
}
