/*
 * The validator's environment over fake memory (see fake_mm_env.h).
 * Mirrors hypervisor/mm/mm_env.c and the parts of hypervisor/mm/frames.c
 * the validator reaches, with checks added where the real code would
 * BUG_ON or silently corrupt memory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tests/unit/fake_mm_env.h"
#include "public/errno.h"

struct page_info *frame_table;
uint32_t max_mfn;

static struct page_info frames[FAKE_FRAMES];
uint32_t fake_mem[FAKE_FRAMES][1024];

unsigned int fake_maps_outstanding;
unsigned int fake_tlb_flushes;
unsigned int fake_twin_attaches, fake_twin_releases;
unsigned int fake_twin_fail_next;
unsigned int fake_releases;
unsigned int fake_env_errors;
char fake_env_error_text[256];

static struct {
    int attached;
    uint32_t words[1024];
} twins[FAKE_FRAMES];

static void env_error(const char *fmt, ...)
{
    if (fake_env_errors++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(fake_env_error_text, sizeof(fake_env_error_text), fmt, ap);
        va_end(ap);
    }
}

void fake_reset(void)
{
    memset(frames, 0, sizeof(frames));
    memset(fake_mem, 0, sizeof(fake_mem));
    memset(twins, 0, sizeof(twins));
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        frames[f].flags = PGF_RAM | PGF_FREE;
        frames[f].next = frames[f].prev = INVALID_MFN;
    }
    frame_table = frames;
    max_mfn = FAKE_FRAMES;
    fake_maps_outstanding = 0;
    fake_tlb_flushes = 0;
    fake_twin_attaches = fake_twin_releases = 0;
    fake_twin_fail_next = 0;
    fake_releases = 0;
    fake_env_errors = 0;
    fake_env_error_text[0] = 0;
}

void fake_domain_init(struct domain *d, domid_t id, int privileged)
{
    memset(d, 0, sizeof(*d));
    d->id = id;
    d->is_privileged = privileged;
    d->page_head = d->page_tail = INVALID_MFN;
}

uint32_t fake_alloc(struct domain *d, uint32_t mfn)
{
    struct page_info *pg = &frames[mfn];
    if (!(pg->flags & PGF_FREE))
        env_error("test bug: fake_alloc of frame %#x, which is not free", mfn);
    memset(fake_mem[mfn], 0, sizeof(fake_mem[mfn]));    /* clear_frame */
    pg->flags = PGF_RAM | PGF_ALLOCATED;
    pg->owner = d;
    pg->count = 1;                  /* the allocation reference */
    pg->type_count = 0;
    pg->type = FT_NONE;
    pg->twin = 0;
    domain_page_list_add(d, mfn);
    return mfn;
}

void fake_make_xen(uint32_t mfn)
{
    struct page_info *pg = &frames[mfn];
    memset(pg, 0, sizeof(*pg));
    pg->flags = PGF_RAM;
    pg->type = FT_XEN;
    pg->next = pg->prev = INVALID_MFN;
}

void fake_make_shared(struct domain *d, uint32_t mfn)
{
    fake_make_xen(mfn);
    frames[mfn].owner = d;
    frames[mfn].type = FT_XEN_SHARED;
    frames[mfn].count = 1;      /* the domain's own reference */
}

void fake_make_nonram(uint32_t mfn)
{
    memset(&frames[mfn], 0, sizeof(frames[mfn]));
    frames[mfn].next = frames[mfn].prev = INVALID_MFN;
}

/* ------------------------------------------------ the environment */

static uint32_t junk[1024];     /* what a bad frame_map gets */

uint32_t *frame_map(uint32_t mfn)
{
    fake_maps_outstanding++;
    if (mfn >= max_mfn || mfn >= FAKE_FRAMES) {
        env_error("frame_map of frame %#x, beyond the end of RAM", mfn);
        return junk;
    }
    return fake_mem[mfn];
}

