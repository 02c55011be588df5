/* Access-checked store operations on one tree version (see store.h). */
#include "dom0/xenstored/store.h"
#include "dom0/xenstored/path.h"

/* The error for a missing node: ENOENT only if who may read nearest. */
static int missing_node_error(const struct xs_node *nearest, domid_t who)
{
    return xs_perms_allow(nearest->perms, nearest->nperms, who, XS_PERM_READ)
               ? -ENOENT : -EACCES;
}

int xs_store_get(const struct xs_tree *t, domid_t who, const char *path,
                 unsigned int want, const struct xs_node **out)
{
    const struct xs_node *nearest;
    size_t nearest_len;
    struct xs_node *n = xs_tree_lookup(t, path, &nearest, &nearest_len);

    if (n == NULL)
        return missing_node_error(nearest, who);
    if (!xs_perms_allow(n->perms, n->nperms, who, want))
        return -EACCES;
    *out = n;
    return 0;
}

bool xs_store_can_see(const struct xs_tree *t, domid_t who, const char *path)
{
    const struct xs_node *nearest;
    size_t nearest_len;

    if (xs_path_is_special(path))
        return true;
    xs_tree_lookup(t, path, &nearest, &nearest_len);
    return xs_perms_allow(nearest->perms, nearest->nperms, who, XS_PERM_READ);
}

/* How many path elements path has after its first at elements. */
static uint32_t path_elements_after(const char *path, size_t at)
{
    uint32_t count = 0;

    for (; path[at] != '\0'; at++)
        if (path[at] == '/')
            count++;
    return count;
}

/*
 * Build the chain of new nodes for path[start..] (start just after a
 * '/'), each with perms, the last holding data: the top of the chain, or
 * NULL.
 */
static struct xs_node *chain_build(const char *path, size_t start,
                                   const struct xs_perm *perms, uint32_t n,
                                   const void *data, size_t len)
{
    struct xs_node *top = NULL, *bottom = NULL, *node;
    size_t end;

    while (path[start] != '\0') {
        for (end = start; path[end] != '\0' && path[end] != '/'; end++)
            ;
        node = xs_node_new(path + start, end - start, perms, n);
        if (node == NULL)
            goto fail;
        if (bottom == NULL) {
            top = node;
        } else if (xs_node_add_child(bottom, node) < 0) {
            xs_node_put(node);
            goto fail;
        }
        bottom = node;
        start = path[end] == '/' ? end + 1 : end;
    }
    if (xs_node_set_value(bottom, data, len) < 0)
        goto fail;
    return top;
fail:
    if (top != NULL)
        xs_node_put(top);
    return NULL;
}

/*
 * Create path and the missing nodes above it below nearest (the deepest
 * existing node, named by path[0..nearest_len)), the new node holding
 * data.
 */
static int store_create(struct xs_tree *t, domid_t who, const char *path,
                        const struct xs_node *nearest, size_t nearest_len,
                        const void *data, size_t len)
{
    size_t start = nearest_len == 1 ? 1 : nearest_len + 1;
    uint32_t added = path_elements_after(path, start - 1);
    struct xs_perm *perms;
    struct xs_node *chain, *parent;
    size_t first_len;
    domid_t owner;
    int rc;

    if (!xs_perms_allow(nearest->perms, nearest->nperms, who, XS_PERM_WRITE))
        return -EACCES;
    if (who != 0 && xs_tree_owned(t, who) + added > XS_NODE_QUOTA)
        return -ENOSPC;
    for (first_len = 0; path[start + first_len] != '\0' &&
                        path[start + first_len] != '/'; first_len++)
        ;
    if (nearest->dir_len + first_len + 1 > XENSTORE_PAYLOAD_MAX)
        return -ENOSPC;

    perms = xs_perms_copy(nearest->perms, nearest->nperms);
    if (perms == NULL)
        return -ENOMEM;
    if (who != 0)
        perms[0].domid = who;
    owner = perms[0].domid;
    chain = chain_build(path, start, perms, nearest->nperms, data, len);
    free(perms);
    if (chain == NULL)
        return -ENOMEM;
    rc = xs_tree_owner_reserve(t, owner);
    if (rc == 0)
        rc = xs_tree_make_private(t, path, nearest_len, &parent);
    if (rc == 0)
        rc = xs_node_add_child(parent, chain);
    if (rc < 0) {
        xs_node_put(chain);
        return rc;
    }
    xs_tree_owner_add(t, owner, (int32_t)added);
    return 0;
}

