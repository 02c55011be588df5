/*
 * The hardware under hypervisor/common/console.c, stubbed for host unit
 * tests that need its pure parts (log_level_parse).  Nothing is printed:
 * the serial port swallows output and never has input; a panic aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include "arch/x86_32/uart.h"
#include "hypervisor/include/shutdown.h"

void uart_init(uint16_t port, uint32_t baud)
{
    (void)port;
    (void)baud;
}

void uart_putc(uint16_t port, char c)
{
    (void)port;
    (void)c;
}

int uart_getc(uint16_t port)
{
    (void)port;
    return -1;
}

void machine_halt_after_panic(void)
{
    abort();
}

void uart_enable_rx_irq(uint16_t port)
{
    (void)port;
}

void debug_key(char key)
{
    (void)key;
}
