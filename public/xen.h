/*
 * The core of the guest ABI (Xen 3.0.4, x86_32, non-PAE).
 *
 * A guest kernel runs in ring 1 and asks the hypervisor for everything it
 * may not do itself through hypercalls: EAX holds the number below, EBX,
 * ECX, EDX, ESI, EDI hold up to five arguments, and EAX returns 0 (or a
 * count) on success, -errno (errno.h) on failure.  Guests normally call
 * through the hypercall page, whose slot N (at offset 32 * N) loads EAX
 * and traps for hypercall N.
 *
 * This file declares the hypercall numbers and the structs that are not
 * tied to one subsystem: domain ids, page-table updates, multicalls, and
 * the three pages a guest starts with (start_info, shared_info and its
 * vcpu_info records).
 */
#ifndef XEN_PUBLIC_XEN_H
#define XEN_PUBLIC_XEN_H

#include "xen-compat.h"
#include "arch-x86_32.h"

/*
 * Hypercall numbers.  Arguments are listed in register order.
 * Numbers at or above NR_hypercalls, and empty slots, return -ENOSYS.
 */
#define __HYPERVISOR_set_trap_table                0  /* trap_info_t *table */
#define __HYPERVISOR_mmu_update                    1  /* mmu_update_t *reqs, count, *done, foreigndom */
#define __HYPERVISOR_set_gdt                       2  /* frames, entries */
#define __HYPERVISOR_stack_switch                  3  /* ss, esp */
#define __HYPERVISOR_set_callbacks                 4  /* ev_cs, ev_eip, fs_cs, fs_eip */
#define __HYPERVISOR_fpu_taskswitch                5  /* set */
#define __HYPERVISOR_sched_op_compat               6  /* cmd, ulong arg: old form of sched_op */
#define __HYPERVISOR_platform_op                   7  /* xen_platform_op_t * (platform.h) */
#define __HYPERVISOR_set_debugreg                  8  /* reg, value */
#define __HYPERVISOR_get_debugreg                  9  /* reg */
#define __HYPERVISOR_update_descriptor            10  /* ma_lo, ma_hi, desc_lo, desc_hi */
                                                      /* 11 is unused */
#define __HYPERVISOR_memory_op                    12  /* cmd, arg (memory.h) */
#define __HYPERVISOR_multicall                    13  /* multicall_entry_t *list, nr */
#define __HYPERVISOR_update_va_mapping            14  /* va, pte_lo, pte_hi, flags (UVMF_*) */
#define __HYPERVISOR_set_timer_op                 15  /* deadline_lo, deadline_hi */
#define __HYPERVISOR_event_channel_op_compat      16  /* evtchn_op_t *: old form */
#define __HYPERVISOR_xen_version                  17  /* cmd, arg (version.h) */
#define __HYPERVISOR_console_io                   18  /* cmd, count, buf */
#define __HYPERVISOR_physdev_op_compat            19  /* physdev_op_t *: old form */
#define __HYPERVISOR_grant_table_op               20  /* cmd, ops, count (grant_table.h) */
#define __HYPERVISOR_vm_assist                    21  /* cmd, type */
#define __HYPERVISOR_update_va_mapping_otherdomain 22 /* va, pte_lo, pte_hi, flags, domid */
#define __HYPERVISOR_iret                         23  /* no arguments: iret frame on the stack */
#define __HYPERVISOR_vcpu_op                      24  /* cmd, vcpuid, arg (vcpu.h) */
#define __HYPERVISOR_set_segment_base             25  /* x86_64 only */
#define __HYPERVISOR_mmuext_op                    26  /* mmuext_op_t *ops, count, *done, foreigndom */
#define __HYPERVISOR_acm_op                       27  /* security module */
#define __HYPERVISOR_nmi_op                       28  /* cmd, arg (nmi.h) */
#define __HYPERVISOR_sched_op                     29  /* cmd, arg (sched.h) */
#define __HYPERVISOR_callback_op                  30  /* cmd, arg (callback.h) */
#define __HYPERVISOR_xenoprof_op                  31  /* profiler */
#define __HYPERVISOR_event_channel_op             32  /* cmd, arg (event_channel.h) */
#define __HYPERVISOR_physdev_op                   33  /* cmd, arg (physdev.h) */
#define __HYPERVISOR_hvm_op                       34  /* HVM guests only */
#define __HYPERVISOR_sysctl                       35  /* xen_sysctl_t * (sysctl.h) */
#define __HYPERVISOR_domctl                       36  /* xen_domctl_t * (domctl.h) */
#define __HYPERVISOR_kexec_op                     37  /* kexec */

