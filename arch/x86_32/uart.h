/* 16550 UART on a legacy COM port. */
#ifndef ARCH_X86_32_UART_H
#define ARCH_X86_32_UART_H
#include <stdint.h>

#define COM1_PORT 0x3F8
#define COM2_PORT 0x2F8

void uart_init(uint16_t port, uint32_t baud);
void uart_putc(uint16_t port, char c);
/* Raise the port's IRQ when a byte arrives. */
void uart_enable_rx_irq(uint16_t port);
/* Return the next received byte, or -1 if none is waiting. */
int uart_getc(uint16_t port);
#endif
