/*
 * Moving a connection's bytes through a store ring page (struct
 * xenstore_domain_interface, public/io/xs_wire.h): requests from req[]
 * into the core, replies and events from the core into rsp[].
 *
 * The page is shared with the guest, which may write anything into it at
 * any time, its indices included.  So every index is read once, checked
 * (a producer may be at most XENSTORE_RING_SIZE ahead of its consumer)
 * and used only through MASK_XENSTORE_IDX; bytes are copied out of the
 * page before the core parses them; and each call does a bounded amount
 * of work however the guest behaves.
 */
#ifndef DOM0_XENSTORED_RING_H
#define DOM0_XENSTORED_RING_H
#include "dom0/xenstored/xenstored.h"
#include "public/io/xs_wire.h"

/* Rounds of "take requests, give replies" one call does at most. */
#define XS_RING_ROUNDS 8

/*
 * Serve c over intf: take the requests the ring holds (as far as c's
 * output allows) and put out what c has to say (as far as the guest left
 * room).  Returns 1 if anything moved (notify the guest), 0 if nothing
 * could, or -EIO if the indices are impossible (nothing more is done;
 * the ring is the guest's to have broken).
 */
int xs_ring_serve(volatile struct xenstore_domain_interface *intf,
                  struct xs_conn *c);
#endif
