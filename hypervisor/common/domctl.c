/*
 * domctl (#36): how dom0 creates, builds, runs and destroys domains.
 * Every caller but a privileged domain gets -EPERM; a wrong
 * interface_version gets -EACCES.
 *
 * A domain is built in steps, as Xen's tools do: createdomain (paused, no
 * vCPUs), max_mem, populate_physmap (memory_op) for its frames, mapping
 * them with mmu_update naming it as the foreign domain to load its
 * kernel and write its page tables, max_vcpus, hypercall_init,
 * setvcpucontext (which validates and pins nothing but takes CR3's
 * reference, validating the tables), then unpausedomain.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/descriptors.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/sched.h"
#include "hypervisor/include/time.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/lib.h"
#include "hypervisor/include/domctl_check.h"
#include "public/domctl.h"
#include "public/errno.h"
#include "arch/x86_32/eflags.h"

static domid_t id_rover;

static long create_domain(xen_domctl_t *op)
{
    domid_t id = op->domain;
    if (id == 0) {
        for (unsigned int tries = 0; tries < DOMID_FIRST_RESERVED; tries++) {
            id_rover = (domid_t)(id_rover % (DOMID_FIRST_RESERVED - 1) + 1);
            if (!domain_by_id(id_rover))
                break;
        }
        id = id_rover;
    }
    if (id == 0)
        return -EINVAL;         /* every id is taken */
    if (domain_by_id(id))
        return -EEXIST;
    struct domain *d = domain_create(id, 0);
    if (!d)
        return -ENOMEM;
    d->pause_count = 1;
    memcpy(d->handle, op->u.createdomain.handle, sizeof(d->handle));
    op->domain = id;
    printk(LOG_INFO, "domain %u created\n", id);
    return 0;
}

static void fill_domaininfo(struct domain *d, xen_domctl_getdomaininfo_t *i)
{
    uint32_t flags = 0, online = 0, blocked = 0, max_id = 0;
    for (unsigned int v = 0; v < MAX_VIRT_CPUS; v++) {
        struct vcpu *vc = d->vcpu[v];
        if (!vc)
            continue;
        max_id = v;
        if (vc->initialised && vc->state != VCPU_DOWN) {
            online++;
            blocked += vc->state == VCPU_BLOCKED;
        }
    }
    if (d->is_dying)
        flags |= XEN_DOMINF_dying;
    if (d->is_shutdown)
        flags |= XEN_DOMINF_shutdown |
                 (d->shutdown_reason << XEN_DOMINF_SHUTDOWNSHIFT);
    if (d->pause_count)
        flags |= XEN_DOMINF_paused;
    if (online && blocked == online)
        flags |= XEN_DOMINF_blocked;
    if (current && current->domain == d)
        flags |= XEN_DOMINF_running;
    memset(i, 0, sizeof(*i));
    i->domain = d->id;
    i->flags = flags;
    i->tot_pages = d->tot_pages;
    i->max_pages = d->max_pages;
    i->shared_info_frame = d->shared_info_mfn;
    i->cpu_time = d->sched.cpu_time;
    i->nr_online_vcpus = online;
    i->max_vcpu_id = max_id;
    memcpy(i->handle, d->handle, sizeof(i->handle));
}

static long get_domaininfo(xen_domctl_t *op)
{
    domid_t want = op->domain == DOMID_SELF ? current->domain->id : op->domain;
    struct domain *best = NULL;
    for (struct domain *d = domain_next(NULL); d; d = domain_next(d))
        if (d->id >= want && (!best || d->id < best->id))
            best = d;
    if (!best)
        return -ESRCH;
    fill_domaininfo(best, &op->u.getdomaininfo);
    op->domain = best->id;
    return 0;
}

