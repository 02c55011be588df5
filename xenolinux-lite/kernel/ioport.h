/*
 * x86 port I/O, for dom0's real-device drivers (ide.c).
 *
 * From ring 1 an IN or OUT faults unless the hypervisor lets this domain
 * at the port: the driver first asks for a virtual IOPL with
 * PHYSDEVOP_set_iopl, after which the hypervisor emulates each
 * instruction.  The block transfers are REP INSL / REP OUTSL, so a
 * sector costs the emulation one trap, not one per 32-bit word.
 */
#ifndef XL_IOPORT_H
#define XL_IOPORT_H
#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* Read count 32-bit words from port into dst. */
static inline void insl(uint16_t port, void *dst, int count)
{
    __asm__ volatile("cld; rep insl"
                     : "+D"(dst), "+c"(count)
                     : "d"(port)
                     : "memory", "cc");
}

/* Write count 32-bit words from src to port. */
static inline void outsl(uint16_t port, const void *src, int count)
{
    __asm__ volatile("cld; rep outsl"
                     : "+S"(src), "+c"(count)
                     : "d"(port)
                     : "memory", "cc");
}
#endif
