/*
 * xl create CFG [-c]: build a domain from a config file, as Xen 3.0.4's
 * tools do (ABI section 9.4): parse the config, load the kernel (and
 * ramdisk) from dom0's file system, build the domain with the builder
 * library, describe it in xenstore (its name, console, store and virtual
 * disks, the entries Xen's tools write), introduce it to xenstored and
 * unpause it.  Any failure destroys what was made; nothing is left
 * half-built.
 */
#include "dom0/xl/xl.h"
#include "dom0/xl/xlcfg.h"
#include "dom0/libbuild/build.h"
#include "dom0/libxs/xs.h"
#include "public/errno.h"
#include "user.h"
#include "fcntl.h"
#include "stat.h"

#define FILE_MAX (16u << 20)    /* a kernel or ramdisk we are willing to load */

/* Read the whole file at path into a new buffer; its length, or -1. */
static int load_file(const char *path, uint8_t **out)
{
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf(2, "xl: cannot open %s\n", path);
        return -1;
    }
    if (fstat(fd, &st) < 0 || st.type != T_FILE || st.size == 0 ||
        st.size > FILE_MAX) {
        printf(2, "xl: %s is not a file xl can load\n", path);
        close(fd);
        return -1;
    }
    uint8_t *buf = malloc(st.size);
    if (!buf) {
        printf(2, "xl: no memory to load %s (%d bytes)\n", path, (int)st.size);
        close(fd);
        return -1;
    }
    uint32_t done = 0;
    while (done < st.size) {
        int n = read(fd, buf + done, (int)(st.size - done) > 65536 ? 65536
                                                                  : (int)(st.size - done));
        if (n <= 0)
            break;
        done += (uint32_t)n;
    }
    close(fd);
    if (done != st.size) {
        printf(2, "xl: reading %s failed\n", path);
        free(buf);
        return -1;
    }
    *out = buf;
    return (int)done;
}

/* Print the parser's warnings (settings of Xen's we accept and ignore). */
static void show_warnings(const struct xlcfg *cfg)
{
    for (int i = 0; i < cfg->nr_warnings; i++)
        printf(2, "xl: warning: %s\n", cfg->warnings[i]);
    if (cfg->warnings_dropped)
        printf(2, "xl: warning: and %d more\n", cfg->warnings_dropped);
}

/*
 * A config without a name (Xen 3.0.4's may name only kernel and memory):
 * name the domain after the file, "/etc/xen/web.cfg" -> "web", keeping
 * only the characters a name may hold.
 */
static void name_after_file(const char *path, struct xlcfg *cfg)
{
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            base = p + 1;
    int n = 0;
    for (; base[n] && n < XLCFG_NAME_MAX; n++)
        if (strcmp(base + n, ".cfg") == 0)
            break;
    int out = 0;
    for (int i = 0; i < n; i++) {
        char c = base[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')
            cfg->name[out++] = c;
    }
    if (out == 0)
        strcpy(cfg->name, "domU");
    else
        cfg->name[out] = 0;
}

/* Parse the config file at path into cfg; 0, or -1 with the reason shown. */
static int read_config(const char *path, struct xlcfg *cfg)
{
    uint8_t *text;
    int len = load_file(path, &text);
    if (len < 0)
        return -1;
    char err[XLCFG_MSG_MAX];
    int rc = xlcfg_parse((const char *)text, (unsigned int)len, cfg, err, sizeof(err));
    free(text);
    if (rc < 0) {
        printf(2, "xl: %s: %s\n", path, err);
        return -1;
    }
    show_warnings(cfg);
    if (!cfg->name[0])
        name_after_file(path, cfg);
    return 0;
}

int xl_create_from_config(struct xl *xl, struct xs *xs, const struct xlcfg *cfg)
{
    uint8_t *kernel = 0, *ramdisk = 0;
    int kernel_len, ramdisk_len = 0, domid = -1;
    char err[160];
    if (xl_domain_by_name(xs, cfg->name) >= 0) {
        printf(2, "xl: a domain named '%s' exists already\n", cfg->name);
        return -1;
    }
    if ((kernel_len = load_file(cfg->kernel, &kernel)) < 0)
        return -1;
    if (cfg->ramdisk[0] && (ramdisk_len = load_file(cfg->ramdisk, &ramdisk)) < 0)
        goto out;
    uint32_t nr_pages = cfg->memory_mb * 256;
    xen_pfn_t *p2m = malloc(nr_pages * sizeof(xen_pfn_t));
    if (!p2m) {
        printf(2, "xl: no memory for the P2M list of %d pages\n", (int)nr_pages);
        goto out;
    }
    struct domu_spec spec = {
        .domid = 0, .image = kernel, .image_len = (size_t)kernel_len,
        .initrd = ramdisk, .initrd_len = (size_t)ramdisk_len,
        .nr_pages = nr_pages, .cmdline = cfg->extra, .p2m = p2m,
    };
    struct domu_built built;
    int rc = xc_build_domu(xl->xc, &spec, &built, err, sizeof(err));
    free(p2m);
    if (rc < 0) {
        printf(2, "xl: building %s: %s\n", cfg->name, err);
        goto out;
    }
    domid = built.domid;
    long hrc;
    if ((rc = xl_store_describe(xs, domid, cfg, &built)) < 0 ||
        (rc = xs_introduce(xs, (unsigned int)domid, built.store_mfn,
                           built.store_port)) < 0) {
        printf(2, "xl: xenstore: %s (%d)\n", rc == -EIO ? "no xenstored?" : "refused", rc);
        goto undo;
    }
    if ((hrc = xc_domain_unpause(xl->xc, (domid_t)domid)) < 0) {
        xl_error("unpause", hrc);
        goto undo;
    }
    goto out;
undo:
    xl_store_forget(xs, domid);
    xc_domain_destroy(xl->xc, (domid_t)domid);
    domid = -1;
out:
    free(kernel);
    if (ramdisk)
        free(ramdisk);
    return domid;
}

/* xl create CFG [-c] */
int xl_create(struct xl *xl, int argc, char **argv)
{
    const char *path = 0;
    int attach = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0)
            attach = 1;
        else if (!path)
            path = argv[i];
        else
            path = 0, argc = 0;
    }
    if (!path) {
        printf(2, "usage: xl create CONFIG [-c]\n");
        return 1;
    }
    struct xlcfg *cfg = malloc(sizeof(*cfg));
    if (!cfg) {
        printf(2, "xl: out of memory\n");
        return 1;
    }
    struct xs xs;
    int domid = -1;
    if (read_config(path, cfg) < 0)
        goto out;
    if (xs_open(&xs) < 0) {
        printf(2, "xl: cannot open /dev/xenbus\n");
        goto out;
    }
    domid = xl_create_from_config(xl, &xs, cfg);
    if (domid >= 0) {
        printf(1, "Started domain %s (id=%d)\n", cfg->name, domid);
        xl_monitor_start(xl, domid, cfg);
    }
    xs_close(&xs);
out:
    free(cfg);
    if (domid >= 0 && attach)
        return xl_console_attach(xl, domid);
    return domid >= 0 ? 0 : 1;
}
