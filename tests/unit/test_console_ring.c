/*
 * The console ring's byte copies (xenolinux-lite/kernel/console_ring.c,
 * shared by the domU front end and xenconsoled), xenconsoled's side of a
 * guest's console page (guest_ring.c) and its bounded output buffer
 * (outbuf.c), on a page in host memory.
 *
 * The rules checked: free-running 32-bit indices, byte i at
 * ring[i & (size - 1)]; a producer never overwrites bytes the consumer
 * has not taken, a consumer never takes bytes not produced; indices a
 * peer could not have written honestly (producer more than a ring ahead
 * of the consumer, or behind it) are refused with nothing copied and
 * nothing written outside the arrays; the output buffer keeps the newest
 * 16 KB and counts what it dropped.
 */
// uses: xenolinux-lite/kernel/console_ring.c dom0/xenconsoled/outbuf.c dom0/xenconsoled/guest_ring.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "public/errno.h"
#include "public/io/console.h"
#include "xenolinux-lite/kernel/console_ring.h"
#include "dom0/xenconsoled/outbuf.h"
#include "dom0/xenconsoled/guest_ring.h"

#define PAGE 4096
#define GUARD 0x5A

_Static_assert(sizeof(struct xencons_interface) == 3088, "ABI 10.2 layout");

static uint8_t page[PAGE] __attribute__((aligned(PAGE)));
static struct xencons_interface *intf;
static struct guest_ring ring;
static struct outbuf out;

/* A console page whose arrays and the rest of the page hold GUARD bytes,
 * every index 0. */
static int setup_page(void **state)
{
    (void)state;
    memset(page, GUARD, sizeof(page));
    intf = (struct xencons_interface *)page;
    intf->in_cons = intf->in_prod = intf->out_cons = intf->out_prod = 0;
    outbuf_init(&out);
    return 0;
}

/* Is everything after the page's last index still GUARD? */
static void assert_tail_untouched(void)
{
    for (size_t i = sizeof(*intf); i < PAGE; i++)
        assert_int_equal(page[i], GUARD);
}

/* Bytes "a".."z" repeated, starting at letter `from`. */
static void letters(char *dst, size_t n, int from)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = (char)('a' + (from + i) % 26);
}

/* ------------------------------------------------------- cring_* */

static void test_put_then_get_returns_the_bytes_in_order(void **state)
{
    (void)state;
    char ring8[8] = { 0 }, got[8];
    uint32_t prod = 0, cons = 0;
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "hello", 5), 5);
    assert_int_equal(prod, 5);
    assert_int_equal(cring_used(prod, cons, 8), 5);
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, sizeof(got)), 5);
    assert_memory_equal(got, "hello", 5);
    assert_int_equal(cons, 5);
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, sizeof(got)), 0);
}

static void test_bytes_wrap_around_the_array_end(void **state)
{
    (void)state;
    char ring8[8], got[8];
    uint32_t prod = 6, cons = 6;            /* two slots before the end */
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "abcde", 5), 5);
    assert_memory_equal(ring8 + 6, "ab", 2);
    assert_memory_equal(ring8, "cde", 3);
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, 5), 5);
    assert_memory_equal(got, "abcde", 5);
}

static void test_indices_wrap_around_two_to_the_32(void **state)
{
    (void)state;
    char ring8[8], got[8];
    uint32_t prod = 0xFFFFFFFEu, cons = 0xFFFFFFFEu;
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "wxyz", 4), 4);
    assert_int_equal(prod, 2);              /* wrapped */
    assert_int_equal(cring_used(prod, cons, 8), 4);
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, 8), 4);
    assert_memory_equal(got, "wxyz", 4);
    assert_int_equal(cons, 2);
}

static void test_full_ring_takes_nothing_more(void **state)
{
    (void)state;
    char ring8[8];
    uint32_t prod = 0, cons = 0;
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "0123456789", 10), 8);
    assert_int_equal(cring_room(prod, cons, 8), 0);
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "x", 1), 0);
    assert_int_equal(prod, 8);
    assert_memory_equal(ring8, "01234567", 8);
    cons = 3;                               /* the consumer took three */
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "89ab", 4), 3);
    assert_memory_equal(ring8, "89a34567", 8);
}

static void test_producer_more_than_a_ring_ahead_is_refused(void **state)
{
    (void)state;
    char ring8[8], got[8];
    memset(ring8, 'R', sizeof(ring8));
    memset(got, 'G', sizeof(got));
    uint32_t prod = 100, cons = 91;         /* 9 > 8 waiting: impossible */
    assert_int_equal(cring_used(prod, cons, 8), -EIO);
    assert_int_equal(cring_room(prod, cons, 8), -EIO);
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, 8), -EIO);
    assert_int_equal(cons, 91);
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "x", 1), -EIO);
    assert_int_equal(prod, 100);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(ring8[i], 'R');
        assert_int_equal(got[i], 'G');
    }
}

