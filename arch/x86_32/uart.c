/* 16550 UART: polled output, polled input, 8N1. */
#include "arch/x86_32/uart.h"
#include "arch/x86_32/io.h"

#define UART_DATA  0  /* receive / transmit buffer (DLAB 0) */
#define UART_IER   1  /* interrupt enable (DLAB 0) */
#define UART_DLL   0  /* divisor low (DLAB 1) */
#define UART_DLM   1  /* divisor high (DLAB 1) */
#define UART_FCR   2  /* FIFO control */
#define UART_LCR   3  /* line control */
#define UART_MCR   4  /* modem control */
#define UART_LSR   5  /* line status */

#define LCR_8N1    0x03
#define LCR_DLAB   0x80
#define LSR_DR     0x01  /* data ready */
#define LSR_THRE   0x20  /* transmit holding register empty */

void uart_init(uint16_t port, uint32_t baud)
{
    uint16_t div = (uint16_t)(115200 / baud);
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, LCR_DLAB);
    outb(port + UART_DLL, div & 0xFF);
    outb(port + UART_DLM, div >> 8);
    outb(port + UART_LCR, LCR_8N1);
    outb(port + UART_FCR, 0x07);      /* enable and clear FIFOs */
    outb(port + UART_MCR, 0x03);      /* DTR, RTS */
}

void uart_putc(uint16_t port, char c)
{
    for (int spin = 0; spin < 100000; spin++)
        if (inb(port + UART_LSR) & LSR_THRE)
            break;
    outb(port + UART_DATA, (uint8_t)c);
}

void uart_enable_rx_irq(uint16_t port)
{
    outb(port + UART_MCR, 0x0B);      /* DTR, RTS, OUT2 (IRQ to the PIC) */
    outb(port + UART_IER, 0x01);      /* received data available */
}

int uart_getc(uint16_t port)
{
    if (!(inb(port + UART_LSR) & LSR_DR))
        return -1;
    return inb(port + UART_DATA);
}
