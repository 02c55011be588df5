/*
 * What happens to a domain when it stops: xl create leaves a small
 * process behind per domain (as Xen's xl does) that waits for xenstored's
 * @releaseDomain event, looks at why the domain stopped and does what its
 * config says for that reason: destroy it (and remove its xenstore
 * entries), build it again, or leave it for inspection.
 */
#include "dom0/xl/xl.h"
#include "dom0/xl/xlcfg.h"
#include "dom0/libxs/xs.h"
#include "public/sched.h"
#include "user.h"

/* The action cfg names for a shutdown reason. */
static enum xlcfg_action action_for(const struct xlcfg *cfg, uint32_t reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return cfg->on_poweroff;
    case SHUTDOWN_reboot: return cfg->on_reboot;
    case SHUTDOWN_crash: return cfg->on_crash;
    default: return XLCFG_PRESERVE;     /* suspend: for a tool to save it */
    }
}

/*
 * Wait until domid stops, then act.  Returns the id of a domain built
 * again (to go on watching), or -1 when there is nothing left to watch.
 */
static int watch_once(struct xl *xl, struct xs *xs, int domid,
                      const struct xlcfg *cfg)
{
    for (;;) {
        xen_domctl_getdomaininfo_t info;
        long rc = xc_domain_getinfo(xl->xc, (domid_t)domid, &info);
        if (rc < 0 || info.domain != domid) {       /* destroyed by someone */
            xl_store_forget(xs, domid);
            return -1;
        }
        if (info.flags & XEN_DOMINF_shutdown) {
            uint32_t reason = (info.flags >> XEN_DOMINF_SHUTDOWNSHIFT) &
                              XEN_DOMINF_SHUTDOWNMASK;
            enum xlcfg_action act = action_for(cfg, reason);
            if (act == XLCFG_PRESERVE || act == XLCFG_RENAME_RESTART)
                return -1;      /* left as it is (rename-restart: not yet) */
            xc_domain_destroy(xl->xc, (domid_t)domid);
            xl_store_forget(xs, domid);
            if (act == XLCFG_DESTROY)
                return -1;
            return xl_create_from_config(xl, xs, cfg);
        }
        struct xs_event ev;
        if (xs_read_watch(xs, &ev) < 0)
            return -1;
    }
}

void xl_monitor_start(struct xl *xl, int domid, const struct xlcfg *cfg)
{
    int pid = fork();
    if (pid != 0)
        return;                 /* the parent, or fork failed: no monitor */
    struct xs xs;
    if (xs_open(&xs) < 0 || xs_watch(&xs, "@releaseDomain", "xl-monitor") < 0)
        exit();
    while (domid >= 0)
        domid = watch_once(xl, &xs, domid, cfg);
    xs_close(&xs);
    exit();
}
