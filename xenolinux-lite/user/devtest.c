/*
 * devtest: the kernel side of dom0's control devices (docs/toolstack.md,
 * include/abi/xenio.h), each with good and bad input: ioctl and poll on
 * every kind of file, the console's raw mode, /dev/privcmd, /dev/evtchn
 * and the ptys.  Run it in dom0.
 *
 * The console group waits for typed input: after "devtest: raw console,
 * type now" it expects the bytes  r Z DEL ^U q CR  exactly as typed, and
 * after "devtest: cooked console, type now" the line  o X DEL k CR,
 * which cooked mode must edit into "ok\n".
 *
 * Each check is one CHECK(condition, what); a failing check prints
 * "devtest: FAIL what (line N)" and testing goes on.  At the end it
 * prints "devtest: N checks, M failed" and "devtest: OK" if M is 0.
 */
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "param.h"
#include "user.h"
#include "xenio.h"
#include "../../public/xen.h"
#include "../../public/version.h"
#include "../../public/domctl.h"
#include "../../public/sysctl.h"
#include "../../public/memory.h"
#include "../../public/event_channel.h"
#include "../../public/grant_table.h"
#include "../../public/errno.h"
#include "../../public/sched.h"

#define PGSIZE 4096
#define KERNEL_ADDR 0xC0000000u         /* the guest kernel's first byte */
#define SECONDS(s) ((s) * 1000)

static int checks_run, checks_failed;

static void
check(int ok, const char *what, int line)
{
    checks_run++;
    if (!ok) {
        checks_failed++;
        printf(1, "devtest: FAIL %s (line %d)\n", what, line);
    }
}
#define CHECK(cond, what) check((cond) != 0, (what), __LINE__)

/* Poll one fd for events with a timeout; its revents, or -1 on error. */
static int
poll1(int fd, int events, int timeout_ms)
{
    struct pollfd p;

    p.fd = fd;
    p.events = events;
    p.revents = 0;
    if (poll(&p, 1, timeout_ms) < 0)
        return -1;
    return p.revents;
}

/*
 * Run body(arg) in a child; 1 if the child died before body returned
 * (it was killed), 0 if body returned.
 */
static int
child_dies(void (*body)(uint), uint arg)
{
    int ends[2], pid;
    char c;

    if (pipe(ends) < 0)
        return 0;
    pid = fork();
    if (pid == 0) {
        close(ends[0]);
        body(arg);
        write(ends[1], "s", 1);
        exit();
    }
    close(ends[1]);
    int got = read(ends[0], &c, 1);
    close(ends[0]);
    wait();
    return pid > 0 && got == 0;
}

static void
touch(uint va)
{
    volatile char *p = (volatile char *)va;
    (void)*p;
}

