/* The two 8259A interrupt controllers, remapped to vectors 0x20-0x2F. */
#ifndef ARCH_X86_32_PIC_H
#define ARCH_X86_32_PIC_H
#include <stdint.h>
#define NR_LEGACY_IRQS 16
void pic_init(void);
void pic_unmask(unsigned irq);
void pic_mask(unsigned irq);
void pic_eoi(unsigned irq);
#endif
