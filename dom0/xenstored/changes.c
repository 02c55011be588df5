/* Lists of changed paths (see changes.h). */
#include "dom0/xenstored/changes.h"

void xs_changes_init(struct xs_changes *c)
{
    c->list = NULL;
    c->n = 0;
    c->room = 0;
}

void xs_changes_clear(struct xs_changes *c)
{
    uint32_t i;

    for (i = 0; i < c->n; i++)
        free(c->list[i].path);
    free(c->list);
    xs_changes_init(c);
}

int xs_changes_add(struct xs_changes *c, const char *path, bool recurse,
                   uint32_t max, bool *added)
{
    struct xs_change *grown;
    uint32_t i, room;
    char *copy;

    if (added != NULL)
        *added = false;
    for (i = 0; i < c->n; i++) {
        if (strcmp(c->list[i].path, path) == 0) {
            c->list[i].recurse = c->list[i].recurse || recurse;
            return 0;
        }
    }
    if (c->n >= max)
        return -ENOSPC;
    if (c->n == c->room) {
        room = c->room == 0 ? 4 : c->room * 2;
        grown = malloc(room * sizeof(*grown));
        if (grown == NULL)
            return -ENOMEM;
        if (c->n > 0)
            memcpy(grown, c->list, c->n * sizeof(*grown));
        free(c->list);
        c->list = grown;
        c->room = room;
    }
    copy = xs_strdup(path);
    if (copy == NULL)
        return -ENOMEM;
    c->list[c->n].path = copy;
    c->list[c->n].recurse = recurse;
    c->n++;
    if (added != NULL)
        *added = true;
    return 0;
}

void xs_changes_drop_last(struct xs_changes *c)
{
    if (c->n > 0) {
        c->n--;
        free(c->list[c->n].path);
    }
}
