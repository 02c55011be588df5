/* The scheduler's arithmetic (see sched.h).  Plain C, unit-tested. */
#include "hypervisor/include/sched.h"

void sched_domain_init(struct sched_domain *sd)
{
    sd->weight = SCHED_DEFAULT_WEIGHT;
    sd->cap = 0;
    sd->window_start = sd->window_used = sd->cpu_time = 0;
}

/* Start a new cap window if the current one is over. */
static void roll_window(struct sched_domain *sd, uint64_t now)
{
    if (now - sd->window_start >= SCHED_CAP_WINDOW_NS) {
        sd->window_start = now - (now - sd->window_start) % SCHED_CAP_WINDOW_NS;
        sd->window_used = 0;
    }
}

void sched_charge(struct sched_vcpu *sv, struct sched_domain *sd,
                  uint64_t ran_ns, uint64_t now)
{
    uint32_t w = sd->weight ? sd->weight : 1;
    sv->vtime += ran_ns * SCHED_DEFAULT_WEIGHT / w;
    sd->cpu_time += ran_ns;
    roll_window(sd, now);
    sd->window_used += ran_ns;
}

int sched_within_cap(struct sched_domain *sd, uint64_t now)
{
    if (!sd->cap)
        return 1;
    roll_window(sd, now);
    return sd->window_used * 100 < (uint64_t)sd->cap * SCHED_CAP_WINDOW_NS;
}

uint64_t sched_slice(struct sched_domain *sd, uint64_t now)
{
    if (!sd->cap)
        return SCHED_SLICE_NS;
    roll_window(sd, now);
    uint64_t budget = (uint64_t)sd->cap * SCHED_CAP_WINDOW_NS / 100;
    uint64_t left = budget > sd->window_used ? budget - sd->window_used : 0;
    return left < SCHED_SLICE_NS ? left : SCHED_SLICE_NS;
}

void sched_wake(struct sched_vcpu *sv, uint64_t floor)
{
    if (sv->vtime < floor)
        sv->vtime = floor;
}

int sched_pick(struct sched_vcpu *const *c, int n)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        if (best < 0)
            best = i;
        else if (c[i]->yielded != c[best]->yielded)
            best = c[i]->yielded ? best : i;
        else if (c[i]->vtime < c[best]->vtime)
            best = i;
    }
    return best;
}
