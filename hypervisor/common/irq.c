/*
 * Device interrupts owned by the hypervisor: the timer on IRQ 0, which
 * drives timers and the scheduler (sched_tick).  Other IRQs are
 * acknowledged and passed to dom0 if it bound them to an event channel.
 */
#include "hypervisor/include/traps.h"
#include "hypervisor/include/sched.h"
#include "hypervisor/include/event.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/console.h"
#include "arch/x86_32/pic.h"
#include "arch/x86_32/pit.h"

void irq_init(void)
{
    pic_init();
    pit_start_periodic(TICK_HZ);
    pic_unmask(0);
    if (console_irq() >= 0) {
        console_enable_input_irq();
        pic_unmask((unsigned int)console_irq());
    }
}

void irq_route_to_dom0(unsigned int irq)
{
    if (irq != 0 && irq != 2 && (int)irq != console_irq() && irq < NR_PIRQS)
        pic_unmask(irq);
}

void irq_dispatch(unsigned int irq)
{
    pic_eoi(irq);
    struct domain *d0 = domain_by_id(0);
    if (irq == 0) {
        sched_tick();
        return;
    }
    if ((int)irq == console_irq()) {
        if (console_receive() && d0)
            send_guest_global_virq(d0, VIRQ_CONSOLE);
        return;
    }
    if (d0)
        send_guest_pirq(d0, irq);
}
