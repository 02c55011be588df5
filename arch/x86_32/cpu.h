/* Privileged CPU instructions, each wrapped once. */
#ifndef ARCH_X86_32_CPU_H
#define ARCH_X86_32_CPU_H
#include <stdint.h>

static inline uint32_t read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_cr3(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

static inline void write_cr3(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr4(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void invlpg(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void flush_tlb_local(void)
{
    write_cr3(read_cr3());
}

static inline void clts(void)
{
    __asm__ volatile("clts");
}

/* x87 state: save (and reinitialise), restore, or start fresh. */
static inline void fpu_save_state(uint8_t *area)
{
    __asm__ volatile("fnsave %0" : "=m"(*(uint8_t (*)[108])area));
}

static inline void fpu_restore_state(const uint8_t *area)
{
    __asm__ volatile("frstor %0" : : "m"(*(const uint8_t (*)[108])area));
}

static inline void fpu_init_state(void)
{
    __asm__ volatile("fninit");
}

static inline void wbinvd(void)
{
    __asm__ volatile("wbinvd" : : : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
    __asm__ volatile("pause");
}

static inline void irq_disable(void)
{
    __asm__ volatile("cli" : : : "memory");
}

/* Enable interrupts and halt until one arrives, atomically. */
static inline void irq_enable_and_halt(void)
{
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}

static inline __attribute__((noreturn)) void halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

static inline void load_gdt(uint32_t base, uint16_t limit)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) d =
        { limit, base };
    __asm__ volatile("lgdt %0" : : "m"(d));
}

static inline void load_idt(uint32_t base, uint16_t limit)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) d =
        { limit, base };
    __asm__ volatile("lidt %0" : : "m"(d));
}

static inline void load_tr(uint16_t sel)
{
    __asm__ volatile("ltr %0" : : "r"(sel));
}

static inline void load_ldt(uint16_t sel)
{
    __asm__ volatile("lldt %0" : : "r"(sel));
}

static inline uint32_t read_eflags(void)
{
    uint32_t v;
    __asm__ volatile("pushfl; popl %0" : "=r"(v));
    return v;
}

/* Reload every segment register after a new GDT is loaded. */
static inline void reload_segments(uint16_t cs, uint16_t ds)
{
    __asm__ volatile("pushl %0\n\t"
                     "pushl $1f\n\t"
                     "lret\n"
                     "1:\n\t"
                     "mov %1, %%ds\n\t"
                     "mov %1, %%es\n\t"
                     "mov %1, %%ss\n\t"
                     "mov %2, %%fs\n\t"
                     "mov %2, %%gs\n\t"
                     : : "r"((uint32_t)cs), "r"(ds), "r"((uint16_t)0)
                     : "memory");
}
#endif
