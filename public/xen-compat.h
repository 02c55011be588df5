/*
 * Interface version selection.
 *
 * The binary layout never changes between versions; only a few names do.
 * A guest may define __XEN_INTERFACE_VERSION__ before including any
 * public header to get the names of an older interface (see xen.h,
 * arch-x86_32.h and physdev.h for what moves).  Left undefined, it means
 * the newest interface, which is also what the hypervisor and tools use.
 */
#ifndef XEN_PUBLIC_XEN_COMPAT_H
#define XEN_PUBLIC_XEN_COMPAT_H

#define __XEN_LATEST_INTERFACE_VERSION__ 0x00030205

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif

#if __XEN_INTERFACE_VERSION__ > __XEN_LATEST_INTERFACE_VERSION__
#error "__XEN_INTERFACE_VERSION__ is newer than these headers describe"
#endif

#endif /* XEN_PUBLIC_XEN_COMPAT_H */