int xs_store_write(struct xs_tree *t, domid_t who, const char *path,
                   const void *data, size_t len)
{
    const struct xs_node *nearest;
    size_t nearest_len;
    struct xs_node *n = xs_tree_lookup(t, path, &nearest, &nearest_len);
    int rc;

    if (len > XENSTORE_PAYLOAD_MAX)
        return -ENOSPC;
    if (n == NULL)
        return store_create(t, who, path, nearest, nearest_len, data, len);
    if (!xs_perms_allow(n->perms, n->nperms, who, XS_PERM_WRITE))
        return -EACCES;
    rc = xs_tree_make_private(t, path, strlen(path), &n);
    if (rc == 0)
        rc = xs_node_set_value(n, data, len);
    return rc;
}

int xs_store_mkdir(struct xs_tree *t, domid_t who, const char *path,
                   bool *changed)
{
    const struct xs_node *nearest;
    size_t nearest_len;
    struct xs_node *n = xs_tree_lookup(t, path, &nearest, &nearest_len);
    int rc;

    *changed = false;
    if (n != NULL)
        return xs_perms_allow(n->perms, n->nperms, who, XS_PERM_WRITE)
                   ? 0 : -EACCES;
    rc = store_create(t, who, path, nearest, nearest_len, "", 0);
    *changed = rc == 0;
    return rc;
}

int xs_store_rm(struct xs_tree *t, domid_t who, const char *path,
                bool *changed)
{
    const struct xs_node *nearest, *victim;
    size_t nearest_len, parent_len = xs_path_parent_len(path);
    struct xs_node *parent;
    int rc, index;

    *changed = false;
    if (parent_len == 0)
        return -EINVAL;
    victim = xs_tree_lookup(t, path, &nearest, &nearest_len);
    if (victim == NULL) {
        rc = missing_node_error(nearest, who);
        return rc == -ENOENT && nearest_len == parent_len ? 0 : rc;
    }
    if (!xs_perms_allow(victim->perms, victim->nperms, who, XS_PERM_WRITE))
        return -EACCES;
    rc = xs_tree_make_private(t, path, parent_len, &parent);
    if (rc < 0)
        return rc;
    index = xs_node_find_child(parent, path + parent_len + (parent_len > 1),
                               strlen(path) - parent_len - (parent_len > 1));
    rc = xs_tree_owner_forget(t, parent->children[index]);
    if (rc < 0)
        return rc;
    xs_node_remove_child(parent, (uint32_t)index);
    *changed = true;
    return 0;
}

int xs_store_set_perms(struct xs_tree *t, domid_t who, const char *path,
                       const struct xs_perm *p, uint32_t n)
{
    const struct xs_node *found;
    struct xs_node *node;
    domid_t old_owner;
    int rc = xs_store_get(t, who, path, XS_PERM_NONE, &found);

    if (rc < 0)
        return rc;
    old_owner = found->perms[0].domid;
    if (who != 0 && (old_owner != who || p[0].domid != who))
        return -EACCES;
    rc = xs_tree_owner_reserve(t, p[0].domid);
    if (rc == 0)
        rc = xs_tree_make_private(t, path, strlen(path), &node);
    if (rc == 0)
        rc = xs_node_set_perms(node, p, n);
    if (rc < 0)
        return rc;
    xs_tree_owner_add(t, p[0].domid, 1);
    xs_tree_owner_add(t, old_owner, -1);
    return 0;
}
