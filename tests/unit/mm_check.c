/*
 * Snapshots, pins and the from-scratch reference-count checker for the
 * validator tests (see mm_check.h).
 */
#include <stdio.h>
#include <string.h>
#include "tests/unit/mm_check.h"

#define MAX_CHECKED_DOMAINS 4

static unsigned int held[FAKE_FRAMES];
static struct domain *domains[MAX_CHECKED_DOMAINS];
static unsigned int nr_domains;

/* ------------------------------------------------------ snapshots */

void mm_snapshot_take(struct mm_snapshot *s)
{
    memcpy(s->pages, frame_table, sizeof(s->pages));
    memcpy(s->words, fake_mem, sizeof(s->words));
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        s->twin_attached[f] = fake_twin_attached(f);
        if (s->twin_attached[f])
            memcpy(s->twin[f], fake_twin_words(f), sizeof(s->twin[f]));
    }
    s->twin_attaches = fake_twin_attaches;
    s->twin_releases = fake_twin_releases;
    s->releases = fake_releases;
}

int mm_snapshot_same(const struct mm_snapshot *s, char *why, size_t n)
{
    for (uint32_t f = 0; f < FAKE_FRAMES; f++) {
        const struct page_info *a = &s->pages[f], *b = &frame_table[f];
        if (a->count != b->count || a->type_count != b->type_count ||
            a->flags != b->flags || a->owner != b->owner ||
            a->next != b->next || a->prev != b->prev || a->twin != b->twin ||
            ((a->type_count || b->type_count) && a->type != b->type)) {
            snprintf(why, n, "frame %#x: count %u->%u, type %u->%u, "
                     "type_count %u->%u, flags %#x->%#x, twin %#x->%#x", f,
                     a->count, b->count, a->type, b->type, a->type_count,
                     b->type_count, a->flags, b->flags, a->twin, b->twin);
            return 0;
        }
        for (unsigned int i = 0; i < 1024; i++)
            if (s->words[f][i] != fake_mem[f][i]) {
                snprintf(why, n, "frame %#x word %u: %08x -> %08x", f, i,
                         s->words[f][i], fake_mem[f][i]);
                return 0;
            }
        if (s->twin_attached[f] != fake_twin_attached(f)) {
            snprintf(why, n, "twin of frame %#x: attached %d -> %d", f,
                     s->twin_attached[f], fake_twin_attached(f));
            return 0;
        }
        if (s->twin_attached[f] &&
            memcmp(s->twin[f], fake_twin_words(f), sizeof(s->twin[f]))) {
            snprintf(why, n, "twin of frame %#x changed", f);
            return 0;
        }
    }
    if (s->twin_attaches != fake_twin_attaches ||
        s->twin_releases != fake_twin_releases) {
        snprintf(why, n, "twins attached %u->%u, released %u->%u",
                 s->twin_attaches, fake_twin_attaches, s->twin_releases,
                 fake_twin_releases);
        return 0;
    }
    if (s->releases != fake_releases) {
        snprintf(why, n, "frames released %u->%u", s->releases, fake_releases);
        return 0;
    }
    return 1;
}

void mm_why_clear(void)
{
    refuse("%s", "");
}

/* ------------------------------------------- pins and held references */

int mm_pin(struct domain *fd, uint32_t mfn, enum frame_type t)
{
    if (mfn_valid(mfn) && (mfn_to_page(mfn)->flags & PGF_PINNED) &&
        mfn_to_page(mfn)->owner == fd)
        return refuse("frame %#x is already pinned", mfn);
    if (get_page_and_type(mfn, fd, t) < 0)
        return refuse("cannot pin frame %#x as %s: %s", mfn,
                      frame_type_name(t), mm_why());
    mfn_to_page(mfn)->flags |= PGF_PINNED;
    return 0;
}

int mm_unpin(struct domain *d, uint32_t mfn)
{
    if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != d)
        return refuse("unpin of frame %#x, which is not the domain's", mfn);
    if (!(mfn_to_page(mfn)->flags & PGF_PINNED))
        return refuse("unpin of frame %#x, which is not pinned", mfn);
    mfn_to_page(mfn)->flags &= ~PGF_PINNED;
    put_page_and_type(mfn);
    return 0;
}

int mm_hold(uint32_t mfn, struct domain *d, enum frame_type t)
{
    int rc = get_page_and_type(mfn, d, t);
    if (rc == 0)
        held[mfn]++;
    return rc;
}

void mm_unhold(uint32_t mfn)
{
    held[mfn]--;
    put_page_and_type(mfn);
}

unsigned int mm_held(uint32_t mfn)
{
    return held[mfn];
}

