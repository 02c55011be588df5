/*
 * A list of changed paths, for firing watches: the change a request just
 * made to the committed store, or everything an open transaction changed
 * (fired when it commits).  Each path is listed once; "recurse" marks a
 * removal, which also fires watches on nodes below the path.
 */
#ifndef DOM0_XENSTORED_CHANGES_H
#define DOM0_XENSTORED_CHANGES_H
#include "dom0/xenstored/xs_lib.h"

struct xs_change {
    char *path;
    bool recurse;               /* the subtree at path was removed */
};

struct xs_changes {
    struct xs_change *list;
    uint32_t n;
    uint32_t room;
};

void xs_changes_init(struct xs_changes *c);

/* Forget every entry. */
void xs_changes_clear(struct xs_changes *c);

/*
 * Note a change at path (merged with an earlier one at the same path;
 * *added, if not NULL, says whether it made a new last entry).  0,
 * -ENOSPC if the list already holds max paths, or -ENOMEM.
 */
int xs_changes_add(struct xs_changes *c, const char *path, bool recurse,
                   uint32_t max, bool *added);

/* Forget the last entry (one just added for a change that failed). */
void xs_changes_drop_last(struct xs_changes *c);
#endif
