/*
 * x86_32 (non-PAE) part of the guest ABI: the flat selectors, the fixed
 * top-of-address-space layout, and the per-architecture structs that
 * xen.h embeds (trap_info, cpu_user_regs, vcpu_guest_context, arch_*).
 *
 * Every layout here is the i386 System V one (gcc -m32): longs, pointers
 * and guest handles are 4 bytes, and a uint64_t inside a struct is only
 * 4-byte aligned.  Fields Xen declares as "unsigned long" are written as
 * xen_ulong_t (32 bits) so the sizes do not change on a 64-bit build host.
 *
 * Included by xen.h; a guest normally includes xen.h instead.
 */
#ifndef XEN_PUBLIC_ARCH_X86_32_H
#define XEN_PUBLIC_ARCH_X86_32_H

#include "xen-compat.h"

/*
 * Guest handles.
 *
 * A guest handle is a guest-virtual pointer that the hypervisor must copy
 * through (never dereference directly).  Wrapping it in a one-member struct
 * makes the compiler refuse accidental mixing with plain pointers; the
 * layout is the bare pointer, 4 bytes.
 *
 *   DEFINE_XEN_GUEST_HANDLE(foo_t)    declares the handle type for foo_t
 *   XEN_GUEST_HANDLE(foo_t)           names it, e.g. as a struct field
 *   set_xen_guest_handle(h, ptr)      guest side: point h at ptr
 *   get_xen_guest_handle(ptr, h)      read the raw pointer back out
 */
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define XEN_GUEST_HANDLE(name)          __guest_handle_ ## name
#define set_xen_guest_handle(hnd, val)  do { (hnd).p = (val); } while (0)
#define get_xen_guest_handle(val, hnd)  do { (val) = (hnd).p; } while (0)

/* Interfaces before 0x00030203 offered the raw trap instruction by name. */
#if __XEN_INTERFACE_VERSION__ < 0x00030203
#define TRAP_INSTR "int $0x82"
#endif

/*
 * Flat segment selectors.  The hypervisor owns GDT page 14 and keeps these
 * descriptors there for every guest, so they work before (and without)
 * any set_gdt.  All are base 0 and end at 0xFC3FFFFF, just past the
 * read-only M2P: segmentation, not paging, keeps ring 1 out of the
 * hypervisor.  The guest kernel runs in ring 1, its user code in ring 3.
 */
#define FLAT_RING1_CS 0xe019    /* GDT entry 7171: ring 1 code */
#define FLAT_RING1_DS 0xe021    /* GDT entry 7172: ring 1 data */
#define FLAT_RING1_SS 0xe021
#define FLAT_RING3_CS 0xe02b    /* GDT entry 7173: ring 3 code */
#define FLAT_RING3_DS 0xe033    /* GDT entry 7174: ring 3 data */
#define FLAT_RING3_SS 0xe033

#define FLAT_KERNEL_CS FLAT_RING1_CS
#define FLAT_KERNEL_DS FLAT_RING1_DS
#define FLAT_KERNEL_SS FLAT_RING1_SS
#define FLAT_USER_CS   FLAT_RING3_CS
#define FLAT_USER_DS   FLAT_RING3_DS
#define FLAT_USER_SS   FLAT_RING3_SS

/*
 * The first GDT page the guest may not use.  set_gdt accepts at most
 * FIRST_RESERVED_GDT_ENTRY entries (14 frames); the page at this index
 * is the hypervisor's and holds the flat selectors above.
 */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/*
 * Top of every address space.  From HYPERVISOR_VIRT_START upward belongs
 * to the hypervisor: a guest can neither map nor change anything there.
 * The first 4 MiB of it is the machine-to-physical table (M2P), mapped
 * read-only into every guest: entry m is the PFN the owning guest gave
 * machine frame m.  The hypervisor fills entries when it hands a frame to
 * a domain; the owner may rewrite them with MMU_MACHPHYS_UPDATE.
 */
