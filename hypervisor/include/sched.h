/*
 * Scheduling vCPUs on the physical CPU.
 *
 * Proportional share with Xen's credit-scheduler interface: each domain
 * has a weight (default 256) and a cap (0 = none, else a percentage of
 * one CPU).  The mechanism is virtual time: a vCPU that runs for t ns is
 * charged t * 256 / weight, and the runnable vCPU with the least virtual
 * time runs next, for at most a 10 ms slice.  So over any interval CPU-
 * bound vCPUs get CPU in proportion to their weights.  A vCPU that wakes
 * starts no further back than the least virtual time of the others, so
 * sleeping banks no credit; one that starts (or is unpaused) queues a
 * slice behind them.  A capped domain that used its share of the
 * current 100 ms window waits for the next one, even if the CPU idles.
 *
 * sched_credit.c holds this arithmetic (plain C, unit-tested);
 * schedule.c does the switching.
 */
#ifndef HV_SCHED_H
#define HV_SCHED_H
#include <stdint.h>

struct vcpu;
struct domain;

#define SCHED_DEFAULT_WEIGHT 256
#define SCHED_MAX_WEIGHT     65535
#define SCHED_SLICE_NS       10000000ull    /* 10 ms */
#define SCHED_CAP_WINDOW_NS  100000000ull   /* 100 ms */

/* Per-vCPU scheduler state. */
struct sched_vcpu {
    uint64_t vtime;             /* weighted run time, ns */
    uint64_t started;           /* when it was last switched in */
    int yielded;                /* gave up the CPU: others first */
};

/* Per-domain scheduler state. */
struct sched_domain {
    uint32_t weight;
    uint32_t cap;               /* percent of one CPU; 0: no cap */
    uint64_t window_start;      /* the current cap window */
    uint64_t window_used;       /* ns run in it */
    uint64_t cpu_time;          /* ns run in total */
};

/* ---- the arithmetic (sched_credit.c) ---- */
void sched_domain_init(struct sched_domain *sd);
/* Charge ran_ns to v of domain sd, at time now. */
void sched_charge(struct sched_vcpu *sv, struct sched_domain *sd,
                  uint64_t ran_ns, uint64_t now);
/* May a vCPU of sd run at time now, as far as its cap goes? */
int sched_within_cap(struct sched_domain *sd, uint64_t now);
/* How long a vCPU of sd may run from now: a slice, or its cap's rest. */
uint64_t sched_slice(struct sched_domain *sd, uint64_t now);
/* A vCPU woke: bring its virtual time up to floor (no banked credit). */
void sched_wake(struct sched_vcpu *sv, uint64_t floor);
/*
 * Which of n candidates (runnable, within cap) should run: the least
 * virtual time, preferring ones that did not just yield.  -1 if n is 0.
 */
int sched_pick(struct sched_vcpu *const *c, int n);

/* ---- the mechanics (schedule.c) ---- */
/* The timer interrupt: run timers, the tick, and slice expiry. */
void sched_tick(void);
/* Ask for a scheduling decision before the next exit to a guest. */
void sched_request(void);
/* v becomes runnable (context set, domain unpaused): no banked credit. */
void sched_vcpu_start(struct vcpu *v);
/* v gives up the CPU but stays runnable. */
void sched_yield(struct vcpu *v);
/* Domain d was paused, unpaused or shut down: reconsider. */
void sched_domain_changed(struct domain *d);
#endif