static void test_consumer_beyond_producer_is_refused(void **state)
{
    (void)state;
    char ring8[8] = "RRRRRRR", got[8];
    uint32_t prod = 10, cons = 11;
    assert_int_equal(cring_get(ring8, 8, prod, &cons, got, 8), -EIO);
    assert_int_equal(cring_put(ring8, 8, &prod, cons, "x", 1), -EIO);
    prod = 0; cons = 0x80000000u;           /* half the index space apart */
    assert_int_equal(cring_used(prod, cons, 8), -EIO);
    prod = 8; cons = 0;                     /* exactly full is possible */
    assert_int_equal(cring_used(prod, cons, 8), 8);
}

/* ----------------------------------------------------- guest_ring_* */

/* The guest (front end) writes s into out[] as the ABI says. */
static void guest_writes(const char *s, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        intf->out[MASK_XENCONS_IDX(intf->out_prod + i, intf->out)] = s[i];
    intf->out_prod += n;
}

static void test_guest_output_moves_to_the_buffer(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    guest_writes("boot\n", 5);
    assert_int_equal(guest_ring_take_output(&ring, &out), 5);
    assert_int_equal(intf->out_cons, 5);
    const char *p;
    assert_int_equal(outbuf_peek(&out, &p), 5);
    assert_memory_equal(p, "boot\n", 5);
    assert_int_equal(guest_ring_take_output(&ring, &out), 0);
    assert_tail_untouched();
}

static void test_attach_continues_where_the_page_stands(void **state)
{
    (void)state;
    intf->out_prod = intf->out_cons = 0xFFFFFFF0u;   /* an earlier back end */
    intf->in_prod = intf->in_cons = 0x12345u;
    guest_ring_attach(&ring, intf);
    char text[40];
    letters(text, sizeof(text), 0);
    guest_writes(text, sizeof(text));               /* wraps the index */
    assert_int_equal(guest_ring_take_output(&ring, &out), 40);
    assert_int_equal(intf->out_cons, 0xFFFFFFF0u + 40);
    assert_int_equal(guest_ring_give_input(&ring, "ls\r", 3), 3);
    assert_int_equal(intf->in_prod, 0x12345u + 3);
    assert_memory_equal(&intf->in[MASK_XENCONS_IDX(0x12345u, intf->in)], "ls\r", 3);
}

static void test_full_out_ring_is_taken_whole_across_the_end(void **state)
{
    (void)state;
    intf->out_prod = intf->out_cons = 2000;         /* 48 bytes before the end */
    guest_ring_attach(&ring, intf);
    static char text[sizeof(intf->out)];
    letters(text, sizeof(text), 3);
    guest_writes(text, sizeof(text));
    assert_int_equal(guest_ring_take_output(&ring, &out), (int)sizeof(intf->out));
    assert_int_equal(outbuf_len(&out), sizeof(intf->out));
    const char *p;
    uint32_t first = outbuf_peek(&out, &p);
    assert_memory_equal(p, text, first);
    outbuf_consume(&out, first);
    uint32_t rest = outbuf_peek(&out, &p);
    assert_int_equal(first + rest, sizeof(intf->out));
    assert_memory_equal(p, text + first, rest);
}

static void test_garbage_out_prod_is_ignored_until_sane(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    guest_writes("ok", 2);
    intf->out_prod = 0x7FFFFFFFu;                   /* far ahead: garbage */
    assert_int_equal(guest_ring_take_output(&ring, &out), -EIO);
    assert_int_equal(outbuf_len(&out), 0);
    assert_int_equal(intf->out_cons, 0);
    intf->out_prod = 0xFFFFFFFFu;                   /* "behind" out_cons */
    assert_int_equal(guest_ring_take_output(&ring, &out), -EIO);
    intf->out_prod = 2;                             /* sane again */
    assert_int_equal(guest_ring_take_output(&ring, &out), 2);
    const char *p;
    assert_int_equal(outbuf_peek(&out, &p), 2);
    assert_memory_equal(p, "ok", 2);
    assert_tail_untouched();
}

static void test_guest_cannot_move_our_own_indices(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    guest_writes("abc", 3);
    intf->out_cons = 0x40000000u;   /* the guest scribbles on our index */
    intf->in_prod = 0x40000000u;
    assert_int_equal(guest_ring_take_output(&ring, &out), 3);
    assert_int_equal(intf->out_cons, 3);            /* ours, not its */
    assert_int_equal(guest_ring_give_input(&ring, "x", 1), 1);
    assert_int_equal(intf->in_prod, 1);
}

static void test_input_takes_what_fits_in_in(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    static char typed[sizeof(intf->in) + 100];
    letters(typed, sizeof(typed), 0);
    assert_int_equal(guest_ring_input_room(&ring), (int)sizeof(intf->in));
    assert_int_equal(guest_ring_give_input(&ring, typed, sizeof(typed)),
                     (int)sizeof(intf->in));
    assert_int_equal(guest_ring_input_room(&ring), 0);
    assert_int_equal(guest_ring_give_input(&ring, "z", 1), 0);
    intf->in_cons = 10;                             /* the guest read ten */
    assert_int_equal(guest_ring_input_room(&ring), 10);
    assert_int_equal(guest_ring_give_input(&ring, typed + sizeof(intf->in), 100), 10);
    assert_memory_equal(intf->in, typed + sizeof(intf->in), 10);
    assert_tail_untouched();
}

