/*
 * A domain's description in xenstore, as Xen 3.0.4's tools write it:
 *
 *   /local/domain/N                  owned by N (dom0 may do anything)
 *       name, domid, memory/target and memory/static-max (KB): the
 *       balloon's target (xl mem-set changes it) and the boot size
 *       store/ring-ref, store/port   the store ring (start_info's too)
 *       console/ring-ref, console/port, console/type = "xenconsoled"
 *       control/shutdown             xl shutdown writes the reason here
 *       device/vbd/V/                a virtual disk's front end:
 *           backend, backend-id = 0, virtual-device = V,
 *           device-type = "disk", state = 1 (Initialising)
 *   /local/domain/0/backend/vbd/N/V  its back end, owned by dom0, N may read:
 *       frontend, frontend-id = N, params = PATH, type = "file",
 *       mode = "w" or "r", dev = "xvda", state = 1
 *
 * V is the disk's number (xvda = 51712).  Everything is written in one
 * transaction, so xenconsoled and the back ends never see half of it.
 */
#include "dom0/xl/xl.h"
#include "dom0/xl/xlcfg.h"
#include "dom0/libbuild/build.h"
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "user.h"

#define PATH 128

/* Write value (a number if value is NULL) at base/rel. */
static int put(struct xs *xs, const char *base, const char *rel,
               const char *value, unsigned long number)
{
    char path[PATH], num[16];
    snprintf(path, sizeof(path), "%s/%s", base, rel);
    if (!value) {
        snprintf(num, sizeof(num), "%u", (unsigned int)number);
        value = num;
    }
    return xs_write(xs, path, value);
}

/* Create dir with the permission strings perms (owner first). */
static int make_dir(struct xs *xs, const char *dir, const char *owner,
                    const char *reader)
{
    const char *perms[2] = { owner, reader };
    int rc = xs_mkdir(xs, dir);
    if (rc < 0)
        return rc;
    return xs_set_perms(xs, dir, perms, reader ? 2 : 1);
}

/* One virtual disk: its front-end and back-end directories. */
static int describe_disk(struct xs *xs, int domid, const struct xlcfg_disk *d,
                         const char *dom_path)
{
    char fe[PATH], be[PATH], owner[12], reader[12];
    int rc;
    snprintf(fe, sizeof(fe), "%s/device/vbd/%u", dom_path, d->vdev);
    snprintf(be, sizeof(be), "/local/domain/0/backend/vbd/%d/%u", domid, d->vdev);
    snprintf(owner, sizeof(owner), "n%d", domid);
    snprintf(reader, sizeof(reader), "r%d", domid);
    if ((rc = make_dir(xs, be, "n0", reader)) < 0 ||
        (rc = put(xs, be, "frontend", fe, 0)) < 0 ||
        (rc = put(xs, be, "frontend-id", 0, (unsigned long)domid)) < 0 ||
        (rc = put(xs, be, "params", d->path, 0)) < 0 ||
        (rc = put(xs, be, "type", "file", 0)) < 0 ||
        (rc = put(xs, be, "mode", d->writable ? "w" : "r", 0)) < 0 ||
        (rc = put(xs, be, "dev", d->vdev_name, 0)) < 0 ||
        (rc = put(xs, be, "state", "1", 0)) < 0)
        return rc;
    if ((rc = make_dir(xs, fe, owner, 0)) < 0 ||
        (rc = put(xs, fe, "backend", be, 0)) < 0 ||
        (rc = put(xs, fe, "backend-id", "0", 0)) < 0 ||
        (rc = put(xs, fe, "virtual-device", 0, d->vdev)) < 0 ||
        (rc = put(xs, fe, "device-type", "disk", 0)) < 0 ||
        (rc = put(xs, fe, "state", "1", 0)) < 0)
        return rc;
    return 0;
}

/* Everything above, once (the caller retries on -EAGAIN). */
static int describe_once(struct xs *xs, int domid, const struct xlcfg *cfg,
                         const struct domu_built *b)
{
    char dom_path[PATH], owner[12];
    int rc;
    snprintf(dom_path, sizeof(dom_path), "/local/domain/%d", domid);
    snprintf(owner, sizeof(owner), "n%d", domid);
    if ((rc = make_dir(xs, dom_path, owner, 0)) < 0 ||
        (rc = put(xs, dom_path, "name", cfg->name, 0)) < 0 ||
        (rc = put(xs, dom_path, "domid", 0, (unsigned long)domid)) < 0 ||
        (rc = put(xs, dom_path, "memory/target", 0, cfg->memory_mb * 1024ul)) < 0 ||
        (rc = put(xs, dom_path, "memory/static-max", 0, cfg->memory_mb * 1024ul)) < 0 ||
        (rc = put(xs, dom_path, "store/ring-ref", 0, b->store_mfn)) < 0 ||
        (rc = put(xs, dom_path, "store/port", 0, b->store_port)) < 0 ||
        (rc = put(xs, dom_path, "console/ring-ref", 0, b->console_mfn)) < 0 ||
        (rc = put(xs, dom_path, "console/port", 0, b->console_port)) < 0 ||
        (rc = put(xs, dom_path, "console/type", "xenconsoled", 0)) < 0 ||
        (rc = put(xs, dom_path, "control/shutdown", "", 0)) < 0)
        return rc;
    for (int i = 0; i < cfg->nr_disks; i++)
        if ((rc = describe_disk(xs, domid, &cfg->disks[i], dom_path)) < 0)
            return rc;
    return 0;
}

int xl_store_describe(struct xs *xs, int domid, const struct xlcfg *cfg,
                      const struct domu_built *b)
{
    for (int attempt = 0; attempt < 10; attempt++) {
        int rc = xs_transaction_start(xs);
        if (rc < 0)
            return rc;
        rc = describe_once(xs, domid, cfg, b);
        if (rc < 0) {
            xs_transaction_end(xs, 1);
            return rc;
        }
        rc = xs_transaction_end(xs, 0);
        if (rc != -EAGAIN)
            return rc;
    }
    return -EAGAIN;
}

void xl_store_forget(struct xs *xs, int domid)
{
    char path[PATH];
    snprintf(path, sizeof(path), "/local/domain/0/backend/vbd/%d", domid);
    xs_rm(xs, path);
    snprintf(path, sizeof(path), "/local/domain/%d", domid);
    xs_rm(xs, path);
    xs_release(xs, (unsigned int)domid);
}

int xl_domain_by_name(struct xs *xs, const char *name)
{
    char *ids = malloc(2048);
    int found = -1;
    if (!ids)
        return -1;
    int len = xs_directory(xs, "/local/domain", ids, 2048);
    for (int off = 0; len > 0 && off < len; off += (int)strlen(ids + off) + 1) {
        char path[PATH], value[XLCFG_NAME_MAX + 2];
        snprintf(path, sizeof(path), "/local/domain/%s/name", ids + off);
        if (xs_read(xs, path, value, sizeof(value)) >= 0 &&
            strcmp(value, name) == 0) {
            found = atoi(ids + off);
            break;
        }
    }
    free(ids);
    return found;
}

int xl_domain_name(struct xs *xs, int domid, char *buf, int size)
{
    char path[PATH];
    snprintf(path, sizeof(path), "/local/domain/%d/name", domid);
    return xs_read(xs, path, buf, size);
}
