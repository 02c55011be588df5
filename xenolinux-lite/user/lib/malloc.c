/*
 * malloc and free: a first-fit allocator over one circular list of free
 * blocks kept in address order (the scheme of Kernighan and Ritchie's
 * "The C Programming Language", section 8.7).
 *
 * Every block starts with a header; sizes count header-sized units, header
 * included, so every block and every pointer handed out stays aligned to a
 * header (8 bytes).  Freed blocks are merged with free neighbours.  When
 * no block is big enough the heap grows with sbrk(), at least a page at a
 * time; memory is never given back to the kernel.
 */
#include "types.h"
#include "user.h"

union header {
    struct {
        union header *next;     /* next free block, by address, circular */
        uint units;             /* size of this block in units */
    } s;
    unsigned long long align;   /* forces 8-byte headers and alignment */
};

typedef union header Header;

#define MIN_GROW_UNITS  (4096 / sizeof(Header))
#define MAX_REQUEST     0x7fff0000u     /* sbrk takes an int */

static Header empty_list;   /* a zero-sized block that anchors the list */
static Header *rover;       /* where the next search starts; 0 before use */

void
free(void *ptr)
{
    Header *blk, *at;

    if (ptr == 0)
        return;
    blk = (Header *)ptr - 1;

    /* Find at, the free block just below blk (the list wraps around once,
     * at the highest-addressed block). */
    for (at = rover; !(blk > at && blk < at->s.next); at = at->s.next)
        if (at >= at->s.next && (blk > at || blk < at->s.next))
            break;

    if (blk + blk->s.units == at->s.next) {     /* join the block above */
        blk->s.units += at->s.next->s.units;
        blk->s.next = at->s.next->s.next;
    } else {
        blk->s.next = at->s.next;
    }
    if (at + at->s.units == blk) {              /* join the block below */
        at->s.units += blk->s.units;
        at->s.next = blk->s.next;
    } else {
        at->s.next = blk;
    }
    rover = at;
}

/* Add at least units of new memory to the free list; 0 if sbrk fails. */
static Header *
grow_heap(uint units)
{
    char *mem;
    Header *blk;

    if (units < MIN_GROW_UNITS)
        units = MIN_GROW_UNITS;
    mem = sbrk(units * sizeof(Header));
    if (mem == (char *)-1)
        return 0;
    blk = (Header *)mem;
    blk->s.units = units;
    free(blk + 1);
    return rover;
}

void *
malloc(uint nbytes)
{
    Header *prev, *cur;
    uint units;

    if (nbytes > MAX_REQUEST)
        return 0;
    units = (nbytes + sizeof(Header) - 1) / sizeof(Header) + 1;
    if (rover == 0) {
        empty_list.s.next = &empty_list;
        empty_list.s.units = 0;
        rover = &empty_list;
    }
    prev = rover;
    for (cur = prev->s.next; ; prev = cur, cur = cur->s.next) {
        if (cur->s.units >= units) {
            if (cur->s.units == units) {
                prev->s.next = cur->s.next;
            } else {
                /* Hand out the tail; the head stays on the list. */
                cur->s.units -= units;
                cur += cur->s.units;
                cur->s.units = units;
            }
            rover = prev;
            return cur + 1;
        }
        if (cur == rover) {     /* went all the way round */
            cur = grow_heap(units);
            if (cur == 0)
                return 0;
        }
    }
}
