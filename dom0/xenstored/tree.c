/* Versions of the store tree and their per-domain node counts (tree.h). */
#include "dom0/xenstored/tree.h"

static const struct xs_perm dom0_only = { 0, XS_PERM_NONE };

/* Add a child named name (dom0's, no rights for others) to parent. */
static struct xs_node *tree_add_initial(struct xs_tree *t,
                                        struct xs_node *parent,
                                        const char *name)
{
    struct xs_node *n = xs_node_new(name, strlen(name), &dom0_only, 1);

    if (n == NULL)
        return NULL;
    if (xs_node_add_child(parent, n) < 0) {
        xs_node_put(n);
        return NULL;
    }
    xs_tree_owner_add(t, 0, 1);
    return n;
}

int xs_tree_init(struct xs_tree *t)
{
    struct xs_node *local;

    t->owners = NULL;
    t->nowners = 0;
    t->root = xs_node_new("", 0, &dom0_only, 1);
    if (t->root == NULL || xs_tree_owner_reserve(t, 0) < 0)
        goto fail;
    xs_tree_owner_add(t, 0, 1);
    local = tree_add_initial(t, t->root, "local");
    if (local == NULL || tree_add_initial(t, local, "domain") == NULL ||
        tree_add_initial(t, t->root, "tool") == NULL)
        goto fail;
    return 0;
fail:
    xs_tree_release(t);
    return -ENOMEM;
}

int xs_tree_clone(struct xs_tree *dst, const struct xs_tree *src)
{
    dst->owners = NULL;
    if (src->nowners > 0) {
        dst->owners = malloc(src->nowners * sizeof(*dst->owners));
        if (dst->owners == NULL)
            return -ENOMEM;
        memcpy(dst->owners, src->owners, src->nowners * sizeof(*dst->owners));
    }
    dst->nowners = src->nowners;
    dst->root = src->root;
    xs_node_get(dst->root);
    return 0;
}

void xs_tree_release(struct xs_tree *t)
{
    if (t->root != NULL)
        xs_node_put(t->root);
    free(t->owners);
    t->root = NULL;
    t->owners = NULL;
    t->nowners = 0;
}

/*
 * The path element starting at path[*pos] (just after a '/'), up to the
 * next '/' or end: its length; *pos moves past it and its '/'.
 */
static size_t path_next_element(const char *path, size_t end, size_t *pos,
                                const char **elem)
{
    size_t start = *pos, i = start;

    while (i < end && path[i] != '/')
        i++;
    *elem = path + start;
    *pos = i + 1;
    return i - start;
}

struct xs_node *xs_tree_lookup(const struct xs_tree *t, const char *path,
                               const struct xs_node **nearest,
                               size_t *nearest_len)
{
    struct xs_node *n = t->root;
    size_t end = strlen(path), pos = 1, len, found_len = 1;
    const char *elem;
    int i;

    while (pos < end) {
        len = path_next_element(path, end, &pos, &elem);
        i = xs_node_find_child(n, elem, len);
        if (i < 0)
            break;
        n = n->children[i];
        found_len = pos - 1;
    }
    if (nearest != NULL) {
        *nearest = n;
        *nearest_len = found_len;
    }
    return found_len < end ? NULL : n;
}

/* Replace *slot's node by a private copy if it is shared: 0 or -ENOMEM. */
static int node_unshare(struct xs_node **slot)
{
    struct xs_node *copy;

    if ((*slot)->refs == 1)
        return 0;
    copy = xs_node_clone(*slot);
    if (copy == NULL)
        return -ENOMEM;
    xs_node_put(*slot);
    *slot = copy;
    return 0;
}

int xs_tree_make_private(struct xs_tree *t, const char *path, size_t len,
                         struct xs_node **out)
{
    struct xs_node **slot = &t->root;
    size_t pos = 1, elen;
    const char *elem;
    int i;

    if (node_unshare(slot) < 0)
        return -ENOMEM;
    while (pos < len) {
        elen = path_next_element(path, len, &pos, &elem);
        i = xs_node_find_child(*slot, elem, elen);
        if (i < 0)
            return -ENOENT;
        slot = &(*slot)->children[i];
        if (node_unshare(slot) < 0)
            return -ENOMEM;
    }
    *out = *slot;
    return 0;
}

static struct xs_owner_count *owner_find(const struct xs_tree *t,
                                         domid_t dom)
{
    uint32_t i;

    for (i = 0; i < t->nowners; i++)
        if (t->owners[i].domid == dom)
            return &t->owners[i];
    return NULL;
}

uint32_t xs_tree_owned(const struct xs_tree *t, domid_t dom)
{
    struct xs_owner_count *c = owner_find(t, dom);

    return c != NULL ? c->nodes : 0;
}

int xs_tree_owner_reserve(struct xs_tree *t, domid_t dom)
{
    struct xs_owner_count *grown;

    if (owner_find(t, dom) != NULL)
        return 0;
    grown = malloc((t->nowners + 1) * sizeof(*grown));
    if (grown == NULL)
        return -ENOMEM;
    if (t->nowners > 0)
        memcpy(grown, t->owners, t->nowners * sizeof(*grown));
    grown[t->nowners].domid = dom;
    grown[t->nowners].nodes = 0;
    free(t->owners);
    t->owners = grown;
    t->nowners++;
    return 0;
}

/* Entries that drop to zero are removed, so the table stays small. */
void xs_tree_owner_add(struct xs_tree *t, domid_t dom, int32_t delta)
{
    struct xs_owner_count *c = owner_find(t, dom);
    uint32_t last;

    if (c == NULL)
        return;
    c->nodes = (uint32_t)((int32_t)c->nodes + delta);
    if (c->nodes == 0) {
        last = t->nowners - 1;
        *c = t->owners[last];
        t->nowners = last;
    }
}

static void owner_forget_one(const struct xs_node *n, void *arg)
{
    xs_tree_owner_add(arg, n->perms[0].domid, -1);
}

int xs_tree_owner_forget(struct xs_tree *t, const struct xs_node *top)
{
    return xs_node_walk(top, owner_forget_one, t);
}
