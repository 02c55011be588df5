/*
 * Domain and vCPU life cycle: creation, shutdown, crash.
 *
 * The domain table is owned by the hypervisor as a whole; with one
 * physical CPU and interrupts off in the hypervisor nothing else touches
 * it concurrently.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/shutdown.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/event.h"
#include "hypervisor/include/grant.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/relinquish.h"
#include "hypervisor/include/traps.h"

#define GRANT_TABLE_PAGES \
    ((sizeof(struct grant_table) + PAGE_SIZE - 1) / PAGE_SIZE)
#include "public/sched.h"

static struct domain *domains[MAX_DOMAINS];
static struct vcpu *cpu_current;

struct vcpu *current_vcpu(void)
{
    return cpu_current;
}

void set_current_vcpu(struct vcpu *v)
{
    cpu_current = v;
}

struct domain *domain_by_id(domid_t id)
{
    for (int i = 0; i < MAX_DOMAINS; i++)
        if (domains[i] && domains[i]->id == id)
            return domains[i];
    return NULL;
}

struct domain *domain_next(struct domain *prev)
{
    int i = 0;
    if (prev)
        while (i < MAX_DOMAINS && domains[i++] != prev)
            ;
    for (; i < MAX_DOMAINS; i++)
        if (domains[i])
            return domains[i];
    return NULL;
}

struct domain *domain_create(domid_t id, int privileged)
{
    int slot = -1;
    for (int i = 0; i < MAX_DOMAINS && slot < 0; i++)
        if (!domains[i])
            slot = i;
    if (slot < 0 || domain_by_id(id))
        return NULL;
    _Static_assert(sizeof(struct domain) <= PAGE_SIZE, "domain fits a page");
    struct domain *d = alloc_xenheap_pages(1);
    if (!d)
        return NULL;
    d->shared_info = alloc_xenheap_pages(1);
    if (!d->shared_info) {
        free_xenheap_pages(d, 1);
        return NULL;
    }
    _Static_assert(sizeof(struct evtchn) * NR_EVENT_CHANNELS == 4 * PAGE_SIZE,
                   "event channels fill 4 pages");
    struct evtchn *ports = alloc_xenheap_pages(4);
    if (!ports) {
        free_xenheap_pages(d->shared_info, 1);
        free_xenheap_pages(d, 1);
        return NULL;
    }
    evtchn_init(d, ports);
    d->grant = alloc_xenheap_pages(GRANT_TABLE_PAGES);
    if (!d->grant) {
        free_xenheap_pages(ports, 4);
        free_xenheap_pages(d->shared_info, 1);
        free_xenheap_pages(d, 1);
        return NULL;
    }
    d->id = id;
    d->is_privileged = privileged;
    sched_domain_init(&d->sched);
    d->page_head = d->page_tail = INVALID_MFN;
    d->shared_info_mfn = virt_to_maddr(d->shared_info) >> PAGE_SHIFT;
    struct page_info *pg = mfn_to_page(d->shared_info_mfn);
    pg->owner = d;
    pg->type = FT_XEN_SHARED;
    pg->count = 1;          /* the domain's own reference, until it dies */
    for (int i = 0; i < MAX_VIRT_CPUS; i++)
        d->shared_info->vcpu_info[i].evtchn_upcall_mask = 1;
    domains[slot] = d;
    return d;
}

static void vcpu_singleshot_expired(void *data)
{
    send_guest_vcpu_virq(data, VIRQ_TIMER);
}

static void vcpu_poll_expired(void *data)
{
    vcpu_kick(data);
}

struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
    _Static_assert(sizeof(struct vcpu) <= 2 * PAGE_SIZE, "vcpu fits");
    if (id >= MAX_VIRT_CPUS || d->vcpu[id])
        return NULL;
    struct vcpu *v = alloc_xenheap_pages(2);
    if (!v)
        return NULL;
    v->id = id;
    v->domain = d;
    v->state = VCPU_DOWN;
    v->vcpu_info = &d->shared_info->vcpu_info[id];
    v->l2_mfn = v->twin_mfn = INVALID_MFN;
    v->singleshot_timer.fn = vcpu_singleshot_expired;
    v->singleshot_timer.data = v;
    v->poll_timer.fn = vcpu_poll_expired;
    v->poll_timer.data = v;
    d->vcpu[id] = v;
    return v;
}