#define HYPERVISOR_VIRT_START 0xFC000000
#define MACH2PHYS_VIRT_START  0xFC000000
#define MACH2PHYS_VIRT_END    0xFC400000
#define MACH2PHYS_NR_ENTRIES  ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 2)
#ifndef machine_to_phys_mapping
#define machine_to_phys_mapping ((xen_pfn_t *)MACH2PHYS_VIRT_START)
#endif

/* Largest number of vCPUs a domain can have; sizes shared_info. */
#define MAX_VIRT_CPUS 32

/*
 * vcpu_guest_context.flags.  Written by whoever supplies a context
 * (tools for domctl setvcpucontext, the guest for VCPUOP_initialise);
 * read by the hypervisor when it loads it.
 */
#define _VGCF_i387_valid               0
#define VGCF_i387_valid                (1 << _VGCF_i387_valid)   /* fpu_ctxt is meaningful */
#define _VGCF_in_kernel                2
#define VGCF_in_kernel                 (1 << _VGCF_in_kernel)    /* vCPU is in guest kernel mode */
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events  (1 << _VGCF_failsafe_disables_events) /* mask events on failsafe entry */
#define VGCF_I387_VALID                VGCF_i387_valid           /* older spellings */
#define VGCF_IN_KERNEL                 VGCF_in_kernel

/*
 * ctrlreg[3] holds a frame number shifted into CR3 form.  Below 4 GiB the
 * wrap-around half is zero, so this is simply pfn << 12.
 */
#define xen_pfn_to_cr3(pfn) (((unsigned)(pfn) << 12) | ((unsigned)(pfn) >> 20))
#define xen_cr3_to_pfn(cr3) (((unsigned)(cr3) >> 12) | ((unsigned)(cr3) << 20))

#if !defined(__ASSEMBLY__) && !defined(__ASSEMBLER__)

#include <stdint.h>

/* A machine word of the guest ABI ("unsigned long" in Xen's headers). */
typedef uint32_t xen_ulong_t;

/* A frame number (MFN, PFN or GMFN, depending on context). */
typedef uint32_t xen_pfn_t;
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/*
 * struct trap_info (8 bytes): one entry of a virtual IDT.
 *
 * The guest writes an array of these, ended by an entry whose address is
 * 0, and passes it to set_trap_table; the hypervisor copies each entry
 * into slot `vector` of the vCPU's table and reads that slot whenever it
 * must deliver the vector.  The same layout fills trap_ctxt[] of
 * vcpu_guest_context, indexed by vector.
 */
