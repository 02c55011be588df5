/* Transactions through the library: commit, abort, conflict. */
#include "dom0/xstest/xstest.h"

static char buf[64];

void test_transactions(struct xs *a, struct xs *b)
{
    CHECK(xs_transaction_start(a) == 0, "start a transaction");
    CHECK(xs_write(a, TOP "/t/one", "1") == 0, "write in it");
    CHECK(xs_read(a, TOP "/t/one", buf, sizeof(buf)) == 1,
          "the transaction sees its own write");
    CHECK(xs_read(b, TOP "/t/one", buf, sizeof(buf)) == -ENOENT,
          "nobody else sees it before the commit");
    CHECK(xs_transaction_end(a, 0) == 0, "commit");
    CHECK(xs_read(b, TOP "/t/one", buf, sizeof(buf)) == 1 &&
          strcmp(buf, "1") == 0, "everyone sees it after the commit");

    CHECK(xs_transaction_start(a) == 0, "start another");
    CHECK(xs_write(a, TOP "/t/two", "2") == 0, "write in it");
    CHECK(xs_transaction_end(a, 1) == 0, "abort it");
    CHECK(xs_read(b, TOP "/t/two", buf, sizeof(buf)) == -ENOENT,
          "an aborted write never happened");

    CHECK(xs_transaction_start(a) == 0, "start a third");
    CHECK(xs_read(a, TOP "/t/one", buf, sizeof(buf)) == 1, "read in it");
    CHECK(xs_write(b, TOP "/t/one", "changed") == 0,
          "another client changes the store meanwhile");
    CHECK(xs_write(a, TOP "/t/three", "3") == 0, "write in the transaction");
    CHECK(xs_transaction_end(a, 0) == -EAGAIN, "its commit conflicts: EAGAIN");
    CHECK(xs_read(b, TOP "/t/three", buf, sizeof(buf)) == -ENOENT,
          "nothing of a conflicting transaction happened");
    CHECK(xs_read(b, TOP "/t/one", buf, sizeof(buf)) == 7,
          "the other client's change stands");

    a->tx = 12345;
    CHECK(xs_write(a, TOP "/t/four", "4") == -ENOENT,
          "a request in an unknown transaction: ENOENT");
    a->tx = 0;
}