static int
has_nul(const char *s, int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (s[i] == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ console */

/* Read up to want bytes typed on fd, waiting at most timeout_ms for each
 * batch; the count. */
static int
read_typed(int fd, char *buf, int want, int timeout_ms)
{
    int got = 0, n;

    while (got < want && poll1(fd, POLLIN, timeout_ms) > 0) {
        n = read(fd, buf + got, want - got);
        if (n <= 0)
            break;
        got += n;
    }
    return got;
}

static void
raw_and_exit(uint unused)
{
    int c = open("/dev/console", O_RDWR);

    (void)unused;
    ioctl(c, CONSOLE_SETRAW, 1);
    exit();     /* without setting it back: closing the file must */
}

static void
test_console(void)
{
    char buf[16];
    int c, got;

    c = open("/dev/console", O_RDWR);
    CHECK(c >= 0, "open /dev/console");
    CHECK(ioctl(c, CONSOLE_SETRAW, 2) == -1, "CONSOLE_SETRAW 2 refused");
    CHECK(ioctl(c, 0x7777, 0) == -1, "an unknown console ioctl refused");
    CHECK(poll1(c, POLLOUT, 0) == POLLOUT, "the console is writable");
    CHECK(ioctl(c, CONSOLE_SETRAW, 1) == 0, "CONSOLE_SETRAW 1");
    printf(1, "devtest: raw console, type now\n");
    got = read_typed(c, buf, 6, SECONDS(30));
    CHECK(got == 6 && memcmp(buf, "rZ\x7f\x15q\r", 6) == 0,
          "raw read: the bytes as typed, no editing, CR kept");
    close(c);

    /* Raw mode set by a process that exits must not outlive its file. */
    child_dies(raw_and_exit, 0);
    printf(1, "devtest: cooked console, type now\n");
    got = 0;
    if (poll1(0, POLLIN, SECONDS(30)) == POLLIN)
        got = read(0, buf, sizeof(buf));
    CHECK(got == 3 && memcmp(buf, "ok\n", 3) == 0,
          "cooked again after the raw file closed: the line, edited");
}

/* ------------------------------------------------ ioctl, poll, pipes */

static void
write_later(uint fd)
{
    sleep(5);
    write(fd, "x", 1);
}

static void
test_ioctl_and_poll(void)
{
    static char fill[512];
    struct pollfd p[3];
    int fd, ends[2], t0;
    char c;

    fd = open("/README", O_RDONLY);
    CHECK(fd >= 0, "open /README");
    CHECK(ioctl(fd, PTY_GETINDEX, 0) == -1, "ioctl on a plain file fails");
    CHECK(poll1(fd, POLLIN | POLLOUT, 0) == POLLIN,
          "a plain file opened for reading polls readable, not writable");
    close(fd);
    CHECK(ioctl(fd, PTY_GETINDEX, 0) == -1, "ioctl on a closed fd fails");
    CHECK(ioctl(-1, PTY_GETINDEX, 0) == -1, "ioctl on fd -1 fails");
    CHECK(ioctl(NOFILE, PTY_GETINDEX, 0) == -1,
          "ioctl on an fd out of range fails");

    CHECK(pipe(ends) == 0, "pipe");
    CHECK(ioctl(ends[0], PTY_GETINDEX, 0) == -1, "ioctl on a pipe fails");
    CHECK(poll1(ends[0], POLLIN, 0) == 0, "an empty pipe is not readable");
    CHECK(poll1(ends[1], POLLOUT, 0) == POLLOUT, "an empty pipe is writable");
    t0 = uptime();
    CHECK(poll1(ends[0], POLLIN, 50) == 0, "poll on an empty pipe times out");
    CHECK(uptime() - t0 >= 4, "... after about 50 ms");
    write(ends[1], "a", 1);
    CHECK(poll1(ends[0], POLLIN, 0) == POLLIN, "a pipe with a byte is readable");
    read(ends[0], &c, 1);

    /* Two fds at once, one ready: the count and the right revents. */
    p[0].fd = ends[0]; p[0].events = POLLIN;
    p[1].fd = ends[1]; p[1].events = POLLOUT;
    p[2].fd = -1; p[2].events = POLLIN; p[2].revents = 77;
    CHECK(poll(p, 3, 0) == 1 && p[0].revents == 0 && p[1].revents == POLLOUT &&
          p[2].revents == 0, "poll of several fds; fd -1 is skipped");
    CHECK(poll(p, -1, 0) == -1, "poll of a negative count fails");
    CHECK(poll(p, POLL_MAX + 1, 0) == -1, "poll of too many fds fails");
    CHECK(poll((struct pollfd *)KERNEL_ADDR, 1, 0) == -1,
          "poll of the kernel's memory fails");
    CHECK(poll(p, 2, -2) == -1, "a timeout below -1 fails");
    p[0].fd = 13;
    CHECK(poll(p, 1, 0) == -1, "poll of an fd that is not open fails");
    t0 = uptime();
    CHECK(poll(p, 0, 30) == 0 && uptime() - t0 >= 2, "poll of no fds sleeps");

    /* A poll without a time limit wakes when a child writes. */
    if (fork() == 0) {
        write_later(ends[1]);
        exit();
    }
    CHECK(poll1(ends[0], POLLIN, -1) == POLLIN, "poll(-1) wakes on a pipe write");
    wait();
    read(ends[0], &c, 1);

    /* A full pipe is not writable. */
    CHECK(write(ends[1], fill, sizeof(fill)) == sizeof(fill), "fill the pipe");
    CHECK(poll1(ends[1], POLLOUT, 0) == 0, "a full pipe is not writable");
    close(ends[1]);
    CHECK(poll1(ends[0], POLLIN, 0) == (POLLIN | POLLHUP),
          "a pipe whose writer is gone: readable and hung up");
    while (read(ends[0], fill, sizeof(fill)) > 0)
        ;
    CHECK(poll1(ends[0], POLLIN, 0) == POLLHUP, "drained: hung up only");
    close(ends[0]);
    CHECK(pipe(ends) == 0, "another pipe");
    close(ends[0]);
    CHECK(poll1(ends[1], POLLOUT, 0) == POLLHUP,
          "a pipe whose reader is gone: hung up");
    close(ends[1]);
}

/* ----------------------------------------------------------- privcmd */

/* PRIVCMD_HYPERCALL op(a0..a3): the ioctl's answer; the result in *res. */
static int
hcall(int pc, uint op, uint a0, uint a1, uint a2, uint a3, int *res)
{
    struct privcmd_hypercall h;
    int r;

    h.op = op;
    h.arg[0] = a0;
    h.arg[1] = a1;
    h.arg[2] = a2;
    h.arg[3] = a3;
    h.arg[4] = 0;
    h.result = 0x5a5a5a5a;
    r = ioctl(pc, PRIVCMD_HYPERCALL, &h);
    *res = h.result;
    return r;
}

static int
domctl(int pc, xen_domctl_t *op, int *res)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hcall(pc, __HYPERVISOR_domctl, (uint)op, 0, 0, 0, res);
}

/* EVTCHNOP_status of one of our ports, through privcmd; -1 if refused. */
static int
port_status(int pc, uint port)
{
    static evtchn_status_t s;
    int res;

    memset(&s, 0, sizeof(s));
    s.dom = DOMID_SELF;
    s.port = port;
    if (hcall(pc, __HYPERVISOR_event_channel_op, EVTCHNOP_status, (uint)&s,
              0, 0, &res) < 0 || res != 0)
        return -1;
    return s.status;
}

static void
test_privcmd_hypercalls(int pc)
{
    static char text[sizeof(xen_extraversion_t)];
    static xen_sysctl_t sc;
    static xen_domctl_t dc;
    static vcpu_guest_context_t ctx;
    static xen_pfn_t list[8];
    static xen_memory_reservation_t r;
    static mmu_update_t mu;
    static struct mmuext_op mx;
    static gnttab_map_grant_ref_t gm;
    static const char hello[] = "devtest: hello through console_io\n";
    domid_t self = DOMID_SELF;
    int res, i, nonzero;

    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, &res)
          == 0 && (res >> 16) == 3, "xen_version says 3.x");
    memset(text, 0x7f, sizeof(text));
    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_extraversion,
                (uint)text, 0, 0, &res) == 0 && res == 0 &&
          has_nul(text, sizeof(text)), "xen_version extraversion");
    memset(&sc, 0, sizeof(sc));
    sc.cmd = XEN_SYSCTL_physinfo;
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    CHECK(hcall(pc, __HYPERVISOR_sysctl, (uint)&sc, 0, 0, 0, &res) == 0 &&
          res == 0, "sysctl physinfo");
    CHECK(sc.u.physinfo.total_pages > 0 && sc.u.physinfo.cpu_khz > 0 &&
          sc.u.physinfo.free_pages <= sc.u.physinfo.total_pages,
          "physinfo: pages and a clock");
    CHECK(hcall(pc, __HYPERVISOR_console_io, CONSOLEIO_write,
                sizeof(hello) - 1, (uint)hello, 0, &res) == 0 && res == 0,
          "console_io write");
    CHECK(hcall(pc, __HYPERVISOR_memory_op, XENMEM_current_reservation,
                (uint)&self, 0, 0, &res) == 0 && res > 0,
          "memory_op current_reservation of dom0");

    /* Pointers that are not the program's, at the top and inside. */
    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_extraversion,
                KERNEL_ADDR, 0, 0, &res) == -1,
          "xen_version into the kernel's memory refused");
    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_extraversion,
                (uint)sbrk(0) - 8, 0, 0, &res) == -1,
          "a buffer running past the program's end refused");
    CHECK(hcall(pc, __HYPERVISOR_xen_version, 99, 0, 0, 0, &res) == -1,
          "an unknown xen_version command refused");
    CHECK(hcall(pc, __HYPERVISOR_console_io, CONSOLEIO_write, 16,
                KERNEL_ADDR, 0, &res) == -1,
          "console_io of the kernel's memory refused");
    CHECK(ioctl(pc, PRIVCMD_HYPERCALL, KERNEL_ADDR) == -1,
          "the request itself in the kernel's memory refused");
    CHECK(hcall(pc, __HYPERVISOR_sysctl, KERNEL_ADDR, 0, 0, 0, &res) == -1,
          "a sysctl struct in the kernel's memory refused");

    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_getvcpucontext;
    dc.domain = 0;
    dc.u.vcpucontext.vcpu = 0;
    dc.u.vcpucontext.ctxt.p = &ctx;
    /* Forwarded; the hypervisor answers -ENODATA, as dom0's vCPU was
     * never given a context through domctl. */
    CHECK(domctl(pc, &dc, &res) == 0 && (res == 0 || res == -ENODATA),
          "domctl getvcpucontext into the program's memory is forwarded");
    dc.u.vcpucontext.ctxt.p = (vcpu_guest_context_t *)(KERNEL_ADDR + PGSIZE);
    CHECK(domctl(pc, &dc, &res) == -1,
          "a domctl handle into the kernel's memory refused");
    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_getmemlist;
    dc.domain = 0;
    dc.u.getmemlist.max_pfns = 8;
    dc.u.getmemlist.buffer.p = list;
    CHECK(domctl(pc, &dc, &res) == 0 && res == 0 &&
          dc.u.getmemlist.num_pfns == 8, "domctl getmemlist");
    for (i = 0, nonzero = 0; i < 8; i++)
        nonzero += list[i] != 0;
    CHECK(nonzero == 8, "getmemlist wrote the frames");
    dc.u.getmemlist.buffer.p = (xen_pfn_t *)KERNEL_ADDR;
    CHECK(domctl(pc, &dc, &res) == -1, "getmemlist into the kernel refused");
    dc.u.getmemlist.buffer.p = list;
    dc.u.getmemlist.max_pfns = 0x40000000;
    CHECK(domctl(pc, &dc, &res) == -1, "getmemlist past our memory refused");
    memset(&dc, 0, sizeof(dc));
    dc.cmd = XEN_DOMCTL_shadow_op;
    CHECK(domctl(pc, &dc, &res) == -1, "domctl shadow_op refused");
    dc.cmd = 0x7777;
    CHECK(domctl(pc, &dc, &res) == -1, "an unknown domctl refused");
    dc.cmd = XEN_DOMCTL_hypercall_init;
    dc.domain = 0;
    CHECK(domctl(pc, &dc, &res) == -1, "hypercall_init of dom0 refused");

    /* Hypercalls not on the list, and uses that would touch dom0. */
    CHECK(hcall(pc, __HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0, &res) == -1,
          "sched_op refused");
    CHECK(hcall(pc, __HYPERVISOR_set_trap_table, 0, 0, 0, 0, &res) == -1,
          "set_trap_table refused");
    CHECK(hcall(pc, 63, 0, 0, 0, 0, &res) == -1, "hypercall 63 refused");
    memset(&r, 0, sizeof(r));
    r.domid = DOMID_SELF;
    r.nr_extents = 1;
    r.extent_start.p = list;
    CHECK(hcall(pc, __HYPERVISOR_memory_op, XENMEM_decrease_reservation,
                (uint)&r, 0, 0, &res) == -1,
          "decrease_reservation of dom0 refused");
    CHECK(hcall(pc, __HYPERVISOR_event_channel_op, EVTCHNOP_close,
                (uint)list, 0, 0, &res) == -1,
          "closing one of dom0's ports refused");
    mu.ptr = MMU_NORMAL_PT_UPDATE;
    mu.val = 0;
    CHECK(hcall(pc, __HYPERVISOR_mmu_update, (uint)&mu, 1, 0, DOMID_SELF,
                &res) == -1, "mmu_update of dom0's tables refused");
    CHECK(hcall(pc, __HYPERVISOR_mmu_update, (uint)&mu, 1, 0, 5, &res) == -1,
          "mmu_update other than machphys refused");
    mx.cmd = MMUEXT_NEW_BASEPTR;
    CHECK(hcall(pc, __HYPERVISOR_mmuext_op, (uint)&mx, 1, 0, 5, &res) == -1,
          "mmuext_op new_baseptr refused");
    gm.host_addr = KERNEL_ADDR;
    CHECK(hcall(pc, __HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref,
                (uint)&gm, 1, 0, &res) == -1, "grant map refused");
}

