/*
 * ctl (dom0): many domains at once.  dom0 builds domUs from the images in
 * its ramdisk (a pack made by tools/mkpack) with the domain builder
 * library (dom0/libbuild), runs them, watches them through domctl and
 * VIRQ_DOM_EXC, and destroys them.
 *
 * Command line: SCENARIO [rounds=N], one of
 *   pingpong  two domains bounce an event 100000 times over a channel
 *   grant     a granter, a mapper and an intruder (see domu_grant.c)
 *   sched     four CPU-bound domains with weights 1:1:2:4 share the CPU
 *             in those proportions, within 10%
 *   wake      a blocked domain uses no CPU and wakes on its event
 *   timer     100 one-shot timers of 10 ms fire less than 10 ms late,
 *             beside a CPU-bound domain
 *   clock     system time never goes backwards across domain switches
 *   idle      dom0 sleeps 4 s with nothing else to run
 *   cycle     200 domains built, run and destroyed: every frame returns
 *   neg       domain control refuses what it must
 *   layout    a domain finds its memory laid out as Xen's builder does
 *   latency   after dom0 computed for 1 s, or slept for 1 s, a new
 *             CPU-bound domain does not keep it off the CPU
 *   xenolinux xenolinux-lite boots as a domU from its image and its root
 *             file system as initrd (the pack build/packs/xenolinux.pack),
 *             runs the system-call test program and powers itself off
 *
 * A domU reports its own checks through its shutdown reason (poweroff:
 * all held; crash: one failed), which dom0 checks.  Every scenario that
 * creates domains also checks that the free-frame count is back where
 * it started once they are destroyed.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/events.h"
#include "tests/guests/lib/xenctl.h"
#include "tests/guests/lib/args.h"
#include "dom0/libbuild/build.h"
#include "dom0/libbuild/pack.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define DOMU_PAGES 1024         /* 4 MB: the smallest bootstrap area */
#define XL_PAGES   8192         /* 32 MB for a xenolinux-lite domU */
#define MAX_DOMS   8
#define NS_PER_S   1000000000ull

static const struct xc_ops *const x = &guest_xc;
static xen_pfn_t p2m[XL_PAGES];    /* the largest domain we build */
static volatile uint32_t dom_exc;           /* VIRQ_DOM_EXC events */

static void on_dom_exc(evtchn_port_t port)
{
    (void)port;
    dom_exc++;
}

/* ------------------------------------------------------------ helpers */

static uint32_t free_pages(void)
{
    xen_sysctl_physinfo_t info;
    long rc = xc_physinfo(x, &info);
    check(rc == 0, "sysctl physinfo: %ld", rc);
    return rc == 0 ? (uint32_t)info.free_pages : 0;
}

/* A new empty domain (its id), or 0. */
static domid_t create(void)
{
    domid_t d = 0;
    long rc = xc_domain_create(x, &d);
    check(rc == 0, "createdomain: %ld", rc);
    return rc == 0 ? d : 0;
}

/*
 * Build image (a name in our ramdisk pack) into domain dom (0: a new
 * one) with a printf-style command line.  The domain is left paused.
 * Returns its id, or 0.
 */
