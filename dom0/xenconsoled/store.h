/*
 * What xenconsoled reads and writes in xenstore (docs/toolstack.md, "What
 * xl writes to xenstore"): the domains under /local/domain, each one's
 * console/ring-ref (the console page's machine frame) and console/port,
 * and, ours, console/tty: the pty slave `xl console` opens.
 * Each call returns 0 (or a count) or a negative errno.
 */
#ifndef DOM0_XENCONSOLED_STORE_H
#define DOM0_XENCONSOLED_STORE_H
#include <stdint.h>
#include "dom0/libxs/xs.h"

/* Watch @introduceDomain and @releaseDomain. */
int store_watch_domains(struct xs *xs);

/* The ids under /local/domain (dom0's included) into ids[0..max). */
int store_list_domains(struct xs *xs, uint32_t *ids, int max);

/* domid's console/ring-ref and console/port; -ENOENT if it has none yet,
 * -EINVAL if they are not numbers. */
int store_console_info(struct xs *xs, uint32_t domid, uint32_t *mfn,
                       uint32_t *port);

/* Write "/dev/ptsN" to domid's console/tty; remove it again. */
int store_publish_tty(struct xs *xs, uint32_t domid, int pty);
void store_remove_tty(struct xs *xs, uint32_t domid);
#endif