/* ------------------------------------------------------ the checker */

void mm_check_reset(void)
{
    memset(held, 0, sizeof(held));
    nr_domains = 0;
}

void mm_check_domain(struct domain *d)
{
    if (nr_domains < MAX_CHECKED_DOMAINS)
        domains[nr_domains++] = d;
}

int mm_descriptor_checked(uint32_t lo, uint32_t hi)
{
    if (!(hi & (1u << 15)))
        return 1;                               /* not present */
    if (!(hi & (1u << 12)) || ((hi >> 13) & 3) == 0 || !(hi & (1u << 8)))
        return 0;                               /* system, DPL 0, !A */
    uint64_t base = (lo >> 16) | ((hi & 0xFFu) << 16) | (hi & 0xFF000000u);
    uint64_t limit = (lo & 0xFFFFu) | (hi & 0xF0000u);
    if (hi & (1u << 23))
        limit = limit * 4096 + 4095;
    int code = (hi >> 11) & 1, down = !code && ((hi >> 10) & 1);
    uint64_t last = down ? ((hi & (1u << 22)) ? 0xFFFFFFFFull : 0xFFFFull)
                         : limit;
    return base + last < 0xFC000000ull;
}

#define BAD(...) do { snprintf(why, n, __VA_ARGS__); return 0; } while (0)

/* Check one validated table's entries and count what they hold. */
static int account_table(uint32_t f, uint32_t *cnt, uint32_t *wr,
                         uint32_t *l1ref, char *why, size_t n)
{
    const struct page_info *pg = &frame_table[f];
    const uint32_t *t = fake_mem[f];
    if (pg->type == FT_L1) {
        for (unsigned int i = 0; i < 1024; i++) {
            uint32_t e = t[i], m = pte_mfn(e);
            if (!(e & PTE_P))
                continue;
            if (e & L1_DISALLOWED)
                BAD("validated L1 %#x entry %u = %08x sets PAT/global", f, i, e);
            if (m >= max_mfn || !(frame_table[m].flags & PGF_RAM))
                BAD("validated L1 %#x entry %u = %08x maps non-RAM", f, i, e);
            const struct domain *o = frame_table[m].owner;
            if (!o || (frame_table[m].flags & PGF_FREE))
                BAD("validated L1 %#x entry %u = %08x maps an unowned or "
                    "free frame", f, i, e);
            if (o != pg->owner && !domain_is_privileged(pg->owner))
                BAD("validated L1 %#x (unprivileged) entry %u = %08x maps "
                    "another domain's frame", f, i, e);
            cnt[m]++;
            if ((e & PTE_RW) && frame_table[m].type != FT_XEN_SHARED)
                wr[m]++;
        }
    } else if (pg->type == FT_L2) {
        for (unsigned int i = 0; i < HV_SLOT_FIRST; i++) {
            uint32_t e = t[i], m = pte_mfn(e);
            if (!(e & PTE_P))
                continue;
            if (e & L2_DISALLOWED)
                BAD("validated L2 %#x entry %u = %08x sets PSE/global", f, i, e);
            if (m == f) {
                if (e & PTE_RW)
                    BAD("validated L2 %#x entry %u = %08x: writable self "
                        "map", f, i, e);
                continue;
            }
            if (m >= max_mfn || frame_table[m].owner != pg->owner ||
                frame_table[m].type != FT_L1 ||
                !(frame_table[m].flags & PGF_VALIDATED))
                BAD("validated L2 %#x entry %u = %08x does not name a "
                    "validated L1 of its owner", f, i, e);
            cnt[m]++;
            l1ref[m]++;
        }
        for (unsigned int s = HV_SLOT_FIRST; s < 1024; s++)
            if (t[s] != hv_slot_guest_value(s))
                BAD("validated L2 %#x slot %u = %08x, not the hypervisor's "
                    "%08x", f, s, t[s], hv_slot_guest_value(s));
        if (!fake_twin_attached(f))
            BAD("validated L2 %#x has no twin", f);
        if (!fake_twin_matches(f))
            BAD("the twin of validated L2 %#x differs from it", f);
    } else {
        for (unsigned int i = 0; i < 1024; i += 2)
            if (!mm_descriptor_checked(t[i], t[i + 1]))
                BAD("validated descriptor page %#x entry %u = %08x%08x is "
                    "not a checked descriptor", f, i / 2, t[i + 1], t[i]);
    }
    return 1;
}