static domid_t build(domid_t dom, const char *image, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct domu_built built;     /* what the last build() made */

static domid_t build(domid_t dom, const char *image, const char *fmt, ...)
{
    char cmdline[256], err[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmdline, sizeof(cmdline), fmt, ap);
    va_end(ap);
    const uint8_t *elf;
    size_t len;
    if (pack_find((const void *)start_info->mod_start, start_info->mod_len,
                  image, &elf, &len) < 0) {
        check(0, "no image '%s' in the ramdisk", image);
        return 0;
    }
    struct domu_spec spec = { .domid = dom, .image = elf, .image_len = len,
                              .nr_pages = DOMU_PAGES, .cmdline = cmdline,
                              .p2m = p2m };
    if (xc_build_domu(x, &spec, &built, err, sizeof(err)) < 0) {
        check(0, "building %s: %s", image, err);
        return 0;
    }
    return built.domid;
}

static void unpause(domid_t d)
{
    long rc = xc_domain_unpause(x, d);
    check(rc == 0, "unpause d%u: %ld", d, rc);
}

static void destroy(domid_t d)
{
    long rc = xc_domain_destroy(x, d);
    check(rc == 0, "destroy d%u: %ld", d, rc);
}

static long domain_info(domid_t d, xen_domctl_getdomaininfo_t *info)
{
    long rc = xc_domain_getinfo(x, d, info);
    if (rc == 0 && info->domain != d)
        rc = -ESRCH;
    return rc;
}

/*
 * Wait until every domain in ids[] has shut down, waking on VIRQ_DOM_EXC
 * (and every 100 ms anyway).  Their reasons go to reasons[].  Returns 0,
 * or -1 if timeout_ms passed first.
 */
static int wait_shutdown(const domid_t *ids, int n, uint32_t *reasons,
                         uint32_t timeout_ms)
{
    uint64_t deadline = system_time_ns() + timeout_ms * NS_PER_MS;
    for (;;) {
        uint32_t seen = dom_exc;
        int down = 0;
        for (int i = 0; i < n; i++) {
            xen_domctl_getdomaininfo_t info;
            if (domain_info(ids[i], &info) == 0 &&
                (info.flags & XEN_DOMINF_shutdown)) {
                reasons[i] = (info.flags >> XEN_DOMINF_SHUTDOWNSHIFT) &
                             XEN_DOMINF_SHUTDOWNMASK;
                down++;
            }
        }
        uint64_t now = system_time_ns();
        if (down == n)
            return 0;
        if (now >= deadline)
            return -1;
        uint64_t wake = MIN(deadline, now + 100 * NS_PER_MS);
        set_timer_at(wake);
        block_until(dom_exc != seen || system_time_ns() >= wake);
    }
}

/* Wait for ids[] to shut down and check that each powered off. */
static void expect_poweroff(const domid_t *ids, int n, const char *what,
                            uint32_t timeout_ms)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend",
                                         "crash" };
    uint32_t reasons[MAX_DOMS];
    int rc = wait_shutdown(ids, n, reasons, timeout_ms);
    check(rc == 0, "%s: domains still running after %u ms", what, timeout_ms);
    for (int i = 0; rc == 0 && i < n; i++) {
        printf("ctl: %s: d%u shut down: %s\n", what, ids[i],
               reasons[i] < 4 ? names[reasons[i]] : "?");
        check(reasons[i] == SHUTDOWN_poweroff, "%s: d%u shut down with "
              "reason %u, not poweroff", what, ids[i], reasons[i]);
    }
}

static void destroy_all(const domid_t *ids, int n)
{
    for (int i = 0; i < n; i++)
        if (ids[i])
            destroy(ids[i]);
}

/* Every domain is gone: the free-frame count is back to before. */
static void check_frames_back(const char *what, uint32_t before)
{
    uint32_t after = free_pages();
    printf("ctl: %s: free pages before %u, after %u\n", what, before, after);
    check(after == before, "%s: %d frames not returned", what,
          (int)(before - after));
}

static uint64_t cpu_time(domid_t d)
{
    xen_domctl_getdomaininfo_t info;
    long rc = domain_info(d, &info);
    check(rc == 0, "getdomaininfo d%u: %ld", d, rc);
    return rc == 0 ? info.cpu_time : 0;
}

/* ---------------------------------------------------------- scenarios */

static void scenario_pingpong(void)
{
    uint32_t rounds = 100000, before = free_pages();
    arg_uint("rounds", &rounds);
    domid_t ids[2] = { create(), create() };
    evtchn_port_t port = 0;
    long rc = xc_evtchn_alloc_unbound(x, ids[0], ids[1], &port);
    check(rc == 0, "alloc_unbound in d%u for d%u: %ld", ids[0], ids[1], rc);
    build(ids[0], "domu_pingpong", "role=ping port=%u peer=%u rounds=%u", port,
          ids[1], rounds);
    build(ids[1], "domu_pingpong", "role=pong port=%u peer=%u rounds=%u", port,
          ids[0], rounds);
    uint64_t t0 = system_time_ns();
    unpause(ids[1]);
    unpause(ids[0]);
    expect_poweroff(ids, 2, "pingpong", 100000);
    uint32_t ms = (uint32_t)((system_time_ns() - t0) / NS_PER_MS);
    printf("ctl: pingpong: d%u and d%u exchanged %u round trips in %u ms "
           "(%u per second)\n", ids[0], ids[1], rounds, ms,
           ms ? (uint32_t)((uint64_t)rounds * 1000 / ms) : 0);
    destroy_all(ids, 2);
    check_frames_back("pingpong", before);
}

