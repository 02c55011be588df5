/*
 * Transactions.
 *
 * A transaction starts as a snapshot of the committed store (sharing its
 * nodes, see node.h) and collects its own changes.  It commits only if
 * the committed store has not changed at all since it started; then its
 * version simply becomes the committed store, and the paths it changed
 * fire their watches.  Otherwise the client gets EAGAIN and retries.
 * This is Xen 3.0.4's rule too (it compares a generation count).
 */
#include "dom0/xenstored/core.h"

int xs_txn_start(struct xs_conn *c, struct xs_txn **out)
{
    struct xs_txn *t;

    if (c->ntxns >= XS_TXNS_MAX)
        return -ENOSPC;
    t = malloc(sizeof(*t));
    if (t == NULL)
        return -ENOMEM;
    if (xs_tree_clone(&t->tree, &c->d->store) < 0) {
        free(t);
        return -ENOMEM;
    }
    xs_changes_init(&t->changes);
    t->base_generation = c->d->generation;
    while (c->next_tx_id == 0 || xs_txn_find(c, c->next_tx_id) != NULL)
        c->next_tx_id++;
    t->id = c->next_tx_id++;
    t->next = c->txns;
    c->txns = t;
    c->ntxns++;
    *out = t;
    return 0;
}

struct xs_txn *xs_txn_find(const struct xs_conn *c, uint32_t id)
{
    struct xs_txn *t;

    for (t = c->txns; t != NULL; t = t->next)
        if (t->id == id)
            return t;
    return NULL;
}

/* Take t off c's list and free it. */
static void txn_free(struct xs_conn *c, struct xs_txn *t)
{
    struct xs_txn **link;

    for (link = &c->txns; *link != NULL; link = &(*link)->next) {
        if (*link == t) {
            *link = t->next;
            c->ntxns--;
            break;
        }
    }
    xs_tree_release(&t->tree);
    xs_changes_clear(&t->changes);
    free(t);
}

int xs_txn_end(struct xs_conn *c, struct xs_txn *t, bool commit)
{
    struct xs_daemon *d = c->d;
    int rc = 0;

    if (commit && t->base_generation != d->generation) {
        rc = -EAGAIN;
    } else if (commit && t->changes.n > 0) {
        xs_tree_release(&d->store);
        d->store = t->tree;
        t->tree.root = NULL;
        t->tree.owners = NULL;
        t->tree.nowners = 0;
        d->generation++;
        xs_changes_clear(&d->fired);
        d->fired = t->changes;
        xs_changes_init(&t->changes);
    }
    txn_free(c, t);
    return rc;
}

void xs_txn_abort_all(struct xs_conn *c)
{
    while (c->txns != NULL)
        txn_free(c, c->txns);
}
