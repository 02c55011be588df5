/*
 * ioport: dom0's port I/O.  Without I/O privilege every IN/OUT (and
 * CLI/STI) raises #GP.  After PHYSDEVOP_set_iopl(1) the hypervisor carries
 * out IN, OUT, INS and OUTS (with REP) for ring 1 on real devices (checked
 * against VGA's sequencer index register, which reads back what was
 * written), CLI and STI become no-ops, and the hypervisor's own ports (the
 * PICs, the PIT, the CMOS clock, its console) still raise #GP.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"
#include "public/physdev.h"
#include "public/errno.h"

#define VGA_SEQ_INDEX 0x3C4

static uint8_t inb_from(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void outb_to(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static void try_inb(void *arg)
{
    *(volatile uint8_t *)arg = inb_from(*(uint16_t *)arg);
}

static void try_cli_sti(void *arg)
{
    (void)arg;
    __asm__ volatile("cli; sti");
}

static long set_iopl(uint32_t iopl)
{
    physdev_set_iopl_t p = { .iopl = iopl };
    return HYPERCALL2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &p);
}

static void expect_gp(const char *what, void (*fn)(void *), void *arg)
{
    int trapped = guest_try(fn, arg);
    printf("%s: %s\n", what, trapped ? "#GP" : "done");
    check(trapped && last_trap.vector == 13 && last_trap.error == 0,
          "%s should raise #GP(0)", what);
}

void guest_main(void)
{
    check(install_trap_table() == 0, "trap table");
    uint16_t port = VGA_SEQ_INDEX;
    expect_gp("inb 0x3c4 without I/O privilege", try_inb, &port);
    expect_gp("cli/sti without I/O privilege", try_cli_sti, NULL);
    check(set_iopl(4) == -EINVAL, "set_iopl(4) refused");

    check(set_iopl(1) == 0, "set_iopl(1)");
    outb_to(VGA_SEQ_INDEX, 0x02);
    uint8_t v = inb_from(VGA_SEQ_INDEX);
    printf("outb/inb 0x3c4 with I/O privilege: read back %#x\n", v);
    check(v == 0x02, "VGA sequencer index reads back %#x", v);

    uint8_t buf[4] = { 0, 0, 0, 0 };
    uint8_t *dst = buf;
    uint32_t count = sizeof(buf);
    outb_to(VGA_SEQ_INDEX, 0x03);
    __asm__ volatile("cld; rep insb"
                     : "+D"(dst), "+c"(count)
                     : "d"((uint16_t)VGA_SEQ_INDEX)
                     : "memory");
    printf("rep insb from 0x3c4: %#x %#x %#x %#x, count left %u\n",
           buf[0], buf[1], buf[2], buf[3], count);
    check(count == 0 && buf[0] == 3 && buf[3] == 3 && dst == buf + 4,
          "rep insb");
    uint8_t src[2] = { 0x01, 0x04 };
    const uint8_t *s = src;
    count = 2;
    __asm__ volatile("cld; rep outsb"
                     : "+S"(s), "+c"(count)
                     : "d"((uint16_t)VGA_SEQ_INDEX)
                     : "memory");
    v = inb_from(VGA_SEQ_INDEX);
    printf("rep outsb to 0x3c4: index now %#x\n", v);
    check(count == 0 && v == 0x04, "rep outsb left index %#x", v);

    int trapped = guest_try(try_cli_sti, NULL);
    printf("cli/sti with I/O privilege: %s\n", trapped ? "#GP" : "no-op");
    check(!trapped, "cli/sti should be no-ops with IOPL 1");

    static const uint16_t owned[] = { 0x20, 0xA1, 0x40, 0x70, 0x3F8 };
    for (unsigned int i = 0; i < ARRAY_SIZE(owned); i++) {
        uint16_t p = owned[i];
        char what[64];
        snprintf(what, sizeof(what), "inb %#x (the hypervisor's)", p);
        expect_gp(what, try_inb, &p);
    }
}
