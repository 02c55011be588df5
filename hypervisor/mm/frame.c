/*
 * Reference and type counting over the frame table (see frame.h).
 *
 * Counting rules, in one place:
 *   - get_page() takes a general reference on a RAM frame owned by the
 *     named domain; put_page() drops one and releases the frame when the
 *     last is gone (its owner dropped the allocation reference earlier).
 *   - get_page_type() takes a typed reference.  With no typed references
 *     held, the frame may take any type (except hypervisor and shared
 *     frames, whose type is fixed); otherwise only the type it has.  The
 *     first reference of a table type validates the frame; if validation
 *     fails nothing is taken.
 *   - put_page_type() drops one; when the last reference of a validated
 *     table goes, the frame is de-validated, which drops the references
 *     its entries held.  Since an L2 may reference only L1s (and itself),
 *     this recursion is at most two levels deep.
 */
#include <stdarg.h>
#include "hypervisor/include/frame.h"
#include "hypervisor/include/validate.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

#define COUNT_MAX 0x7FFFFFFFu

static char why[MM_WHY_MAX];

const char *mm_why(void)
{
    return why;
}

/* The arguments may include mm_why() itself, so format aside first. */
int refuse(const char *fmt, ...)
{
    char text[sizeof(why)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    memcpy(why, text, sizeof(why));
    return -EINVAL;
}

const char *frame_type_name(uint32_t t)
{
    static const char *const names[] = {
        "untyped", "writable", "an L1 page table", "an L2 page directory",
        "a descriptor table", "hypervisor memory", "a shared hypervisor page",
    };
    return t < ARRAY_SIZE(names) ? names[t] : "?";
}

int get_page(uint32_t mfn, const struct domain *d)
{
    if (!mfn_valid(mfn) || !(frame_table[mfn].flags & PGF_RAM))
        return refuse("frame %#x is not RAM", mfn);
    struct page_info *pg = &frame_table[mfn];
    if (pg->flags & PGF_FREE)
        return refuse("frame %#x is free", mfn);
    if (pg->owner != d || !(pg->flags & PGF_ALLOCATED))
        return refuse("frame %#x is not the domain's", mfn);
    if (pg->count >= COUNT_MAX)
        return refuse("frame %#x has too many references", mfn);
    pg->count++;
    return 0;
}

void put_page(uint32_t mfn)
{
    struct page_info *pg = &frame_table[mfn];
    if (pg->count == 0)
        return;             /* an accounting bug; never underflow */
    if (--pg->count == 0)
        frame_release(mfn);
}

int get_page_type(uint32_t mfn, enum frame_type t)
{
    struct page_info *pg = &frame_table[mfn];
    if (pg->type_count == 0 && pg->type != (uint32_t)t) {
        if (pg->type == FT_XEN || pg->type == FT_XEN_SHARED)
            return refuse("frame %#x is %s and cannot become %s", mfn,
                          frame_type_name(pg->type), frame_type_name(t));
        if (pg->flags & PGF_VALIDATED)
            devalidate_frame(mfn, pg->type);    /* never: count was 0 */
        pg->type = t;
        pg->flags &= ~PGF_VALIDATED;
        if (frame_type_is_table(t))
            tlb_flush_request();    /* no old writable translation may live */
    } else if (pg->type != (uint32_t)t) {
        return refuse("frame %#x is %s (%u references), not %s", mfn,
                      frame_type_name(pg->type), pg->type_count,
                      frame_type_name(t));
    }
    if (pg->type_count >= COUNT_MAX)
        return refuse("frame %#x has too many type references", mfn);
    pg->type_count++;
    if (frame_type_is_table(t) && !(pg->flags & PGF_VALIDATED)) {
        int rc = validate_frame(mfn, t);
        if (rc < 0) {
            pg->type_count--;
            return rc;
        }
        pg->flags |= PGF_VALIDATED;
    }
    return 0;
}

void put_page_type(uint32_t mfn)
{
    struct page_info *pg = &frame_table[mfn];
    if (pg->type_count == 0)
        return;             /* an accounting bug; never underflow */
    if (--pg->type_count == 0 && (pg->flags & PGF_VALIDATED)) {
        pg->flags &= ~PGF_VALIDATED;
        devalidate_frame(mfn, pg->type);
    }
}

int get_page_and_type(uint32_t mfn, const struct domain *d, enum frame_type t)
{
    int rc = get_page(mfn, d);
    if (rc < 0)
        return rc;
    rc = get_page_type(mfn, t);
    if (rc < 0)
        put_page(mfn);
    return rc;
}

void put_page_and_type(uint32_t mfn)
{
    put_page_type(mfn);
    put_page(mfn);
}
