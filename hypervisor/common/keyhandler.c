/*
 * Debug keys, typed on the serial line while input goes to the
 * hypervisor (three Ctrl-A presses switch).  They only print.
 */
#include "hypervisor/include/console.h"
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/time.h"

static const char *const state_names[] = { "down", "runnable", "blocked" };

static void list_domains(void)
{
    printk(LOG_NONE, "domains at %llu ms:\n",
           (unsigned long long)(now_ns() / 1000000));
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d)) {
        printk(LOG_NONE, "  d%u: %u pages (max %u), weight %u cap %u, "
               "cpu %llu ms%s%s%s\n", d->id, d->tot_pages, d->max_pages,
               d->sched.weight, d->sched.cap,
               (unsigned long long)(d->sched.cpu_time / 1000000),
               d->is_privileged ? ", privileged" : "",
               d->pause_count ? ", paused" : "",
               d->is_shutdown ? ", shut down" : "");
        for (int i = 0; i < MAX_VIRT_CPUS; i++) {
            struct vcpu *v = d->vcpu[i];
            if (v)
                printk(LOG_NONE, "    v%d: %s, upcall pending %u mask %u\n",
                       i, state_names[v->state],
                       v->vcpu_info->evtchn_upcall_pending,
                       v->vcpu_info->evtchn_upcall_mask);
        }
    }
}

static void dump_registers(void)
{
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d))
        for (int i = 0; i < MAX_VIRT_CPUS; i++)
            if (d->vcpu[i])
                vcpu_dump_registers(d->vcpu[i]);
}

static void memory_info(void)
{
    frames_report(LOG_NONE);
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d))
        printk(LOG_NONE, "  d%u owns %u frames\n", d->id, d->tot_pages);
}

void debug_key(char key)
{
    switch (key) {
    case 'q':
        list_domains();
        break;
    case 'r':
        dump_registers();
        break;
    case 'm':
        memory_info();
        break;
    default:
        printk(LOG_NONE, "debug keys: q list domains, r dump registers, "
               "m memory; Ctrl-A three times returns input to dom0\n");
        break;
    }
}
