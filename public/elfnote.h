/*
 * ELF note types that describe a guest kernel image to the domain
 * builder.
 *
 * The guest's author writes these into a SHT_NOTE section, each note named
 * "Xen" (namesz 4, counting the NUL), name and desc each padded to 4
 * bytes.  The builder reads them before loading the image.  "string"
 * notes hold a NUL-terminated string; "number" notes a little-endian
 * value of 4 or 8 bytes (descsz says which).  Images without notes may
 * use the older "__xen_guest" section string instead; the legacy key for
 * each note is given on the right.
 */
#ifndef XEN_PUBLIC_ELFNOTE_H
#define XEN_PUBLIC_ELFNOTE_H

#define XEN_ELFNOTE_INFO            0  /* string: free text, ignored */
#define XEN_ELFNOTE_ENTRY           1  /* number: entry VA (VIRT_ENTRY) */
#define XEN_ELFNOTE_HYPERCALL_PAGE  2  /* number: VA of the hypercall page (HYPERCALL_PAGE,
                                          which is a page number relative to VIRT_BASE) */
#define XEN_ELFNOTE_VIRT_BASE       3  /* number: VA where pseudo-physical 0 is mapped (VIRT_BASE) */
#define XEN_ELFNOTE_PADDR_OFFSET    4  /* number: subtracted from p_paddr; default 0 with notes
                                          (ELF_PADDR_OFFSET, default VIRT_BASE there) */
#define XEN_ELFNOTE_XEN_VERSION     5  /* string: must start "xen-3.0" (XEN_VER) */
#define XEN_ELFNOTE_GUEST_OS        6  /* string: e.g. "linux", "Mini-OS" (GUEST_OS) */
#define XEN_ELFNOTE_GUEST_VERSION   7  /* string: informational (GUEST_VER) */
#define XEN_ELFNOTE_LOADER          8  /* string: "generic" (LOADER) */
#define XEN_ELFNOTE_PAE_MODE        9  /* string: "yes", "no" or "bimodal" (PAE) */
#define XEN_ELFNOTE_FEATURES       10  /* string: "a|b|!c", XENFEAT_ names, ! = required (FEATURES) */
#define XEN_ELFNOTE_BSD_SYMTAB     11  /* string: "yes" loads the symbol table (BSD_SYMTAB) */
#define XEN_ELFNOTE_HV_START_LOW   12  /* number: defined, not used by 3.0.4 builders */

/* Notes found in crash dumps (kexec), not in guest images. */
#define XEN_ELFNOTE_CRASH_INFO     0x1000001
#define XEN_ELFNOTE_CRASH_REGS     0x1000002

#endif /* XEN_PUBLIC_ELFNOTE_H */