static long get_memlist(struct domain *d, xen_domctl_t *op)
{
    xen_domctl_getmemlist_t *m = &op->u.getmemlist;
    uint32_t buf = (uint32_t)(uintptr_t)m->buffer.p;
    uint64_t n = 0;
    for (uint32_t mfn = d->page_head; mfn != INVALID_MFN && n < m->max_pfns;
         mfn = mfn_to_page(mfn)->next, n++)
        if (copy_to_guest(buf + (uint32_t)n * 4, &mfn, 4) < 0)
            return -EFAULT;
    m->num_pfns = n;
    return 0;
}

/* Load a vCPU context (setvcpucontext): registers, traps, tables, CR3. */
static long set_vcpu_context(struct vcpu *v, const vcpu_guest_context_t *c)
{
    struct domain *d = v->domain;
    if (vcpu_context_check(c) < 0)
        return -EINVAL;
    uint32_t cr3_mfn = c->ctrlreg[3] >> PAGE_SHIFT;
    if (!v->initialised && vcpu_new_baseptr(v, cr3_mfn) < 0) {
        printk(LOG_WARN, "d%u: setvcpucontext: %s\n", d->id, mm_why());
        return -EINVAL;
    }
    if (!v->initialised &&
        (vcpu_set_gdt(v, c->gdt_frames, c->gdt_ents) < 0 ||
         vcpu_set_ldt(v, c->ldt_base, c->ldt_ents) < 0)) {
        printk(LOG_WARN, "d%u: setvcpucontext: %s\n", d->id, mm_why());
        return -EINVAL;
    }
    const struct cpu_user_regs *u = &c->user_regs;
    struct trap_frame *r = &v->regs;
    r->ebx = u->ebx; r->ecx = u->ecx; r->edx = u->edx; r->esi = u->esi;
    r->edi = u->edi; r->ebp = u->ebp; r->eax = u->eax;
    r->eip = u->eip;
    r->cs = u->cs | ((u->cs & 3) ? 0 : 1);
    r->ss = u->ss | ((u->ss & 3) ? 0 : 1);
    r->esp = u->esp;
    r->eflags = (u->eflags & ~EFLAGS_IOPL) | EFLAGS_IF;
    r->ds = u->ds; r->es = u->es; r->fs = u->fs; r->gs = u->gs;
    v->fast_traps_changed = 1;
    for (int i = 0; i < 256; i++) {
        v->trap_table[i] = c->trap_ctxt[i];
        if (v->trap_table[i].cs && !(v->trap_table[i].cs & 3))
            v->trap_table[i].cs |= 1;
    }
    v->kernel_ss = c->kernel_ss | ((c->kernel_ss & 3) ? 0 : 1);
    v->kernel_sp = c->kernel_sp;
    v->event_cs = c->event_callback_cs | 1;
    v->event_eip = c->event_callback_eip;
    v->failsafe_cs = c->failsafe_callback_cs | 1;
    v->failsafe_eip = c->failsafe_callback_eip;
    v->failsafe_masks_events = !!(c->flags & VGCF_failsafe_disables_events);
    v->fpu_ts = !!(c->ctrlreg[0] & 8);
    if (c->flags & VGCF_i387_valid) {
        memcpy(v->fpu_state, &c->fpu_ctxt, sizeof(v->fpu_state));
        v->fpu_used = 1;
    }
    if (v->id == 0) {
        d->vm_assist = c->vm_assist;
        domain_update_wallclock(d);
    }
    vcpu_update_time(v);
    v->initialised = 1;
    v->state = VCPU_RUNNABLE;
    sched_vcpu_start(v);
    return 0;
}

