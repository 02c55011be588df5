/* Per-connection watch lists and matching (see watch.h). */
#include "dom0/xenstored/watch.h"
#include "dom0/xenstored/path.h"

static void watch_free(struct xs_watch *w)
{
    free(w->path);
    free(w->token);
    free(w);
}

int xs_watch_add(struct xs_watch **list, const char *path, const char *token,
                 size_t strip, struct xs_watch **added)
{
    struct xs_watch **link, *w;

    for (link = list; (w = *link) != NULL; link = &w->next)
        if (strcmp(w->path, path) == 0 && strcmp(w->token, token) == 0)
            return -EEXIST;
    w = malloc(sizeof(*w));
    if (w == NULL)
        return -ENOMEM;
    w->path = xs_strdup(path);
    w->token = xs_strdup(token);
    if (w->path == NULL || w->token == NULL) {
        free(w->path);
        free(w->token);
        free(w);
        return -ENOMEM;
    }
    w->strip = strip;
    w->next = NULL;
    *link = w;
    *added = w;
    return 0;
}

int xs_watch_remove(struct xs_watch **list, const char *path,
                    const char *token)
{
    struct xs_watch **link, *w;

    for (link = list; (w = *link) != NULL; link = &w->next) {
        if (strcmp(w->path, path) == 0 && strcmp(w->token, token) == 0) {
            *link = w->next;
            watch_free(w);
            return 0;
        }
    }
    return -ENOENT;
}

void xs_watch_remove_all(struct xs_watch **list)
{
    struct xs_watch *w;

    while ((w = *list) != NULL) {
        *list = w->next;
        watch_free(w);
    }
}

const char *xs_watch_match(const struct xs_watch *w, const char *changed,
                           bool recurse)
{
    if (xs_path_is_special(w->path) || xs_path_is_special(changed))
        return strcmp(w->path, changed) == 0 ? changed : NULL;
    if (xs_path_is_under(changed, w->path))
        return changed;
    if (recurse && xs_path_is_under(w->path, changed))
        return w->path;
    return NULL;
}