struct trap_info {
    uint8_t     vector;     /* exception or interrupt vector, 0..255 */
    uint8_t     flags;      /* bits 1:0 DPL for INT n; bit 2 mask events on entry */
    uint16_t    cs;         /* handler code selector (RPL raised to >= 1) */
    xen_ulong_t address;    /* handler EIP; 0 ends a table */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

/* Accessors for trap_info.flags. */
#define TI_GET_DPL(_ti)       ((_ti)->flags & 3)
#define TI_GET_IF(_ti)        ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl) ((_ti)->flags = (uint8_t)(((_ti)->flags & ~3) | ((_dpl) & 3)))
#define TI_SET_IF(_ti, _if)   ((_ti)->flags = (uint8_t)(((_ti)->flags & ~4) | ((_if) ? 4 : 0)))

/*
 * struct cpu_user_regs (68 bytes): the general registers of a vCPU.
 *
 * Lives inside vcpu_guest_context: written by the tools or the guest when
 * they supply a context, by the hypervisor when it reports one.  The
 * error_code / entry_vector pair is the hypervisor's scratch space; a
 * context supplier leaves it 0.  Selector fields are 16 bits, each
 * followed by 16 bits of padding.
 */
struct cpu_user_regs {
    uint32_t ebx;
    uint32_t ecx;
    uint32_t edx;
    uint32_t esi;
    uint32_t edi;
    uint32_t ebp;
    uint32_t eax;
    uint16_t error_code;        /* hypervisor-private */
    uint16_t entry_vector;      /* hypervisor-private */
    uint32_t eip;
    uint16_t cs;
    uint8_t  saved_upcall_mask; /* event mask at the time of the frame */
    uint8_t  _pad0;
    uint32_t eflags;            /* IOPL here becomes the vCPU's virtual IOPL */
    uint32_t esp;
    uint16_t ss, _pad1;
    uint16_t es, _pad2;
    uint16_t ds, _pad3;
    uint16_t fs, _pad4;
    uint16_t gs, _pad5;
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

/*
 * struct vcpu_guest_context (2800 bytes): the complete state of one vCPU.
 *
 * Written by the tools (domctl setvcpucontext) or by a guest bringing up
 * another of its vCPUs (VCPUOP_initialise); the hypervisor reads it then,
 * and writes it for domctl getvcpucontext.  The GDT frames, CR3, debug
 * registers and vm_assist are applied only on a vCPU's first load.
 */
struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;   /* FXSAVE image (FSAVE without FXSR) */
    xen_ulong_t flags;                  /* VGCF_* */
    struct cpu_user_regs user_regs;
    struct trap_info trap_ctxt[256];    /* virtual IDT, indexed by vector */
    xen_ulong_t ldt_base;               /* linear address, page-aligned */
    xen_ulong_t ldt_ents;               /* at most 8192 */
    xen_ulong_t gdt_frames[16];         /* MFNs of the guest GDT pages */
    xen_ulong_t gdt_ents;               /* at most FIRST_RESERVED_GDT_ENTRY */
    xen_ulong_t kernel_ss;              /* ring-1 stack used when ring 2/3 is interrupted */
    xen_ulong_t kernel_sp;
    xen_ulong_t ctrlreg[8];             /* [3] = xen_pfn_to_cr3(root MFN); only CR0.TS is taken */
    xen_ulong_t debugreg[8];
    xen_ulong_t event_callback_cs;      /* event upcall entry point */
    xen_ulong_t event_callback_eip;
    xen_ulong_t failsafe_callback_cs;   /* entry when returning to the guest fails */
    xen_ulong_t failsafe_callback_eip;
    xen_ulong_t vm_assist;              /* bitmap of VMASST_TYPE_*; vCPU 0 only */
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/*
 * struct arch_shared_info (268 bytes): the x86 tail of shared_info.
 *
 * max_pfn and pfn_to_mfn_frame_list_list are written by the guest for the
 * save/restore tools; the hypervisor never reads them.  nmi_reason is
 * written by the hypervisor for dom0 (XEN_NMIREASON_* in nmi.h).
 */
struct arch_shared_info {
    xen_ulong_t max_pfn;                     /* guest: highest PFN + 1 */
    xen_pfn_t   pfn_to_mfn_frame_list_list;  /* guest: MFN of its P2M frame list list */
    xen_ulong_t nmi_reason;                  /* hypervisor: why dom0 got an NMI */
    uint32_t    pad[64];
};
typedef struct arch_shared_info arch_shared_info_t;

/*
 * struct arch_vcpu_info (24 bytes): the x86 part of each vcpu_info.
 *
 * The hypervisor writes cr2 just before it delivers a page fault to this
 * vCPU; the guest's #PF handler reads it (the real CR2 is out of reach
 * from ring 1).
 */
struct arch_vcpu_info {
    xen_ulong_t cr2;
    xen_ulong_t pad[5];
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/*
 * xen_callback_t (8 bytes): a code selector and entry address, as
 * registered through callback_op (callback.h).
 */
typedef struct xen_callback {
    xen_ulong_t cs;
    xen_ulong_t eip;
} xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* XEN_PUBLIC_ARCH_X86_32_H */
