/*
 * WATCH and UNWATCH: "path\0token\0".
 *
 * A watch is answered with OK and then fires once at once, reporting its
 * own path (as Xen does), if the connection may see that node.  A
 * connection may hold XS_WATCHES_MAX watches (ENOSPC beyond); a token may
 * have XS_WATCH_TOKEN_MAX characters, so that every event, which carries
 * a path and the token, fits in a message.
 */
#include "dom0/xenstored/core.h"

#define XS_WATCH_TOKEN_MAX (XENSTORE_PAYLOAD_MAX - XENSTORE_ABS_PATH_MAX - 2)

/*
 * The path a watch request names, absolute or special (malloc'd in
 * *path), and how many of its leading bytes events leave out (a relative
 * path's directory and '/'): 0 or -errno.
 */
static int watch_path(struct xs_conn *c, const char *s, char **path,
                      size_t *strip)
{
    char dir[XS_DOMAIN_PATH_MAX];
    bool relative;
    int rc;

    *strip = 0;
    if (xs_path_is_special(s)) {
        *path = xs_strdup(s);
        return *path != NULL ? 0 : -ENOMEM;
    }
    if (s[0] == '@')
        return -EINVAL;
    rc = xs_path_canonical(s, c->domid, path, &relative);
    if (rc == 0 && relative) {
        xs_domain_path(c->domid, dir);
        *strip = strlen(dir) + 1;
    }
    return rc;
}

/* The watch's path and token from payload: 0 or -errno. */
static int watch_args(struct xs_conn *c, const char *payload, uint32_t len,
                      char **path, size_t *strip, const char **token)
{
    const char *strs[2];
    int rc = xs_request_strings(payload, len, strs, 2);

    if (rc < 0)
        return rc;
    if (strlen(strs[1]) > XS_WATCH_TOKEN_MAX)
        return -EINVAL;
    *token = strs[1];
    return watch_path(c, strs[0], path, strip);
}

int xs_request_watch(struct xs_conn *c, const char *payload, uint32_t len)
{
    const char *token;
    struct xs_watch *w;
    size_t strip;
    char *path;
    int rc = watch_args(c, payload, len, &path, &strip, &token);

    if (rc < 0)
        return rc;
    if (c->nwatches >= XS_WATCHES_MAX)
        rc = -ENOSPC;
    else
        rc = xs_watch_add(&c->watches, path, token, strip, &w);
    free(path);
    if (rc < 0)
        return rc;
    c->nwatches++;
    c->new_watch = w;
    return xs_reply_add_string(c, "OK");
}

int xs_request_unwatch(struct xs_conn *c, const char *payload, uint32_t len)
{
    const char *token;
    size_t strip;
    char *path;
    int rc = watch_args(c, payload, len, &path, &strip, &token);

    if (rc < 0)
        return rc;
    rc = xs_watch_remove(&c->watches, path, token);
    free(path);
    if (rc < 0)
        return rc;
    c->nwatches--;
    return xs_reply_add_string(c, "OK");
}
