/*
 * The devices through which dom0's programs run the machine: their major
 * numbers, ioctl commands and argument structs, and poll's interface.
 * Shared by the kernel and by the programs in dom0/ (docs/toolstack.md).
 * These are ours, not xv6's and not Linux's numbers (poll's flags aside).
 *
 * ioctl(fd, cmd, arg) returns 0 (or the result it names) and -1 when the
 * kernel refuses the request; a hypercall's own result travels in the
 * argument struct, so a negative errno from the hypervisor is never
 * confused with the kernel's refusal.
 */
#ifndef ABI_XENIO_H
#define ABI_XENIO_H
#include <stdint.h>

/* ---------------------------------------------------- major numbers */
#define DEV_CONSOLE  1      /* the console */
#define DEV_PRIVCMD  2      /* /dev/privcmd: dom0 only */
#define DEV_EVTCHN   3      /* /dev/evtchn: dom0 only */
#define DEV_XENBUS   4      /* /dev/xenbus: the store, as wire messages */
#define DEV_PTMX     5      /* /dev/ptmx: opening it allocates a pty */
#define DEV_PTS      6      /* /dev/ptsN: the slave of pty N (minor N) */
#define NPTY         16     /* pseudo-terminals */

/* ---------------------------------------------------------- console */
/*
 * arg: 1 raw (no echo, no line editing, no translation of CR: read()
 * returns the bytes that arrived, at least one, as they come), 0 cooked
 * (lines, as at boot); anything else is refused.  Raw mode belongs to
 * the open file that set it and ends when that file is closed, so a
 * program that wants raw mode opens /dev/console itself rather than
 * using the descriptors it inherited.
 */
#define CONSOLE_SETRAW          0x0101

/* ------------------------------------------------------ /dev/privcmd */
/*
 * Make hypercall op with arg[0..4].  The kernel forwards only the
 * hypercalls docs/toolstack.md lists, and only after checking that every
 * pointer in them (the arguments, and the handles inside the structs
 * they point to) lies in the caller's memory: below its size, or in its
 * foreign-mapping area.  The structs themselves must lie below its size.
 * ioctl returns 0 when the hypercall was made (its result in result),
 * -1 when the kernel refused it.
 */
#define PRIVCMD_HYPERCALL       0x0201
struct privcmd_hypercall {
    uint32_t op;
    uint32_t arg[5];
    int32_t result;         /* out: the hypervisor's return value */
};

/*
 * Map machine frame mfn of domain dom, writable, at a free page of the
 * process's foreign-mapping area; the address comes back in va.  dom0's
 * own frames (dom 0 or DOMID_SELF) may be mapped only where the kernel
 * shares them: the store page of PRIVCMD_XSD_INFO.  ioctl returns 0 when
 * the page is mapped; -1 otherwise, with va 0 and result the hypervisor's
 * refusal (0 if the kernel refused before asking it).
 *
 * The mapping belongs to the process, not to the open file: it goes when
 * the process unmaps it, exits or execs, and is not copied into a child
 * by fork.  The frame is never freed by us (it is not ours).  read() and
 * write() cannot use a buffer in the foreign area.
 */
#define PRIVCMD_MMAP            0x0202
struct privcmd_mmap {
    uint32_t dom;
    uint32_t mfn;
    uint32_t va;            /* out */
    int32_t result;         /* out: the hypervisor's mmu_update result */
};

/* The foreign-mapping area: [BASE, TOP), 16 MB below the kernel's
 * USERTOP.  sbrk and exec never place memory there. */
#define PRIVCMD_FOREIGN_BASE    0xBE000000u
#define PRIVCMD_FOREIGN_TOP     0xBF000000u

/* Undo one PRIVCMD_MMAP; arg is the address as an integer (-1 if it is
 * not a mapped page of the foreign area). */
#define PRIVCMD_MUNMAP          0x0203

/*
 * dom0's own store ring, set up by its kernel at boot (a zeroed page and
 * a port allocated unbound for dom0 itself), for xenstored: it maps the
 * page with PRIVCMD_MMAP (dom 0) and binds the port with
 * EVTCHN_BIND_INTERDOMAIN (remote_dom 0).
 */
#define PRIVCMD_XSD_INFO        0x0204
struct privcmd_xsd_info {
    uint32_t mfn;           /* out: the ring page */
    uint32_t port;          /* out: the unbound port xenstored binds to */
};

/* ------------------------------------------------------- /dev/evtchn */
/*
 * Ports bound through an open /dev/evtchn belong to that file and are
 * closed with it; NOTIFY and UNBIND refuse (-1) a port the file does not
 * own.  read() returns whole uint32_t port numbers that fired since the
 * last read (each at most once), blocking until there is one; a buffer
 * smaller than 4 bytes is refused.  A port made by BIND_INTERDOMAIN
 * fires once at once (the hypervisor marks the new end pending), so its
 * owner notices the connection.  poll() reports POLLIN when a read would
 * return a port.  Each ioctl returns 0 or -1 (the hypervisor refused).
 */
#define EVTCHN_BIND_INTERDOMAIN 0x0301
struct evtchn_ioctl_bind_interdomain {
    uint32_t remote_dom, remote_port;
    uint32_t port;          /* out: the local port */
};
#define EVTCHN_BIND_VIRQ        0x0302
struct evtchn_ioctl_bind_virq {
    uint32_t virq;
    uint32_t port;          /* out */
};
#define EVTCHN_ALLOC_UNBOUND    0x0303
struct evtchn_ioctl_alloc_unbound {
    uint32_t remote_dom;
    uint32_t port;          /* out */
};
#define EVTCHN_NOTIFY           0x0304      /* arg: the port */
#define EVTCHN_UNBIND           0x0305      /* arg: the port */

/* ----------------------------------------------------------- ptys */
/*
 * Each open of /dev/ptmx takes a free pty N (of NPTY); /dev/ptsN opens
 * its slave, which only works while the master is open.  Bytes written
 * to one side are read from the other, through a queue of PTY_QUEUE
 * bytes each way.  A master write never blocks: it takes what fits and
 * returns that count, possibly 0.  A slave write blocks while the queue
 * is full.  Reads block until there are bytes, and return 0 once the
 * other side has hung up: for the slave, the master was closed; for the
 * master, every open slave file was closed (until the slave is opened
 * again).  poll() reports POLLIN, POLLOUT and POLLHUP accordingly (a
 * program that must not see POLLHUP on the master may keep a slave open
 * itself).  The pty is free again when both sides are closed.
 */
#define PTY_QUEUE               2048
/* ioctl on /dev/ptmx: returns N, the index of its pty. */
#define PTY_GETINDEX            0x0501

/* ------------------------------------------------------------ poll */
/*
 * poll(fds, n, timeout_ms): revents gets the ready events among events,
 * and POLLHUP whether asked for or not.  An fd below 0 is skipped
 * (revents 0); one that is not open makes poll fail (-1), as does n
 * outside 0..POLL_MAX.  Plain files are always ready.  The timeout
 * counts in ticks of 10 ms, rounded up.
 */
#define POLL_MAX 64
struct pollfd {
    int fd;
    short events;
    short revents;
};
#define POLLIN   0x0001     /* read would not block */
#define POLLOUT  0x0004     /* write would not block */
#define POLLHUP  0x0010     /* the other end is gone */
#endif
