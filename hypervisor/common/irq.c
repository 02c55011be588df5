/*
 * Device interrupts owned by the hypervisor: for now only the timer tick
 * on IRQ 0.  Other IRQs are acknowledged and ignored.
 */
#include "hypervisor/include/traps.h"
#include "arch/x86_32/pic.h"
#include "arch/x86_32/pit.h"

static volatile uint64_t ticks;

void irq_init(void)
{
    pic_init();
    pit_start_periodic(TICK_HZ);
    pic_unmask(0);
}

uint64_t ticks_since_boot(void)
{
    return ticks;
}

void irq_dispatch(unsigned int irq)
{
    if (irq == 0)
        ticks++;
    pic_eoi(irq);
}