void frame_unmap(uint32_t *words)
{
    uintptr_t p = (uintptr_t)words, base = (uintptr_t)fake_mem;
    if (words != junk && (p < base || p >= base + sizeof(fake_mem) ||
                          (p - base) % sizeof(fake_mem[0])))
        env_error("frame_unmap of %p, which frame_map never gave", words);
    if (fake_maps_outstanding == 0)
        env_error("frame_unmap without a frame_map");
    else
        fake_maps_outstanding--;
}

uint32_t hv_slot_guest_value(unsigned int slot)
{
    if (slot < HV_SLOT_FIRST || slot > 1023)
        env_error("hv_slot_guest_value(%u): not a hypervisor slot", slot);
    return slot == HV_SLOT_FIRST ? FAKE_HV_SLOT_1008 : 0;
}

int twin_attach(uint32_t l2_mfn)
{
    if (l2_mfn >= max_mfn) {
        env_error("twin_attach of frame %#x, beyond the end of RAM", l2_mfn);
        return -ENOMEM;
    }
    if (fake_twin_fail_next) {
        fake_twin_fail_next--;
        return -ENOMEM;
    }
    if (twins[l2_mfn].attached)
        env_error("twin_attach of L2 %#x, which already has a twin", l2_mfn);
    twins[l2_mfn].attached = 1;
    memcpy(twins[l2_mfn].words, fake_mem[l2_mfn], sizeof(twins[l2_mfn].words));
    frames[l2_mfn].twin = 0x80000000u | l2_mfn;
    fake_twin_attaches++;
    return 0;
}

void twin_sync(uint32_t l2_mfn, unsigned int slot, uint32_t val)
{
    if (l2_mfn >= max_mfn || !twins[l2_mfn].attached) {
        env_error("twin_sync of L2 %#x slot %u, which has no twin",
                  l2_mfn, slot);
        return;
    }
    if (slot >= HV_SLOT_FIRST)
        env_error("twin_sync of L2 %#x hypervisor slot %u", l2_mfn, slot);
    twins[l2_mfn].words[slot & 1023] = val;
}

/* Like mm_env.c, releasing a twin that was never attached does nothing. */
void twin_release(uint32_t l2_mfn)
{
    if (l2_mfn >= max_mfn || !twins[l2_mfn].attached)
        return;
    twins[l2_mfn].attached = 0;
    frames[l2_mfn].twin = 0;
    fake_twin_releases++;
}

void tlb_flush_request(void)
{
    fake_tlb_flushes++;
}

void frame_release(uint32_t mfn)
{
    struct page_info *pg = &frames[mfn];
    if (mfn >= max_mfn || (pg->flags & PGF_FREE) || pg->count ||
        pg->type_count || !(pg->flags & PGF_RAM) || pg->type == FT_XEN) {
        env_error("frame_release of frame %#x: flags %#x count %u "
                  "type %u type_count %u", mfn, pg->flags, pg->count,
                  pg->type, pg->type_count);
        return;
    }
    if (twins[mfn].attached)
        env_error("frame_release of frame %#x, which still has a twin", mfn);
    fake_releases++;
    if (pg->type == FT_XEN_SHARED) {
        pg->owner = NULL;
        pg->type = FT_XEN;
        memset(fake_mem[mfn], 0, sizeof(fake_mem[mfn]));
        return;
    }
    if (pg->owner)
        domain_page_list_remove(pg->owner, mfn);
    memset(fake_mem[mfn], 0, sizeof(fake_mem[mfn]));
    pg->owner = NULL;
    pg->type = FT_NONE;
    pg->flags = PGF_RAM | PGF_FREE;
}

int domain_is_privileged(const struct domain *d)
{
    return d && d->is_privileged;
}

/* ------------------------------------------------------- twins */

int fake_twin_attached(uint32_t l2_mfn)
{
    return l2_mfn < FAKE_FRAMES && twins[l2_mfn].attached;
}

const uint32_t *fake_twin_words(uint32_t l2_mfn)
{
    return twins[l2_mfn].words;
}

int fake_twin_matches(uint32_t l2_mfn)
{
    return fake_twin_attached(l2_mfn) &&
           memcmp(twins[l2_mfn].words, fake_mem[l2_mfn],
                  HV_SLOT_FIRST * sizeof(uint32_t)) == 0;
}