/* PRIVCMD_MMAP of frame mfn of dom: the address, or 0 (result in *res). */
static uint
map_frame(int pc, uint dom, uint mfn, int *res)
{
    struct privcmd_mmap m;

    m.dom = dom;
    m.mfn = mfn;
    m.va = 0x5a5a5a5a;
    m.result = 0x5a5a5a5a;
    if (ioctl(pc, PRIVCMD_MMAP, &m) < 0) {
        *res = m.result;
        return m.va == 0 ? 0 : 1;       /* 1: not a page, so a failure */
    }
    *res = m.result;
    return m.va;
}

static int
in_foreign_area(uint va)
{
    return va >= PRIVCMD_FOREIGN_BASE && va < PRIVCMD_FOREIGN_TOP &&
           va % PGSIZE == 0;
}

/*
 * The store page is live: xenstored and the kernel's xenbus share its
 * rings (the first 2 KB and the indices after them).  The tests write
 * only its last SCRATCH_LEN bytes, which the ring layout leaves unused.
 */
#define SCRATCH_OFF 3072
#define SCRATCH_LEN (PGSIZE - SCRATCH_OFF)

/* A child that maps the store page, marks it and exits, or execs,
 * without unmapping: the page must survive its address space. */
static void
map_and_leave(uint how)
{
    struct privcmd_xsd_info xi;
    char *argv[] = { "true", 0 };
    int pc = open("/dev/privcmd", O_RDWR), res;
    uint va;

    if (pc < 0 || ioctl(pc, PRIVCMD_XSD_INFO, &xi) < 0)
        return;
    va = map_frame(pc, 0, xi.mfn, &res);
    if (!in_foreign_area(va))
        return;
    ((char *)va)[SCRATCH_OFF + 100 + how] = 'L';
    if (how == 1)
        exec("true", argv);
    exit();
}

