/*
 * The event and failsafe callbacks of the test guests.
 *
 * The hypervisor enters event_callback with events masked and its bounce
 * frame on our ring-1 stack (ABI 5.6):
 *
 *     [esp]      EIP     where we were interrupted
 *     [esp + 4]  CS      bits 23:16 = the event mask before this upcall
 *     [esp + 8]  EFLAGS  IF = !(that mask): the "virtual IF"
 *
 * We save the registers C may clobber, run the dispatcher, restore them
 * and jump to the iret stub of the hypercall page (slot 23).  The frame
 * is then exactly what HYPERVISOR_iret expects (ABI 5.8): it restores
 * EIP, CS and EFLAGS and sets the event mask to !IF, i.e. back to what it
 * was, in the same step.  A plain iret could not do that atomically: an
 * event arriving between clearing the mask and the iret would nest on
 * this frame.
 */
#define HYPERCALL_IRET_SLOT (23 * 32)

    .text
    .globl event_callback
event_callback:
    pushl %eax
    pushl %ecx
    pushl %edx
    cld
    call events_dispatch
    popl %edx
    popl %ecx
    popl %eax
    jmp hypercall_page + HYPERCALL_IRET_SLOT

/* Returning to us failed (ABI 5.3): report it and stop. */
    .globl failsafe_callback
failsafe_callback:
    call events_failsafe
1:  jmp 1b
