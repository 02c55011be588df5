/*
 * xl shutdown [-w] DOMAIN: ask the domain to power itself off, as Xen's
 * tools do: write "poweroff" to /local/domain/N/control/shutdown, which
 * the guest's kernel watches.  With -w, wait until it has stopped.  A
 * guest that ignores the request keeps running; `xl destroy` stops it
 * regardless.
 */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "user.h"

#define WAIT_TICKS 3000         /* -w gives up after 30 s */

/* Has domid stopped (shut down, or gone)? */
static int stopped(struct xl *xl, int domid)
{
    xen_domctl_getdomaininfo_t info;
    if (xc_domain_getinfo(xl->xc, (domid_t)domid, &info) < 0 || info.domain != domid)
        return 1;
    return (info.flags & XEN_DOMINF_shutdown) != 0;
}

int xl_shutdown(struct xl *xl, int argc, char **argv)
{
    int wait_for_it = argc == 3 && strcmp(argv[1], "-w") == 0;
    domid_t dom;
    if (argc != 2 + wait_for_it) {
        printf(2, "usage: xl shutdown [-w] DOMAIN\n");
        return 1;
    }
    if (xl_find_domain(xl, argv[argc - 1], &dom) < 0)
        return 1;
    if (dom == 0) {
        printf(2, "xl: shutdown: not for Domain-0\n");
        return 1;
    }
    struct xs xs;
    char path[64];
    snprintf(path, sizeof(path), "/local/domain/%d/control/shutdown", dom);
    int rc = xs_open(&xs);
    if (rc == 0)
        rc = xs_write(&xs, path, "poweroff");
    xs_close(&xs);
    if (rc < 0) {
        printf(2, "xl: shutdown: cannot ask domain %d (xenstore: %d)\n", dom, rc);
        return 1;
    }
    if (!wait_for_it)
        return 0;
    for (int t = 0; t < WAIT_TICKS; t += 10) {
        if (stopped(xl, dom)) {
            printf(1, "Domain %d shut down\n", dom);
            return 0;
        }
        sleep(10);
    }
    printf(2, "xl: domain %d did not shut down within 30 s\n", dom);
    return 1;
}
