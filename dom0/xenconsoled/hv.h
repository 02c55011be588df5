/*
 * What xenconsoled asks of the hypervisor, through dom0's devices
 * (xenolinux-lite/include/abi/xenio.h): whether a domain still runs,
 * foreign mappings of console pages (/dev/privcmd), and event-channel
 * ports (/dev/evtchn).  Each call returns 0 (or a count) or a negative
 * errno.
 */
#ifndef DOM0_XENCONSOLED_HV_H
#define DOM0_XENCONSOLED_HV_H
#include <stdint.h>

struct hv {
    int privcmd;                /* /dev/privcmd */
    int evtchn;                 /* /dev/evtchn: our ports, and their events */
};

/* Open both devices; -EPERM if either does not open (not dom0). */
int hv_open(struct hv *h);

/* 1 if domain dom exists and is neither dying nor shut down, 0 if not,
 * or -EIO if the hypervisor could not be asked. */
int hv_domain_running(struct hv *h, uint32_t dom);

/* Map machine frame mfn of domain dom; its address in *va. */
int hv_map(struct hv *h, uint32_t dom, uint32_t mfn, void **va);
void hv_unmap(struct hv *h, void *va);

/* Bind a local port to dom's port remote_port; the local one in *local. */
int hv_bind(struct hv *h, uint32_t dom, uint32_t remote_port, uint32_t *local);
void hv_unbind(struct hv *h, uint32_t port);
void hv_notify(struct hv *h, uint32_t port);

/* The ports that fired since the last call (call when /dev/evtchn polls
 * readable, or it waits): their count, at most max, or -EIO. */
int hv_fired_ports(struct hv *h, uint32_t *ports, int max);
#endif
