/*
 * Port I/O by guests: physdev_op (#33, #19 compat) and the emulation of
 * IN, OUT, INS and OUTS.
 *
 * A guest never gets real I/O privilege (EFLAGS.IOPL stays 0 and the TSS
 * has no I/O bitmap), so every port access from ring 1 or 3 raises #GP.
 * The hypervisor then carries the access out itself if both permissions
 * hold (ABI 8.7): the guest's own (its virtual IOPL, set with
 * PHYSDEVOP_set_iopl, is at least 1 for ring 1, or 3 for ring 3), and the
 * administrator's (dom0 may use every port except the hypervisor's own:
 * the PICs, the PIT, its serial console, the CMOS clock and the power-off
 * and exit ports; other domains none).  Otherwise the guest gets its #GP.
 */
#include "hypervisor/include/domain.h"
#include "hypervisor/include/hypercall.h"
#include "hypervisor/include/traps.h"
#include "hypervisor/include/mm.h"
#include "hypervisor/include/console.h"
#include "hypervisor/include/shutdown.h"
#include "public/physdev.h"
#include "public/errno.h"
#include "arch/x86_32/io.h"
#include "arch/x86_32/uart.h"
#include "arch/x86_32/eflags.h"

#define MAX_REP 65536u      /* string I/O done in one trap at most */

/* Ports the hypervisor keeps for itself, inclusive ranges. */
static const struct { uint16_t first, last; } hypervisor_ports[] = {
    { 0x20, 0x21 }, { 0xA0, 0xA1 },     /* PICs */
    { 0x40, 0x43 },                     /* PIT */
    { 0x70, 0x71 },                     /* CMOS clock */
    { 0x604, 0x605 }, { 0xB004, 0xB005 },   /* power off */
};

static int port_allowed(const struct vcpu *v, uint32_t port, unsigned int size)
{
    const struct domain *d = v->domain;
    int ring = v->regs.cs & 3;
    if (!d->is_privileged || port + size > 0x10000)
        return 0;
    if (v->iopl < (ring == 1 ? 1u : 3u))
        return 0;
    for (unsigned int i = 0; i < sizeof(hypervisor_ports) / sizeof(hypervisor_ports[0]); i++)
        if (port + size > hypervisor_ports[i].first &&
            port <= hypervisor_ports[i].last)
            return 0;
    int con = console_irq() == 4 ? COM1_PORT : console_irq() == 3 ? COM2_PORT : 0;
    if (con && port + size > (uint32_t)con && port < (uint32_t)con + 8)
        return 0;
    uint16_t exit_port = shutdown_exit_port();
    if (exit_port && port + size > exit_port && port < exit_port + 4u)
        return 0;
    return 1;
}

