/*
 * Error numbers returned by hypercalls.
 *
 * A failing hypercall returns the negative of one of these in EAX.  The
 * values are the Linux (i386) ones, so a guest can pass them straight to
 * its own errno.  XEN_E* names always exist; the plain E* names are added
 * only where the includer has not already got them (e.g. from a host
 * libc, whose values are the same on Linux).
 */
#ifndef XEN_PUBLIC_ERRNO_H
#define XEN_PUBLIC_ERRNO_H

#define XEN_EPERM       1   /* caller lacks the privilege */
#define XEN_ENOENT      2   /* no such object (vCPU, xenstore node, ...) */
#define XEN_ESRCH       3   /* no such domain */
#define XEN_EINTR       4
#define XEN_EIO         5
#define XEN_EAGAIN     11   /* try again later */
#define XEN_ENOMEM     12
#define XEN_EACCES     13   /* interface version mismatch, or access refused */
#define XEN_EFAULT     14   /* a guest pointer could not be read or written */
#define XEN_EBUSY      16
#define XEN_EEXIST     17   /* already bound / initialised */
#define XEN_EISDIR     21   /* xenstore error reply only */
#define XEN_EINVAL     22   /* bad argument, or a refused page-table update */
#define XEN_ENOSPC     28
#define XEN_EROFS      30
#define XEN_ENOSYS     38   /* no such hypercall or sub-command */
#define XEN_ENOTEMPTY  39
#define XEN_ENODATA    61   /* vCPU context not initialised */
#define XEN_EISCONN   106

#ifndef EPERM
#define EPERM       1
#endif
#ifndef ENOENT
#define ENOENT      2
#endif
#ifndef ESRCH
#define ESRCH       3
#endif
#ifndef EINTR
#define EINTR       4
#endif
#ifndef EIO
#define EIO         5
#endif
#ifndef EAGAIN
#define EAGAIN     11
#endif
#ifndef ENOMEM
#define ENOMEM     12
#endif
#ifndef EACCES
#define EACCES     13
#endif
#ifndef EFAULT
#define EFAULT     14
#endif
#ifndef EBUSY
#define EBUSY      16
#endif
#ifndef EEXIST
#define EEXIST     17
#endif
#ifndef EISDIR
#define EISDIR     21
#endif
#ifndef EINVAL
#define EINVAL     22
#endif
#ifndef ENOSPC
#define ENOSPC     28
#endif
#ifndef EROFS
#define EROFS      30
#endif
#ifndef ENOSYS
#define ENOSYS     38
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY  39
#endif
#ifndef ENODATA
#define ENODATA    61
#endif
#ifndef EISCONN
#define EISCONN   106
#endif

#endif /* XEN_PUBLIC_ERRNO_H */
