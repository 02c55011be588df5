/*
 * The hypervisor's command line (multiboot string), parsed once at boot.
 *
 *   console=com1|com2|none   where the log goes (default com1)
 *   loglvl=all|debug|info|warning|error|none   log threshold (default info)
 *   dom0_mem=N[K|M|G]        dom0's memory; no suffix means KB, as in Xen
 *   qemu_exit=PORT           before powering off, write the shutdown reason
 *                            to this I/O port (QEMU's isa-debug-exit)
 *   selftest=fault           test hook: fault in the hypervisor after boot,
 *                            to exercise the fatal-fault path
 *
 * Words without '=' (the image path GRUB and QEMU put first) are ignored;
 * unknown or malformed options are reported and ignored.
 */
#ifndef HV_OPTIONS_H
#define HV_OPTIONS_H
#include <stdint.h>
#include "hypervisor/include/console.h"

struct hv_options {
    char console[8];
    enum log_level loglvl;
    uint64_t dom0_mem_bytes;      /* 0: the default */
    uint16_t qemu_exit_port;      /* 0: none */
    int selftest_fault;           /* selftest=fault */
};

/*
 * Parse cmdline into *o (which the caller has set to defaults).  Returns
 * the number of options rejected; each is described by report(), which may
 * be NULL.
 */
int options_parse(const char *cmdline, struct hv_options *o,
                  void (*report)(const char *word, const char *why));
void options_defaults(struct hv_options *o);

/* Parse "64M", "65536" (KB), "1G".  Returns 0 or -1. */
int parse_size(const char *s, uint64_t *bytes);
#endif
