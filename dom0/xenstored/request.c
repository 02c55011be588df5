/*
 * Requests: dispatch by type, argument parsing, and the requests on
 * nodes (READ, DIRECTORY, GET_PERMS, WRITE, MKDIR, RM, SET_PERMS).
 *
 * A request whose tx_id is not 0 works on that open transaction of the
 * connection (ENOENT if there is none); its changes fire watches when
 * the transaction commits.  Without one it works on the committed store,
 * and a change fires watches once the reply is queued.  Paths may be
 * relative to the sender's directory (path.h).
 */
#include "dom0/xenstored/core.h"

int xs_request_strings(const char *payload, uint32_t len, const char **strs,
                       uint32_t n)
{
    uint32_t pos = 0, i;

    for (i = 0; i < n; i++) {
        if (pos >= len)
            return -EINVAL;
        strs[i] = payload + pos;
        while (pos < len && payload[pos] != '\0')
            pos++;
        if (pos == len)
            return -EINVAL;     /* no NUL */
        pos++;
    }
    return pos == len ? 0 : -EINVAL;
}

int xs_request_domid(const char *s, domid_t *out)
{
    uint32_t v;

    if (xs_parse_uint(s, DOMID_FIRST_RESERVED - 1, &v) < 0)
        return -EINVAL;
    *out = (domid_t)v;
    return 0;
}

/* The tree a request works on: t's, or the committed store. */
static struct xs_tree *request_tree(struct xs_conn *c, struct xs_txn *t)
{
    return t != NULL ? &t->tree : &c->d->store;
}

/* The absolute path named by the string s: 0 with *path (malloc'd). */
static int request_path(struct xs_conn *c, const char *s, char **path)
{
    bool relative;

    return xs_path_canonical(s, c->domid, path, &relative);
}

/* The absolute path that is the whole payload (one string). */
static int request_one_path(struct xs_conn *c, const char *payload,
                            uint32_t len, char **path)
{
    const char *s;
    int rc = xs_request_strings(payload, len, &s, 1);

    return rc < 0 ? rc : request_path(c, s, path);
}

/* The length of the payload's first string (a path, NUL-ended, with
 * more after it), or -EINVAL if no NUL ends it. */
static int first_string_len(const char *payload, uint32_t len)
{
    uint32_t n;

    for (n = 0; n < len && payload[n] != '\0'; n++)
        ;
    return n == len ? -EINVAL : (int)n;
}

/*
 * Before changing path inside transaction t: note it, so the change is
 * fired at commit (-ENOSPC when t has changed too much).  *noted says
 * whether a new entry was made.
 */
static int change_begin(struct xs_txn *t, const char *path, bool recurse,
                        bool *noted)
{
    *noted = false;
    if (t == NULL)
        return 0;
    return xs_changes_add(&t->changes, path, recurse, XS_TXN_CHANGES_MAX,
                          noted);
}

/*
 * After trying the change: undo the note of a change that did not happen,
 * or count a change to the committed store and queue it for firing.
 */
static void change_end(struct xs_conn *c, struct xs_txn *t, const char *path,
                       bool recurse, bool noted, bool changed)
{
    if (t != NULL) {
        if (!changed && noted)
            xs_changes_drop_last(&t->changes);
        return;
    }
    if (changed) {
        c->d->generation++;
        /* On -ENOMEM only the watch events are lost. */
        (void)xs_changes_add(&c->d->fired, path, recurse, UINT32_MAX, NULL);
    }
}

/* READ, DIRECTORY, GET_PERMS. */
static int request_look(struct xs_conn *c, struct xs_txn *t, uint32_t type,
                        const char *payload, uint32_t len)
{
    const struct xs_node *n;
    size_t room, used;
    uint32_t i;
    char *path;
    int rc = request_one_path(c, payload, len, &path);

    if (rc < 0)
        return rc;
    rc = xs_store_get(request_tree(c, t), c->domid, path, XS_PERM_READ, &n);
    free(path);
    if (rc < 0)
        return rc;
    if (type == XS_READ)
        return xs_reply_add(c, n->value, n->value_len);
    if (type == XS_DIRECTORY) {
        for (i = 0; i < n->nchildren && rc == 0; i++)
            rc = xs_reply_add_string(c, n->children[i]->name);
        return rc;
    }
    room = XENSTORE_PAYLOAD_MAX - c->reply_len;
    used = xs_perms_format(n->perms, n->nperms,
                           c->reply + XS_HEADER_LEN + c->reply_len, room);
    if (used > room)
        return -ENOSPC;
    c->reply_len += (uint32_t)used;
    return 0;
}