static long get_vcpu_context(struct vcpu *v, vcpu_guest_context_t *c)
{
    if (!v->initialised)
        return -ENODATA;
    memset(c, 0, sizeof(*c));
    const struct trap_frame *r = &v->regs;
    struct cpu_user_regs *u = &c->user_regs;
    u->ebx = r->ebx; u->ecx = r->ecx; u->edx = r->edx; u->esi = r->esi;
    u->edi = r->edi; u->ebp = r->ebp; u->eax = r->eax; u->eip = r->eip;
    u->cs = (uint16_t)r->cs; u->eflags = r->eflags; u->esp = r->esp;
    u->ss = (uint16_t)r->ss; u->ds = (uint16_t)r->ds; u->es = (uint16_t)r->es;
    u->fs = (uint16_t)r->fs; u->gs = (uint16_t)r->gs;
    memcpy(c->trap_ctxt, v->trap_table, sizeof(c->trap_ctxt));
    c->ldt_base = v->ldt_base;
    c->ldt_ents = v->ldt_ents;
    for (unsigned int i = 0; i < v->gdt_nr_frames; i++)
        c->gdt_frames[i] = v->gdt_frames[i];
    c->gdt_ents = v->gdt_ents;
    c->kernel_ss = v->kernel_ss;
    c->kernel_sp = v->kernel_sp;
    c->ctrlreg[3] = mfn_to_maddr(v->l2_mfn);
    c->ctrlreg[0] = v->fpu_ts ? 8 : 0;
    c->event_callback_cs = v->event_cs;
    c->event_callback_eip = v->event_eip;
    c->failsafe_callback_cs = v->failsafe_cs;
    c->failsafe_callback_eip = v->failsafe_eip;
    c->vm_assist = v->domain->vm_assist;
    c->flags = VGCF_in_kernel;
    return 0;
}

static long vcpu_context_op(struct domain *d, xen_domctl_t *op)
{
    xen_domctl_vcpucontext_t *vc = &op->u.vcpucontext;
    if (!d->vcpu[vc->vcpu])
        return -ESRCH;
    struct vcpu *v = d->vcpu[vc->vcpu];
    uint32_t ptr = (uint32_t)(uintptr_t)vc->ctxt.p;
    static vcpu_guest_context_t ctxt;   /* 2800 bytes: not on the stack */
    if (op->cmd == XEN_DOMCTL_getvcpucontext) {
        long rc = get_vcpu_context(v, &ctxt);
        if (rc == 0 && copy_to_guest(ptr, &ctxt, sizeof(ctxt)) < 0)
            rc = -EFAULT;
        return rc;
    }
    if (!d->pause_count && v->initialised)
        return -EBUSY;
    if (copy_from_guest(&ctxt, ptr, sizeof(ctxt)) < 0)
        return -EFAULT;
    return set_vcpu_context(v, &ctxt);
}

static long scheduler_op(struct domain *d, xen_domctl_t *op)
{
    xen_domctl_scheduler_op_t *s = &op->u.scheduler_op;
    if (s->cmd == XEN_DOMCTL_SCHEDOP_getinfo) {
        s->u.credit.weight = (uint16_t)d->sched.weight;
        s->u.credit.cap = (uint16_t)d->sched.cap;
        return 0;
    }
    /* As in Xen, a weight of 0 leaves the weight unchanged. */
    if (s->u.credit.weight)
        d->sched.weight = s->u.credit.weight;
    d->sched.cap = s->u.credit.cap;
    sched_domain_changed(d);
    return 0;
}

static long hypercall_init(struct domain *d, xen_domctl_t *op)
{
    uint32_t mfn = (uint32_t)op->u.hypercall_init.gmfn;
    if (get_page_and_type(mfn, d, FT_WRITABLE) < 0)
        return -EACCES;
    uint8_t *p = map_frame(mfn);
    hypercall_page_fill(p);
    unmap_frame(p);
    put_page_and_type(mfn);
    return 0;
}

static long max_vcpus(struct domain *d, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++)
        if (!d->vcpu[i] && !vcpu_create(d, i))
            return -ENOMEM;
    return 0;
}