static int check_domain_list(const struct domain *d, char *why, size_t n)
{
    uint32_t steps = 0, prev = INVALID_MFN;
    for (uint32_t m = d->page_head; m != INVALID_MFN; m = frame_table[m].next) {
        if (m >= max_mfn || ++steps > max_mfn)
            BAD("domain %u: page list broken at %#x", d->id, m);
        if (frame_table[m].prev != prev)
            BAD("domain %u: frame %#x prev %#x, expected %#x", d->id, m,
                frame_table[m].prev, prev);
        if (frame_table[m].owner != d || (frame_table[m].flags & PGF_FREE))
            BAD("domain %u: listed frame %#x is not its own (flags %#x)",
                d->id, m, frame_table[m].flags);
        prev = m;
    }
    if (d->page_tail != prev)
        BAD("domain %u: page_tail %#x, list ends at %#x", d->id,
            d->page_tail, prev);
    if (d->tot_pages != steps)
        BAD("domain %u: tot_pages %u, list holds %u", d->id, d->tot_pages,
            steps);
    uint32_t owned = 0;
    for (uint32_t f = 0; f < max_mfn; f++)
        if (frame_table[f].owner == d && !(frame_table[f].flags & PGF_FREE) &&
            frame_table[f].type != FT_XEN_SHARED)
            owned++;
    if (owned != steps)
        BAD("domain %u: owns %u frames, lists %u", d->id, owned, steps);
    return 1;
}

int mm_check_consistent(char *why, size_t n)
{
    static uint32_t cnt[FAKE_FRAMES], tcnt[FAKE_FRAMES];
    static uint32_t wr[FAKE_FRAMES], l1ref[FAKE_FRAMES];
    memset(cnt, 0, sizeof(cnt));
    memset(tcnt, 0, sizeof(tcnt));
    memset(wr, 0, sizeof(wr));
    memset(l1ref, 0, sizeof(l1ref));

    if (fake_env_errors)
        BAD("environment misused: %s", fake_env_error_text);
    if (fake_maps_outstanding)
        BAD("%u frame_map calls without frame_unmap", fake_maps_outstanding);

    for (uint32_t f = 0; f < max_mfn; f++) {
        const struct page_info *pg = &frame_table[f];
        if (pg->flags & PGF_ALLOCATED)
            cnt[f]++;
        if (pg->flags & PGF_PINNED) {
            cnt[f]++;
            tcnt[f]++;
            if (pg->type != FT_L1 && pg->type != FT_L2)
                BAD("pinned frame %#x is %s", f, frame_type_name(pg->type));
        }
        if (pg->type == FT_XEN_SHARED)
            cnt[f]++;
        cnt[f] += held[f];
        tcnt[f] += held[f];
        int table = frame_type_is_table(pg->type);
        int validated = !!(pg->flags & PGF_VALIDATED);
        if (validated != (table && pg->type_count > 0))
            BAD("frame %#x: %s, type_count %u, but %svalidated", f,
                frame_type_name(pg->type), pg->type_count,
                validated ? "" : "not ");
        if (fake_twin_attached(f) != (validated && pg->type == FT_L2))
            BAD("frame %#x (%s, %svalidated) %s a twin", f,
                frame_type_name(pg->type), validated ? "" : "not ",
                fake_twin_attached(f) ? "has" : "lacks");
        if (validated && !account_table(f, cnt, wr, l1ref, why, n))
            return 0;
    }

    for (uint32_t f = 0; f < max_mfn; f++) {
        const struct page_info *pg = &frame_table[f];
        if (wr[f] && pg->type != FT_WRITABLE)
            BAD("frame %#x is %s (type_count %u) yet mapped writable by %u "
                "validated L1 entries", f, frame_type_name(pg->type),
                pg->type_count, wr[f]);
        if (l1ref[f] && pg->type != FT_L1)
            BAD("frame %#x is %s yet named by %u L2 entries", f,
                frame_type_name(pg->type), l1ref[f]);
        uint32_t want_tc = tcnt[f] + wr[f] + l1ref[f];
        if (pg->count != cnt[f] || pg->type_count != want_tc)
            BAD("frame %#x (%s): count %u, expected %u; type_count %u, "
                "expected %u", f, frame_type_name(pg->type), pg->count,
                cnt[f], pg->type_count, want_tc);
        if (pg->flags & PGF_FREE) {
            if (pg->flags != (PGF_RAM | PGF_FREE) || pg->owner)
                BAD("free frame %#x: flags %#x, owner %p", f, pg->flags,
                    (void *)pg->owner);
            for (unsigned int i = 0; i < 1024; i++)
                if (fake_mem[f][i])
                    BAD("free frame %#x word %u is %08x, not scrubbed", f, i,
                        fake_mem[f][i]);
        }
    }

    for (unsigned int k = 0; k < nr_domains; k++)
        if (!check_domain_list(domains[k], why, n))
            return 0;
    return 1;
}
