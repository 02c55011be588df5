/*
 * xl: dom0's control tool, with the commands users know from Xen's xl.
 * Each command is a function in one of the xl_*.c files; they share the
 * open /dev/privcmd and a few helpers declared here.
 */
#ifndef DOM0_XL_XL_H
#define DOM0_XL_XL_H
#include "dom0/xl/xc_privcmd.h"

struct xl {
    struct xc_privcmd pc;
    const struct xc_ops *xc;
};

/* A command: argv[0] is its name; returns the exit status (0 = success). */
typedef int (*xl_command_fn)(struct xl *xl, int argc, char **argv);

/* xl_domains.c */
int xl_list(struct xl *xl, int argc, char **argv);
int xl_info(struct xl *xl, int argc, char **argv);
int xl_dmesg(struct xl *xl, int argc, char **argv);
int xl_pause(struct xl *xl, int argc, char **argv);
int xl_unpause(struct xl *xl, int argc, char **argv);
int xl_destroy(struct xl *xl, int argc, char **argv);

/* xl_create.c, xl_monitor.c, xl_console.c, xl_shutdown.c */
struct xs;
struct xlcfg;
struct domu_built;
int xl_create(struct xl *xl, int argc, char **argv);
int xl_shutdown(struct xl *xl, int argc, char **argv);
int xl_console(struct xl *xl, int argc, char **argv);
/* xl_memset.c */
int xl_mem_set(struct xl *xl, int argc, char **argv);
/* Build, describe and start the domain cfg describes; its id, or -1 with
 * the reason shown and nothing left behind. */
int xl_create_from_config(struct xl *xl, struct xs *xs, const struct xlcfg *cfg);
/* Leave a process behind that does what cfg says when domid stops. */
void xl_monitor_start(struct xl *xl, int domid, const struct xlcfg *cfg);
/* Attach this terminal to domid's console until Ctrl-]; exit status. */
int xl_console_attach(struct xl *xl, int domid);

/* xl_store.c: a domain's entries in xenstore (the layout is there) */
/* Write them all, in one transaction; 0 or a negative errno. */
int xl_store_describe(struct xs *xs, int domid, const struct xlcfg *cfg,
                      const struct domu_built *b);
/* Remove them and tell xenstored the domain is gone. */
void xl_store_forget(struct xs *xs, int domid);
/* The id of the domain called name, or -1. */
int xl_domain_by_name(struct xs *xs, const char *name);
/* domid's name into buf; its length, or a negative errno. */
int xl_domain_name(struct xs *xs, int domid, char *buf, int size);

/* xl_util.c */
/* Print msg and the hypervisor's error name for rc (a negative errno). */
void xl_error(const char *what, long rc);
/* A domain named by its name or id; 0, or -1 (and a message) if none. */
int xl_find_domain(struct xl *xl, const char *name_or_id, domid_t *out);
/* The domains in id order: fill info with the first domain whose id is
 * at least *next and move *next past it; 1, or 0 when none is left. */
int xl_next_domain(struct xl *xl, domid_t *next, xen_domctl_getdomaininfo_t *info);
/* The name xl shows for domain id: Domain-0, its name in xenstore (xs
 * may be 0), or "(domain N)". */
void xl_display_name(struct xs *xs, domid_t id, char *buf, int size);
/* Write s to fd padded with spaces to width (left-aligned if left). */
void xl_put_padded(int fd, const char *s, int width, int left);
/* xl_domains.c: Xen's state letters for getdomaininfo's flags, "rbpscd"
 * (running, blocked, paused, shut down, crashed, dying; '-' if not). */
void xl_state_letters(uint32_t flags, char out[7]);
/* xl_top.c */
int xl_top(struct xl *xl, int argc, char **argv);
#endif