static void vcpu_destroy(struct vcpu *v)
{
    timer_stop(&v->singleshot_timer);
    timer_stop(&v->poll_timer);
    sched_forget_vcpu(v);
    vcpu_release_desc(v);
    if (v->l2_mfn != INVALID_MFN)
        put_page_and_type(v->l2_mfn);
    v->l2_mfn = v->twin_mfn = INVALID_MFN;
    v->domain->vcpu[v->id] = NULL;
    free_xenheap_pages(v, 2);
}

void domain_destroy(struct domain *d)
{
    if (d->is_dying)
        return;
    d->is_dying = 1;
    d->is_shutdown = 1;
    evtchn_destroy(d);              /* before the vCPUs it refers to */
    grant_release_mappings(d);
    for (int i = 0; i < MAX_VIRT_CPUS; i++)
        if (d->vcpu[i])
            vcpu_destroy(d->vcpu[i]);
    domain_relinquish_frames(d);
    for (unsigned int i = 0; i < d->grant->nr_frames; i++)
        put_page(d->grant->shared_mfn[i]);      /* the domain's own ref */
    put_page(d->shared_info_mfn);
    for (int i = 0; i < MAX_DOMAINS; i++)
        if (domains[i] == d)
            domains[i] = NULL;
    printk(LOG_INFO, "domain %u destroyed\n", d->id);
    sched_domain_changed(d);
    d->is_destroyed = 1;
    domain_free_if_unused(d);
}

void domain_free_if_unused(struct domain *d)
{
    if (!d->is_destroyed || d->tot_pages)
        return;
    free_xenheap_pages(d->grant, GRANT_TABLE_PAGES);
    free_xenheap_pages(d->evtchn, 4);
    free_xenheap_pages(d, 1);
}

void vcpu_dump_registers(const struct vcpu *v)
{
    const struct trap_frame *r = &v->regs;
    printk(LOG_ERR, "d%u v%u: eip %08x cs %04x eflags %08x esp %08x ss %04x\n",
           v->domain->id, v->id, r->eip, r->cs & 0xFFFF, r->eflags, r->esp,
           r->ss & 0xFFFF);
    printk(LOG_ERR, "  eax %08x ebx %08x ecx %08x edx %08x\n",
           r->eax, r->ebx, r->ecx, r->edx);
    printk(LOG_ERR, "  esi %08x edi %08x ebp %08x\n", r->esi, r->edi, r->ebp);
    printk(LOG_ERR, "  ds %04x es %04x fs %04x gs %04x cr2 %08x "
           "last vector %u error %x\n", r->ds & 0xFFFF, r->es & 0xFFFF,
           r->fs & 0xFFFF, r->gs & 0xFFFF, v->vcpu_info->arch.cr2,
           r->vector, r->error_code);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend", "crash" };
    if (d->is_shutdown)
        return;
    d->is_shutdown = 1;
    d->shutdown_reason = reason;
    for (int i = 0; i < MAX_VIRT_CPUS; i++)
        if (d->vcpu[i]) {
            d->vcpu[i]->state = VCPU_DOWN;
            timer_stop(&d->vcpu[i]->singleshot_timer);
            timer_stop(&d->vcpu[i]->poll_timer);
        }
    printk(LOG_INFO, "domain %u shut down: %s\n", d->id,
           reason < 4 ? names[reason] : "unknown reason");
    sched_domain_changed(d);
    struct domain *d0 = domain_by_id(0);
    if (d0 && d0 != d)
        send_guest_global_virq(d0, VIRQ_DOM_EXC);
    /* Without dom0 there is nothing left to manage the machine. */
    if (d->id == 0)
        machine_shutdown(reason);
}

void domain_crash(struct domain *d, const char *why)
{
    printk(LOG_ERR, "domain %u crashed: %s\n", d->id, why);
    if (current && current->domain == d)
        vcpu_dump_registers(current);
    domain_shutdown(d, SHUTDOWN_crash);
    if (current && current->domain == d)
        return_to_guest();
}