static void scenario_grant(void)
{
    uint32_t before = free_pages();
    domid_t ids[3] = { create(), create(), create() };   /* G, M, I */
    evtchn_port_t pm = 0, pi = 0;
    check(xc_evtchn_alloc_unbound(x, ids[0], ids[1], &pm) == 0 &&
          xc_evtchn_alloc_unbound(x, ids[0], ids[2], &pi) == 0,
          "alloc_unbound in the granter");
    build(ids[0], "domu_grant", "role=granter ref=8 mapper=%u intruder=%u "
          "mport=%u iport=%u", ids[1], ids[2], pm, pi);
    build(ids[1], "domu_grant", "role=mapper ref=8 granter=%u port=%u",
          ids[0], pm);
    build(ids[2], "domu_grant", "role=intruder ref=8 granter=%u port=%u",
          ids[0], pi);
    for (int i = 0; i < 3; i++)
        unpause(ids[i]);
    expect_poweroff(ids, 3, "grant", 30000);
    destroy_all(ids, 3);
    check_frames_back("grant", before);
}

static void scenario_sched(void)
{
    static const uint16_t weight[4] = { 256, 256, 512, 1024 };
    uint32_t before = free_pages(), sum_w = 0;
    domid_t ids[4];
    uint64_t t0[4], delta[4], sum = 0;
    for (int i = 0; i < 4; i++) {
        ids[i] = build(0, "domu_burner", "weight=%u", weight[i]);
        long rc = xc_sched_credit_set(x, ids[i], weight[i], 0);
        uint16_t w = 0, cap = 1;
        check(rc == 0 && xc_sched_credit_get(x, ids[i], &w, &cap) == 0 &&
              w == weight[i] && cap == 0, "d%u weight %u: rc %ld, reads back "
              "%u cap %u", ids[i], weight[i], rc, w, cap);
        sum_w += weight[i];
    }
    for (int i = 0; i < 4; i++)
        unpause(ids[i]);
    sleep_ns(500 * NS_PER_MS);                  /* let them all get going */
    uint64_t start = system_time_ns();
    for (int i = 0; i < 4; i++)
        t0[i] = cpu_time(ids[i]);
    sleep_ns(3 * NS_PER_S);
    for (int i = 0; i < 4; i++) {
        delta[i] = cpu_time(ids[i]) - t0[i];
        sum += delta[i];
    }
    uint64_t interval = system_time_ns() - start;
    printf("ctl: sched: %u ms measured, burners used %u ms\n",
           (uint32_t)(interval / NS_PER_MS), (uint32_t)(sum / NS_PER_MS));
    for (int i = 0; i < 4 && sum; i++) {
        /* share = delta / sum, expected weight / sum_w, within 10% of it */
        uint64_t got = delta[i] * sum_w, want = (uint64_t)weight[i] * sum;
        uint64_t diff = got > want ? got - want : want - got;
        printf("ctl: sched: d%u weight %u: %u ms, share %u.%u%% (expected "
               "%u.%u%%)\n", ids[i], weight[i], (uint32_t)(delta[i] / NS_PER_MS),
               (uint32_t)(delta[i] * 1000 / sum / 10),
               (uint32_t)(delta[i] * 1000 / sum % 10),
               weight[i] * 1000 / sum_w / 10, weight[i] * 1000 / sum_w % 10);
        check(diff * 10 <= want, "d%u (weight %u) got a share %u.%u%% off "
              "by more than 10%%", ids[i], weight[i],
              (uint32_t)(delta[i] * 1000 / sum / 10),
              (uint32_t)(delta[i] * 1000 / sum % 10));
    }
    check(sum * 10 >= interval * 9, "the burners got only %u of %u ms",
          (uint32_t)(sum / NS_PER_MS), (uint32_t)(interval / NS_PER_MS));
    destroy_all(ids, 4);
    check_frames_back("sched", before);
}