static void
test_privcmd_mappings(int pc)
{
    struct privcmd_xsd_info xi;
    static char text[sizeof(xen_extraversion_t)];
    char *a, *b, *grown;
    uint va1, va2, va3;
    int res, i, zero;

    CHECK(ioctl(pc, PRIVCMD_XSD_INFO, &xi) == 0 && xi.mfn != 0 && xi.port != 0,
          "PRIVCMD_XSD_INFO gives the store page and port");
    CHECK(ioctl(pc, PRIVCMD_XSD_INFO, KERNEL_ADDR) == -1,
          "XSD_INFO into the kernel's memory refused");
    res = port_status(pc, xi.port);
    CHECK(res == EVTCHNSTAT_unbound || res == EVTCHNSTAT_interdomain,
          "the store port waits for xenstored or is bound by it "
          "(evtchn status through privcmd)");

    va1 = map_frame(pc, 0, xi.mfn, &res);
    CHECK(in_foreign_area(va1) && res == 0, "MMAP of the store page");
    va2 = map_frame(pc, DOMID_SELF, xi.mfn, &res);
    CHECK(in_foreign_area(va2) && va2 != va1, "a second mapping elsewhere");
    if (!in_foreign_area(va1) || !in_foreign_area(va2))
        return;
    a = (char *)va1 + SCRATCH_OFF;
    b = (char *)va2 + SCRATCH_OFF;
    for (i = 0, zero = 1; i < SCRATCH_LEN; i++)
        zero &= b[i] == 0;
    CHECK(zero, "the store page's unused part starts zeroed");
    for (i = 0; i < SCRATCH_LEN; i++)
        a[i] = (char)(i * 7 + 1);
    for (i = 0; i < SCRATCH_LEN && b[i] == (char)(i * 7 + 1); i++)
        ;
    CHECK(i == SCRATCH_LEN,
          "written through one mapping, seen through the other");

    /* Frames that may not be mapped, and bad requests. */
    CHECK(map_frame(pc, 0, xi.mfn + 1, &res) == 0 && res == 0,
          "another of dom0's frames refused by the kernel");
    CHECK(map_frame(pc, 77, xi.mfn, &res) == 0 && res < 0,
          "a frame of a domain that does not exist: refused by the hypervisor");
    CHECK(map_frame(pc, DOMID_IO, 1, &res) == 0, "DOMID_IO refused");
    CHECK(ioctl(pc, PRIVCMD_MMAP, KERNEL_ADDR) == -1,
          "an MMAP request in the kernel's memory refused");
    CHECK(child_dies(touch, va1), "fork does not copy foreign mappings");

    /* A hypercall buffer may lie in the foreign area, where the
     * hypervisor fails cleanly on a hole. */
    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_extraversion,
                va2 + SCRATCH_OFF + 64, 0, 0, &res) == 0 && res == 0 &&
          has_nul(b + 64, sizeof(text)),
          "xen_version into a mapped page of the foreign area");
    CHECK(hcall(pc, __HYPERVISOR_xen_version, XENVER_extraversion,
                PRIVCMD_FOREIGN_TOP - PGSIZE, 0, 0, &res) == 0 &&
          res == -EFAULT, "... and into a hole of it: -EFAULT");

    CHECK(ioctl(pc, PRIVCMD_MUNMAP, va1) == 0, "MUNMAP");
    CHECK(ioctl(pc, PRIVCMD_MUNMAP, va1) == -1, "MUNMAP of a page not mapped");
    CHECK(ioctl(pc, PRIVCMD_MUNMAP, va2 + 1) == -1, "MUNMAP not page aligned");
    CHECK(ioctl(pc, PRIVCMD_MUNMAP, PGSIZE) == -1,
          "MUNMAP of the program's own memory refused");
    CHECK(ioctl(pc, PRIVCMD_MUNMAP, KERNEL_ADDR) == -1,
          "MUNMAP of the kernel refused");
    CHECK(b[5] == (char)(5 * 7 + 1), "the other mapping stays");
    va3 = map_frame(pc, 0, xi.mfn, &res);
    CHECK(va3 == va1, "MMAP after MUNMAP takes the freed page");
    if (in_foreign_area(va3))
        ioctl(pc, PRIVCMD_MUNMAP, va3);

    /* Children that leave with the page mapped must not free it: grow
     * memory (which would get the page back if they had) and look. */
    b[100] = b[101] = 0;
    child_dies(map_and_leave, 0);
    child_dies(map_and_leave, 1);
    CHECK(b[100] == 'L' && b[101] == 'L', "children mapped and marked the page");
    grown = sbrk(64 * PGSIZE);
    if (grown != (char *)-1) {
        memset(grown, 0x55, 64 * PGSIZE);
        sbrk(-64 * PGSIZE);
    }
    CHECK(b[100] == 'L' && b[101] == 'L' && b[5] == (char)(5 * 7 + 1),
          "exit and exec left the frame alone");

    memset(b, 0, SCRATCH_LEN);      /* as the kernel made it */
    CHECK(ioctl(pc, PRIVCMD_MUNMAP, va2) == 0, "MUNMAP the second mapping");
}

