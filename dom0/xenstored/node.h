/*
 * Store nodes, shared between versions of the tree.
 *
 * A transaction works on its own version of the tree, and the committed
 * tree goes on changing beside it.  Rather than copying the whole tree
 * per transaction (as Xen 3.0.4 copies its database file), versions share
 * every node they have not changed: a node counts the tree roots and
 * parent nodes that point to it, is never changed while that count is
 * above one, and is copied instead ("copy on write", see tree.c).  A node
 * with one reference, reached from a root through nodes with one
 * reference each, belongs to that tree alone and may be changed in place.
 *
 * Nothing here recurses: dom0's programs run on a 4 KB stack.
 */
#ifndef DOM0_XENSTORED_NODE_H
#define DOM0_XENSTORED_NODE_H
#include "dom0/xenstored/xs_lib.h"
#include "dom0/xenstored/perms.h"

struct xs_node {
    uint32_t refs;              /* roots and parents pointing here */
    char *name;                 /* last path element; "" for the root */
    char *value;                /* value_len bytes and a NUL; never NULL */
    uint32_t value_len;
    struct xs_perm *perms;      /* nperms >= 1 entries */
    uint32_t nperms;
    struct xs_node **children;  /* in the order they were created */
    uint32_t nchildren;
    uint32_t dir_len;           /* sum of children's name lengths + 1 each */
    struct xs_node *next_free;  /* used only while being freed */
};

/*
 * A new node named name[0..name_len) with an empty value, no children and
 * a copy of the n entries of perms, holding one reference; or NULL.
 */
struct xs_node *xs_node_new(const char *name, size_t name_len,
                            const struct xs_perm *perms, uint32_t n);

/*
 * A private copy of n (one reference) sharing n's children, each of which
 * gains a reference; or NULL.
 */
struct xs_node *xs_node_clone(const struct xs_node *n);

/* Take a reference. */
void xs_node_get(struct xs_node *n);

/* Drop a reference; frees n and, in turn, children nobody else holds. */
void xs_node_put(struct xs_node *n);

/* Index of n's child named name[0..len), or -1. */
int xs_node_find_child(const struct xs_node *n, const char *name,
                       size_t len);

/* Append child (its reference passes to parent): 0 or -ENOMEM. */
int xs_node_add_child(struct xs_node *parent, struct xs_node *child);

/* Remove the child at index, dropping parent's reference to it. */
void xs_node_remove_child(struct xs_node *parent, uint32_t index);

/* Replace n's value with len bytes of data: 0 or -ENOMEM (n unchanged). */
int xs_node_set_value(struct xs_node *n, const void *data, size_t len);

/* Replace n's permissions with a copy of p: 0 or -ENOMEM (n unchanged). */
int xs_node_set_perms(struct xs_node *n, const struct xs_perm *p,
                      uint32_t count);

/*
 * Call visit(node, arg) for every node of the subtree at top, top
 * included, in no promised order: 0, or -ENOMEM before any call.
 */
int xs_node_walk(const struct xs_node *top,
                 void (*visit)(const struct xs_node *n, void *arg),
                 void *arg);
#endif