/* Reserved for architecture-specific calls; none defined on x86_32. */
#define __HYPERVISOR_arch_0                       48
#define __HYPERVISOR_arch_1                       49
#define __HYPERVISOR_arch_2                       50
#define __HYPERVISOR_arch_3                       51
#define __HYPERVISOR_arch_4                       52
#define __HYPERVISOR_arch_5                       53
#define __HYPERVISOR_arch_6                       54
#define __HYPERVISOR_arch_7                       55

#define NR_hypercalls                             64

/*
 * Names whose meaning depends on the interface version (xen-compat.h).
 * Older guests meant the one-argument compat forms.
 */
#if __XEN_INTERFACE_VERSION__ < 0x00030101
#undef  __HYPERVISOR_sched_op
#define __HYPERVISOR_sched_op         __HYPERVISOR_sched_op_compat
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00030202
#undef  __HYPERVISOR_event_channel_op
#undef  __HYPERVISOR_physdev_op
#define __HYPERVISOR_event_channel_op __HYPERVISOR_event_channel_op_compat
#define __HYPERVISOR_physdev_op       __HYPERVISOR_physdev_op_compat
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00030204
#define __HYPERVISOR_dom0_op         __HYPERVISOR_platform_op
#endif

/*
 * Virtual IRQs: events the hypervisor raises itself.  A guest binds one
 * to a port with EVTCHNOP_bind_virq.  Per-vCPU VIRQs are bound once per
 * vCPU; global ones are bound on vCPU 0 (and may be moved later).
 */
#define VIRQ_TIMER      0   /* per vCPU: set_timer_op deadline (and periodic tick) */
#define VIRQ_DEBUG      1   /* per vCPU: dump-state request */
#define VIRQ_CONSOLE    2   /* global, dom0: input on the hypervisor console */
#define VIRQ_DOM_EXC    3   /* global, dom0: a domain shut down or crashed */
#define VIRQ_TBUF       4   /* global, dom0: trace buffer data available */
#define VIRQ_DEBUGGER   6   /* global, dom0: a domain paused for the debugger */
#define VIRQ_XENOPROF   7   /* per vCPU: profiler samples */

#define VIRQ_ARCH_0    16   /* reserved for the architecture; unused on x86 */
#define VIRQ_ARCH_1    17
#define VIRQ_ARCH_2    18
#define VIRQ_ARCH_3    19
#define VIRQ_ARCH_4    20
#define VIRQ_ARCH_5    21
#define VIRQ_ARCH_6    22
#define VIRQ_ARCH_7    23

#define NR_VIRQS       24

/*
 * mmu_update commands, carried in the low two bits of mmu_update.ptr.
 *
 * MMU_NORMAL_PT_UPDATE: ptr is the machine address of a 4-byte page-table
 *   entry in a frame the caller owns; val is the new entry.  Entries in
 *   frames typed L1 or L2 are validated and reference-counted.
 * MMU_MACHPHYS_UPDATE: ptr is any machine address in frame F; val is the
 *   PFN to store in M2P[F].
 */
#define MMU_NORMAL_PT_UPDATE  0
#define MMU_MACHPHYS_UPDATE   1

