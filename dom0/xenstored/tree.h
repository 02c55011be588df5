/*
 * One version of the store: a root node and, for quotas, how many nodes
 * each domain owns in it.  The committed store is one version; each open
 * transaction holds another, which starts as a snapshot of the committed
 * one and shares every node it has not changed (node.h).
 *
 * Functions that change a version first make the nodes on the way to the
 * change private to it (xs_tree_make_private); functions that only look
 * never copy anything.
 */
#ifndef DOM0_XENSTORED_TREE_H
#define DOM0_XENSTORED_TREE_H
#include "dom0/xenstored/node.h"

struct xs_owner_count {
    domid_t domid;
    uint32_t nodes;             /* nodes whose first permission names domid */
};

struct xs_tree {
    struct xs_node *root;
    struct xs_owner_count *owners;  /* domains that own at least one node */
    uint32_t nowners;
};

/*
 * The store Xen starts with: "/", "/local", "/local/domain" and "/tool",
 * owned by dom0 with no rights for anyone else.  0 or -ENOMEM.
 */
int xs_tree_init(struct xs_tree *t);

/* Make dst a snapshot of src, sharing all its nodes: 0 or -ENOMEM. */
int xs_tree_clone(struct xs_tree *dst, const struct xs_tree *src);

/* Drop t's nodes and counts; t is empty afterwards. */
void xs_tree_release(struct xs_tree *t);

/*
 * The node at the valid absolute path, or NULL.  If nearest is not NULL
 * it receives the deepest existing node on the way (the node itself when
 * found; at worst the root) and *nearest_len the length of the part of
 * path that names it (1 for the root).
 */
struct xs_node *xs_tree_lookup(const struct xs_tree *t, const char *path,
                               const struct xs_node **nearest,
                               size_t *nearest_len);

/*
 * Make the node at path[0..len) (a valid path or a prefix of one ending
 * before a '/') and every node above it private to t; *out receives it.
 * 0, -ENOENT if there is no such node, or -ENOMEM (t still holds the
 * same contents).
 */
int xs_tree_make_private(struct xs_tree *t, const char *path, size_t len,
                         struct xs_node **out);

/* How many of t's nodes domain dom owns. */
uint32_t xs_tree_owned(const struct xs_tree *t, domid_t dom);

/*
 * Make room to count nodes of dom, so that xs_tree_owner_add cannot fail
 * for it: 0 or -ENOMEM.
 */
int xs_tree_owner_reserve(struct xs_tree *t, domid_t dom);

/*
 * Count delta more (or fewer) nodes of dom, which must be reserved.  A
 * domain whose count drops to zero loses its entry (and its reservation):
 * when moving nodes between domains, add before subtracting.
 */
void xs_tree_owner_add(struct xs_tree *t, domid_t dom, int32_t delta);

/* Count every node of the subtree at top as gone: 0 or -ENOMEM. */
int xs_tree_owner_forget(struct xs_tree *t, const struct xs_node *top);
#endif