static volatile uint32_t wake_events;

static void on_wake_event(evtchn_port_t port)
{
    (void)port;
    wake_events++;
}

static void scenario_wake(void)
{
    uint32_t before = free_pages();
    domid_t d = create();
    evtchn_port_t port = 0;
    long rc = xc_evtchn_alloc_unbound(x, DOMID_SELF, d, &port);
    check(rc == 0 && bind_port(port, on_wake_event) == 0,
          "a port of dom0 for d%u: %ld", d, rc);
    build(d, "domu_sleeper", "port=%u", port);
    unpause(d);
    uint64_t give_up = system_time_ns() + 5 * NS_PER_S;
    set_timer_at(give_up);
    block_until(wake_events >= 1 || system_time_ns() >= give_up);
    check(wake_events == 1, "hello from the sleeper: %u events", wake_events);

    sleep_ns(200 * NS_PER_MS);
    xen_domctl_getdomaininfo_t info;
    rc = domain_info(d, &info);
    uint64_t cpu0 = info.cpu_time;
    sleep_ns(300 * NS_PER_MS);
    uint64_t used = cpu_time(d) - cpu0;
    printf("ctl: wake: d%u flags %#x, used %u us of CPU in 300 ms while "
           "blocked\n", d, info.flags, (uint32_t)(used / NS_PER_US));
    check(rc == 0 && (info.flags & XEN_DOMINF_blocked), "d%u not blocked: "
          "flags %#x", d, info.flags);
    check(used < NS_PER_MS, "a blocked domain used %u us of CPU",
          (uint32_t)(used / NS_PER_US));

    uint64_t sent = system_time_ns();
    check(notify(port) == 0, "send to d%u", d);
    expect_poweroff(&d, 1, "wake", 5000);
    printf("ctl: wake: d%u woke and shut down %u us after the event\n", d,
           (uint32_t)((system_time_ns() - sent) / NS_PER_US));
    check(evtchn_close(port) == 0, "close port %u", port);
    destroy(d);
    check_frames_back("wake", before);
}

static void scenario_timer(void)
{
    uint32_t before = free_pages();
    domid_t ids[2];
    ids[0] = build(0, "domu_burner", "for=timer");
    ids[1] = build(0, "domu_timer", "count=100 period_ms=10");
    unpause(ids[0]);
    unpause(ids[1]);
    expect_poweroff(&ids[1], 1, "timer", 30000);
    destroy_all(ids, 2);
    check_frames_back("timer", before);
}

static void scenario_clock(void)
{
    uint32_t before = free_pages();
    domid_t ids[2] = { create(), create() };
    evtchn_port_t port = 0;
    long rc = xc_evtchn_alloc_unbound(x, ids[0], ids[1], &port);
    check(rc == 0, "alloc_unbound in d%u: %ld", ids[0], rc);
    build(ids[0], "domu_clock", "role=a peer=%u port=%u ref=5 ms=2000",
          ids[1], port);
    build(ids[1], "domu_clock", "role=b peer=%u port=%u ref=5 ms=2000",
          ids[0], port);
    uint64_t t0 = system_time_ns();
    unpause(ids[0]);
    unpause(ids[1]);
    expect_poweroff(ids, 2, "clock", 30000);
    uint64_t t1 = system_time_ns();
    check(t1 > t0, "dom0's clock went from %u to %u ms", (uint32_t)(t0 / NS_PER_MS),
          (uint32_t)(t1 / NS_PER_MS));
    destroy_all(ids, 2);
    check_frames_back("clock", before);
}

/*
 * Start a CPU-bound domain and take 10 timers of 20 ms beside it: dom0
 * must get the CPU back within a slice each time, and right after the
 * unpause too, whatever it did before (what names the scenario).
 */
