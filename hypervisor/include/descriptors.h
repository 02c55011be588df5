/* A vCPU's GDT and LDT (set_gdt, update_descriptor, MMUEXT_SET_LDT). */
#ifndef HV_DESCRIPTORS_H
#define HV_DESCRIPTORS_H
#include <stdint.h>

struct vcpu;

/* Install frames as v's GDT (entries descriptors); 0 or -errno. */
long vcpu_set_gdt(struct vcpu *v, const uint32_t *frames, uint32_t entries);
/* Install the LDT at guest address base with ents entries; 0 or -errno. */
long vcpu_set_ldt(struct vcpu *v, uint32_t base, uint32_t ents);
/* Drop every descriptor-table reference v holds. */
void vcpu_release_desc(struct vcpu *v);
/* Make the CPU use v's tables (on the way out to v). */
void vcpu_load_desc(struct vcpu *v);
/* Switch v to the page directory at mfn (mmu_ops.c). */
long vcpu_new_baseptr(struct vcpu *v, uint32_t mfn);
#endif