/*
 * mmuext_op commands.  Which of arg1 / arg2 each uses is shown on the
 * right.  Frames named by mfn must belong to the foreign domain given to
 * the hypercall (normally DOMID_SELF).
 */
#define MMUEXT_PIN_L1_TABLE      0  /* mfn: validate as L1 and hold it so */
#define MMUEXT_PIN_L2_TABLE      1  /* mfn: validate as L2 and hold it so */
#define MMUEXT_PIN_L3_TABLE      2  /* mfn: accepted and ignored (2-level paging) */
#define MMUEXT_PIN_L4_TABLE      3  /* mfn: accepted and ignored (2-level paging) */
#define MMUEXT_UNPIN_TABLE       4  /* mfn: drop the pin */
#define MMUEXT_NEW_BASEPTR       5  /* mfn: switch CR3 to this L2 */
#define MMUEXT_TLB_FLUSH_LOCAL   6  /* -: flush this CPU's TLB */
#define MMUEXT_INVLPG_LOCAL      7  /* linear_addr: flush one page on this CPU */
#define MMUEXT_TLB_FLUSH_MULTI   8  /* vcpumask: flush where those vCPUs ran */
#define MMUEXT_INVLPG_MULTI      9  /* linear_addr, vcpumask */
#define MMUEXT_TLB_FLUSH_ALL    10  /* -: every CPU the domain uses */
#define MMUEXT_INVLPG_ALL       11  /* linear_addr: one page, every CPU */
#define MMUEXT_FLUSH_CACHE      12  /* -: wbinvd; needs I/O privilege */
#define MMUEXT_SET_LDT          13  /* linear_addr, nr_ents */
#define MMUEXT_NEW_USER_BASEPTR 15  /* mfn: x86_64 only */

/*
 * update_va_mapping flags: a flush type in bits 1:0, a scope above it.
 * A scope that is neither UVMF_LOCAL nor UVMF_ALL is a guest pointer to
 * a vCPU bitmap, ORed in (UVMF_MULTI).
 */
#define UVMF_NONE           0   /* no flush */
#define UVMF_TLB_FLUSH      1   /* flush the whole TLB */
#define UVMF_INVLPG         2   /* flush only the updated address */
#define UVMF_FLUSHTYPE_MASK 3
#define UVMF_MULTI          0   /* OR in a pointer to a vCPU bitmap */
#define UVMF_LOCAL          0   /* this CPU only */
#define UVMF_ALL            4   /* every CPU the domain uses */

/* vm_assist commands and assist types (type is a bit number). */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0  /* emulate accesses faulting on truncated segments */
#define VMASST_TYPE_4gb_segments_notify  1  /* ... and raise vector 15 when that happens */
#define VMASST_TYPE_writable_pagetables  2  /* trap and emulate writes to read-only L1s */
#define VMASST_TYPE_pae_extended_cr3     3  /* PAE only */
#define MAX_VMASST_TYPE                  3

/* console_io commands. */
#define CONSOLEIO_write  0  /* write count bytes from buf; returns 0 */
#define CONSOLEIO_read   1  /* read up to count bytes; returns the number read */

/*
 * Domain ids.  Real domains have ids below DOMID_FIRST_RESERVED; the
 * values from there up name the caller or a pseudo-domain.
 */
#define DOMID_FIRST_RESERVED 0x7FF0
#define DOMID_SELF           0x7FF0  /* the calling domain */
#define DOMID_IO             0x7FF1  /* owner of I/O (non-RAM) memory */
#define DOMID_XEN            0x7FF2  /* owner of hypervisor frames such as the M2P */

/* Events: 1024 ports on x86_32, one pending and one mask bit each. */
#define NR_EVENT_CHANNELS    1024

/* start_info.flags, set by the domain builder. */
#define SIF_PRIVILEGED       (1 << 0)  /* may use privileged hypercalls */
#define SIF_INITDOMAIN       (1 << 1)  /* this is dom0, built by the hypervisor */

