/*
 * vcpu_op(cmd, vcpuid, arg): bring a domain's other vCPUs up and down,
 * and read how vCPUs spend their time.
 *
 * vcpuid must be below MAX_VIRT_CPUS (-EINVAL) and name a vCPU the tools
 * created (-ENOENT).
 */
#ifndef XEN_PUBLIC_VCPU_H
#define XEN_PUBLIC_VCPU_H

#include <stdint.h>
#include "xen.h"

/*
 * arg vcpu_guest_context_t: give a vCPU its first register state.  Only
 * once per vCPU (-EEXIST after); the vCPU stays down until VCPUOP_up.
 */
#define VCPUOP_initialise  0

/* arg NULL: start an initialised vCPU (-EINVAL if it is not). */
#define VCPUOP_up          1

/* arg NULL: stop a vCPU; for another vCPU this takes effect later. */
#define VCPUOP_down        2

/* arg NULL: returns 1 if the vCPU is up, 0 if not. */
#define VCPUOP_is_up       3

/* arg struct vcpu_runstate_info: the hypervisor fills it. */
#define VCPUOP_get_runstate_info  4

/*
 * arg struct vcpu_register_runstate_memory_area: the hypervisor copies
 * the vCPU's runstate to this guest address every time it schedules it.
 */
#define VCPUOP_register_runstate_memory_area  5

/* vcpu_runstate_info.state and the indices of time[]. */
#define RUNSTATE_running   0  /* on a physical CPU */
#define RUNSTATE_runnable  1  /* wants to run but is waiting for a CPU */
#define RUNSTATE_blocked   2  /* waiting for an event */
#define RUNSTATE_offline   3  /* down, or paused by the tools */

/* struct vcpu_runstate_info (44 bytes), written by the hypervisor. */
struct vcpu_runstate_info {
    int32_t  state;             /* RUNSTATE_* now */
    uint64_t state_entry_time;  /* system time (ns) when it entered that state */
    uint64_t time[4];           /* total ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

/*
 * struct vcpu_register_runstate_memory_area (8 bytes), written by the
 * guest.  The guest virtual address sits in the first 4 bytes; the union
 * gives it room for 64 bits.
 */
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;

#endif /* XEN_PUBLIC_VCPU_H */
