/* Releasing a dying domain's frames (see hypervisor/mm/relinquish.c). */
#ifndef HV_RELINQUISH_H
#define HV_RELINQUISH_H

struct domain;

/*
 * Unpin every table of d and drop every allocation reference.  d's vCPUs
 * must already have dropped their CR3 and descriptor references, and the
 * CPU must not be running on one of d's page directories.
 */
void domain_relinquish_frames(struct domain *d);
#endif
