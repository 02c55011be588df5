/*
 * The checks on a domctl's arguments that do not depend on any domain's
 * state: who may call, the interface version, and each command's own
 * ranges.  Plain C, unit-tested; domctl.c runs them before anything else.
 */
#ifndef HV_DOMCTL_CHECK_H
#define HV_DOMCTL_CHECK_H
#include "public/domctl.h"

/* 0, or the -errno domctl returns for op from a (non-)privileged caller. */
long domctl_check(const xen_domctl_t *op, int caller_privileged);
/* 0, or -EINVAL for a vCPU context no vCPU may be given. */
long vcpu_context_check(const vcpu_guest_context_t *c);
#endif
