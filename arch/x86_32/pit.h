/* The 8254 programmable interval timer, channel 0 on IRQ 0. */
#ifndef ARCH_X86_32_PIT_H
#define ARCH_X86_32_PIT_H
#include <stdint.h>
#define PIT_HZ 1193182u
/* Start periodic interrupts at hz per second. */
void pit_start_periodic(uint32_t hz);
/*
 * Busy-wait on channel 2 for ms milliseconds (at most 50), returning the
 * TSC ticks that passed.  Used once, to calibrate the TSC.
 */
uint64_t pit_measure_tsc(uint32_t ms);
#endif
