/* Reflecting exceptions to guests; handling interrupts. */
#ifndef HV_TRAPS_H
#define HV_TRAPS_H
#include <stdint.h>

struct vcpu;

void guest_exception(struct vcpu *v);
/* Port I/O a guest may do, emulated after its #GP (ioport.c): 1 if done. */
int emulate_privileged_io(struct vcpu *v);
int bounce_to_guest(struct vcpu *v, uint32_t cs, uint32_t eip,
                    int has_error, uint32_t error, int mask_events);

/* Direct system-call gates (fast_trap.c). */
struct trap_info;
int fast_trap_allowed(const struct trap_info *ti);
void fast_trap_load(struct vcpu *v);

/* Device interrupts (legacy IRQ numbers). */
void irq_init(void);
void irq_dispatch(unsigned int irq);
/* dom0 bound physical IRQ irq: let it through (the timer and console stay ours). */
void irq_route_to_dom0(unsigned int irq);
/* The timer interrupt's rate: timers fire within 1 ms of their time. */
#define TICK_HZ 1000

/* The scheduler's: load v's x87 state; forget a vCPU that goes away. */
void fpu_load(struct vcpu *v);
void sched_forget_vcpu(struct vcpu *v);
#endif
