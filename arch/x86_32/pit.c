/* 8254 PIT: channel 0 periodic for the tick, channel 2 for calibration. */
#include "arch/x86_32/pit.h"
#include "arch/x86_32/io.h"
#include "arch/x86_32/cpu.h"

#define PIT_CH0   0x40
#define PIT_CH2   0x42
#define PIT_CMD   0x43
#define PORT_B    0x61   /* channel 2 gate (bit 0) and output (bit 5) */

void pit_start_periodic(uint32_t hz)
{
    uint32_t div = PIT_HZ / hz;
    outb(PIT_CMD, 0x34);           /* channel 0, lo/hi, rate generator */
    outb(PIT_CH0, div & 0xFF);
    outb(PIT_CH0, (div >> 8) & 0xFF);
}

uint64_t pit_measure_tsc(uint32_t ms)
{
    uint32_t count = PIT_HZ * ms / 1000;
    outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);  /* gate on, speaker off */
    outb(PIT_CMD, 0xB0);           /* channel 2, lo/hi, one-shot */
    outb(PIT_CH2, count & 0xFF);
    outb(PIT_CH2, (count >> 8) & 0xFF);
    uint64_t start = rdtsc();
    while (!(inb(PORT_B) & 0x20))
        ;
    return rdtsc() - start;
}
