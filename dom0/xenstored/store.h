/*
 * The store's operations as a domain may perform them, on one version of
 * the tree (the committed store or a transaction's), with Xen's rules:
 *
 * - Reading a node (value, children, permissions) needs read permission,
 *   writing, creating and removing need write permission.  A domain that
 *   asks for a missing node learns ENOENT only if it may read the nearest
 *   node above it that exists; otherwise EACCES, as for a node it may not
 *   read.
 * - Writing or making a missing node creates the missing nodes above it
 *   too; that needs write permission on the nearest existing node.  New
 *   nodes take their parent's permissions, with the owner replaced by the
 *   creating domain unless that is dom0.
 * - An unprivileged domain may own at most XS_NODE_QUOTA nodes (ENOSPC),
 *   and no node may have children whose names (each with a NUL) take more
 *   than XENSTORE_PAYLOAD_MAX bytes (ENOSPC), so every DIRECTORY reply
 *   fits in a message.
 * - Only a node's owner and dom0 may set its permissions; only dom0 may
 *   give a node to another domain (EACCES).
 *
 * Paths given here are valid absolute node paths (path.h).  Nothing is
 * changed when an operation fails.
 */
#ifndef DOM0_XENSTORED_STORE_H
#define DOM0_XENSTORED_STORE_H
#include "dom0/xenstored/tree.h"

#define XS_NODE_QUOTA 1000

/*
 * The node at path if who has the rights in want (XS_PERM_*) on it: 0
 * with *out set, -ENOENT or -EACCES.
 */
int xs_store_get(const struct xs_tree *t, domid_t who, const char *path,
                 unsigned int want, const struct xs_node **out);

/*
 * Whether who may learn of a change at path: it may read the node, or
 * (when the node is gone) the nearest node above it.  Special paths are
 * seen by everyone.
 */
bool xs_store_can_see(const struct xs_tree *t, domid_t who,
                      const char *path);

/* Set the value of path, creating it if needed: 0 or -errno. */
int xs_store_write(struct xs_tree *t, domid_t who, const char *path,
                   const void *data, size_t len);

/*
 * Create path with an empty value if it does not exist (*changed says
 * whether it did not): 0 or -errno.
 */
int xs_store_mkdir(struct xs_tree *t, domid_t who, const char *path,
                   bool *changed);

/*
 * Remove path and everything below it; a missing node whose parent exists
 * is already removed (0, *changed false).  "/" cannot be removed
 * (-EINVAL).  0 or -errno.
 */
int xs_store_rm(struct xs_tree *t, domid_t who, const char *path,
                bool *changed);

/* Replace path's permissions with the n entries of p: 0 or -errno. */
int xs_store_set_perms(struct xs_tree *t, domid_t who, const char *path,
                       const struct xs_perm *p, uint32_t n);
#endif
