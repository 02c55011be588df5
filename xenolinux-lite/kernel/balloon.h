/*
 * The balloon driver (balloon.c): gives pages back to the hypervisor and
 * takes them again as dom0's tools ask through memory/target.
 */
#ifndef XL_BALLOON_H
#define XL_BALLOON_H

/* Watch memory/target (in process context, with the store up: the
 * xenbus thread calls it). */
void balloon_init(void);
#endif
