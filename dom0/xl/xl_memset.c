/*
 * xl mem-set DOMAIN MB: change how much memory a running domain holds.
 *
 * As in Xen, dom0 does not take memory away by force: it sets the
 * domain's target, /local/domain/N/memory/target (KiB), and the guest's
 * balloon driver gives frames back (XENMEM_decrease_reservation) or takes
 * them (XENMEM_increase_reservation) until it holds the target.  The
 * hypervisor's limit for the domain (XEN_DOMCTL_max_mem) follows the
 * target; since Xen 3.0.4 refuses a limit below what the domain holds,
 * the order depends on the direction:
 *
 *   growing     raise the limit first, then write the target, so the
 *               guest's requests are not refused;
 *   shrinking   write the target, wait for the guest to give the frames
 *               back, then lower the limit to what it holds (no lower
 *               than the target), so it cannot take them again by itself.
 *
 * Either way the limit ends at the target, or at what the domain still
 * holds if that is more.
 *
 * We wait (up to WAIT_TICKS) for the domain to reach the target either
 * way, so that `xl list` right after shows it; a guest that cannot get
 * there (its kernel needs the memory, or it has no balloon driver) keeps
 * the target set and gets a message.
 */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "user.h"

#define WAIT_TICKS 1000         /* 10 s */
#define MAX_MB 4095             /* a target in KiB stays below 2^32 */
#define PAGES_PER_MB 256

/* MB from s: decimal digits only, 1..MAX_MB; 0 if it is not that. */
static uint32_t parse_mb(const char *s)
{
    uint32_t mb = 0;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        mb = mb * 10 + (uint32_t)(*s - '0');
        if (mb > MAX_MB)
            return 0;
    }
    return mb;
}

/* The domain's pages now and its limit; 0, or -1 if it is gone. */
static int pages_of(struct xl *xl, domid_t dom, uint32_t *tot, uint32_t *max)
{
    xen_domctl_getdomaininfo_t info;
    if (xc_domain_getinfo(xl->xc, dom, &info) < 0 || info.domain != dom)
        return -1;
    *tot = (uint32_t)info.tot_pages;
    *max = (uint32_t)info.max_pages;
    return 0;
}

/* Wait until dom holds target pages (from above or below): 0, or -1 on
 * timeout; *tot is what it holds at the end. */
static int wait_for(struct xl *xl, domid_t dom, uint32_t target, int shrinking,
                    uint32_t *tot)
{
    uint32_t max;
    for (int t = 0; ; t += 10) {
        if (pages_of(xl, dom, tot, &max) < 0)
            return -1;
        if (shrinking ? *tot <= target : *tot >= target)
            return 0;
        if (t >= WAIT_TICKS)
            return -1;
        sleep(10);
    }
}

static int write_target(domid_t dom, uint32_t mb)
{
    struct xs xs;
    char path[64], value[16];
    snprintf(path, sizeof(path), "/local/domain/%d/memory/target", dom);
    snprintf(value, sizeof(value), "%u", mb * 1024);
    int rc = xs_open(&xs);
    if (rc == 0) {
        rc = xs_write(&xs, path, value);
        xs_close(&xs);
    }
    return rc;
}

int xl_mem_set(struct xl *xl, int argc, char **argv)
{
    if (argc != 3) {
        printf(2, "usage: xl mem-set DOMAIN MB\n");
        return 1;
    }
    uint32_t mb = parse_mb(argv[2]);
    if (mb == 0) {
        printf(2, "xl: mem-set: '%s' is not a size in MB (1 to %d)\n",
               argv[2], MAX_MB);
        return 1;
    }
    domid_t dom;
    if (xl_find_domain(xl, argv[1], &dom) < 0)
        return 1;
    uint32_t tot, max, target = mb * PAGES_PER_MB;
    if (pages_of(xl, dom, &tot, &max) < 0) {
        printf(2, "xl: mem-set: domain %d is gone\n", dom);
        return 1;
    }
    int shrinking = target < tot;
    long rc;
    if (target > max && (rc = xc_domain_max_mem(xl->xc, dom, (uint64_t)target * 4)) < 0) {
        xl_error("mem-set: cannot raise the domain's limit", rc);
        return 1;
    }
    int xrc = write_target(dom, mb);
    if (xrc < 0) {
        printf(2, "xl: mem-set: cannot write domain %d's target (xenstore: %d)\n",
               dom, xrc);
        if (target > max)
            xc_domain_max_mem(xl->xc, dom, (uint64_t)max * 4);
        return 1;
    }
    int reached = wait_for(xl, dom, target, shrinking, &tot) == 0;
    uint32_t limit = tot > target ? tot : target, now = target > max ? target : max;
    if (limit < now && (rc = xc_domain_max_mem(xl->xc, dom, (uint64_t)limit * 4)) < 0)
        xl_error("mem-set: cannot lower the domain's limit", rc);
    if (!reached) {
        printf(2, "xl: mem-set: domain %d holds %d pages after 10 s, not "
               "the %d of its %d MB target (see its console)\n", dom,
               (int)tot, (int)target, (int)mb);
        return 1;
    }
    return 0;
}
