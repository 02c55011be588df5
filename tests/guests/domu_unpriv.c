/*
 * domu_unpriv (a domU): an unprivileged domain cannot control others.
 * domctl and sysctl give -EPERM; so do event-channel and memory
 * operations naming another domain, and a grant table set up for another
 * domain reports permission_denied.  Foreign mmu_update gives -ESRCH, as
 * in Xen.
 */
#include "tests/guests/lib/domu.h"
#include "public/domctl.h"
#include "public/sysctl.h"
#include "public/memory.h"
#include "public/event_channel.h"
#include "public/grant_table.h"
#include "public/errno.h"
#include "hypervisor/include/lib.h"

static void try_domctl(void)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    long rc = HYPERCALL1(__HYPERVISOR_domctl, &op);
    printf("unpriv: domctl getdomaininfo: %ld\n", rc);
    domu_check(rc == -EPERM, "domctl getdomaininfo: %ld", rc);
    op.cmd = XEN_DOMCTL_destroydomain;
    op.domain = 0;
    rc = HYPERCALL1(__HYPERVISOR_domctl, &op);
    domu_check(rc == -EPERM, "domctl destroydomain(0): %ld", rc);
    op.cmd = XEN_DOMCTL_createdomain;
    rc = HYPERCALL1(__HYPERVISOR_domctl, &op);
    domu_check(rc == -EPERM, "domctl createdomain: %ld", rc);
}

static void try_sysctl(void)
{
    xen_sysctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    long rc = HYPERCALL1(__HYPERVISOR_sysctl, &op);
    printf("unpriv: sysctl physinfo: %ld\n", rc);
    domu_check(rc == -EPERM, "sysctl physinfo: %ld", rc);
}

static void try_other_domains(void)
{
    evtchn_alloc_unbound_t a = { .dom = 0, .remote_dom = DOMID_SELF };
    long rc = HYPERCALL2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &a);
    domu_check(rc == -EPERM, "alloc_unbound in dom0: %ld", rc);

    xen_pfn_t pfn = 0;
    xen_memory_reservation_t r;
    memset(&r, 0, sizeof(r));
    r.extent_start.p = &pfn;
    r.nr_extents = 1;
    r.domid = 0;
    rc = HYPERCALL2(__HYPERVISOR_memory_op, XENMEM_populate_physmap, &r);
    domu_check(rc == -EPERM, "populate_physmap for dom0: %ld", rc);

    xen_pfn_t frame = 0;
    gnttab_setup_table_t g = { .dom = 0, .nr_frames = 1 };
    g.frame_list.p = &frame;
    rc = HYPERCALL3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &g, 1);
    domu_check(rc == 0 && g.status == GNTST_permission_denied,
               "setup_table for dom0: %ld/%d", rc, g.status);

    mmu_update_t req = { guest_l1e_maddr((uint32_t)&frame),
                         guest_l1e((uint32_t)&frame) };
    rc = HYPERCALL4(__HYPERVISOR_mmu_update, &req, 1, 0, 0);
    domu_check(rc == -ESRCH, "mmu_update with foreigndom 0: %ld", rc);

    struct sched_remote_shutdown s = { .domain_id = 0, .reason = SHUTDOWN_poweroff };
    rc = HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &s);
    domu_check(rc == -EPERM, "remote_shutdown of dom0: %ld", rc);
}

void guest_main(void)
{
    try_domctl();
    try_sysctl();
    try_other_domains();
    domu_finish();
}