static long domctl_on(struct domain *caller, struct domain *d, xen_domctl_t *op)
{
    switch (op->cmd) {
    case XEN_DOMCTL_destroydomain:
        if (d == caller)
            return -EINVAL;
        domain_destroy(d);
        return 0;
    case XEN_DOMCTL_pausedomain:
        if (d == caller)
            return -EINVAL;
        d->pause_count = 1;
        sched_domain_changed(d);
        return 0;
    case XEN_DOMCTL_unpausedomain:
        if (!d->vcpu[0] || !d->vcpu[0]->initialised)
            return -EINVAL;
        d->pause_count = 0;
        for (int i = 0; i < MAX_VIRT_CPUS; i++)
            if (d->vcpu[i] && d->vcpu[i]->state == VCPU_RUNNABLE)
                sched_vcpu_start(d->vcpu[i]);
        return 0;
    case XEN_DOMCTL_getmemlist:
        return get_memlist(d, op);
    case XEN_DOMCTL_max_mem: {
        /* Never below what d holds (Xen 3.0.4's rule: the tools lower
         * the limit after the balloon gave frames back); a limit beyond
         * 32 bits of pages is no limit, not a wrapped one. */
        uint64_t pages = op->u.max_mem.max_memkb / 4;
        if (pages < d->tot_pages)
            return -EINVAL;
        d->max_pages = pages > UINT32_MAX ? UINT32_MAX : (uint32_t)pages;
        return 0;
    }
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
        return vcpu_context_op(d, op);
    case XEN_DOMCTL_getvcpuinfo: {
        xen_domctl_getvcpuinfo_t *i = &op->u.getvcpuinfo;
        if (!d->vcpu[i->vcpu])
            return -ESRCH;
        struct vcpu *v = d->vcpu[i->vcpu];
        i->online = v->initialised && v->state != VCPU_DOWN;
        i->blocked = v->state == VCPU_BLOCKED;
        i->running = v == current;
        i->cpu_time = d->sched.cpu_time;
        i->cpu = 0;
        return 0;
    }
    case XEN_DOMCTL_max_vcpus:
        return max_vcpus(d, op->u.max_vcpus.max);
    case XEN_DOMCTL_scheduler_op:
        return scheduler_op(d, op);
    case XEN_DOMCTL_setdomainhandle:
        memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
        return 0;
    case XEN_DOMCTL_hypercall_init:
        return hypercall_init(d, op);
    case XEN_DOMCTL_xenhv_getcounters:
        op->u.xenhv_counters.entries = d->counters.entries;
        op->u.xenhv_counters.hypercalls = d->counters.hypercalls;
        op->u.xenhv_counters.exceptions = d->counters.exceptions;
        return 0;
    case XEN_DOMCTL_settimeoffset:
        d->time_offset_s = op->u.settimeoffset.time_offset_seconds;
        domain_update_wallclock(d);
        return 0;
    default:
        return -ENOSYS;
    }
}

/* Which results go back to the caller. */
static int domctl_writes_back(uint32_t cmd)
{
    return cmd == XEN_DOMCTL_createdomain || cmd == XEN_DOMCTL_getdomaininfo ||
           cmd == XEN_DOMCTL_getmemlist || cmd == XEN_DOMCTL_getvcpuinfo ||
           cmd == XEN_DOMCTL_scheduler_op ||
           cmd == XEN_DOMCTL_xenhv_getcounters;
}

long do_domctl(const uint32_t arg[5])
{
    struct domain *caller = current->domain;
    static xen_domctl_t op;
    long rc;
    if (!caller->is_privileged)
        return -EPERM;
    if (copy_from_guest(&op, arg[0], sizeof(op)) < 0)
        return -EFAULT;
    rc = domctl_check(&op, caller->is_privileged);
    if (rc < 0)
        return rc;
    if (op.cmd == XEN_DOMCTL_createdomain) {
        rc = create_domain(&op);
    } else if (op.cmd == XEN_DOMCTL_getdomaininfo) {
        rc = get_domaininfo(&op);
    } else {
        struct domain *d = op.domain == DOMID_SELF ? caller
                           : domain_by_id(op.domain);
        rc = d ? domctl_on(caller, d, &op) : -ESRCH;
    }
    if (rc == 0 && domctl_writes_back(op.cmd) &&
        copy_to_guest(arg[0], &op, sizeof(op)) < 0)
        return -EFAULT;
    return rc;
}
