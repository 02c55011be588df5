/*
 * Requests about domains: INTRODUCE and RELEASE (dom0 only),
 * GET_DOMAIN_PATH, IS_DOMAIN_INTRODUCED, and DEBUG (dom0 only).
 *
 * INTRODUCE "domid\0mfn\0port\0" makes the domain's connection through
 * ops->introduce, makes sure "/local/domain/<domid>" exists and belongs
 * to the domain (no rights for others), and fires @introduceDomain.  A
 * domain already introduced gets EEXIST (Xen 3.0.4 instead rebinds its
 * event channel; nothing here needs that).  RELEASE "domid\0" closes the
 * domain's connection and fires @releaseDomain; its nodes stay, for the
 * tools to remove.  dom0 itself is never introduced or released.
 */
#include "dom0/xenstored/core.h"

/* Note a change to the committed store (or a special event) to fire. */
static void note_fired(struct xs_daemon *d, const char *path, bool store)
{
    if (store)
        d->generation++;
    /* On -ENOMEM only the watch events are lost. */
    (void)xs_changes_add(&d->fired, path, false, UINT32_MAX, NULL);
}

/*
 * Make "/local/domain/<domid>" exist and belong to domid alone:
 * 0 or -errno (the node may then exist but not be the domain's yet).
 */
static int domain_dir_claim(struct xs_daemon *d, domid_t domid)
{
    struct xs_perm owner = { domid, XS_PERM_NONE };
    char path[XS_DOMAIN_PATH_MAX];
    const struct xs_node *n;
    bool changed = false;
    int rc = 0;

    xs_domain_path(domid, path);
    n = xs_tree_lookup(&d->store, path, NULL, NULL);
    if (n != NULL && n->nperms == 1 && n->perms[0].domid == domid &&
        n->perms[0].rights == XS_PERM_NONE)
        return 0;
    if (n == NULL) {
        rc = xs_store_write(&d->store, 0, path, "", 0);
        changed = rc == 0;
    }
    if (rc == 0) {
        rc = xs_store_set_perms(&d->store, 0, path, &owner, 1);
        changed = changed || rc == 0;
    }
    if (changed)
        note_fired(d, path, true);
    return rc;
}

/* The domid string s of a domain other than dom0: 0 or -EINVAL. */
static int guest_domid(const char *s, domid_t *domid)
{
    int rc = xs_request_domid(s, domid);

    return rc == 0 && *domid == 0 ? -EINVAL : rc;
}

int xs_request_introduce(struct xs_conn *c, const char *payload, uint32_t len)
{
    struct xs_daemon *d = c->d;
    const char *strs[3];
    uint32_t mfn, port;
    struct xs_conn *dc;
    domid_t domid;
    int rc;

    if (c->domid != 0)
        return -EACCES;
    if (xs_request_strings(payload, len, strs, 3) < 0 ||
        guest_domid(strs[0], &domid) < 0 ||
        xs_parse_uint(strs[1], UINT32_MAX, &mfn) < 0 ||
        xs_parse_uint(strs[2], NR_EVENT_CHANNELS - 1, &port) < 0)
        return -EINVAL;
    if (xs_daemon_find_domain(d, domid) != NULL)
        return -EEXIST;
    dc = xs_conn_alloc(d, domid);
    if (dc == NULL)
        return -ENOMEM;
    dc->introduced = true;
    rc = d->ops.introduce != NULL ? d->ops.introduce(d->ops.ctx, dc, mfn, port)
                                  : 0;
    if (rc < 0) {
        xs_conn_free(dc);
        return rc;
    }
    rc = domain_dir_claim(d, domid);
    if (rc < 0) {
        xs_daemon_release_conn(dc);
        return rc;
    }
    xs_conn_link(dc);
    note_fired(d, XS_SPECIAL_INTRODUCE, false);
    return xs_reply_add_string(c, "OK");
}

int xs_request_release(struct xs_conn *c, const char *payload, uint32_t len)
{
    struct xs_conn *dc;
    const char *s;
    domid_t domid;

    if (c->domid != 0)
        return -EACCES;
    if (xs_request_strings(payload, len, &s, 1) < 0 ||
        guest_domid(s, &domid) < 0)
        return -EINVAL;
    dc = xs_daemon_find_domain(c->d, domid);
    if (dc == NULL)
        return -ENOENT;
    xs_daemon_release_conn(dc);
    note_fired(c->d, XS_SPECIAL_RELEASE, false);
    return xs_reply_add_string(c, "OK");
}

int xs_request_domain_path(struct xs_conn *c, const char *payload,
                           uint32_t len)
{
    char path[XS_DOMAIN_PATH_MAX];
    const char *s;
    domid_t domid;

    if (xs_request_strings(payload, len, &s, 1) < 0 ||
        xs_request_domid(s, &domid) < 0)
        return -EINVAL;
    xs_domain_path(domid, path);
    return xs_reply_add_string(c, path);
}

/* dom0 and DOMID_SELF count as introduced, as in Xen. */
int xs_request_is_introduced(struct xs_conn *c, const char *payload,
                             uint32_t len)
{
    const char *s;
    uint32_t domid;
    bool introduced;

    if (xs_request_strings(payload, len, &s, 1) < 0 ||
        xs_parse_uint(s, DOMID_SELF, &domid) < 0)
        return -EINVAL;
    introduced = domid == 0 || domid == DOMID_SELF ||
                 xs_daemon_find_domain(c->d, (domid_t)domid) != NULL;
    return xs_reply_add_string(c, introduced ? "T" : "F");
}

/* DEBUG "print\0text\0" hands text to ops->log; nothing else is known. */
int xs_request_debug(struct xs_conn *c, const char *payload, uint32_t len)
{
    struct xs_daemon *d = c->d;
    const char *strs[2];

    if (c->domid != 0)
        return -EACCES;
    if (xs_request_strings(payload, len, strs, 2) < 0 ||
        strcmp(strs[0], "print") != 0)
        return -EINVAL;
    if (d->ops.log != NULL)
        d->ops.log(d->ops.ctx, strs[1]);
    return xs_reply_add_string(c, "OK");
}