static void test_garbage_in_cons_gets_no_input(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    intf->in_cons = 5;                              /* beyond in_prod 0 */
    assert_int_equal(guest_ring_input_room(&ring), -EIO);
    assert_int_equal(guest_ring_give_input(&ring, "x", 1), -EIO);
    assert_int_equal(intf->in_prod, 0);
    assert_int_equal((uint8_t)intf->in[0], GUARD);
    intf->in_cons = 0;
    assert_int_equal(guest_ring_give_input(&ring, "x", 1), 1);
}

/* --------------------------------------------------------- outbuf_* */

static void test_outbuf_keeps_bytes_in_order_across_its_end(void **state)
{
    (void)state;
    static char text[OUTBUF_SIZE];
    letters(text, sizeof(text), 0);
    assert_int_equal(outbuf_put(&out, text, OUTBUF_SIZE - 10), 0);
    outbuf_consume(&out, OUTBUF_SIZE - 10);
    assert_int_equal(outbuf_put(&out, text, 30), 0);   /* 10 + 20 wrapped */
    const char *p;
    assert_int_equal(outbuf_peek(&out, &p), 10);
    assert_memory_equal(p, text, 10);
    outbuf_consume(&out, 10);
    assert_int_equal(outbuf_peek(&out, &p), 20);
    assert_memory_equal(p, text + 10, 20);
    outbuf_consume(&out, 100);                          /* more than kept */
    assert_int_equal(outbuf_len(&out), 0);
    assert_int_equal(outbuf_peek(&out, &p), 0);
}

static void test_outbuf_full_drops_the_oldest(void **state)
{
    (void)state;
    static char text[OUTBUF_SIZE + 100];
    letters(text, sizeof(text), 0);
    assert_int_equal(outbuf_put(&out, text, OUTBUF_SIZE), 0);
    assert_int_equal(outbuf_put(&out, text + OUTBUF_SIZE, 100), 100);
    assert_int_equal(outbuf_len(&out), OUTBUF_SIZE);
    assert_int_equal(out.dropped, 100);
    const char *p;
    uint32_t first = outbuf_peek(&out, &p);
    assert_memory_equal(p, text + 100, first);          /* newest 16 KB */
    outbuf_consume(&out, first);
    uint32_t rest = outbuf_peek(&out, &p);
    assert_int_equal(first + rest, OUTBUF_SIZE);
    assert_memory_equal(p, text + 100 + first, rest);
}

static void test_outbuf_one_huge_put_keeps_its_newest_bytes(void **state)
{
    (void)state;
    static char text[3 * OUTBUF_SIZE];
    letters(text, sizeof(text), 7);
    outbuf_put(&out, "old", 3);
    assert_int_equal(outbuf_put(&out, text, sizeof(text)), 2 * OUTBUF_SIZE + 3);
    assert_int_equal(outbuf_len(&out), OUTBUF_SIZE);
    const char *p;
    uint32_t first = outbuf_peek(&out, &p);
    assert_memory_equal(p, text + 2 * OUTBUF_SIZE, first);
}

static void test_guest_output_beyond_16k_drops_the_oldest(void **state)
{
    (void)state;
    guest_ring_attach(&ring, intf);
    static char text[OUTBUF_SIZE + 2 * sizeof(intf->out)];
    letters(text, sizeof(text), 0);
    /* Nobody reads: the guest fills out[] again and again. */
    for (size_t done = 0; done < sizeof(text); done += sizeof(intf->out)) {
        guest_writes(text + done, sizeof(intf->out));
        assert_int_equal(guest_ring_take_output(&ring, &out), (int)sizeof(intf->out));
    }
    assert_int_equal(outbuf_len(&out), OUTBUF_SIZE);
    assert_int_equal(out.dropped, 2 * sizeof(intf->out));
    const char *p;
    uint32_t first = outbuf_peek(&out, &p);
    assert_memory_equal(p, text + 2 * sizeof(intf->out), first);
}

#define T(f) cmocka_unit_test_setup(f, setup_page)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_put_then_get_returns_the_bytes_in_order),
        T(test_bytes_wrap_around_the_array_end),
        T(test_indices_wrap_around_two_to_the_32),
        T(test_full_ring_takes_nothing_more),
        T(test_producer_more_than_a_ring_ahead_is_refused),
        T(test_consumer_beyond_producer_is_refused),
        T(test_guest_output_moves_to_the_buffer),
        T(test_attach_continues_where_the_page_stands),
        T(test_full_out_ring_is_taken_whole_across_the_end),
        T(test_garbage_out_prod_is_ignored_until_sane),
        T(test_guest_cannot_move_our_own_indices),
        T(test_input_takes_what_fits_in_in),
        T(test_garbage_in_cons_gets_no_input),
        T(test_outbuf_keeps_bytes_in_order_across_its_end),
        T(test_outbuf_full_drops_the_oldest),
        T(test_outbuf_one_huge_put_keeps_its_newest_bytes),
        T(test_guest_output_beyond_16k_drops_the_oldest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
