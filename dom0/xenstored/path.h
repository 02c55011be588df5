/*
 * Store paths.
 *
 * A node is named by an absolute path: "/" or "/" followed by names
 * separated by single slashes, no slash at the end, only the characters
 * A-Z a-z 0-9 - / _ @, at most XENSTORE_ABS_PATH_MAX characters.  A
 * request may also name a node relative to the sender's own directory
 * "/local/domain/<domid>" (a path not starting with "/", at most
 * XENSTORE_REL_PATH_MAX characters), as Xen allows.  Watches may also name
 * the two special paths "@introduceDomain" and "@releaseDomain", which are
 * not nodes.
 */
#ifndef DOM0_XENSTORED_PATH_H
#define DOM0_XENSTORED_PATH_H
#include "dom0/xenstored/xs_lib.h"
#include "public/xen.h"
#include "public/io/xs_wire.h"

#define XS_SPECIAL_INTRODUCE "@introduceDomain"
#define XS_SPECIAL_RELEASE   "@releaseDomain"

/* Room for "/local/domain/<domid>" with its NUL. */
#define XS_DOMAIN_PATH_MAX 32

/* Whether p is a well-formed absolute node path (rules above). */
bool xs_path_is_valid(const char *p);

/* Whether p is one of the two special watch paths. */
bool xs_path_is_special(const char *p);

/*
 * The absolute form of the path p sent by domain dom, malloc'd in *out:
 * 0, -EINVAL if p (or what it becomes) is not a valid node path, or
 * -ENOMEM.  *rel is set to whether p was relative.
 */
int xs_path_canonical(const char *p, domid_t dom, char **out, bool *rel);

/* Whether p is top itself or lies below it ("/" is above every node). */
bool xs_path_is_under(const char *p, const char *top);

/* Length of the parent's path of the node path p ("/" has none: 0). */
size_t xs_path_parent_len(const char *p);

/* Write "/local/domain/<dom>" into buf (XS_DOMAIN_PATH_MAX bytes). */
void xs_domain_path(domid_t dom, char *buf);
#endif