static void
test_privcmd(void)
{
    char text[4];
    int pc = open("/dev/privcmd", O_RDWR);

    CHECK(pc >= 0, "open /dev/privcmd in dom0");
    if (pc < 0)
        return;
    CHECK(read(pc, text, 1) == -1, "read of privcmd fails");
    CHECK(ioctl(pc, 0x7777, 0) == -1, "an unknown privcmd ioctl refused");
    test_privcmd_hypercalls(pc);
    test_privcmd_mappings(pc);
    close(pc);
}

/* ------------------------------------------------------------ evtchn */

/* The next fired port on e (waiting at most timeout_ms); -1 if none. */
static int
next_port(int e, int timeout_ms)
{
    uint port;

    if (poll1(e, POLLIN, timeout_ms) != POLLIN ||
        read(e, &port, sizeof(port)) != sizeof(port))
        return -1;
    return port;
}

static void
notify_later(uint arg)
{
    sleep(5);
    ioctl(arg >> 16, EVTCHN_NOTIFY, arg & 0xFFFF);
}

static void
test_evtchn(void)
{
    struct evtchn_ioctl_alloc_unbound au;
    struct evtchn_ioctl_bind_interdomain bi;
    struct evtchn_ioctl_bind_virq bv;
    struct privcmd_xsd_info xi;
    uint ports[4];
    int e, e2, pc, p1, p2, t0, n;

    e = open("/dev/evtchn", O_RDWR);
    pc = open("/dev/privcmd", O_RDWR);
    CHECK(e >= 0 && pc >= 0, "open /dev/evtchn");
    if (e < 0 || pc < 0)
        return;
    au.remote_dom = 0;
    CHECK(ioctl(e, EVTCHN_ALLOC_UNBOUND, &au) == 0 && au.port > 0,
          "EVTCHN_ALLOC_UNBOUND for dom0 itself");
    p1 = au.port;
    bi.remote_dom = 0;
    bi.remote_port = p1;
    CHECK(ioctl(e, EVTCHN_BIND_INTERDOMAIN, &bi) == 0 && bi.port != (uint)p1,
          "EVTCHN_BIND_INTERDOMAIN to it");
    p2 = bi.port;
    CHECK(port_status(pc, p1) == EVTCHNSTAT_interdomain, "the two are joined");
    CHECK(next_port(e, 0) == p2, "the new end fires once at bind");
    CHECK(poll1(e, POLLIN, 0) == 0, "then nothing is pending");
    t0 = uptime();
    CHECK(poll1(e, POLLIN, 100) == 0, "poll with a timeout times out");
    CHECK(uptime() - t0 >= 9 && uptime() - t0 < 100, "... after about 100 ms");

    CHECK(ioctl(e, EVTCHN_NOTIFY, p2) == 0, "EVTCHN_NOTIFY");
    CHECK(next_port(e, 1000) == p1, "the other end fires: read gives its port");
    ioctl(e, EVTCHN_NOTIFY, p2);
    ioctl(e, EVTCHN_NOTIFY, p2);
    CHECK(poll1(e, POLLIN, 1000) == POLLIN &&
          read(e, ports, sizeof(ports)) == sizeof(uint) && ports[0] == (uint)p1,
          "two notifies before a read: the port comes once");
    CHECK(ioctl(e, EVTCHN_NOTIFY, p1) == 0 && next_port(e, 1000) == p2,
          "and back the other way");
    CHECK(read(e, ports, 3) == -1, "a read of less than a port refused");

    /* Woken from a blocking read, and from poll(-1), by a child's notify. */
    if (fork() == 0) {
        notify_later((uint)e << 16 | p2);
        exit();
    }
    n = read(e, ports, sizeof(ports));
    CHECK(n == sizeof(uint) && ports[0] == (uint)p1, "a blocking read wakes");
    wait();
    if (fork() == 0) {
        notify_later((uint)e << 16 | p1);
        exit();
    }
    CHECK(poll1(e, POLLIN, -1) == POLLIN && next_port(e, 0) == p2,
          "poll(-1) wakes");
    wait();

    /* Ports the file does not own, and bad requests. */
    CHECK(ioctl(pc, PRIVCMD_XSD_INFO, &xi) == 0 &&
          ioctl(e, EVTCHN_NOTIFY, xi.port) == -1,
          "NOTIFY of a port the file does not own refused");
    CHECK(ioctl(e, EVTCHN_UNBIND, xi.port) == -1, "... UNBIND too");
    CHECK(ioctl(e, EVTCHN_NOTIFY, 5000) == -1, "NOTIFY of no port refused");
    e2 = open("/dev/evtchn", O_RDWR);
    CHECK(e2 >= 0 && ioctl(e2, EVTCHN_NOTIFY, p1) == -1,
          "another open file may not use the first file's ports");
    bv.virq = VIRQ_TIMER;
    CHECK(ioctl(e2, EVTCHN_BIND_VIRQ, &bv) == -1,
          "BIND_VIRQ of the kernel's timer refused");
    bv.virq = 9999;
    CHECK(ioctl(e2, EVTCHN_BIND_VIRQ, &bv) == -1, "BIND_VIRQ 9999 refused");
    bv.virq = VIRQ_DEBUG;           /* VIRQ_DOM_EXC is xenstored's */
    CHECK(ioctl(e2, EVTCHN_BIND_VIRQ, &bv) == 0 && bv.port > 0,
          "BIND_VIRQ VIRQ_DEBUG");
    CHECK(ioctl(e2, EVTCHN_ALLOC_UNBOUND, KERNEL_ADDR) == -1,
          "a request in the kernel's memory refused");
    bi.remote_dom = 0;
    bi.remote_port = xi.port + 900;
    CHECK(ioctl(e2, EVTCHN_BIND_INTERDOMAIN, &bi) == -1,
          "binding to a port that does not wait for us refused");
    CHECK(ioctl(e2, 0x7777, 0) == -1, "an unknown evtchn ioctl refused");
    close(e2);
    CHECK(port_status(pc, bv.port) == EVTCHNSTAT_closed,
          "closing the file closed its VIRQ port");

    CHECK(ioctl(e, EVTCHN_UNBIND, p2) == 0, "EVTCHN_UNBIND");
    CHECK(ioctl(e, EVTCHN_NOTIFY, p2) == -1, "NOTIFY after UNBIND refused");
    CHECK(port_status(pc, p1) == EVTCHNSTAT_unbound,
          "its peer waits unbound again");
    close(e);
    CHECK(port_status(pc, p1) == EVTCHNSTAT_closed,
          "closing the file closed its ports");
    close(pc);
}