/* WRITE: path, NUL, then the value (any bytes, to the end). */
static int request_write(struct xs_conn *c, struct xs_txn *t,
                         const char *payload, uint32_t len)
{
    int plen = first_string_len(payload, len);
    bool noted;
    char *path;
    int rc;

    if (plen < 0)
        return plen;
    rc = request_path(c, payload, &path);
    if (rc < 0)
        return rc;
    rc = change_begin(t, path, false, &noted);
    if (rc == 0) {
        rc = xs_store_write(request_tree(c, t), c->domid, path,
                            payload + plen + 1, len - plen - 1);
        change_end(c, t, path, false, noted, rc == 0);
    }
    free(path);
    return rc < 0 ? rc : xs_reply_add_string(c, "OK");
}

/* MKDIR and RM. */
static int request_mkdir_rm(struct xs_conn *c, struct xs_txn *t,
                            uint32_t type, const char *payload,
                            uint32_t len)
{
    bool recurse = type == XS_RM, noted, changed = false;
    char *path;
    int rc = request_one_path(c, payload, len, &path);

    if (rc < 0)
        return rc;
    rc = change_begin(t, path, recurse, &noted);
    if (rc == 0) {
        if (type == XS_RM)
            rc = xs_store_rm(request_tree(c, t), c->domid, path, &changed);
        else
            rc = xs_store_mkdir(request_tree(c, t), c->domid, path, &changed);
        change_end(c, t, path, recurse, noted, rc == 0 && changed);
    }
    free(path);
    return rc < 0 ? rc : xs_reply_add_string(c, "OK");
}

/* SET_PERMS: path, then one or more permission strings. */
static int request_set_perms(struct xs_conn *c, struct xs_txn *t,
                             const char *payload, uint32_t len)
{
    struct xs_perm *perms;
    int plen = first_string_len(payload, len);
    uint32_t nperms;
    bool noted;
    char *path;
    int rc;

    if (plen < 0)
        return plen;
    rc = xs_perms_parse(payload + plen + 1, len - plen - 1, &perms, &nperms);
    if (rc < 0)
        return rc;
    rc = request_path(c, payload, &path);
    if (rc == 0) {
        rc = change_begin(t, path, false, &noted);
        if (rc == 0) {
            rc = xs_store_set_perms(request_tree(c, t), c->domid, path,
                                    perms, nperms);
            change_end(c, t, path, false, noted, rc == 0);
        }
        free(path);
    }
    free(perms);
    return rc < 0 ? rc : xs_reply_add_string(c, "OK");
}

int xs_request_dispatch(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                        const char *payload)
{
    struct xs_txn *t = NULL;
    uint32_t len = hdr->len;

    if (hdr->tx_id != 0) {
        t = xs_txn_find(c, hdr->tx_id);
        if (t == NULL)
            return -ENOENT;
    }
    switch (hdr->type) {
    case XS_DEBUG:
        return xs_request_debug(c, payload, len);
    case XS_DIRECTORY:
    case XS_READ:
    case XS_GET_PERMS:
        return request_look(c, t, hdr->type, payload, len);
    case XS_WATCH:
        return xs_request_watch(c, payload, len);
    case XS_UNWATCH:
        return xs_request_unwatch(c, payload, len);
    case XS_TRANSACTION_START:
        return xs_request_txn_start(c, t, payload, len);
    case XS_TRANSACTION_END:
        return xs_request_txn_end(c, t, payload, len);
    case XS_INTRODUCE:
        return xs_request_introduce(c, payload, len);
    case XS_RELEASE:
        return xs_request_release(c, payload, len);
    case XS_GET_DOMAIN_PATH:
        return xs_request_domain_path(c, payload, len);
    case XS_WRITE:
        return request_write(c, t, payload, len);
    case XS_MKDIR:
    case XS_RM:
        return request_mkdir_rm(c, t, hdr->type, payload, len);
    case XS_SET_PERMS:
        return request_set_perms(c, t, payload, len);
    case XS_IS_DOMAIN_INTRODUCED:
        return xs_request_is_introduced(c, payload, len);
    }
    return -ENOSYS;
}
