/*
 * Compile-time check that public/ matches the Xen 3.0.4 x86_32 guest ABI
 * (docs/xen-abi-x86_32.md): every struct size and field offset the fact
 * sheet states, and the numbers guests hard-code.  Nothing runs; if this
 * file compiles, the layout is right.
 *
 *   gcc -m32 -std=gnu11 -Wall -Wextra -Werror -ffreestanding -I. \
 *       -c tests/abi/abi_layout.c -o /tmp/abi_layout.o
 *
 * Only meaningful under -m32: on a 64-bit host pointers, guest handles
 * and uint64_t alignment differ.
 */
#include <stddef.h>
#include <stdint.h>

#include "public/xen.h"
#include "public/arch-x86_32.h"
#include "public/xen-compat.h"
#include "public/sched.h"
#include "public/event_channel.h"
#include "public/grant_table.h"
#include "public/memory.h"
#include "public/version.h"
#include "public/vcpu.h"
#include "public/physdev.h"
#include "public/callback.h"
#include "public/nmi.h"
#include "public/domctl.h"
#include "public/sysctl.h"
#include "public/platform.h"
#include "public/elfnote.h"
#include "public/errno.h"
#include "public/io/ring.h"
#include "public/io/xs_wire.h"
#include "public/io/xenbus.h"
#include "public/io/blkif.h"
#include "public/io/console.h"
#include "public/io/netif.h"

#if !defined(__i386__)
#error "the ABI layout is defined for i386: build this file with -m32"
#endif

