/*
 * Node permissions.
 *
 * A node carries a list of at least one entry.  The first names the
 * node's owner and gives the rights of every domain the list does not
 * name; each later entry gives one domain its rights.  The owner and
 * dom0 always have every right.  On the wire an entry is a letter and a
 * domid: "n5" none, "r5" read, "w5" write, "b5" both.
 */
#ifndef DOM0_XENSTORED_PERMS_H
#define DOM0_XENSTORED_PERMS_H
#include "dom0/xenstored/xs_lib.h"
#include "public/xen.h"

#define XS_PERM_NONE  0
#define XS_PERM_READ  1
#define XS_PERM_WRITE 2
#define XS_PERM_BOTH  (XS_PERM_READ | XS_PERM_WRITE)

/* Longest entry on the wire, NUL included: letter, 5 digits, NUL. */
#define XS_PERM_TEXT_MAX 7

struct xs_perm {
    domid_t domid;
    uint8_t rights;     /* XS_PERM_* */
};

/*
 * Parse the permission strings in buf[0..len): one or more entries, each
 * NUL-terminated, the last ending exactly at len.  0 with a malloc'd list
 * in *out and its length in *n, -EINVAL for a malformed list (a bad
 * letter, a domid that is not a plain decimal below DOMID_FIRST_RESERVED,
 * an empty list or missing NUL), or -ENOMEM.
 */
int xs_perms_parse(const char *buf, size_t len, struct xs_perm **out,
                   uint32_t *n);

/*
 * Write the n entries in wire form into buf, each NUL-terminated, if
 * they fit in room bytes; the bytes they take (more than room: nothing
 * was written).
 */
size_t xs_perms_format(const struct xs_perm *p, uint32_t n, char *buf,
                       size_t room);

/* Whether domain who has every right in want (XS_PERM_*) under p. */
bool xs_perms_allow(const struct xs_perm *p, uint32_t n, domid_t who,
                    unsigned int want);

/* A malloc'd copy of the n entries, or NULL. */
struct xs_perm *xs_perms_copy(const struct xs_perm *p, uint32_t n);
#endif
