/* A domain giving one of its frames back (see hypervisor/mm/give_back.c). */
#ifndef HV_GIVE_BACK_H
#define HV_GIVE_BACK_H
#include <stdint.h>

struct domain;

/*
 * Give frame mfn of d back (XENMEM_decrease_reservation): unpin it and
 * drop its allocation reference.  It is freed now if nothing else holds
 * it, else when the last mapping, table or vCPU reference goes; until
 * then it stays d's (counted in tot_pages) but d can take no new
 * reference to it.  Returns 0, or -EINVAL with nothing changed (the
 * reason in mm_why()) if mfn is not a frame d holds.
 */
int give_back_frame(struct domain *d, uint32_t mfn);
#endif