#define MAX_GUEST_CMDLINE    1024

/* dom0_vga_console_info.video_type. */
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23

#if !defined(__ASSEMBLY__) && !defined(__ASSEMBLER__)

#include <stdint.h>

typedef uint16_t domid_t;

/* A domain's 128-bit UUID, as set by the tools. */
typedef uint8_t xen_domain_handle_t[16];

/* Guest handles for the plain types that hypercall arguments use. */
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(char);
DEFINE_XEN_GUEST_HANDLE(int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint8_t);
DEFINE_XEN_GUEST_HANDLE(uint32_t);
DEFINE_XEN_GUEST_HANDLE(uint64_t);

/*
 * struct mmu_update (16 bytes): one request to mmu_update.
 *
 * The guest fills an array of these; the hypervisor reads them in order
 * and stops at the first it refuses.  Both fields are 64 bits even without
 * PAE; only the low 32 bits are used and the high halves must be 0.
 */
struct mmu_update {
    uint64_t ptr;   /* machine address; command in bits 1:0 (MMU_*) */
    uint64_t val;   /* new entry, or PFN for MMU_MACHPHYS_UPDATE */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/*
 * struct mmuext_op (12 bytes): one request to mmuext_op.
 *
 * Written by the guest, read by the hypervisor in array order; the
 * command (MMUEXT_*) decides which union members are meaningful.
 */
struct mmuext_op {
    uint32_t cmd;                       /* MMUEXT_* */
    union {
        xen_pfn_t   mfn;                /* PIN_*, UNPIN_TABLE, NEW_BASEPTR */
        xen_ulong_t linear_addr;        /* INVLPG_*, SET_LDT */
    } arg1;
    union {
        uint32_t nr_ents;               /* SET_LDT: number of descriptors */
#if __XEN_INTERFACE_VERSION__ >= 0x00030205
        XEN_GUEST_HANDLE(void) vcpumask; /* *_MULTI: pointer to a vCPU bitmap */
#else
        void *vcpumask;
#endif
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);

/*
 * struct multicall_entry (32 bytes): one hypercall inside a multicall.
 *
 * The guest fills op and args; the hypervisor runs the entries in order
 * and writes each return value into result.  Only args[0..4] are passed
 * on x86_32.  Afterwards only result is reliable: the hypervisor may
 * scribble over the other fields.
 */
struct multicall_entry {
    xen_ulong_t op;         /* hypercall number */
    xen_ulong_t result;     /* hypervisor: return value (negative = -errno) */
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * struct vcpu_time_info (32 bytes): the vCPU's clock reference.
 *
 * Written by the hypervisor, read by the guest.  The writer makes version
 * odd, updates the fields, then makes it even again; a reader copies the
 * fields between two reads of version and retries if they differ or are
 * odd.  Current system time in ns is
 *     system_time + (((rdtsc - tsc_timestamp) << tsc_shift) * mul) >> 32
 * (a negative tsc_shift shifts right), with a 96-bit intermediate.
 */
struct vcpu_time_info {
    uint32_t version;           /* odd while an update is in progress */
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* TSC when the record was written */
    uint64_t system_time;       /* ns since the hypervisor booted, at that TSC */
    uint32_t tsc_to_system_mul; /* 0.32 fixed-point TSC-to-ns multiplier */
    int8_t   tsc_shift;         /* applied to the TSC delta before multiplying */
    int8_t   pad1[3];
};
typedef struct vcpu_time_info vcpu_time_info_t;

/*
 * struct vcpu_info (64 bytes): per-vCPU event state, time and arch data.
 *
 * evtchn_upcall_pending: set by the hypervisor when an unmasked port
 *   becomes pending; cleared by the guest's event handler.
 * evtchn_upcall_mask: owned by the guest (non-zero = no upcalls).  The
 *   hypervisor sets it on event delivery; the guest clears it.
 * evtchn_pending_sel: bit i set by the hypervisor when word i of
 *   shared_info.evtchn_pending may hold pending unmasked ports; the guest
 *   swaps it with 0 to consume.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;     /* arch.cr2: address of the last forwarded #PF */
    struct vcpu_time_info time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * struct shared_info (2584 bytes, at the start of its own page).
 *
 * One page per domain, owned by the hypervisor and mapped writable by the
 * guest at the machine address start_info.shared_info.  It starts zeroed
 * with every evtchn_upcall_mask set to 1.
 *
 * evtchn_pending: bit p (bit p%32 of word p/32) set by the hypervisor when
 *   port p is raised, cleared by the guest when it handles it.
 * evtchn_mask: written only by the guest; a masked port causes no upcall.
 * wc_*: the wall-clock (UTC) time at system time 0, written by the
 *   hypervisor with the same odd/even protocol as vcpu_time_info, through
 *   wc_version.  Wall time = wc + current system time.
 */
struct shared_info {
    struct vcpu_info vcpu_info[MAX_VIRT_CPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;

/*
 * struct start_info (1104 bytes, page-aligned): what the domain builder
 * tells a new guest.  ESI holds its virtual address at the first
 * instruction.
 *
 * magic through console are rewritten on resume from suspend; pt_base
 * onward are meaningful only at first boot.  Written by the builder
 * (the tools for a domU, the hypervisor for dom0), read by the guest.
 */
struct start_info {
    char magic[32];             /* "xen-3.0-x86_32", NUL-padded */
    xen_ulong_t nr_pages;       /* pages allocated to the domain */
    xen_ulong_t shared_info;    /* MACHINE ADDRESS (not frame) of shared_info */
    uint32_t flags;             /* SIF_* */
    xen_pfn_t store_mfn;        /* MFN of the xenstore ring page */
    uint32_t store_evtchn;      /* port for xenstore */
    union {
        struct {
            xen_pfn_t mfn;      /* MFN of the console ring page */
            uint32_t evtchn;    /* port for the console */
        } domU;
        struct {
            uint32_t info_off;  /* offset of dom0_vga_console_info from start_info */
            uint32_t info_size; /* its size */
        } dom0;
    } console;
    xen_ulong_t pt_base;        /* VIRTUAL address of the bootstrap L2 */
    xen_ulong_t nr_pt_frames;   /* bootstrap page-table frames: the L2 plus the L1s */
    xen_ulong_t mfn_list;       /* VIRTUAL address of the P2M array (nr_pages entries) */
    xen_ulong_t mod_start;      /* VIRTUAL address of the initrd, or 0 */
    xen_ulong_t mod_len;        /* initrd length in bytes */
    char cmd_line[MAX_GUEST_CMDLINE]; /* NUL-terminated kernel command line */
};
typedef struct start_info start_info_t;

/* Names of the console fields before interface 0x00030203. */
#if __XEN_INTERFACE_VERSION__ < 0x00030203
#define console_mfn    console.domU.mfn
#define console_evtchn console.domU.evtchn
#endif

/*
 * struct dom0_vga_console_info (28 bytes): how the hypervisor left the
 * display.  dom0 only: the hypervisor writes it right after start_info
 * (console.dom0.info_off says where), and dom0's console driver reads it.
 */
typedef struct dom0_vga_console_info {
    uint8_t video_type;             /* XEN_VGATYPE_* */
    union {
        struct {
            uint16_t font_height;   /* pixels per character row */
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height; /* pixels */
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;      /* physical address of the frame buffer */
            uint32_t lfb_size;      /* in 64 KiB units */
            uint8_t  red_pos, red_size;     /* colour field positions and widths */
            uint8_t  green_pos, green_size;
            uint8_t  blue_pos, blue_size;
            uint8_t  rsvd_pos, rsvd_size;
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;

#endif /* !__ASSEMBLY__ */

#endif /* XEN_PUBLIC_XEN_H */
