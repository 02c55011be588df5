/*
 * xl top [-n ROUNDS] [-d SECONDS]: each domain's share of the CPU, as
 * xentop's batch mode prints it.  Every round samples each domain's CPU
 * time (getdomaininfo), waits SECONDS, samples again and prints one line
 * per domain that lived through both samples:
 *
 *   NAME  ID  STATE  CPU(sec)  CPU(%)  MEM(k)  VCPUS
 *
 * CPU(%) is the CPU time the domain got in the interval over the
 * interval's length (from uptime(), in 10 ms ticks).  A terminal without
 * screen control cannot be redrawn, so the rounds follow one another
 * (default 3 rounds of 1 second).
 */
#include "dom0/xl/xl.h"
#include "dom0/libxs/xs.h"
#include "user.h"

#define TOP_MAX_DOMAINS 64
#define TICKS_PER_SECOND 100

struct top_sample {
    int n;
    xen_domctl_getdomaininfo_t info[TOP_MAX_DOMAINS];
};

/* Every domain's information, in domain order (at most TOP_MAX_DOMAINS). */
static void sample(struct xl *xl, struct top_sample *s)
{
    domid_t next = 0;
    s->n = 0;
    while (s->n < TOP_MAX_DOMAINS && xl_next_domain(xl, &next, &s->info[s->n]))
        s->n++;
}

/* The entry of domain id in s, or 0. */
static const xen_domctl_getdomaininfo_t *find(const struct top_sample *s,
                                              domid_t id)
{
    for (int i = 0; i < s->n; i++)
        if (s->info[i].domain == id)
            return &s->info[i];
    return 0;
}

static void print_round(struct xs *xs, const struct top_sample *before,
                        const struct top_sample *after, int ticks)
{
    xl_put_padded(1, "NAME", 16, 1);
    printf(1, "    ID  STATE  CPU(sec) CPU(%%)    MEM(k) VCPUS\n");
    uint64_t wall_ns = (uint64_t)(ticks > 0 ? ticks : 1) * 10000000ull;
    for (int i = 0; i < after->n; i++) {
        const xen_domctl_getdomaininfo_t *a = &after->info[i];
        const xen_domctl_getdomaininfo_t *b = find(before, a->domain);
        if (!b || a->cpu_time < b->cpu_time)
            continue;           /* new, or a new domain with an old id */
        char name[40], text[24], state[7];
        xl_display_name(xs, a->domain, name, sizeof(name));
        uint32_t permille = (uint32_t)((a->cpu_time - b->cpu_time) * 1000 /
                                       wall_ns);
        xl_put_padded(1, name, 16, 1);
        snprintf(text, sizeof(text), "%u", a->domain);
        xl_put_padded(1, text, 6, 0);
        xl_state_letters(a->flags, state);
        printf(1, "  %s", state);
        snprintf(text, sizeof(text), "%u", (uint32_t)(a->cpu_time / 1000000000ull));
        xl_put_padded(1, text, 10, 0);
        snprintf(text, sizeof(text), "%u.%u", permille / 10, permille % 10);
        xl_put_padded(1, text, 7, 0);
        snprintf(text, sizeof(text), "%u", (uint32_t)a->tot_pages * 4);
        xl_put_padded(1, text, 10, 0);
        snprintf(text, sizeof(text), "%u", a->nr_online_vcpus);
        xl_put_padded(1, text, 6, 0);
        printf(1, "\n");
    }
}

int xl_top(struct xl *xl, int argc, char **argv)
{
    int rounds = 3, seconds = 1;
    for (int i = 1; i < argc; i++) {
        int *which = strcmp(argv[i], "-n") == 0 ? &rounds :
                     strcmp(argv[i], "-d") == 0 ? &seconds : 0;
        if (!which || i + 1 >= argc || atoi(argv[i + 1]) <= 0 ||
            atoi(argv[i + 1]) > 3600) {
            printf(2, "usage: xl top [-n ROUNDS] [-d SECONDS] "
                      "(each 1 to 3600)\n");
            return 1;
        }
        *which = atoi(argv[++i]);
    }
    struct top_sample *s = malloc(2 * sizeof(*s));
    if (!s) {
        printf(2, "xl: out of memory\n");
        return 1;
    }
    struct xs xs;
    int have_store = xs_open(&xs) == 0;
    for (int r = 0; r < rounds; r++) {
        sample(xl, &s[0]);
        int t0 = uptime();
        sleep(seconds * TICKS_PER_SECOND);
        sample(xl, &s[1]);
        if (r > 0)
            printf(1, "\n");
        print_round(have_store ? &xs : 0, &s[0], &s[1], uptime() - t0);
    }
    if (have_store)
        xs_close(&xs);
    free(s);
    return 0;
}
