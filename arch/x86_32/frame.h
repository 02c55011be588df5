/*
 * The register frame the entry stubs save.  Lowest address first: the
 * general registers (pushal order), the data segment registers, the vector
 * and error code the stub pushed, then what the CPU pushed.  esp and ss are
 * present only when the CPU changed privilege level (entry from a guest).
 */
#ifndef ARCH_X86_32_FRAME_H
#define ARCH_X86_32_FRAME_H

#define FRAME_WORDS       19      /* a whole frame, as entered from a guest */
#define FRAME_BYTES       (FRAME_WORDS * 4)
#define FRAME_OFF_VECTOR  48
#define FRAME_OFF_CS      60

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
    uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
    uint32_t gs, fs, es, ds;
    uint32_t vector, error_code;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;
};

_Static_assert(sizeof(struct trap_frame) == FRAME_BYTES, "frame size");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) ==
               FRAME_OFF_VECTOR, "vector offset");
_Static_assert(__builtin_offsetof(struct trap_frame, cs) == FRAME_OFF_CS,
               "cs offset");

/* Privilege level a frame was taken from. */
static inline int frame_ring(const struct trap_frame *f)
{
    return f->cs & 3;
}
#endif

#endif
