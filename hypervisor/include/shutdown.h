/*
 * Stopping the machine.  When dom0 shuts down the machine follows it:
 * poweroff, reboot, or (for suspend and crash) power off as well.  With
 * qemu_exit=PORT the reason is first written to PORT, so QEMU's
 * isa-debug-exit device ends QEMU with status 2*reason+1.  A hypervisor
 * panic writes PANIC_EXIT_CODE there (QEMU status 33).
 */
#ifndef HV_SHUTDOWN_H
#define HV_SHUTDOWN_H
#include <stdint.h>

#define PANIC_EXIT_CODE 0x10

void shutdown_set_exit_port(uint16_t port);
uint16_t shutdown_exit_port(void);
void machine_shutdown(unsigned int reason) __attribute__((noreturn));
void machine_halt_after_panic(void) __attribute__((noreturn));
#endif