static void timers_beside_burner(const char *what)
{
    uint32_t before = free_pages();
    domid_t b = build(0, "domu_burner", "after=%s", what);
    uint64_t t0 = system_time_ns();
    unpause(b);
    uint64_t back = system_time_ns() - t0, worst = 0;
    for (int i = 0; i < 10; i++) {
        uint64_t due = system_time_ns() + 20 * NS_PER_MS;
        set_timer_at(due);
        block_until(system_time_ns() >= due);
        worst = MAX(worst, system_time_ns() - due);
    }
    uint64_t total = system_time_ns() - t0;
    printf("ctl: %s: beside a new CPU-bound domain: unpause returned after "
           "%u us, 10 timers of 20 ms up to %u us late, %u ms in all\n", what,
           (uint32_t)(back / NS_PER_US), (uint32_t)(worst / NS_PER_US),
           (uint32_t)(total / NS_PER_MS));
    check(back < 10 * NS_PER_MS, "%s: dom0 got the CPU back %u us after "
          "unpausing a CPU-bound domain", what, (uint32_t)(back / NS_PER_US));
    check(worst < 10 * NS_PER_MS, "%s: dom0's timer was %u us late beside "
          "a CPU-bound domain", what, (uint32_t)(worst / NS_PER_US));
    destroy(b);
    check_frames_back(what, before);
}

/*
 * dom0 computes for 1 s (its own CPU time, legitimately charged), then
 * starts a CPU-bound domain: the newcomer must not get the CPU to itself
 * until it has caught up on dom0's past use.  Then the same after dom0
 * slept for 1 s with nothing else to run: sleeping must not count either.
 */
static void scenario_latency(void)
{
    uint64_t t0 = system_time_ns();
    while (system_time_ns() - t0 < NS_PER_S)
        ;
    timers_beside_burner("latency after computing");
    sleep_ns(NS_PER_S);
    timers_beside_burner("latency after sleeping");
}

static void scenario_idle(void)
{
    xen_domctl_getdomaininfo_t other;
    long rc = xc_domain_getinfo(x, 1, &other);
    check(rc == -ESRCH, "no domain but dom0 exists: %ld", rc);
    uint64_t cpu0 = cpu_time(0), t0 = system_time_ns();
    sleep_ns(4 * NS_PER_S);
    uint64_t slept = system_time_ns() - t0, used = cpu_time(0) - cpu0;
    printf("ctl: idle: slept %u ms with nothing to run; dom0 used %u us of "
           "CPU\n", (uint32_t)(slept / NS_PER_MS), (uint32_t)(used / NS_PER_US));
    check(slept >= 4 * NS_PER_S && slept < 4 * NS_PER_S + 100 * NS_PER_MS,
          "slept %u us for 4 s", (uint32_t)(slept / NS_PER_US));
    check(used * 100 < slept, "dom0 used %u us of CPU while asleep",
          (uint32_t)(used / NS_PER_US));
}

static void scenario_cycle(void)
{
    uint32_t rounds = 200, before = free_pages(), after_first = 0;
    arg_uint("rounds", &rounds);
    uint64_t t0 = system_time_ns();
    for (uint32_t i = 0; i < rounds; i++) {
        domid_t d = build(0, "domu_noop", "cycle=%u", i);
        if (!d)
            break;
        unpause(d);
        uint32_t reason = ~0u;
        int rc = wait_shutdown(&d, 1, &reason, 5000);
        destroy(d);
        xen_domctl_getdomaininfo_t info;
        if (rc < 0 || reason != SHUTDOWN_poweroff || domain_info(d, &info) == 0) {
            check(0, "cycle %u: d%u: wait %d, reason %u, still listed after "
                  "destroy: %d", i, d, rc, reason, domain_info(d, &info) == 0);
            break;
        }
        if (i == 0)
            after_first = free_pages();
    }
    printf("ctl: cycle: %u domains built, run and destroyed in %u ms; free "
           "pages after the first %u\n", rounds,
           (uint32_t)((system_time_ns() - t0) / NS_PER_MS), after_first);
    check_frames_back("cycle", before);
}

/*
 * The builder's layout, seen from inside (domu_layout.c): an initrd (the
 * domu_noop image), a command line, and the memory we gave.
 */