static uint32_t port_in(uint16_t port, unsigned int size)
{
    return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

static void port_out(uint16_t port, unsigned int size, uint32_t val)
{
    if (size == 1)
        outb(port, (uint8_t)val);
    else if (size == 2)
        outw(port, (uint16_t)val);
    else
        outl(port, val);
}

static void set_reg_bytes(uint32_t *reg, unsigned int size, uint32_t val)
{
    uint32_t mask = size == 4 ? 0xFFFFFFFFu : (1u << (size * 8)) - 1;
    *reg = (*reg & ~mask) | (val & mask);
}

/* INS / OUTS, with or without REP; 0, or -1 to give the guest its #GP. */
static int string_io(struct vcpu *v, int in, unsigned int size, int rep)
{
    struct trap_frame *r = &v->regs;
    uint32_t count = rep ? r->ecx : 1;
    int step = (r->eflags & EFLAGS_DF) ? -(int)size : (int)size;
    if (count > MAX_REP)
        count = MAX_REP;            /* the guest re-executes for the rest */
    for (uint32_t i = 0; i < count; i++) {
        uint32_t val = 0;
        if (in) {
            val = port_in((uint16_t)r->edx, size);
            if (copy_to_guest(r->edi, &val, size) < 0)
                return -1;
            r->edi += (uint32_t)step;
        } else {
            if (copy_from_guest(&val, r->esi, size) < 0)
                return -1;
            port_out((uint16_t)r->edx, size, val);
            r->esi += (uint32_t)step;
        }
        if (rep)
            r->ecx--;
    }
    return (rep && r->ecx) ? 1 : 0;
}

/*
 * A #GP with error code 0 from a guest: if the instruction at its EIP is
 * port I/O (or CLI/STI) that it may do, do it and step past it.  Returns
 * 1 if handled, 0 if the guest should get the #GP.
 */
int emulate_privileged_io(struct vcpu *v)
{
    struct trap_frame *r = &v->regs;
    uint8_t insn[4];
    unsigned int len = 0, size = 4;
    int rep = 0;
    if (copy_from_guest(insn, r->eip, sizeof(insn)) < 0)
        return 0;
    for (; len < 2; len++) {
        if (insn[len] == 0x66)
            size = 2;
        else if (insn[len] == 0xF3)
            rep = 1;
        else
            break;
    }
    uint8_t op = insn[len++];
    uint32_t port;
    switch (op) {
    case 0xFA: case 0xFB:                   /* CLI, STI: no effect */
        if (len != 1 || v->iopl < ((r->cs & 3) == 1 ? 1u : 3u))
            return 0;
        r->eip += len;
        return 1;
    case 0xE4: case 0xE5: case 0xE6: case 0xE7:
        port = insn[len++];
        break;
    case 0xEC: case 0xED: case 0xEE: case 0xEF:
    case 0x6C: case 0x6D: case 0x6E: case 0x6F:
        port = r->edx & 0xFFFF;
        break;
    default:
        return 0;
    }
    if (!(op & 1))
        size = 1;
    if (!port_allowed(v, port, size))
        return 0;
    if (op >= 0x6C && op <= 0x6F) {
        int rc = string_io(v, op <= 0x6D, size, rep);
        if (rc < 0)
            return 0;
        if (rc == 0)
            r->eip += len;              /* done; else run it again */
        return 1;
    }
    if (op == 0xE4 || op == 0xE5 || op == 0xEC || op == 0xED)
        set_reg_bytes(&r->eax, size, port_in((uint16_t)port, size));
    else
        port_out((uint16_t)port, size, r->eax);
    r->eip += len;
    return 1;
}

static long physdev(struct vcpu *v, uint32_t cmd, void *arg)
{
    switch (cmd) {
    case PHYSDEVOP_set_iopl: {
        physdev_set_iopl_t *p = arg;
        if (p->iopl > 3)
            return -EINVAL;
        v->iopl = p->iopl;
        return 0;
    }
    case PHYSDEVOP_irq_status_query: {
        physdev_irq_status_query_t *q = arg;
        if (q->irq >= 16)
            return -EINVAL;
        q->flags = 0;           /* edge-triggered ISA IRQs: no EOI needed */
        return 0;
    }
    case PHYSDEVOP_eoi:
    case PHYSDEVOP_IRQ_UNMASK_NOTIFY:
        return 0;
    default:
        return -ENOSYS;
    }
}

long do_physdev_op(const uint32_t arg[5])
{
    uint8_t buf[16];
    if (arg[0] != PHYSDEVOP_set_iopl && arg[0] != PHYSDEVOP_irq_status_query &&
        arg[0] != PHYSDEVOP_eoi && arg[0] != PHYSDEVOP_IRQ_UNMASK_NOTIFY)
        return -ENOSYS;
    size_t size = arg[0] == PHYSDEVOP_irq_status_query ? 8 : 4;
    if (arg[0] != PHYSDEVOP_IRQ_UNMASK_NOTIFY &&
        copy_from_guest(buf, arg[1], size) < 0)
        return -EFAULT;
    long rc = physdev(current, arg[0], buf);
    if (rc == 0 && arg[0] == PHYSDEVOP_irq_status_query &&
        copy_to_guest(arg[1], buf, size) < 0)
        return -EFAULT;
    return rc;
}

long do_physdev_op_compat(const uint32_t arg[5])
{
    physdev_op_t op;
    if (copy_from_guest(&op, arg[0], sizeof(op)) < 0)
        return -EFAULT;
    long rc = physdev(current, op.cmd, &op.u);
    if (rc == 0 && copy_to_guest(arg[0], &op, sizeof(op)) < 0)
        return -EFAULT;
    return rc;
}
