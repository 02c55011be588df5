/* 8259A PIC pair: edge triggered, cascaded on IRQ2, all masked at start. */
#include "arch/x86_32/pic.h"
#include "arch/x86_32/io.h"
#include "arch/x86_32/entry.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI   0x20

static uint16_t irq_mask = 0xFFFB;  /* everything but the cascade */

static void write_mask(void)
{
    outb(PIC1_DATA, irq_mask & 0xFF);
    outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
    outb(PIC1_CMD, 0x11);          /* ICW1: edge, cascade, ICW4 */
    io_delay();
    outb(PIC2_CMD, 0x11);
    io_delay();
    outb(PIC1_DATA, IRQ_VECTOR_BASE);      /* ICW2: vector base */
    outb(PIC2_DATA, IRQ_VECTOR_BASE + 8);
    io_delay();
    outb(PIC1_DATA, 0x04);         /* ICW3: slave on IRQ2 */
    outb(PIC2_DATA, 0x02);
    io_delay();
    outb(PIC1_DATA, 0x01);         /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    io_delay();
    write_mask();
}

void pic_unmask(unsigned irq)
{
    irq_mask &= (uint16_t)~(1u << irq);
    write_mask();
}

void pic_mask(unsigned irq)
{
    irq_mask |= (uint16_t)(1u << irq);
    write_mask();
}

void pic_eoi(unsigned irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
