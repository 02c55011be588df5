/*
 * The commands that look at and steer existing domains: list, info,
 * dmesg, pause, unpause, destroy.
 */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "public/sched.h"
#include "public/version.h"
#include "user.h"

void xl_state_letters(uint32_t flags, char out[7])
{
    uint32_t reason = (flags >> XEN_DOMINF_SHUTDOWNSHIFT) & XEN_DOMINF_SHUTDOWNMASK;
    int shut = (flags & XEN_DOMINF_shutdown) != 0;
    out[0] = (flags & XEN_DOMINF_running) ? 'r' : '-';
    out[1] = (flags & XEN_DOMINF_blocked) ? 'b' : '-';
    out[2] = (flags & XEN_DOMINF_paused) ? 'p' : '-';
    out[3] = shut && reason != SHUTDOWN_crash ? 's' : '-';
    out[4] = shut && reason == SHUTDOWN_crash ? 'c' : '-';
    out[5] = (flags & XEN_DOMINF_dying) ? 'd' : '-';
    out[6] = 0;
}

static void put_number(int fd, unsigned long v, int width)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", (unsigned int)v);
    xl_put_padded(fd, buf, width, 0);
}

/* xl list [-v]: every domain, one line each, as Xen's xl prints them. */
int xl_list(struct xl *xl, int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    xl_put_padded(1, "Name", 40, 1);
    printf(1, "    ID   Mem VCPUs\tState\tTime(s)%s\n", verbose ? "\tPages" : "");
    xen_domctl_getdomaininfo_t info;
    struct xs xs;
    int have_store = xs_open(&xs) == 0;
    for (domid_t next = 0; xl_next_domain(xl, &next, &info); ) {
        char name[40], state[7], secs[24];
        xl_display_name(have_store ? &xs : 0, info.domain, name, sizeof(name));
        xl_state_letters(info.flags, state);
        uint32_t ms = (uint32_t)(info.cpu_time / 1000000);
        snprintf(secs, sizeof(secs), "%u.%u", ms / 1000, (ms % 1000) / 100);
        xl_put_padded(1, name, 40, 1);
        put_number(1, info.domain, 6);
        put_number(1, (unsigned long)(info.tot_pages / 256), 6);
        put_number(1, info.nr_online_vcpus, 6);
        printf(1, "\t%s\t", state);
        xl_put_padded(1, secs, 7, 0);
        if (verbose)
            printf(1, "\t%d", (int)info.tot_pages);
        printf(1, "\n");
    }
    if (have_store)
        xs_close(&xs);
    return 0;
}

/* xl info: the hypervisor and the machine. */
int xl_info(struct xl *xl, int argc, char **argv)
{
    (void)argc; (void)argv;
    const unsigned long ver_args[5] = { XENVER_version, 0, 0, 0, 0 };
    long ver = xl->xc->hypercall(xl->xc->ctx, __HYPERVISOR_xen_version, ver_args);
    xen_extraversion_t extra;
    memset(extra, 0, sizeof(extra));
    const unsigned long extra_args[5] = { XENVER_extraversion, (unsigned long)extra, 0, 0, 0 };
    if (xl->xc->hypercall(xl->xc->ctx, __HYPERVISOR_xen_version, extra_args) < 0)
        extra[0] = 0;
    extra[sizeof(extra) - 1] = 0;
    xen_sysctl_physinfo_t pi;
    long rc = xc_physinfo(xl->xc, &pi);
    if (ver < 0 || rc < 0) {
        xl_error("info", ver < 0 ? ver : rc);
        return 1;
    }
    printf(1, "xen_major              : %d\n", (int)(ver >> 16));
    printf(1, "xen_minor              : %d\n", (int)(ver & 0xFFFF));
    printf(1, "xen_extra              : %s\n", extra);
    printf(1, "nr_cpus                : %d\n", (int)(pi.threads_per_core *
           pi.cores_per_socket * pi.sockets_per_node * pi.nr_nodes));
    printf(1, "cpu_mhz                : %d\n", (int)(pi.cpu_khz / 1000));
    printf(1, "total_memory           : %d\n", (int)(pi.total_pages / 256));
    printf(1, "free_memory            : %d\n", (int)(pi.free_pages / 256));
    printf(1, "free_pages             : %d\n", (int)pi.free_pages);
    return 0;
}

/* xl dmesg [-c]: the hypervisor's log (and clear it with -c). */
int xl_dmesg(struct xl *xl, int argc, char **argv)
{
    int clear = argc > 1 && strcmp(argv[1], "-c") == 0;
    enum { SIZE = 16384 };
    char *buf = malloc(SIZE);
    if (!buf) {
        printf(2, "xl: dmesg: out of memory\n");
        return 1;
    }
    xen_sysctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_readconsole;
    op.u.readconsole.clear = clear;
    set_xen_guest_handle(op.u.readconsole.buffer, buf);
    op.u.readconsole.count = SIZE;
    long rc = xc_sysctl(xl->xc, &op);
    if (rc < 0) {
        xl_error("dmesg", rc);
        free(buf);
        return 1;
    }
    write(1, buf, (int)op.u.readconsole.count);
    free(buf);
    return 0;
}

/* A command that takes one domain and makes one call on it. */
static int one_domain(struct xl *xl, int argc, char **argv,
                      long (*call)(const struct xc_ops *, domid_t))
{
    domid_t dom;
    if (argc != 2) {
        printf(2, "usage: xl %s DOMAIN\n", argv[0]);
        return 1;
    }
    if (xl_find_domain(xl, argv[1], &dom) < 0)
        return 1;
    if (dom == 0) {
        printf(2, "xl: %s: not for Domain-0\n", argv[0]);
        return 1;
    }
    long rc = call(xl->xc, dom);
    if (rc < 0) {
        xl_error(argv[0], rc);
        return 1;
    }
    return 0;
}

int xl_pause(struct xl *xl, int argc, char **argv)
{
    return one_domain(xl, argc, argv, xc_domain_pause);
}

int xl_unpause(struct xl *xl, int argc, char **argv)
{
    return one_domain(xl, argc, argv, xc_domain_unpause);
}

/* xl destroy: kill the domain at once and remove its xenstore entries
 * (its back ends and xenstored see them go and let go of its pages). */
int xl_destroy(struct xl *xl, int argc, char **argv)
{
    domid_t dom;
    if (argc != 2) {
        printf(2, "usage: xl destroy DOMAIN\n");
        return 1;
    }
    if (xl_find_domain(xl, argv[1], &dom) < 0)
        return 1;
    if (dom == 0) {
        printf(2, "xl: destroy: not for Domain-0\n");
        return 1;
    }
    long rc = xc_domain_destroy(xl->xc, dom);
    if (rc < 0) {
        xl_error("destroy", rc);
        return 1;
    }
    struct xs xs;
    if (xs_open(&xs) == 0) {
        xl_store_forget(&xs, dom);
        xs_close(&xs);
    }
    return 0;
}
