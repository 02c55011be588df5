/* Watches through the library: the first event, changes, removal. */
#include "dom0/xstest/xstest.h"

static struct xs_event ev;

/* Wait (up to 5 s) for an event on a: 1 with ev filled, else 0. */
static int next_event(struct xs *a)
{
    if (a->nr_events == 0 && !raw_readable(a->fd, 5000))
        return 0;
    return xs_read_watch(a, &ev) == 0;
}

/* Whether an event waits or arrives on a within timeout_ms. */
static int any_event(struct xs *a, int timeout_ms)
{
    return a->nr_events > 0 || raw_readable(a->fd, timeout_ms);
}

void test_watches(struct xs *a, struct xs *b)
{
    CHECK(xs_write(a, TOP "/w/x", "0") == 0, "make a node to watch");
    CHECK(xs_watch(a, TOP "/w", "tok") == 0, "watch it");
    CHECK(next_event(a) && strcmp(ev.path, TOP "/w") == 0 &&
          strcmp(ev.token, "tok") == 0,
          "a new watch fires once at once, with its path and token");
    CHECK(!any_event(a, 200), "and only once");
    CHECK(xs_write(b, TOP "/w/x", "1") == 0, "another client changes a child");
    CHECK(next_event(a) && strcmp(ev.path, TOP "/w/x") == 0 &&
          strcmp(ev.token, "tok") == 0, "the watch fires for the child");
    CHECK(!any_event(b, 200), "the writer, who watches nothing, hears nothing");
    CHECK(xs_write(b, TOP "/other", "1") == 0 && !any_event(a, 300),
          "a change elsewhere fires nothing");
    CHECK(xs_watch(a, TOP "/w", "tok") == -EEXIST,
          "the same watch twice: EEXIST");
    CHECK(xs_watch(a, TOP "/w", "tok2") == 0, "the same path with another token");
    CHECK(next_event(a) && strcmp(ev.token, "tok2") == 0,
          "the second watch fires at once too");
    CHECK(xs_rm(b, TOP "/w") == 0, "remove the watched node");
    int seen = 0;
    for (int i = 0; i < 2 && next_event(a); i++)
        seen |= strcmp(ev.token, "tok") == 0 ? 1 : strcmp(ev.token, "tok2") == 0 ? 2 : 4;
    CHECK(seen == 3 && !any_event(a, 300),
          "removal fires both watches once, nothing else");
    CHECK(xs_unwatch(a, TOP "/w", "tok") == 0 &&
          xs_unwatch(a, TOP "/w", "tok2") == 0, "unwatch both");
    CHECK(xs_unwatch(a, TOP "/w", "tok") == -ENOENT,
          "unwatching what is not watched: ENOENT");
    CHECK(xs_write(b, TOP "/w/y", "2") == 0 && !any_event(a, 300),
          "after unwatching, nothing fires");
    CHECK(xs_watch(a, "@releaseDomain", "rel") == 0 && next_event(a) &&
          strcmp(ev.path, "@releaseDomain") == 0,
          "a watch on @releaseDomain fires once at once");
    CHECK(xs_unwatch(a, "@releaseDomain", "rel") == 0, "unwatch it");
}