/* --------------------------------------------------------------- pty */

static void
slave_writes(uint s)
{
    static char data[3000];
    int i;

    for (i = 0; i < (int)sizeof(data); i++)
        data[i] = (char)(i % 251);
    if (write(s, data, sizeof(data)) != sizeof(data))
        exit();         /* the parent sees a short stream */
}

static int
open_pts(int n)
{
    char path[16];

    snprintf(path, sizeof(path), "/dev/pts%d", n);
    return open(path, O_RDWR);
}

static void
test_pty(void)
{
    static char big[3000], got[4096];
    int m, m2, s, n, n2, total, r, i, ok;

    m = open("/dev/ptmx", O_RDWR);
    CHECK(m >= 0, "open /dev/ptmx");
    if (m < 0)
        return;
    n = ioctl(m, PTY_GETINDEX, 0);
    CHECK(n >= 0 && n < NPTY, "PTY_GETINDEX");
    s = open_pts(n);
    CHECK(s >= 0, "open its slave");
    CHECK(open_pts((n + 1) % NPTY) == -1, "the slave of a free pty refused");
    CHECK(ioctl(s, PTY_GETINDEX, 0) == -1, "PTY_GETINDEX on the slave refused");
    CHECK(ioctl(m, 0x7777, 0) == -1, "an unknown pty ioctl refused");

    CHECK(poll1(s, POLLIN | POLLOUT, 0) == POLLOUT, "idle slave: writable");
    CHECK(write(m, "hello", 5) == 5, "master write");
    CHECK(poll1(s, POLLIN, 0) == POLLIN, "slave readable");
    CHECK(read(s, got, sizeof(got)) == 5 && memcmp(got, "hello", 5) == 0,
          "slave reads what the master wrote");
    CHECK(write(s, "world", 5) == 5 && read(m, got, sizeof(got)) == 5 &&
          memcmp(got, "world", 5) == 0, "and the other way");

    memset(big, 'b', sizeof(big));
    CHECK(write(m, big, sizeof(big)) == PTY_QUEUE,
          "a master write takes what fits");
    CHECK(write(m, big, 10) == 0, "a full queue: the master write takes 0");
    CHECK(poll1(m, POLLOUT, 0) == 0, "a full queue: master not writable");
    CHECK(read(s, got, sizeof(got)) == PTY_QUEUE, "the slave reads it all");
    CHECK(poll1(m, POLLOUT, 0) == POLLOUT, "writable again");

    /* A slave write waits for room: 3000 bytes through a 2 KB queue. */
    if (fork() == 0) {
        slave_writes(s);
        exit();
    }
    sleep(10);
    total = 0;
    ok = 1;
    while (total < 3000 && (r = read(m, got, sizeof(got))) > 0) {
        for (i = 0; i < r; i++)
            ok &= got[i] == (char)((total + i) % 251);
        total += r;
    }
    wait();
    CHECK(total == 3000 && ok, "a blocked slave write finishes as the master reads");

    m2 = open("/dev/ptmx", O_RDWR);
    n2 = ioctl(m2, PTY_GETINDEX, 0);
    CHECK(m2 >= 0 && n2 >= 0 && n2 != n, "a second ptmx gets another pty");

    close(s);
    CHECK(poll1(m, POLLIN, 0) == POLLHUP, "the slave closed: master hung up");
    CHECK(read(m, got, sizeof(got)) == 0, "master read: end of file");
    s = open_pts(n);
    CHECK(s >= 0 && poll1(m, POLLIN, 0) == 0, "a new slave ends the hang-up");
    close(m);
    CHECK(poll1(s, POLLIN | POLLOUT, 0) == POLLHUP, "master closed: slave hung up");
    CHECK(read(s, got, sizeof(got)) == 0, "slave read: end of file");
    CHECK(write(s, "x", 1) == -1, "slave write: refused");
    CHECK(open_pts(n) == -1, "no new slave once the master is gone");
    close(s);
    m = open("/dev/ptmx", O_RDWR);
    CHECK(m >= 0 && ioctl(m, PTY_GETINDEX, 0) == n,
          "both sides closed: the pty is free again");
    close(m);
    close(m2);
}

/* ----------------------------------------------------------------- main */

int
main(void)
{
    printf(1, "devtest: starting\n");
    test_console();
    test_ioctl_and_poll();
    test_privcmd();
    test_evtchn();
    test_pty();
    printf(1, "devtest: %d checks, %d failed\n", checks_run, checks_failed);
    printf(1, checks_failed == 0 ? "devtest: OK\n" : "devtest: FAILED\n");
    exit();
}