static void scenario_layout(void)
{
    uint32_t before = free_pages();
    const uint8_t *initrd;
    size_t len;
    check(pack_find((const void *)start_info->mod_start, start_info->mod_len,
                    "domu_noop", &initrd, &len) == 0, "domu_noop in the pack");
    const uint8_t *elf;
    size_t elf_len;
    check(pack_find((const void *)start_info->mod_start, start_info->mod_len,
                    "domu_layout", &elf, &elf_len) == 0, "domu_layout in the pack");
    static struct domu_built built;
    char cmdline[80], err[160];
    snprintf(cmdline, sizeof(cmdline), "pages=%u initrd_len=%u hello=world",
             DOMU_PAGES, (uint32_t)len);
    struct domu_spec spec = { .image = elf, .image_len = elf_len,
                              .initrd = initrd, .initrd_len = len,
                              .nr_pages = DOMU_PAGES, .cmdline = cmdline,
                              .p2m = p2m };
    int rc = xc_build_domu(x, &spec, &built, err, sizeof(err));
    check(rc == 0, "building domu_layout: %s", err);
    if (rc < 0)
        return;
    const struct dom_layout *l = &built.layout;
    printf("ctl: layout: d%u: %u pages, kernel %#x-%#x, initrd %#x (%u bytes), "
           "P2M %#x, start_info %#x, store %#x, console %#x, tables %#x (%u), "
           "stack %#x, end %#x\n", built.domid, l->nr_pages, l->v_start,
           l->v_kern_end, l->v_initrd, l->initrd_len, l->v_p2m, l->v_start_info,
           l->v_store, l->v_console, l->v_pt, l->nr_pt_frames, l->v_stack,
           l->v_end);
    xen_domctl_getdomaininfo_t info;
    check(domain_info(built.domid, &info) == 0 && info.tot_pages == DOMU_PAGES &&
          info.max_pages == DOMU_PAGES && (info.flags & XEN_DOMINF_paused),
          "d%u after the build: %u of %u pages, flags %#x", built.domid,
          (uint32_t)info.tot_pages, (uint32_t)info.max_pages, info.flags);
    unpause(built.domid);
    expect_poweroff(&built.domid, 1, "layout", 10000);
    destroy(built.domid);
    check_frames_back("layout", before);
}

/*
 * xenolinux-lite as a domU: its kernel and its root file system (as the
 * initrd) from the pack, XL_PAGES of memory, and the command line
 * "run=PROGRAM" (systest unless ctl's own command line says run=...),
 * which makes its init run that program and then power the domain off
 * instead of starting a shell.  The program's verdict is on the console,
 * tagged with the domU's id; here dom0 checks that the domain powered
 * off (a kernel panic is a crash) in time, and that every frame came
 * back once it was destroyed.
 */
static void scenario_xenolinux(void)
{
    uint32_t before = free_pages(), timeout_s = 100;
    arg_uint("timeout", &timeout_s);
    const void *pack = (const void *)start_info->mod_start;
    const uint8_t *kernel, *fs;
    size_t kernel_len, fs_len;
    if (pack_find(pack, start_info->mod_len, "xl_kernel", &kernel,
                  &kernel_len) < 0 ||
        pack_find(pack, start_info->mod_len, "xl_fs", &fs, &fs_len) < 0) {
        check(0, "no xl_kernel and xl_fs in the ramdisk (xenolinux.pack)");
        return;
    }
    char program[32] = "systest", cmdline[64], err[160];
    arg_str("run", program, sizeof(program));
    snprintf(cmdline, sizeof(cmdline), "run=%s console=io", program);

    static struct domu_built built;
    struct domu_spec spec = { .image = kernel, .image_len = kernel_len,
                              .initrd = fs, .initrd_len = fs_len,
                              .nr_pages = XL_PAGES, .cmdline = cmdline,
                              .p2m = p2m };
    if (xc_build_domu(x, &spec, &built, err, sizeof(err)) < 0) {
        check(0, "building xenolinux-lite: %s", err);
        return;
    }
    const struct dom_layout *l = &built.layout;
    printf("ctl: xenolinux: d%u: %u pages, kernel %#x-%#x, initrd %#x "
           "(%u bytes), command line \"%s\"\n", built.domid, l->nr_pages,
           l->v_start, l->v_kern_end, l->v_initrd, l->initrd_len, cmdline);
    uint64_t t0 = system_time_ns();
    unpause(built.domid);
    expect_poweroff(&built.domid, 1, "xenolinux", timeout_s * 1000);
    printf("ctl: xenolinux: d%u ran for %u ms and used %u ms of CPU\n",
           built.domid, (uint32_t)((system_time_ns() - t0) / NS_PER_MS),
           (uint32_t)(cpu_time(built.domid) / NS_PER_MS));
    destroy(built.domid);
    check_frames_back("xenolinux", before);
}

