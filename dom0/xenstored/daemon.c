/*
 * The daemon core: the committed store, the list of connections, and
 * watch firing.
 *
 * A change fires each matching watch once, on every connection, with
 * the watch's token.  The event goes only to a connection whose domain
 * may read the changed node, or, when the node is gone, the nearest node
 * above it (as in Xen); events on the special paths go to everyone who
 * watches them.
 */
#include "dom0/xenstored/core.h"

int xs_daemon_new(const struct xs_daemon_ops *ops, struct xs_daemon **out)
{
    struct xs_daemon *d = malloc(sizeof(*d));

    if (d == NULL)
        return -ENOMEM;
    memset(d, 0, sizeof(*d));
    d->ops = *ops;
    xs_changes_init(&d->fired);
    if (xs_tree_init(&d->store) < 0) {
        free(d);
        return -ENOMEM;
    }
    *out = d;
    return 0;
}

void xs_daemon_free(struct xs_daemon *d)
{
    while (d->conns != NULL)
        xs_conn_close(d->conns);
    xs_tree_release(&d->store);
    xs_changes_clear(&d->fired);
    free(d);
}

void xs_daemon_fire_watch(struct xs_conn *c, const struct xs_watch *w,
                          const char *path)
{
    if (xs_store_can_see(&c->d->store, c->domid, path))
        xs_conn_queue_event(c, path + w->strip, w->token);
}

/* Fire every watch on every connection that a change at path matches. */
static void daemon_fire_path(struct xs_daemon *d, const char *path,
                             bool recurse)
{
    const struct xs_watch *w;
    const char *report;
    struct xs_conn *c;

    for (c = d->conns; c != NULL; c = c->next) {
        for (w = c->watches; w != NULL; w = w->next) {
            report = xs_watch_match(w, path, recurse);
            if (report != NULL)
                xs_daemon_fire_watch(c, w, report);
        }
    }
}

void xs_daemon_fire_changes(struct xs_daemon *d)
{
    uint32_t i;

    for (i = 0; i < d->fired.n; i++)
        daemon_fire_path(d, d->fired.list[i].path, d->fired.list[i].recurse);
    xs_changes_clear(&d->fired);
}

void xs_daemon_release_conn(struct xs_conn *c)
{
    struct xs_daemon *d = c->d;

    if (d->ops.release != NULL)
        d->ops.release(d->ops.ctx, c);
    xs_conn_free(c);
}

int xs_daemon_domain_gone(struct xs_daemon *d, domid_t domid)
{
    struct xs_conn *c = xs_daemon_find_domain(d, domid);

    if (c == NULL)
        return -ENOENT;
    xs_daemon_release_conn(c);
    daemon_fire_path(d, XS_SPECIAL_RELEASE, false);
    return 0;
}

int xs_daemon_domain_shutdown(struct xs_daemon *d, domid_t domid)
{
    if (xs_daemon_find_domain(d, domid) == NULL)
        return -ENOENT;
    daemon_fire_path(d, XS_SPECIAL_RELEASE, false);
    return 0;
}

struct xs_conn *xs_daemon_next_conn(struct xs_daemon *d,
                                    struct xs_conn *prev)
{
    return prev == NULL ? d->conns : prev->next;
}

struct xs_conn *xs_daemon_find_domain(struct xs_daemon *d, domid_t domid)
{
    struct xs_conn *c;

    for (c = d->conns; c != NULL; c = c->next)
        if (c->introduced && c->domid == domid)
            return c;
    return NULL;
}
