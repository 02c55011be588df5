/*
 * A connection's watches: (path, token) pairs.  A watch fires when a node
 * at or below its path changes, or when a node above it is removed; a
 * watch on a special path fires when that event happens.  A watch set
 * with a relative path reports paths relative to the domain's directory,
 * as it was given.
 */
#ifndef DOM0_XENSTORED_WATCH_H
#define DOM0_XENSTORED_WATCH_H
#include "dom0/xenstored/xs_lib.h"

struct xs_watch {
    struct xs_watch *next;
    char *path;                 /* absolute node path, or a special path */
    char *token;
    size_t strip;               /* leading bytes not reported (relative) */
};

/*
 * Add a watch on path (absolute or special) with token at the end of
 * *list (watches fire in the order they were set); strip
 * bytes of each reported path are left out.  0, -EEXIST if the list has
 * that pair already, or -ENOMEM.  *added receives the new watch.
 */
int xs_watch_add(struct xs_watch **list, const char *path, const char *token,
                 size_t strip, struct xs_watch **added);

/* Remove the watch (path, token) from *list: 0 or -ENOENT. */
int xs_watch_remove(struct xs_watch **list, const char *path,
                    const char *token);

/* Remove and free every watch of *list. */
void xs_watch_remove_all(struct xs_watch **list);

/*
 * The absolute path w reports for a change at changed (recurse: the
 * subtree at changed was removed), or NULL if w does not fire.
 */
const char *xs_watch_match(const struct xs_watch *w, const char *changed,
                           bool recurse);
#endif
