/*
 * Domains and their virtual CPUs.
 *
 * A vCPU's registers live in v->regs whenever it is not running; the entry
 * stubs copy the frame there on every entry, so hypervisor code reads and
 * changes a guest's registers only through v->regs.
 */
#ifndef HV_DOMAIN_H
#define HV_DOMAIN_H
#include <stdint.h>
#include "public/xen.h"
#include "public/event_channel.h"
#include "arch/x86_32/frame.h"
#include "hypervisor/include/sched.h"
#include "hypervisor/include/time.h"

struct evtchn;
struct grant_table;

#define MAX_DOMAINS 64

enum vcpu_state {
    VCPU_DOWN,          /* not initialised, or its domain is dead */
    VCPU_RUNNABLE,
    VCPU_BLOCKED,       /* in SCHEDOP_block, waiting for an event */
};

struct domain;

struct vcpu {
    unsigned int id;
    struct domain *domain;
    enum vcpu_state state;
    struct trap_frame regs;

    /* Guest-registered entry points (set_trap_table, set_callbacks). */
    struct trap_info trap_table[256];
    uint32_t event_cs, event_eip;
    uint32_t failsafe_cs, failsafe_eip;
    int failsafe_masks_events;
    int in_failsafe;                /* exit faulted; failsafe entered */
    int fast_traps_changed;         /* trap table changed: redo IDT gates */

    uint32_t kernel_ss, kernel_sp;  /* stack_switch: ring-1 stack */
    int fpu_ts;                     /* virtual CR0.TS */
    uint32_t iopl;                  /* virtual IOPL (physdev set_iopl) */
    int fpu_used;                   /* fpu_state holds its x87 state */
    uint8_t fpu_state[108];         /* FSAVE image while not loaded */

    uint32_t l2_mfn;                /* guest view: the guest's L2 (CR3) */
    uint32_t twin_mfn;              /* hypervisor view of that L2 */

    /* Descriptor tables (set_gdt, SET_LDT); each frame holds a desc ref. */
    uint32_t gdt_frames[14];
    unsigned int gdt_nr_frames;
    uint32_t gdt_ents;
    uint32_t ldt_frames[16];
    unsigned int ldt_nr_frames;
    uint32_t ldt_base, ldt_ents;
    int desc_changed;               /* reload them before the next exit */
    int initialised;                /* has a context (builder or domctl) */

    struct vcpu_info *vcpu_info;    /* in the domain's shared_info */

    evtchn_port_t virq_to_port[NR_VIRQS];
    int polling;                    /* in SCHEDOP_poll */
    struct timer singleshot_timer;  /* set_timer_op: raises VIRQ_TIMER */
    struct timer poll_timer;        /* SCHEDOP_poll's timeout */
    struct sched_vcpu sched;
};

struct domain {
    domid_t id;
    int is_privileged;
    int is_dying;
    int is_destroyed;               /* only frames others map keep it */
    int is_shutdown;
    unsigned int pause_count;       /* domctl pause (and creation) */
    uint8_t handle[16];             /* the tools' UUID */
    struct sched_domain sched;
    unsigned int shutdown_reason;

    struct shared_info *shared_info;  /* xenheap page shared with the guest */
    uint32_t shared_info_mfn;

    uint32_t tot_pages;             /* frames on the page list */
    uint32_t max_pages;
    uint32_t page_head, page_tail;  /* the list: page_info.next / .prev */

    uint32_t vm_assist;             /* VMASST_TYPE_* bits enabled */
    struct {
        uint64_t entries, hypercalls, exceptions;
    } counters;                     /* entries into the hypervisor */
    int32_t time_offset_s;          /* domctl settimeoffset */

    struct evtchn *evtchn;          /* NR_EVENT_CHANNELS ports */
    struct grant_table *grant;      /* its grant table and mappings */
    evtchn_port_t pirq_to_port[16]; /* dom0: physical IRQ -> port */
    struct vcpu *vcpu[MAX_VIRT_CPUS];
};

/* The vCPU this physical CPU is running (or last ran). */
struct vcpu *current_vcpu(void);
void set_current_vcpu(struct vcpu *v);
#define current (current_vcpu())

struct domain *domain_create(domid_t id, int privileged);
struct vcpu *vcpu_create(struct domain *d, unsigned int id);
struct domain *domain_by_id(domid_t id);
/* Iterate over the domains: domain_next(NULL) is the first. */
struct domain *domain_next(struct domain *prev);

/*
 * Stop a domain for good: log why with a register dump of v, then shut it
 * down with SHUTDOWN_crash.  Does not return if d is the current domain.
 */
void domain_crash(struct domain *d, const char *why);
void domain_shutdown(struct domain *d, unsigned int reason);

/*
 * Destroy d (never the caller's own domain): release its vCPUs, ports,
 * grant mappings and every frame.  Its structure goes when its last frame
 * does (another domain may still map some).
 */
void domain_destroy(struct domain *d);
/* Free d's structure if it is dead and owns no frame any more. */
void domain_free_if_unused(struct domain *d);

/* Print v's registers to the log. */
void vcpu_dump_registers(const struct vcpu *v);

/*
 * Leave the hypervisor: run the current vCPU if it can run, else idle
 * until something can.  Never returns.
 */
void return_to_guest(void) __attribute__((noreturn));
#endif
