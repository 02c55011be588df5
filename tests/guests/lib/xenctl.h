/*
 * The dom0 test guests' side of the control library (dom0/libbuild/xc.h):
 * hypercalls through the hypercall page, and foreign mappings through a
 * small window of the guest's own address space.
 *
 * A foreign mapping rewrites the L1 entry of one window page with
 * mmu_update naming the frame's owner as the foreign domain (ABI 4.1),
 * then flushes that page from the TLB; unmapping puts the page's own
 * frame back.  The window has XC_WINDOW_PAGES pages.
 */
#ifndef TEST_GUEST_XENCTL_H
#define TEST_GUEST_XENCTL_H
#include "dom0/libbuild/xc.h"

#define XC_WINDOW_PAGES 2

/* The ops for this guest; usable after xenctl_init(). */
extern const struct xc_ops guest_xc;

/* Record the window's own mappings.  Call once, before any mapping. */
void xenctl_init(void);
#endif
