/* Reflecting exceptions to guests; handling interrupts. */
#ifndef HV_TRAPS_H
#define HV_TRAPS_H
#include <stdint.h>

struct vcpu;

void guest_exception(struct vcpu *v);
int bounce_to_guest(struct vcpu *v, uint32_t cs, uint32_t eip,
                    int has_error, uint32_t error, int mask_events);

/* Device interrupts (legacy IRQ numbers). */
void irq_init(void);
void irq_dispatch(unsigned int irq);
/* Timer ticks since boot (TICK_HZ per second). */
#define TICK_HZ 100
uint64_t ticks_since_boot(void);
#endif