/* A domctl with a given interface version, bypassing xc_domctl. */
static long raw_domctl(uint32_t cmd, domid_t dom, uint32_t version)
{
    xen_domctl_t op;
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.domain = dom;
    op.interface_version = version;
    return HYPERCALL1(__HYPERVISOR_domctl, &op);
}

static void expect_rc(const char *what, long rc, long want)
{
    printf("ctl: neg: %s: %ld\n", what, rc);
    check(rc == want, "%s: %ld, expected %ld", what, rc, want);
}

static void scenario_neg(void)
{
    uint32_t before = free_pages();
    expect_rc("domctl with interface version 3",
              raw_domctl(XEN_DOMCTL_getdomaininfo, 0, 3), -EACCES);
    xen_sysctl_t s;
    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_physinfo;
    s.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
    expect_rc("sysctl with interface version 3",
              HYPERCALL1(__HYPERVISOR_sysctl, &s), -EACCES);

    domid_t d = create();
    expect_rc("unpause a domain with no vCPU", xc_domain_unpause(x, d), -EINVAL);
    expect_rc("max_vcpus 1", xc_domain_max_vcpus(x, d, 1), 0);
    expect_rc("unpause a domain whose vCPU has no context",
              xc_domain_unpause(x, d), -EINVAL);
    domid_t same = d;
    expect_rc("create a domain with an id in use", xc_domain_create(x, &same),
              -EEXIST);
    domid_t reserved = DOMID_FIRST_RESERVED;
    expect_rc("create domain 0x7FF0", xc_domain_create(x, &reserved), -EINVAL);
    expect_rc("destroy itself (DOMID_SELF)", xc_domain_destroy(x, DOMID_SELF),
              -EINVAL);
    expect_rc("destroy itself (0)", xc_domain_destroy(x, 0), -EINVAL);
    expect_rc("pause itself", xc_domain_pause(x, 0), -EINVAL);
    xen_domctl_getdomaininfo_t info;
    expect_rc("getdomaininfo beyond every domain",
              xc_domain_getinfo(x, DOMID_FIRST_RESERVED - 1, &info), -ESRCH);
    expect_rc("unpause a domain that does not exist",
              xc_domain_unpause(x, DOMID_FIRST_RESERVED - 1), -ESRCH);
    expect_rc("destroy the empty domain", xc_domain_destroy(x, d), 0);
    expect_rc("getdomaininfo of it", domain_info(d, &info), -ESRCH);

    domid_t u = build(0, "domu_unpriv", "%s", "");
    /* Unpin and pin act on the foreign domain's table (FD = u), as in
     * Xen; naming itself by id as FD is refused. */
    mmuext_op_t op;
    memset(&op, 0, sizeof(op));
    op.arg1.mfn = built.l2_mfn;
    op.cmd = MMUEXT_UNPIN_TABLE;
    expect_rc("unpin the new domain's L2 with FD = it",
              HYPERCALL4(__HYPERVISOR_mmuext_op, &op, 1, 0, u), 0);
    expect_rc("unpin it again", HYPERCALL4(__HYPERVISOR_mmuext_op, &op, 1, 0, u),
              -EINVAL);
    expect_rc("pin it back", xc_pin_l2(x, u, built.l2_mfn), 0);
    expect_rc("pin with FD naming ourselves by id",
              xc_pin_l2(x, 0, built.l2_mfn), -ESRCH);
    unpause(u);
    expect_poweroff(&u, 1, "neg", 10000);
    destroy(u);
    check_frames_back("neg", before);
}

