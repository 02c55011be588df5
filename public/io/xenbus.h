/*
 * Xenbus device states.
 *
 * Each end of a split device writes its own state, as decimal text, to
 * the "state" node of its xenstore directory, and watches the other's.
 */
#ifndef XEN_PUBLIC_IO_XENBUS_H
#define XEN_PUBLIC_IO_XENBUS_H

enum xenbus_state {
    XenbusStateUnknown      = 0,  /* no state written yet */
    XenbusStateInitialising = 1,  /* setting up */
    XenbusStateInitWait     = 2,  /* waiting for the peer or the tools */
    XenbusStateInitialised  = 3,  /* own set-up done, waiting to connect */
    XenbusStateConnected    = 4,  /* working */
    XenbusStateClosing      = 5,  /* shutting down */
    XenbusStateClosed       = 6   /* gone */
};
typedef enum xenbus_state XenbusState;

#endif /* XEN_PUBLIC_IO_XENBUS_H */
