/*
 * Power off and reset.  There is no ACPI interpreter here: power-off uses
 * the PM1a control port of QEMU's PIIX4 and Bochs (0x604, 0xB004); on
 * other machines it falls through to a halt with a message.  Reset uses the
 * keyboard controller, then a triple fault.
 */
#include "hypervisor/include/shutdown.h"
#include "hypervisor/include/console.h"
#include "arch/x86_32/io.h"
#include "arch/x86_32/cpu.h"

static uint16_t exit_port;

void shutdown_set_exit_port(uint16_t port)
{
    exit_port = port;
}

uint16_t shutdown_exit_port(void)
{
    return exit_port;
}

static void tell_qemu(uint32_t code)
{
    if (exit_port)
        outl(exit_port, code);
}

static void power_off(void)
{
    outw(0x604, 0x2000);
    outw(0xB004, 0x2000);
}

static void reset(void)
{
    for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
        ;
    outb(0x64, 0xFE);
    load_idt(0, 0);
    __asm__ volatile("int3");
}

void machine_shutdown(unsigned int reason)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend", "crash" };
    irq_disable();
    printk(LOG_INFO, "machine %s (reason %u)\n",
           reason < 4 ? names[reason] : "shutdown", reason);
    tell_qemu(reason);
    if (reason == 1)
        reset();
    power_off();
    printk(LOG_INFO, "System halted.\n");
    halt_forever();
}

void machine_halt_after_panic(void)
{
    tell_qemu(PANIC_EXIT_CODE);
    halt_forever();
}