#define SIZE(type, n) \
    _Static_assert(sizeof(type) == (n), "sizeof(" #type ") != " #n)
#define OFF(type, field, n) \
    _Static_assert(offsetof(type, field) == (n), \
                   "offsetof(" #type ", " #field ") != " #n)
#define VAL(expr, n) \
    _Static_assert((expr) == (n), #expr " != " #n)

/* §0 Conventions: 4-byte words and handles, 4-aligned uint64_t in structs. */
struct u64_after_u32 { uint32_t a; uint64_t b; };
OFF(struct u64_after_u32, b, 4);
SIZE(void *, 4);
SIZE(xen_ulong_t, 4);
SIZE(xen_pfn_t, 4);
SIZE(XEN_GUEST_HANDLE(void), 4);
SIZE(XEN_GUEST_HANDLE(xen_pfn_t), 4);
SIZE(domid_t, 2);
SIZE(xen_domain_handle_t, 16);

VAL(__XEN_LATEST_INTERFACE_VERSION__, 0x00030205);
VAL(__XEN_INTERFACE_VERSION__, 0x00030205);
VAL(XEN_DOMCTL_INTERFACE_VERSION, 0x00000004);
VAL(XEN_SYSCTL_INTERFACE_VERSION, 0x00000002);
VAL(XENPF_INTERFACE_VERSION, 0x03000001);
VAL(DOM0_INTERFACE_VERSION, 0x03000001);

/* §0 errno values. */
VAL(XEN_EPERM, 1);      VAL(XEN_ENOENT, 2);     VAL(XEN_ESRCH, 3);
VAL(XEN_EINTR, 4);      VAL(XEN_EIO, 5);        VAL(XEN_EAGAIN, 11);
VAL(XEN_ENOMEM, 12);    VAL(XEN_EACCES, 13);    VAL(XEN_EFAULT, 14);
VAL(XEN_EBUSY, 16);     VAL(XEN_EEXIST, 17);    VAL(XEN_EINVAL, 22);
VAL(XEN_ENOSPC, 28);    VAL(XEN_EROFS, 30);     VAL(XEN_ENOSYS, 38);
VAL(XEN_ENOTEMPTY, 39); VAL(XEN_ENODATA, 61);   VAL(XEN_EISCONN, 106);
VAL(EPERM, 1);          VAL(ENOSYS, 38);        VAL(EISCONN, 106);

/* §1.3 Hypercall numbers. */
VAL(__HYPERVISOR_set_trap_table, 0);
VAL(__HYPERVISOR_mmu_update, 1);
VAL(__HYPERVISOR_set_gdt, 2);
VAL(__HYPERVISOR_stack_switch, 3);
VAL(__HYPERVISOR_set_callbacks, 4);
VAL(__HYPERVISOR_fpu_taskswitch, 5);
VAL(__HYPERVISOR_sched_op_compat, 6);
VAL(__HYPERVISOR_platform_op, 7);
VAL(__HYPERVISOR_set_debugreg, 8);
VAL(__HYPERVISOR_get_debugreg, 9);
VAL(__HYPERVISOR_update_descriptor, 10);
VAL(__HYPERVISOR_memory_op, 12);
VAL(__HYPERVISOR_multicall, 13);
VAL(__HYPERVISOR_update_va_mapping, 14);
VAL(__HYPERVISOR_set_timer_op, 15);
VAL(__HYPERVISOR_event_channel_op_compat, 16);
VAL(__HYPERVISOR_xen_version, 17);
VAL(__HYPERVISOR_console_io, 18);
VAL(__HYPERVISOR_physdev_op_compat, 19);
VAL(__HYPERVISOR_grant_table_op, 20);
VAL(__HYPERVISOR_vm_assist, 21);
VAL(__HYPERVISOR_update_va_mapping_otherdomain, 22);
VAL(__HYPERVISOR_iret, 23);
VAL(__HYPERVISOR_vcpu_op, 24);
VAL(__HYPERVISOR_set_segment_base, 25);
VAL(__HYPERVISOR_mmuext_op, 26);
VAL(__HYPERVISOR_acm_op, 27);
VAL(__HYPERVISOR_nmi_op, 28);
VAL(__HYPERVISOR_sched_op, 29);
VAL(__HYPERVISOR_callback_op, 30);
VAL(__HYPERVISOR_xenoprof_op, 31);
VAL(__HYPERVISOR_event_channel_op, 32);
VAL(__HYPERVISOR_physdev_op, 33);
VAL(__HYPERVISOR_hvm_op, 34);
VAL(__HYPERVISOR_sysctl, 35);
VAL(__HYPERVISOR_domctl, 36);
VAL(__HYPERVISOR_kexec_op, 37);
VAL(__HYPERVISOR_arch_0, 48);
VAL(__HYPERVISOR_arch_7, 55);
VAL(NR_hypercalls, 64);

/* §2 Address space, M2P, segments. */
VAL(HYPERVISOR_VIRT_START, 0xFC000000u);
VAL(MACH2PHYS_VIRT_START, 0xFC000000u);
VAL(MACH2PHYS_VIRT_END, 0xFC400000u);
VAL(MACH2PHYS_NR_ENTRIES, 0x100000);
VAL(MAX_VIRT_CPUS, 32);
VAL(FIRST_RESERVED_GDT_PAGE, 14);
VAL(FIRST_RESERVED_GDT_BYTE, 0xE000);
VAL(FIRST_RESERVED_GDT_ENTRY, 7168);
VAL(FLAT_RING1_CS, 0xe019);
VAL(FLAT_RING1_DS, 0xe021);
VAL(FLAT_RING1_SS, 0xe021);
VAL(FLAT_RING3_CS, 0xe02b);
VAL(FLAT_RING3_DS, 0xe033);
VAL(FLAT_RING3_SS, 0xe033);
VAL(FLAT_KERNEL_CS, 0xe019);
VAL(FLAT_KERNEL_DS, 0xe021);
VAL(FLAT_KERNEL_SS, 0xe021);
VAL(FLAT_USER_CS, 0xe02b);
VAL(FLAT_USER_DS, 0xe033);
VAL(FLAT_USER_SS, 0xe033);
VAL(FLAT_RING1_CS >> 3, 7171);
VAL(FLAT_RING3_DS >> 3, 7174);
VAL(xen_pfn_to_cr3(0x12345), 0x12345000u);
VAL(xen_cr3_to_pfn(0x12345000u), 0x12345);

/* §3.1 start_info and dom0_vga_console_info. */
SIZE(start_info_t, 1104);
OFF(start_info_t, magic, 0);
OFF(start_info_t, nr_pages, 32);
OFF(start_info_t, shared_info, 36);
OFF(start_info_t, flags, 40);
OFF(start_info_t, store_mfn, 44);
OFF(start_info_t, store_evtchn, 48);
OFF(start_info_t, console.domU.mfn, 52);
OFF(start_info_t, console.domU.evtchn, 56);
OFF(start_info_t, console.dom0.info_off, 52);
OFF(start_info_t, console.dom0.info_size, 56);
OFF(start_info_t, pt_base, 60);
OFF(start_info_t, nr_pt_frames, 64);
OFF(start_info_t, mfn_list, 68);
OFF(start_info_t, mod_start, 72);
OFF(start_info_t, mod_len, 76);
OFF(start_info_t, cmd_line, 80);
VAL(MAX_GUEST_CMDLINE, 1024);
VAL(SIF_PRIVILEGED, 1);
VAL(SIF_INITDOMAIN, 2);

SIZE(dom0_vga_console_info_t, 28);
OFF(dom0_vga_console_info_t, video_type, 0);
OFF(dom0_vga_console_info_t, u.text_mode_3.font_height, 4);
OFF(dom0_vga_console_info_t, u.text_mode_3.cursor_x, 6);
OFF(dom0_vga_console_info_t, u.text_mode_3.cursor_y, 8);
OFF(dom0_vga_console_info_t, u.text_mode_3.rows, 10);
OFF(dom0_vga_console_info_t, u.text_mode_3.columns, 12);
OFF(dom0_vga_console_info_t, u.vesa_lfb.width, 4);
OFF(dom0_vga_console_info_t, u.vesa_lfb.height, 6);
OFF(dom0_vga_console_info_t, u.vesa_lfb.bytes_per_line, 8);
OFF(dom0_vga_console_info_t, u.vesa_lfb.bits_per_pixel, 10);
OFF(dom0_vga_console_info_t, u.vesa_lfb.lfb_base, 12);
OFF(dom0_vga_console_info_t, u.vesa_lfb.lfb_size, 16);
OFF(dom0_vga_console_info_t, u.vesa_lfb.red_pos, 20);
OFF(dom0_vga_console_info_t, u.vesa_lfb.red_size, 21);
OFF(dom0_vga_console_info_t, u.vesa_lfb.green_pos, 22);
OFF(dom0_vga_console_info_t, u.vesa_lfb.green_size, 23);
OFF(dom0_vga_console_info_t, u.vesa_lfb.blue_pos, 24);
OFF(dom0_vga_console_info_t, u.vesa_lfb.blue_size, 25);
OFF(dom0_vga_console_info_t, u.vesa_lfb.rsvd_pos, 26);
OFF(dom0_vga_console_info_t, u.vesa_lfb.rsvd_size, 27);
VAL(XEN_VGATYPE_TEXT_MODE_3, 0x03);
VAL(XEN_VGATYPE_VESA_LFB, 0x23);

/* §3.2 shared_info. */
SIZE(shared_info_t, 2584);
OFF(shared_info_t, vcpu_info, 0);
OFF(shared_info_t, vcpu_info[1], 64);
OFF(shared_info_t, vcpu_info[31], 1984);
OFF(shared_info_t, evtchn_pending, 2048);
OFF(shared_info_t, evtchn_mask, 2176);
OFF(shared_info_t, wc_version, 2304);
OFF(shared_info_t, wc_sec, 2308);
OFF(shared_info_t, wc_nsec, 2312);
OFF(shared_info_t, arch, 2316);
OFF(shared_info_t, arch.max_pfn, 2316);
OFF(shared_info_t, arch.pfn_to_mfn_frame_list_list, 2320);
OFF(shared_info_t, arch.nmi_reason, 2324);
OFF(shared_info_t, arch.pad, 2328);
SIZE(arch_shared_info_t, 268);
OFF(arch_shared_info_t, pad, 12);
SIZE(((shared_info_t *)0)->evtchn_pending, 128);
SIZE(((shared_info_t *)0)->evtchn_mask, 128);
VAL(NR_EVENT_CHANNELS, 1024);
VAL(XEN_NMIREASON_io_error, 1);
VAL(XEN_NMIREASON_parity_error, 2);
VAL(XEN_NMIREASON_unknown, 4);

/* §3.3 vcpu_info and vcpu_time_info. */
SIZE(vcpu_info_t, 64);
OFF(vcpu_info_t, evtchn_upcall_pending, 0);
OFF(vcpu_info_t, evtchn_upcall_mask, 1);
OFF(vcpu_info_t, evtchn_pending_sel, 4);
OFF(vcpu_info_t, arch, 8);
OFF(vcpu_info_t, arch.cr2, 8);
OFF(vcpu_info_t, arch.pad, 12);
OFF(vcpu_info_t, time, 32);
OFF(vcpu_info_t, time.version, 32);
OFF(vcpu_info_t, time.pad0, 36);
OFF(vcpu_info_t, time.tsc_timestamp, 40);
OFF(vcpu_info_t, time.system_time, 48);
OFF(vcpu_info_t, time.tsc_to_system_mul, 56);
OFF(vcpu_info_t, time.tsc_shift, 60);
OFF(vcpu_info_t, time.pad1, 61);
SIZE(arch_vcpu_info_t, 24);
SIZE(vcpu_time_info_t, 32);
OFF(vcpu_time_info_t, version, 0);
OFF(vcpu_time_info_t, pad0, 4);
OFF(vcpu_time_info_t, tsc_timestamp, 8);
OFF(vcpu_time_info_t, system_time, 16);
OFF(vcpu_time_info_t, tsc_to_system_mul, 24);
OFF(vcpu_time_info_t, tsc_shift, 28);
OFF(vcpu_time_info_t, pad1, 29);

/* §4.1 mmu_update. */
SIZE(mmu_update_t, 16);
OFF(mmu_update_t, ptr, 0);
OFF(mmu_update_t, val, 8);
VAL(MMU_NORMAL_PT_UPDATE, 0);
VAL(MMU_MACHPHYS_UPDATE, 1);

/* §4.2 mmuext_op. */
SIZE(mmuext_op_t, 12);
OFF(mmuext_op_t, cmd, 0);
OFF(mmuext_op_t, arg1.mfn, 4);
OFF(mmuext_op_t, arg1.linear_addr, 4);
OFF(mmuext_op_t, arg2.nr_ents, 8);
OFF(mmuext_op_t, arg2.vcpumask, 8);
VAL(MMUEXT_PIN_L1_TABLE, 0);
VAL(MMUEXT_PIN_L2_TABLE, 1);
VAL(MMUEXT_PIN_L3_TABLE, 2);
VAL(MMUEXT_PIN_L4_TABLE, 3);
VAL(MMUEXT_UNPIN_TABLE, 4);
VAL(MMUEXT_NEW_BASEPTR, 5);
VAL(MMUEXT_TLB_FLUSH_LOCAL, 6);
VAL(MMUEXT_INVLPG_LOCAL, 7);
VAL(MMUEXT_TLB_FLUSH_MULTI, 8);
VAL(MMUEXT_INVLPG_MULTI, 9);
VAL(MMUEXT_TLB_FLUSH_ALL, 10);
VAL(MMUEXT_INVLPG_ALL, 11);
VAL(MMUEXT_FLUSH_CACHE, 12);
VAL(MMUEXT_SET_LDT, 13);
VAL(MMUEXT_NEW_USER_BASEPTR, 15);

/* §4.3 UVMF, §4.5 domain ids, §4.7 vm_assist. */
VAL(UVMF_NONE, 0);
VAL(UVMF_TLB_FLUSH, 1);
VAL(UVMF_INVLPG, 2);
VAL(UVMF_FLUSHTYPE_MASK, 3);
VAL(UVMF_LOCAL, 0);
VAL(UVMF_MULTI, 0);
VAL(UVMF_ALL, 4);
VAL(DOMID_FIRST_RESERVED, 0x7FF0);
VAL(DOMID_SELF, 0x7FF0);
VAL(DOMID_IO, 0x7FF1);
VAL(DOMID_XEN, 0x7FF2);
VAL(VMASST_CMD_enable, 0);
VAL(VMASST_CMD_disable, 1);
VAL(VMASST_TYPE_4gb_segments, 0);
VAL(VMASST_TYPE_4gb_segments_notify, 1);
VAL(VMASST_TYPE_writable_pagetables, 2);
VAL(VMASST_TYPE_pae_extended_cr3, 3);
VAL(MAX_VMASST_TYPE, 3);

/* §4.4 multicall. */
SIZE(multicall_entry_t, 32);
OFF(multicall_entry_t, op, 0);
OFF(multicall_entry_t, result, 4);
OFF(multicall_entry_t, args, 8);

/* §5.1 trap_info. */
SIZE(trap_info_t, 8);
OFF(trap_info_t, vector, 0);
OFF(trap_info_t, flags, 1);
OFF(trap_info_t, cs, 2);
OFF(trap_info_t, address, 4);

/* §5.3 callbacks. */
SIZE(xen_callback_t, 8);
OFF(xen_callback_t, cs, 0);
OFF(xen_callback_t, eip, 4);
SIZE(struct callback_register, 12);
OFF(struct callback_register, type, 0);
OFF(struct callback_register, flags, 2);
OFF(struct callback_register, address.cs, 4);
OFF(struct callback_register, address.eip, 8);
SIZE(struct callback_unregister, 4);
OFF(struct callback_unregister, type, 0);
VAL(CALLBACKOP_register, 0);
VAL(CALLBACKOP_unregister, 1);
VAL(CALLBACKTYPE_event, 0);
VAL(CALLBACKTYPE_failsafe, 1);
VAL(CALLBACKTYPE_syscall, 2);
VAL(CALLBACKTYPE_sysenter, 3);
VAL(CALLBACKTYPE_nmi, 4);
VAL(CALLBACKF_mask_events, 1);

/* §5.7 cpu_user_regs. */
SIZE(cpu_user_regs_t, 68);
OFF(cpu_user_regs_t, ebx, 0);
OFF(cpu_user_regs_t, ecx, 4);
OFF(cpu_user_regs_t, edx, 8);
OFF(cpu_user_regs_t, esi, 12);
OFF(cpu_user_regs_t, edi, 16);
OFF(cpu_user_regs_t, ebp, 20);
OFF(cpu_user_regs_t, eax, 24);
OFF(cpu_user_regs_t, error_code, 28);
OFF(cpu_user_regs_t, entry_vector, 30);
OFF(cpu_user_regs_t, eip, 32);
OFF(cpu_user_regs_t, cs, 36);
OFF(cpu_user_regs_t, saved_upcall_mask, 38);
OFF(cpu_user_regs_t, _pad0, 39);
OFF(cpu_user_regs_t, eflags, 40);
OFF(cpu_user_regs_t, esp, 44);
OFF(cpu_user_regs_t, ss, 48);
OFF(cpu_user_regs_t, es, 52);
OFF(cpu_user_regs_t, ds, 56);
OFF(cpu_user_regs_t, fs, 60);
OFF(cpu_user_regs_t, gs, 64);

/* §5.9 vcpu_guest_context. */
SIZE(vcpu_guest_context_t, 2800);
OFF(vcpu_guest_context_t, fpu_ctxt, 0);
OFF(vcpu_guest_context_t, flags, 512);
OFF(vcpu_guest_context_t, user_regs, 516);
OFF(vcpu_guest_context_t, user_regs.eip, 548);
OFF(vcpu_guest_context_t, trap_ctxt, 584);
OFF(vcpu_guest_context_t, ldt_base, 2632);
OFF(vcpu_guest_context_t, ldt_ents, 2636);
OFF(vcpu_guest_context_t, gdt_frames, 2640);
OFF(vcpu_guest_context_t, gdt_ents, 2704);
OFF(vcpu_guest_context_t, kernel_ss, 2708);
OFF(vcpu_guest_context_t, kernel_sp, 2712);
OFF(vcpu_guest_context_t, ctrlreg, 2716);
OFF(vcpu_guest_context_t, ctrlreg[3], 2728);
OFF(vcpu_guest_context_t, debugreg, 2748);
OFF(vcpu_guest_context_t, event_callback_cs, 2780);
OFF(vcpu_guest_context_t, event_callback_eip, 2784);
OFF(vcpu_guest_context_t, failsafe_callback_cs, 2788);
OFF(vcpu_guest_context_t, failsafe_callback_eip, 2792);
OFF(vcpu_guest_context_t, vm_assist, 2796);
SIZE(((vcpu_guest_context_t *)0)->fpu_ctxt, 512);
SIZE(((vcpu_guest_context_t *)0)->trap_ctxt, 2048);
SIZE(((vcpu_guest_context_t *)0)->gdt_frames, 64);
VAL(VGCF_i387_valid, 1);
VAL(VGCF_in_kernel, 4);
VAL(VGCF_failsafe_disables_events, 8);
VAL(VGCF_I387_VALID, 1);
VAL(VGCF_IN_KERNEL, 4);

/* §6 Event channels. */
SIZE(evtchn_port_t, 4);
SIZE(struct evtchn_op, 28);
OFF(struct evtchn_op, cmd, 0);
OFF(struct evtchn_op, u, 4);
SIZE(struct evtchn_bind_interdomain, 12);
OFF(struct evtchn_bind_interdomain, remote_dom, 0);
OFF(struct evtchn_bind_interdomain, remote_port, 4);
OFF(struct evtchn_bind_interdomain, local_port, 8);
SIZE(struct evtchn_bind_virq, 12);
OFF(struct evtchn_bind_virq, virq, 0);
OFF(struct evtchn_bind_virq, vcpu, 4);
OFF(struct evtchn_bind_virq, port, 8);
SIZE(struct evtchn_bind_pirq, 12);
OFF(struct evtchn_bind_pirq, pirq, 0);
OFF(struct evtchn_bind_pirq, flags, 4);
OFF(struct evtchn_bind_pirq, port, 8);
SIZE(struct evtchn_close, 4);
SIZE(struct evtchn_send, 4);
SIZE(struct evtchn_status, 24);
OFF(struct evtchn_status, dom, 0);
OFF(struct evtchn_status, port, 4);
OFF(struct evtchn_status, status, 8);
OFF(struct evtchn_status, vcpu, 12);
OFF(struct evtchn_status, u, 16);
OFF(struct evtchn_status, u.unbound.dom, 16);
OFF(struct evtchn_status, u.interdomain.dom, 16);
OFF(struct evtchn_status, u.interdomain.port, 20);
OFF(struct evtchn_status, u.pirq, 16);
OFF(struct evtchn_status, u.virq, 16);
SIZE(struct evtchn_alloc_unbound, 8);
OFF(struct evtchn_alloc_unbound, dom, 0);
OFF(struct evtchn_alloc_unbound, remote_dom, 2);
OFF(struct evtchn_alloc_unbound, port, 4);
SIZE(struct evtchn_bind_ipi, 8);
OFF(struct evtchn_bind_ipi, vcpu, 0);
OFF(struct evtchn_bind_ipi, port, 4);
SIZE(struct evtchn_bind_vcpu, 8);
OFF(struct evtchn_bind_vcpu, port, 0);
OFF(struct evtchn_bind_vcpu, vcpu, 4);
SIZE(struct evtchn_unmask, 4);
VAL(EVTCHNOP_bind_interdomain, 0);
VAL(EVTCHNOP_bind_virq, 1);
VAL(EVTCHNOP_bind_pirq, 2);
VAL(EVTCHNOP_close, 3);
VAL(EVTCHNOP_send, 4);
VAL(EVTCHNOP_status, 5);
VAL(EVTCHNOP_alloc_unbound, 6);
VAL(EVTCHNOP_bind_ipi, 7);
VAL(EVTCHNOP_bind_vcpu, 8);
VAL(EVTCHNOP_unmask, 9);
VAL(BIND_PIRQ__WILL_SHARE, 1);
VAL(EVTCHNSTAT_closed, 0);
VAL(EVTCHNSTAT_unbound, 1);
VAL(EVTCHNSTAT_interdomain, 2);
VAL(EVTCHNSTAT_pirq, 3);
VAL(EVTCHNSTAT_virq, 4);
VAL(EVTCHNSTAT_ipi, 5);

/* §6.3 VIRQs. */
VAL(VIRQ_TIMER, 0);
VAL(VIRQ_DEBUG, 1);
VAL(VIRQ_CONSOLE, 2);
VAL(VIRQ_DOM_EXC, 3);
VAL(VIRQ_TBUF, 4);
VAL(VIRQ_DEBUGGER, 6);
VAL(VIRQ_XENOPROF, 7);
VAL(VIRQ_ARCH_0, 16);
VAL(VIRQ_ARCH_7, 23);
VAL(NR_VIRQS, 24);

/* §7 Grant tables. */
SIZE(grant_entry_t, 8);
OFF(grant_entry_t, flags, 0);
OFF(grant_entry_t, domid, 2);
OFF(grant_entry_t, frame, 4);
SIZE(grant_ref_t, 4);
SIZE(grant_handle_t, 4);
SIZE(struct gnttab_map_grant_ref, 32);
OFF(struct gnttab_map_grant_ref, host_addr, 0);
OFF(struct gnttab_map_grant_ref, flags, 8);
OFF(struct gnttab_map_grant_ref, ref, 12);
OFF(struct gnttab_map_grant_ref, dom, 16);
OFF(struct gnttab_map_grant_ref, status, 18);
OFF(struct gnttab_map_grant_ref, handle, 20);
OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24);
SIZE(struct gnttab_unmap_grant_ref, 24);
OFF(struct gnttab_unmap_grant_ref, host_addr, 0);
OFF(struct gnttab_unmap_grant_ref, dev_bus_addr, 8);
OFF(struct gnttab_unmap_grant_ref, handle, 16);
OFF(struct gnttab_unmap_grant_ref, status, 20);
SIZE(struct gnttab_setup_table, 16);
OFF(struct gnttab_setup_table, dom, 0);
OFF(struct gnttab_setup_table, nr_frames, 4);
OFF(struct gnttab_setup_table, status, 8);
OFF(struct gnttab_setup_table, frame_list, 12);
SIZE(struct gnttab_dump_table, 4);
OFF(struct gnttab_dump_table, dom, 0);
OFF(struct gnttab_dump_table, status, 2);
SIZE(struct gnttab_transfer, 16);
OFF(struct gnttab_transfer, mfn, 0);
OFF(struct gnttab_transfer, domid, 4);
OFF(struct gnttab_transfer, ref, 8);
OFF(struct gnttab_transfer, status, 12);
SIZE(struct gnttab_copy, 24);
OFF(struct gnttab_copy, source.u.ref, 0);
OFF(struct gnttab_copy, source.u.gmfn, 0);
OFF(struct gnttab_copy, source.domid, 4);
OFF(struct gnttab_copy, source.offset, 6);
OFF(struct gnttab_copy, dest.u.ref, 8);
OFF(struct gnttab_copy, dest.domid, 12);
OFF(struct gnttab_copy, dest.offset, 14);
OFF(struct gnttab_copy, len, 16);
OFF(struct gnttab_copy, flags, 18);
OFF(struct gnttab_copy, status, 20);
VAL(GNTTABOP_map_grant_ref, 0);
VAL(GNTTABOP_unmap_grant_ref, 1);
VAL(GNTTABOP_setup_table, 2);
VAL(GNTTABOP_dump_table, 3);
VAL(GNTTABOP_transfer, 4);
VAL(GNTTABOP_copy, 5);
VAL(GTF_invalid, 0);
VAL(GTF_permit_access, 1);
VAL(GTF_accept_transfer, 2);
VAL(GTF_type_mask, 3);
VAL(GTF_readonly, 4);
VAL(GTF_reading, 8);
VAL(GTF_writing, 16);
VAL(GTF_transfer_committed, 4);
VAL(GTF_transfer_completed, 8);
VAL(GNTMAP_device_map, 1);
VAL(GNTMAP_host_map, 2);
VAL(GNTMAP_readonly, 4);
VAL(GNTMAP_application_map, 8);
VAL(GNTMAP_contains_pte, 16);
VAL(GNTCOPY_source_gref, 1);
VAL(GNTCOPY_dest_gref, 2);
VAL(GNTST_okay, 0);
VAL(GNTST_general_error, -1);
VAL(GNTST_bad_domain, -2);
VAL(GNTST_bad_gntref, -3);
VAL(GNTST_bad_handle, -4);
VAL(GNTST_bad_virt_addr, -5);
VAL(GNTST_bad_dev_addr, -6);
VAL(GNTST_no_device_space, -7);
VAL(GNTST_permission_denied, -8);
VAL(GNTST_bad_page, -9);
VAL(GNTST_bad_copy_arg, -10);

/* §8.1 sched_op. */
SIZE(struct sched_shutdown, 4);
OFF(struct sched_shutdown, reason, 0);
SIZE(struct sched_poll, 16);
OFF(struct sched_poll, ports, 0);
OFF(struct sched_poll, nr_ports, 4);
OFF(struct sched_poll, timeout, 8);
SIZE(struct sched_remote_shutdown, 8);
OFF(struct sched_remote_shutdown, domain_id, 0);
OFF(struct sched_remote_shutdown, reason, 4);
VAL(SCHEDOP_yield, 0);
VAL(SCHEDOP_block, 1);
VAL(SCHEDOP_shutdown, 2);
VAL(SCHEDOP_poll, 3);
VAL(SCHEDOP_remote_shutdown, 4);
VAL(SHUTDOWN_poweroff, 0);
VAL(SHUTDOWN_reboot, 1);
VAL(SHUTDOWN_suspend, 2);
VAL(SHUTDOWN_crash, 3);

/* §8.3 console_io. */
VAL(CONSOLEIO_write, 0);
VAL(CONSOLEIO_read, 1);

/* §8.4 xen_version. */
VAL(XENVER_version, 0);
VAL(XENVER_extraversion, 1);
VAL(XENVER_compile_info, 2);
VAL(XENVER_capabilities, 3);
VAL(XENVER_changeset, 4);
VAL(XENVER_platform_parameters, 5);
VAL(XENVER_get_features, 6);
VAL(XENVER_pagesize, 7);
VAL(XENVER_guest_handle, 8);
SIZE(xen_extraversion_t, 16);
SIZE(xen_compile_info_t, 144);
OFF(xen_compile_info_t, compiler, 0);
OFF(xen_compile_info_t, compile_by, 64);
OFF(xen_compile_info_t, compile_domain, 80);
OFF(xen_compile_info_t, compile_date, 112);
SIZE(xen_capabilities_info_t, 1024);
SIZE(xen_changeset_info_t, 64);
SIZE(xen_platform_parameters_t, 4);
OFF(xen_platform_parameters_t, virt_start, 0);
SIZE(struct xen_feature_info, 8);
OFF(struct xen_feature_info, submap_idx, 0);
OFF(struct xen_feature_info, submap, 4);
VAL(XENFEAT_writable_page_tables, 0);
VAL(XENFEAT_writable_descriptor_tables, 1);
VAL(XENFEAT_auto_translated_physmap, 2);
VAL(XENFEAT_supervisor_mode_kernel, 3);
VAL(XENFEAT_pae_pgdir_above_4gb, 4);
VAL(XENFEAT_NR_SUBMAPS, 1);

/* §8.5 memory_op. */
VAL(XENMEM_increase_reservation, 0);
VAL(XENMEM_decrease_reservation, 1);
VAL(XENMEM_maximum_ram_page, 2);
VAL(XENMEM_current_reservation, 3);
VAL(XENMEM_maximum_reservation, 4);
VAL(XENMEM_machphys_mfn_list, 5);
VAL(XENMEM_populate_physmap, 6);
VAL(XENMEM_add_to_physmap, 7);
VAL(XENMEM_translate_gpfn_list, 8);
VAL(XENMEM_memory_map, 9);
VAL(XENMEM_machine_memory_map, 10);
VAL(XENMEM_exchange, 11);
VAL(XENMEM_machphys_mapping, 12);
VAL(XENMEM_set_memory_map, 13);
VAL(XENMAPSPACE_shared_info, 0);
VAL(XENMAPSPACE_grant_table, 1);
SIZE(struct xen_memory_reservation, 20);
OFF(struct xen_memory_reservation, extent_start, 0);
OFF(struct xen_memory_reservation, nr_extents, 4);
OFF(struct xen_memory_reservation, extent_order, 8);
OFF(struct xen_memory_reservation, address_bits, 12);
OFF(struct xen_memory_reservation, domid, 16);
SIZE(struct xen_memory_exchange, 44);
OFF(struct xen_memory_exchange, in, 0);
OFF(struct xen_memory_exchange, out, 20);
OFF(struct xen_memory_exchange, nr_exchanged, 40);
SIZE(struct xen_machphys_mfn_list, 12);
OFF(struct xen_machphys_mfn_list, max_extents, 0);
OFF(struct xen_machphys_mfn_list, extent_start, 4);
OFF(struct xen_machphys_mfn_list, nr_extents, 8);
SIZE(struct xen_machphys_mapping, 12);
OFF(struct xen_machphys_mapping, v_start, 0);
OFF(struct xen_machphys_mapping, v_end, 4);
OFF(struct xen_machphys_mapping, max_mfn, 8);
SIZE(struct xen_add_to_physmap, 16);
OFF(struct xen_add_to_physmap, domid, 0);
OFF(struct xen_add_to_physmap, space, 4);
OFF(struct xen_add_to_physmap, idx, 8);
OFF(struct xen_add_to_physmap, gpfn, 12);
SIZE(struct xen_translate_gpfn_list, 16);
OFF(struct xen_translate_gpfn_list, domid, 0);
OFF(struct xen_translate_gpfn_list, nr_gpfns, 4);
OFF(struct xen_translate_gpfn_list, gpfn_list, 8);
OFF(struct xen_translate_gpfn_list, mfn_list, 12);
SIZE(struct xen_memory_map, 8);
OFF(struct xen_memory_map, nr_entries, 0);
OFF(struct xen_memory_map, buffer, 4);
SIZE(struct xen_foreign_memory_map, 12);
OFF(struct xen_foreign_memory_map, domid, 0);
OFF(struct xen_foreign_memory_map, map, 4);

/* §8.6 vcpu_op. */
VAL(VCPUOP_initialise, 0);
VAL(VCPUOP_up, 1);
VAL(VCPUOP_down, 2);
VAL(VCPUOP_is_up, 3);
VAL(VCPUOP_get_runstate_info, 4);
VAL(VCPUOP_register_runstate_memory_area, 5);
VAL(RUNSTATE_running, 0);
VAL(RUNSTATE_runnable, 1);
VAL(RUNSTATE_blocked, 2);
VAL(RUNSTATE_offline, 3);
SIZE(struct vcpu_runstate_info, 44);
OFF(struct vcpu_runstate_info, state, 0);
OFF(struct vcpu_runstate_info, state_entry_time, 4);
OFF(struct vcpu_runstate_info, time, 12);
SIZE(struct vcpu_register_runstate_memory_area, 8);
OFF(struct vcpu_register_runstate_memory_area, addr.h, 0);
OFF(struct vcpu_register_runstate_memory_area, addr.v, 0);

/* §8.7 physdev_op. */
VAL(PHYSDEVOP_IRQ_UNMASK_NOTIFY, 4);
VAL(PHYSDEVOP_irq_status_query, 5);
VAL(PHYSDEVOP_set_iopl, 6);
VAL(PHYSDEVOP_set_iobitmap, 7);
VAL(PHYSDEVOP_apic_read, 8);
VAL(PHYSDEVOP_apic_write, 9);
VAL(PHYSDEVOP_alloc_irq_vector, 10);
VAL(PHYSDEVOP_free_irq_vector, 11);
VAL(PHYSDEVOP_eoi, 12);
VAL(XENIRQSTAT_needs_eoi, 1);
VAL(XENIRQSTAT_shared, 2);
SIZE(struct physdev_op, 16);
OFF(struct physdev_op, cmd, 0);
OFF(struct physdev_op, u, 4);
SIZE(struct physdev_irq_status_query, 8);
OFF(struct physdev_irq_status_query, irq, 0);
OFF(struct physdev_irq_status_query, flags, 4);
SIZE(struct physdev_set_iopl, 4);
SIZE(struct physdev_set_iobitmap, 8);
OFF(struct physdev_set_iobitmap, bitmap, 0);
OFF(struct physdev_set_iobitmap, nr_ports, 4);
SIZE(struct physdev_apic, 12);
OFF(struct physdev_apic, apic_physbase, 0);
OFF(struct physdev_apic, reg, 4);
OFF(struct physdev_apic, value, 8);
SIZE(struct physdev_irq, 8);
OFF(struct physdev_irq, irq, 0);
OFF(struct physdev_irq, vector, 4);
SIZE(struct physdev_eoi, 4);

/* §8.8 nmi_op. */
VAL(XENNMI_register_callback, 0);
VAL(XENNMI_unregister_callback, 1);
SIZE(struct xennmi_callback, 8);
OFF(struct xennmi_callback, handler_address, 0);
OFF(struct xennmi_callback, pad, 4);

/* §9.1 domctl. */
SIZE(struct xen_domctl, 140);
OFF(struct xen_domctl, cmd, 0);
OFF(struct xen_domctl, interface_version, 4);
OFF(struct xen_domctl, domain, 8);
OFF(struct xen_domctl, u, 12);
SIZE(((struct xen_domctl *)0)->u, 128);
VAL(XEN_DOMCTL_createdomain, 1);
VAL(XEN_DOMCTL_destroydomain, 2);
VAL(XEN_DOMCTL_pausedomain, 3);
VAL(XEN_DOMCTL_unpausedomain, 4);
VAL(XEN_DOMCTL_getdomaininfo, 5);
VAL(XEN_DOMCTL_getmemlist, 6);
VAL(XEN_DOMCTL_getpageframeinfo, 7);
VAL(XEN_DOMCTL_getpageframeinfo2, 8);
VAL(XEN_DOMCTL_setvcpuaffinity, 9);
VAL(XEN_DOMCTL_shadow_op, 10);
VAL(XEN_DOMCTL_max_mem, 11);
VAL(XEN_DOMCTL_setvcpucontext, 12);
VAL(XEN_DOMCTL_getvcpucontext, 13);
VAL(XEN_DOMCTL_getvcpuinfo, 14);
VAL(XEN_DOMCTL_max_vcpus, 15);
VAL(XEN_DOMCTL_scheduler_op, 16);
VAL(XEN_DOMCTL_setdomainhandle, 17);
VAL(XEN_DOMCTL_setdebugging, 18);
VAL(XEN_DOMCTL_irq_permission, 19);
VAL(XEN_DOMCTL_iomem_permission, 20);
VAL(XEN_DOMCTL_ioport_permission, 21);
VAL(XEN_DOMCTL_hypercall_init, 22);
VAL(XEN_DOMCTL_arch_setup, 23);
VAL(XEN_DOMCTL_settimeoffset, 24);
VAL(XEN_DOMCTL_getvcpuaffinity, 25);
VAL(XEN_DOMCTL_real_mode_area, 26);
VAL(XEN_DOMCTL_CDF_hvm_guest, 1);

SIZE(struct xen_domctl_createdomain, 24);
OFF(struct xen_domctl_createdomain, ssidref, 0);
OFF(struct xen_domctl_createdomain, handle, 4);
OFF(struct xen_domctl_createdomain, flags, 20);
OFF(struct xen_domctl, u.createdomain.flags, 32);

SIZE(struct xen_domctl_getdomaininfo, 68);
OFF(struct xen_domctl_getdomaininfo, domain, 0);
OFF(struct xen_domctl_getdomaininfo, flags, 4);
OFF(struct xen_domctl_getdomaininfo, tot_pages, 8);
OFF(struct xen_domctl_getdomaininfo, max_pages, 16);
OFF(struct xen_domctl_getdomaininfo, shared_info_frame, 24);
OFF(struct xen_domctl_getdomaininfo, cpu_time, 32);
OFF(struct xen_domctl_getdomaininfo, nr_online_vcpus, 40);
OFF(struct xen_domctl_getdomaininfo, max_vcpu_id, 44);
OFF(struct xen_domctl_getdomaininfo, ssidref, 48);
OFF(struct xen_domctl_getdomaininfo, handle, 52);
OFF(struct xen_domctl, u.getdomaininfo.tot_pages, 20);
VAL(XEN_DOMINF_dying, 1 << 0);
VAL(XEN_DOMINF_hvm_guest, 1 << 1);
VAL(XEN_DOMINF_shutdown, 1 << 2);
VAL(XEN_DOMINF_paused, 1 << 3);
VAL(XEN_DOMINF_blocked, 1 << 4);
VAL(XEN_DOMINF_running, 1 << 5);
VAL(XEN_DOMINF_CPUMASK << XEN_DOMINF_CPUSHIFT, 0xFF00);
VAL(XEN_DOMINF_SHUTDOWNMASK << XEN_DOMINF_SHUTDOWNSHIFT, 0xFF0000);

SIZE(struct xen_domctl_getmemlist, 28);
OFF(struct xen_domctl_getmemlist, max_pfns, 0);
OFF(struct xen_domctl_getmemlist, start_pfn, 8);
OFF(struct xen_domctl_getmemlist, buffer, 16);
OFF(struct xen_domctl_getmemlist, num_pfns, 20);

SIZE(struct xen_domctl_getpageframeinfo, 12);
OFF(struct xen_domctl_getpageframeinfo, gmfn, 0);
OFF(struct xen_domctl_getpageframeinfo, type, 8);
SIZE(struct xen_domctl_getpageframeinfo2, 12);
OFF(struct xen_domctl_getpageframeinfo2, num, 0);
OFF(struct xen_domctl_getpageframeinfo2, array, 8);
VAL(XEN_DOMCTL_PFINFO_NOTAB, 0);
VAL(XEN_DOMCTL_PFINFO_L1TAB, 0x10000000u);
VAL(XEN_DOMCTL_PFINFO_L2TAB, 0x20000000u);
VAL(XEN_DOMCTL_PFINFO_L3TAB, 0x30000000u);
VAL(XEN_DOMCTL_PFINFO_L4TAB, 0x40000000u);
VAL(XEN_DOMCTL_PFINFO_LTABTYPE_MASK, 0x70000000u);
VAL(XEN_DOMCTL_PFINFO_LPINTAB, 0x80000000u);
VAL(XEN_DOMCTL_PFINFO_XTAB, 0xF0000000u);
VAL(XEN_DOMCTL_PFINFO_LTAB_MASK, 0xF0000000u);

SIZE(struct xenctl_cpumap, 8);
OFF(struct xenctl_cpumap, bitmap, 0);
OFF(struct xenctl_cpumap, nr_cpus, 4);
SIZE(struct xen_domctl_vcpuaffinity, 12);
OFF(struct xen_domctl_vcpuaffinity, vcpu, 0);
OFF(struct xen_domctl_vcpuaffinity, cpumap.bitmap, 4);
OFF(struct xen_domctl_vcpuaffinity, cpumap.nr_cpus, 8);

SIZE(struct xen_domctl_shadow_op, 32);
OFF(struct xen_domctl_shadow_op, op, 0);
OFF(struct xen_domctl_shadow_op, mode, 4);
OFF(struct xen_domctl_shadow_op, mb, 8);
OFF(struct xen_domctl_shadow_op, dirty_bitmap, 12);
OFF(struct xen_domctl_shadow_op, pages, 16);
OFF(struct xen_domctl_shadow_op, stats.fault_count, 24);
OFF(struct xen_domctl_shadow_op, stats.dirty_count, 28);

SIZE(struct xen_domctl_max_mem, 8);
SIZE(struct xen_domctl_vcpucontext, 8);
OFF(struct xen_domctl_vcpucontext, vcpu, 0);
OFF(struct xen_domctl_vcpucontext, ctxt, 4);

SIZE(struct xen_domctl_getvcpuinfo, 20);
OFF(struct xen_domctl_getvcpuinfo, vcpu, 0);
OFF(struct xen_domctl_getvcpuinfo, online, 4);
OFF(struct xen_domctl_getvcpuinfo, blocked, 5);
OFF(struct xen_domctl_getvcpuinfo, running, 6);
OFF(struct xen_domctl_getvcpuinfo, cpu_time, 8);
OFF(struct xen_domctl_getvcpuinfo, cpu, 16);

SIZE(struct xen_domctl_max_vcpus, 4);

SIZE(struct xen_domctl_scheduler_op, 40);
OFF(struct xen_domctl_scheduler_op, sched_id, 0);
OFF(struct xen_domctl_scheduler_op, cmd, 4);
OFF(struct xen_domctl_scheduler_op, u, 8);
OFF(struct xen_domctl_scheduler_op, u.sedf.period, 8);
OFF(struct xen_domctl_scheduler_op, u.sedf.slice, 16);
OFF(struct xen_domctl_scheduler_op, u.sedf.latency, 24);
OFF(struct xen_domctl_scheduler_op, u.sedf.extratime, 32);
OFF(struct xen_domctl_scheduler_op, u.sedf.weight, 36);
OFF(struct xen_domctl_scheduler_op, u.credit.weight, 8);
OFF(struct xen_domctl_scheduler_op, u.credit.cap, 10);
VAL(XEN_SCHEDULER_SEDF, 4);
VAL(XEN_SCHEDULER_CREDIT, 5);
VAL(XEN_DOMCTL_SCHEDOP_putinfo, 0);
VAL(XEN_DOMCTL_SCHEDOP_getinfo, 1);

SIZE(struct xen_domctl_setdomainhandle, 16);
SIZE(struct xen_domctl_setdebugging, 1);
SIZE(struct xen_domctl_irq_permission, 2);
OFF(struct xen_domctl_irq_permission, pirq, 0);
OFF(struct xen_domctl_irq_permission, allow_access, 1);
SIZE(struct xen_domctl_iomem_permission, 20);
OFF(struct xen_domctl_iomem_permission, first_mfn, 0);
OFF(struct xen_domctl_iomem_permission, nr_mfns, 8);
OFF(struct xen_domctl_iomem_permission, allow_access, 16);
SIZE(struct xen_domctl_ioport_permission, 12);
OFF(struct xen_domctl_ioport_permission, first_port, 0);
OFF(struct xen_domctl_ioport_permission, nr_ports, 4);
OFF(struct xen_domctl_ioport_permission, allow_access, 8);
SIZE(struct xen_domctl_hypercall_init, 8);
OFF(struct xen_domctl, u.hypercall_init.gmfn, 12);
SIZE(struct xen_domctl_arch_setup, 8);
SIZE(struct xen_domctl_settimeoffset, 4);
SIZE(struct xen_domctl_real_mode_area, 4);

/* §9.2 sysctl. */
SIZE(struct xen_sysctl, 136);
OFF(struct xen_sysctl, cmd, 0);
OFF(struct xen_sysctl, interface_version, 4);
OFF(struct xen_sysctl, u, 8);
VAL(XEN_SYSCTL_readconsole, 1);
VAL(XEN_SYSCTL_tbuf_op, 2);
VAL(XEN_SYSCTL_physinfo, 3);
VAL(XEN_SYSCTL_sched_id, 4);
VAL(XEN_SYSCTL_perfc_op, 5);
VAL(XEN_SYSCTL_getdomaininfolist, 6);
SIZE(struct xen_sysctl_readconsole, 12);
OFF(struct xen_sysctl_readconsole, clear, 0);
OFF(struct xen_sysctl_readconsole, buffer, 4);
OFF(struct xen_sysctl_readconsole, count, 8);
SIZE(struct xen_sysctl_physinfo, 76);
OFF(struct xen_sysctl_physinfo, threads_per_core, 0);
OFF(struct xen_sysctl_physinfo, cores_per_socket, 4);
OFF(struct xen_sysctl_physinfo, sockets_per_node, 8);
OFF(struct xen_sysctl_physinfo, nr_nodes, 12);
OFF(struct xen_sysctl_physinfo, cpu_khz, 16);
OFF(struct xen_sysctl_physinfo, total_pages, 20);
OFF(struct xen_sysctl_physinfo, free_pages, 28);
OFF(struct xen_sysctl_physinfo, scrub_pages, 36);
OFF(struct xen_sysctl_physinfo, hw_cap, 44);
SIZE(struct xen_sysctl_sched_id, 4);
SIZE(struct xen_sysctl_getdomaininfolist, 16);
OFF(struct xen_sysctl_getdomaininfolist, first_domain, 0);
OFF(struct xen_sysctl_getdomaininfolist, max_domains, 4);
OFF(struct xen_sysctl_getdomaininfolist, buffer, 8);
OFF(struct xen_sysctl_getdomaininfolist, num_domains, 12);

/* §9.3 platform_op. */
SIZE(struct xen_platform_op, 136);
OFF(struct xen_platform_op, cmd, 0);
OFF(struct xen_platform_op, interface_version, 4);
OFF(struct xen_platform_op, u, 8);
VAL(XENPF_settime, 17);
VAL(XENPF_add_memtype, 31);
VAL(XENPF_del_memtype, 32);
VAL(XENPF_read_memtype, 33);
VAL(XENPF_microcode_update, 35);
VAL(XENPF_platform_quirk, 39);
VAL(DOM0_MSR, 15);
VAL(DOM0_PHYSICAL_MEMORY_MAP, 40);
VAL(QUIRK_NOIRQBALANCING, 1);
VAL(QUIRK_IOAPIC_BAD_REGSEL, 2);
VAL(QUIRK_IOAPIC_GOOD_REGSEL, 3);
SIZE(struct xenpf_settime, 16);
OFF(struct xenpf_settime, secs, 0);
OFF(struct xenpf_settime, nsecs, 4);
OFF(struct xenpf_settime, system_time, 8);
OFF(struct xenpf_add_memtype, mfn, 0);
OFF(struct xenpf_add_memtype, nr_mfns, 4);
OFF(struct xenpf_add_memtype, type, 12);
SIZE(struct xenpf_platform_quirk, 4);

/* §10.1 Shared rings. */
SIZE(RING_IDX, 4);
OFF(struct blkif_sring, req_prod, 0);
OFF(struct blkif_sring, req_event, 4);
OFF(struct blkif_sring, rsp_prod, 8);
OFF(struct blkif_sring, rsp_event, 12);
OFF(struct blkif_sring, pad, 16);
OFF(struct blkif_sring, ring, 64);
OFF(struct netif_tx_sring, ring, 64);
OFF(struct netif_rx_sring, ring, 64);
SIZE(union blkif_sring_entry, 108);
SIZE(union netif_tx_sring_entry, 12);
SIZE(union netif_rx_sring_entry, 8);
VAL(__RING_SIZE((struct blkif_sring *)0, 4096), 32);
VAL(__RING_SIZE((struct netif_tx_sring *)0, 4096), 256);
VAL(__RING_SIZE((struct netif_rx_sring *)0, 4096), 256);

/* §10.2 Console ring. */
SIZE(struct xencons_interface, 3088);
OFF(struct xencons_interface, in, 0);
OFF(struct xencons_interface, out, 1024);
OFF(struct xencons_interface, in_cons, 3072);
OFF(struct xencons_interface, in_prod, 3076);
OFF(struct xencons_interface, out_cons, 3080);
OFF(struct xencons_interface, out_prod, 3084);

/* §10.3 Block interface. */
SIZE(blkif_vdev_t, 2);
SIZE(blkif_sector_t, 8);
VAL(BLKIF_OP_READ, 0);
VAL(BLKIF_OP_WRITE, 1);
VAL(BLKIF_OP_WRITE_BARRIER, 2);
VAL(BLKIF_MAX_SEGMENTS_PER_REQUEST, 11);
VAL(BLKIF_RSP_OKAY, 0);
VAL(BLKIF_RSP_ERROR, -1);
VAL(BLKIF_RSP_EOPNOTSUPP, -2);
VAL(VDISK_CDROM, 1);
VAL(VDISK_REMOVABLE, 2);
VAL(VDISK_READONLY, 4);
SIZE(struct blkif_request, 108);
OFF(struct blkif_request, operation, 0);
OFF(struct blkif_request, nr_segments, 1);
OFF(struct blkif_request, handle, 2);
OFF(struct blkif_request, id, 4);
OFF(struct blkif_request, sector_number, 12);
OFF(struct blkif_request, seg, 20);
OFF(struct blkif_request, seg[1], 28);
SIZE(struct blkif_request_segment, 8);
OFF(struct blkif_request_segment, gref, 0);
OFF(struct blkif_request_segment, first_sect, 4);
OFF(struct blkif_request_segment, last_sect, 5);
SIZE(struct blkif_response, 12);
OFF(struct blkif_response, id, 0);
OFF(struct blkif_response, operation, 8);
OFF(struct blkif_response, status, 10);

/* §10.4 Network interface. */
SIZE(struct netif_tx_request, 12);
OFF(struct netif_tx_request, gref, 0);
OFF(struct netif_tx_request, offset, 4);
OFF(struct netif_tx_request, flags, 6);
OFF(struct netif_tx_request, id, 8);
OFF(struct netif_tx_request, size, 10);
SIZE(struct netif_tx_response, 4);
OFF(struct netif_tx_response, id, 0);
OFF(struct netif_tx_response, status, 2);
SIZE(struct netif_rx_request, 8);
OFF(struct netif_rx_request, id, 0);
OFF(struct netif_rx_request, gref, 4);
SIZE(struct netif_rx_response, 8);
OFF(struct netif_rx_response, id, 0);
OFF(struct netif_rx_response, offset, 2);
OFF(struct netif_rx_response, flags, 4);
OFF(struct netif_rx_response, status, 6);
SIZE(struct netif_extra_info, 8);
OFF(struct netif_extra_info, type, 0);
OFF(struct netif_extra_info, flags, 1);
OFF(struct netif_extra_info, u.gso.size, 2);
OFF(struct netif_extra_info, u.gso.type, 4);
OFF(struct netif_extra_info, u.gso.pad, 5);
OFF(struct netif_extra_info, u.gso.features, 6);
VAL(NETTXF_csum_blank, 1);
VAL(NETTXF_data_validated, 2);
VAL(NETTXF_more_data, 4);
VAL(NETTXF_extra_info, 8);
VAL(NETRXF_data_validated, 1);
VAL(NETRXF_csum_blank, 2);
VAL(NETRXF_more_data, 4);
VAL(NETRXF_extra_info, 8);
VAL(XEN_NETIF_EXTRA_TYPE_GSO, 1);
VAL(XEN_NETIF_EXTRA_FLAG_MORE, 1);
VAL(XEN_NETIF_GSO_TYPE_TCPV4, 1);
VAL(NETIF_RSP_DROPPED, -2);
VAL(NETIF_RSP_ERROR, -1);
VAL(NETIF_RSP_OKAY, 0);
VAL(NETIF_RSP_NULL, 1);

/* §10.5 Xenstore. */
SIZE(struct xenstore_domain_interface, 2064);
OFF(struct xenstore_domain_interface, req, 0);
OFF(struct xenstore_domain_interface, rsp, 1024);
OFF(struct xenstore_domain_interface, req_cons, 2048);
OFF(struct xenstore_domain_interface, req_prod, 2052);
OFF(struct xenstore_domain_interface, rsp_cons, 2056);
OFF(struct xenstore_domain_interface, rsp_prod, 2060);
VAL(XENSTORE_RING_SIZE, 1024);
SIZE(struct xsd_sockmsg, 16);
OFF(struct xsd_sockmsg, type, 0);
OFF(struct xsd_sockmsg, req_id, 4);
OFF(struct xsd_sockmsg, tx_id, 8);
OFF(struct xsd_sockmsg, len, 12);
VAL(XS_DEBUG, 0);
VAL(XS_DIRECTORY, 1);
VAL(XS_READ, 2);
VAL(XS_GET_PERMS, 3);
VAL(XS_WATCH, 4);
VAL(XS_UNWATCH, 5);
VAL(XS_TRANSACTION_START, 6);
VAL(XS_TRANSACTION_END, 7);
VAL(XS_INTRODUCE, 8);
VAL(XS_RELEASE, 9);
VAL(XS_GET_DOMAIN_PATH, 10);
VAL(XS_WRITE, 11);
VAL(XS_MKDIR, 12);
VAL(XS_RM, 13);
VAL(XS_SET_PERMS, 14);
VAL(XS_WATCH_EVENT, 15);
VAL(XS_ERROR, 16);
VAL(XS_IS_DOMAIN_INTRODUCED, 17);
VAL(XS_WATCH_PATH, 0);
VAL(XS_WATCH_TOKEN, 1);

/* §10.6 Xenbus states. */
VAL(XenbusStateUnknown, 0);
VAL(XenbusStateInitialising, 1);
VAL(XenbusStateInitWait, 2);
VAL(XenbusStateInitialised, 3);
VAL(XenbusStateConnected, 4);
VAL(XenbusStateClosing, 5);
VAL(XenbusStateClosed, 6);

/* §11.3 ELF notes. */
VAL(XEN_ELFNOTE_INFO, 0);
VAL(XEN_ELFNOTE_ENTRY, 1);
VAL(XEN_ELFNOTE_HYPERCALL_PAGE, 2);
VAL(XEN_ELFNOTE_VIRT_BASE, 3);
VAL(XEN_ELFNOTE_PADDR_OFFSET, 4);
VAL(XEN_ELFNOTE_XEN_VERSION, 5);
VAL(XEN_ELFNOTE_GUEST_OS, 6);
VAL(XEN_ELFNOTE_GUEST_VERSION, 7);
VAL(XEN_ELFNOTE_LOADER, 8);
VAL(XEN_ELFNOTE_PAE_MODE, 9);
VAL(XEN_ELFNOTE_FEATURES, 10);
VAL(XEN_ELFNOTE_BSD_SYMTAB, 11);
VAL(XEN_ELFNOTE_HV_START_LOW, 12);
VAL(XEN_ELFNOTE_CRASH_INFO, 0x1000001);
VAL(XEN_ELFNOTE_CRASH_REGS, 0x1000002);

/* query_size: Xen's later layout (not in the 3.0.4 fact sheet). */
_Static_assert(GNTTABOP_query_size == 6, "query_size number");
_Static_assert(sizeof(struct gnttab_query_size) == 16, "query_size size");
_Static_assert(offsetof(struct gnttab_query_size, nr_frames) == 4, "nr_frames");
_Static_assert(offsetof(struct gnttab_query_size, max_nr_frames) == 8, "max");
_Static_assert(offsetof(struct gnttab_query_size, status) == 12, "status");

/* Our own domctl command (not Xen's). */
_Static_assert(sizeof(struct xen_domctl_xenhv_counters) == 24, "counters size");
_Static_assert(sizeof(struct xen_domctl) == 140, "domctl still 140 bytes");