/* ------------------------------------------------------- benchmarks */

/*
 * Wall time for a pair of domains image (role a / role b), built and
 * unpaused together, to run `rounds` rounds and power off.  Measuring two
 * round counts and taking the difference cancels the domains' own boot.
 */
static uint64_t pair_run_ns(const char *image, uint32_t rounds, int pingpong)
{
    domid_t ids[2];
    uint64_t t0;
    if (pingpong) {
        ids[0] = create();
        ids[1] = create();
        evtchn_alloc_unbound_t a = { .dom = ids[0], .remote_dom = ids[1] };
        check(HYPERCALL2(__HYPERVISOR_event_channel_op,
                         EVTCHNOP_alloc_unbound, &a) == 0, "alloc_unbound");
        build(ids[0], image, "role=ping peer=%u port=%u rounds=%u", ids[1],
              a.port, rounds);
        build(ids[1], image, "role=pong peer=%u port=%u rounds=%u", ids[0],
              a.port, rounds);
    } else {
        ids[0] = build(0, image, "rounds=%u", rounds);
        ids[1] = build(0, image, "rounds=%u", rounds);
    }
    t0 = system_time_ns();
    unpause(ids[0]);
    unpause(ids[1]);
    expect_poweroff(ids, 2, image, 120000);
    uint64_t t = system_time_ns() - t0;
    destroy_all(ids, 2);
    return t;
}

static void scenario_bench(void)
{
    uint32_t before = free_pages();
    uint64_t short_run = pair_run_ns("domu_pingpong", 2000, 1);
    uint64_t long_run = pair_run_ns("domu_pingpong", 22000, 1);
    printf("bench: event-channel round trip between two domains: %llu ns\n",
           (unsigned long long)((long_run - short_run) / 20000));

    short_run = pair_run_ns("domu_yield", 2000, 0);
    long_run = pair_run_ns("domu_yield", 22000, 0);
    /* Two domains yielding in turn: one switch per yield. */
    printf("bench: context switch between two domains (a yield each): "
           "%llu ns\n", (unsigned long long)((long_run - short_run) / 40000));

    enum { CREATIONS = 20 };
    uint64_t t0 = system_time_ns();
    for (int i = 0; i < CREATIONS; i++) {
        domid_t d = build(0, "domu_noop", "%s", "");
        destroy(d);
    }
    printf("bench: domain creation (build a %u KB domain, then destroy it): "
           "%llu us\n", DOMU_PAGES * 4,
           (unsigned long long)((system_time_ns() - t0) / CREATIONS / 1000));
    check_frames_back("bench", before);
}

void guest_main(void)
{
    static const struct { const char *name; void (*run)(void); } scenarios[] = {
        { "pingpong", scenario_pingpong }, { "grant", scenario_grant },
        { "sched", scenario_sched }, { "wake", scenario_wake },
        { "timer", scenario_timer }, { "clock", scenario_clock },
        { "idle", scenario_idle }, { "cycle", scenario_cycle },
        { "neg", scenario_neg }, { "layout", scenario_layout },
        { "latency", scenario_latency }, { "bench", scenario_bench },
        { "xenolinux", scenario_xenolinux },
    };
    char name[16];
    check(install_trap_table() == 0, "set_trap_table");
    check(events_init() == 0, "events_init");
    long rc = bind_virq(VIRQ_DOM_EXC, on_dom_exc);
    check(rc > 0, "bind VIRQ_DOM_EXC: %ld", rc);
    xenctl_init();
    check(start_info->mod_len > 0, "no ramdisk (the pack of domU images)");
    arg_first_word(name, sizeof(name));
    for (unsigned int i = 0; i < ARRAY_SIZE(scenarios); i++) {
        if (strcmp(name, scenarios[i].name) == 0) {
            printf("ctl: scenario %s\n", name);
            scenarios[i].run();
            return;
        }
    }
    check(0, "unknown scenario '%s'", name);
}
