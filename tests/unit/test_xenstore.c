/*
 * The xenstore core's requests on nodes (dom0/xenstored/): reading,
 * writing, making and removing nodes, permissions across domains, path
 * rules, quotas, and the domain-path and debug requests.
 *
 * Connections here are local ones acting as a domain; dom0 is 0, the
 * guests 5, 6 and 7.
 */
// uses: dom0/xenstored/changes.c dom0/xenstored/conn.c dom0/xenstored/conn_input.c dom0/xenstored/daemon.c dom0/xenstored/node.c dom0/xenstored/path.c dom0/xenstored/perms.c dom0/xenstored/request.c dom0/xenstored/request_domain.c dom0/xenstored/request_txn.c dom0/xenstored/request_watch.c dom0/xenstored/store.c dom0/xenstored/tree.c dom0/xenstored/txn.c dom0/xenstored/watch.c dom0/xenstored/xs_lib.c
#include "tests/unit/test_xenstore_client.h"

/* /local/domain/5 owned by domain 5 (no rights for others), as dom0 does. */
static void make_domain_dir(struct xs_conn *dom0, const char *dir,
                            const char *owner_perm, uint32_t len)
{
    expect_ok(do_path(dom0, XS_MKDIR, 0, dir), XS_MKDIR);
    set_perms_ok(dom0, dir, owner_perm, len);
}

static void test_initial_tree_is_dom0s(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/"), XS_DIRECTORY,
                 LIT("local\0tool\0"));
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/local"), XS_DIRECTORY,
                 LIT("domain\0"));
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/local/domain"),
                 XS_DIRECTORY, "", 0);
    read_is(dom0, 0, "/tool", "");
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain"),
                 XS_GET_PERMS, LIT("n0\0"));
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/"), XS_GET_PERMS,
                 LIT("n0\0"));
    read_fails(guest, 0, "/tool", "EACCES");
    expect_error(do_path(guest, XS_DIRECTORY, 0, "/"), "EACCES");
}

static void test_write_then_read_returns_the_value(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static const char binary[] = "a\0b\0";
    char buf[64];

    (void)state;
    write_ok(dom0, 0, "/tool/name", "hello");
    read_is(dom0, 0, "/tool/name", "hello");
    write_ok(dom0, 0, "/tool/name", "");
    read_is(dom0, 0, "/tool/name", "");
    /* Values are bytes: NULs included, no terminator added. */
    memcpy(buf, "/tool/bin\0", 10);
    memcpy(buf + 10, binary, sizeof(binary) - 1);
    expect_ok(call(dom0, XS_WRITE, 0, buf, 10 + sizeof(binary) - 1),
              XS_WRITE);
    expect_reply(do_path(dom0, XS_READ, 0, "/tool/bin"), XS_READ, binary,
                 sizeof(binary) - 1);
}

static void test_largest_value_fits_in_a_message(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static char value[XENSTORE_PAYLOAD_MAX];
    static const char path[] = "/tool/v";
    uint32_t vlen = XENSTORE_PAYLOAD_MAX - sizeof(path);
    struct test_msg *m;

    (void)state;
    memset(value, 'x', sizeof(value));
    value[vlen] = '\0';
    write_ok(dom0, 0, path, value);
    m = do_path(dom0, XS_READ, 0, path);
    expect_reply(m, XS_READ, value, vlen);
}

static void test_write_creates_missing_parents(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/tool/a/b/c", "deep");
    read_is(dom0, 0, "/tool/a/b/c", "deep");
    read_is(dom0, 0, "/tool/a", "");
    read_is(dom0, 0, "/tool/a/b", "");
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/tool/a"), XS_DIRECTORY,
                 LIT("b\0"));
}

static void test_directory_lists_children_in_creation_order(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/tool/zeta", "1");
    write_ok(dom0, 0, "/tool/alpha", "2");
    write_ok(dom0, 0, "/tool/mid", "3");
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/tool"), XS_DIRECTORY,
                 LIT("zeta\0alpha\0mid\0"));
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/alpha"), XS_RM);
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/tool"), XS_DIRECTORY,
                 LIT("zeta\0mid\0"));
}

static void test_new_node_takes_parent_perms_and_creator_as_owner(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0r6\0"));
    /* dom0 creating keeps the parent's owner. */
    write_ok(dom0, 0, "/local/domain/5/by-dom0", "x");
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/5/by-dom0"),
                 XS_GET_PERMS, LIT("n5\0r6\0"));
    /* A guest creating becomes the owner; the rest is inherited. */
    set_perms_ok(dom0, "/local/domain/5", LIT("n7\0b5\0r6\0"));
    write_ok(guest, 0, "/local/domain/5/x/y", "v");
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/5/x"),
                 XS_GET_PERMS, LIT("n5\0b5\0r6\0"));
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/local/domain/5/x/y"),
                 XS_GET_PERMS, LIT("n5\0b5\0r6\0"));
}

static void test_relative_paths_are_under_the_domains_directory(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0"));
    write_ok(guest, 0, "device/vbd", "1");
    read_is(guest, 0, "/local/domain/5/device/vbd", "1");
    read_is(guest, 0, "device/vbd", "1");
    write_ok(dom0, 0, "name", "dom0's");
    read_is(dom0, 0, "/local/domain/0/name", "dom0's");
}

static void test_bad_paths_are_refused(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static char longest[XENSTORE_ABS_PATH_MAX + 2];
    static char rel[XENSTORE_REL_PATH_MAX + 2];
    static const char *const bad[] = {
        "", "//", "/tool//a", "/tool/", "/tool/a b", "/tool/a.b",
        "/tool/a\tb", "/tool/\xc3\xa9", "/tool/a:b", "rel/", "/tool/*",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        expect_error(do_write(dom0, 0, bad[i], "x"), "EINVAL");
        expect_error(do_path(dom0, XS_READ, 0, bad[i]), "EINVAL");
        expect_error(do_path(dom0, XS_MKDIR, 0, bad[i]), "EINVAL");
        expect_error(do_path(dom0, XS_RM, 0, bad[i]), "EINVAL");
    }
    /* Every allowed character, and "/" itself. */
    write_ok(dom0, 0, "/tool/AZaz09-_@", "ok");
    read_is(dom0, 0, "/", "");
    /* Absolute paths may have XENSTORE_ABS_PATH_MAX characters. */
    memset(longest, 'a', sizeof(longest) - 1);
    memcpy(longest, "/tool/", 6);
    longest[XENSTORE_ABS_PATH_MAX] = '\0';
    write_ok(dom0, 0, longest, "long");
    longest[XENSTORE_ABS_PATH_MAX] = 'a';
    expect_error(do_write(dom0, 0, longest, "x"), "EINVAL");
    /* Relative ones XENSTORE_REL_PATH_MAX. */
    memset(rel, 'r', sizeof(rel) - 1);
    rel[XENSTORE_REL_PATH_MAX] = '\0';
    write_ok(dom0, 0, rel, "rel");
    rel[XENSTORE_REL_PATH_MAX] = 'r';
    expect_error(do_write(dom0, 0, rel, "x"), "EINVAL");
}

static void test_malformed_payloads_are_einval(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/tool/a", "1");
    /* No NUL, two strings, nothing at all. */
    expect_error(call(dom0, XS_READ, 0, LIT("/tool/a")), "EINVAL");
    expect_error(call(dom0, XS_READ, 0, LIT("/tool/a\0/tool\0")), "EINVAL");
    expect_error(call(dom0, XS_READ, 0, "", 0), "EINVAL");
    expect_error(call(dom0, XS_DIRECTORY, 0, LIT("/tool")), "EINVAL");
    expect_error(call(dom0, XS_GET_PERMS, 0, LIT("/tool\0x")), "EINVAL");
    expect_error(call(dom0, XS_RM, 0, LIT("/tool/a")), "EINVAL");
    expect_error(call(dom0, XS_MKDIR, 0, "", 0), "EINVAL");
    /* A write needs the path's NUL. */
    expect_error(call(dom0, XS_WRITE, 0, LIT("/tool/a")), "EINVAL");
    expect_error(call(dom0, XS_SET_PERMS, 0, LIT("/tool/a")), "EINVAL");
    read_is(dom0, 0, "/tool/a", "1");
}

static void test_missing_node_is_enoent_only_if_parent_readable(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    read_fails(dom0, 0, "/tool/none", "ENOENT");
    read_fails(dom0, 0, "/tool/none/deeper", "ENOENT");
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0"));
    read_fails(guest, 0, "/local/domain/5/none", "ENOENT");
    read_fails(guest, 0, "/local/domain/5/none/deeper", "ENOENT");
    /* Above its own directory a guest may not even learn what is missing. */
    read_fails(guest, 0, "/local/domain/9", "EACCES");
    read_fails(guest, 0, "/none", "EACCES");
}

/*
 * One node, readable by 6, writable only by 8, both for 7; what each
 * domain may do with it.
 */
static void test_rights_of_each_domain(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *owner = xs_open(5);
    struct xs_conn *reader = xs_open(6), *both = xs_open(7);
    struct xs_conn *writer = xs_open(8), *other = xs_open(9);
    static const char node[] = "/local/domain/5/shared";

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0r6\0r7\0r8\0r9\0"));
    write_ok(dom0, 0, node, "v0");
    set_perms_ok(dom0, node, LIT("n5\0r6\0b7\0w8\0"));

    /* The owner and dom0: everything. */
    read_is(owner, 0, node, "v0");
    write_ok(owner, 0, node, "v1");
    write_ok(dom0, 0, node, "v2");
    read_is(dom0, 0, node, "v2");
    /* r: read only. */
    read_is(reader, 0, node, "v2");
    expect_reply(do_path(reader, XS_DIRECTORY, 0, node), XS_DIRECTORY,
                 "", 0);
    expect_reply(do_path(reader, XS_GET_PERMS, 0, node), XS_GET_PERMS,
                 LIT("n5\0r6\0b7\0w8\0"));
    expect_error(do_write(reader, 0, node, "no"), "EACCES");
    expect_error(do_path(reader, XS_RM, 0, node), "EACCES");
    expect_error(do_write(reader, 0, "/local/domain/5/shared/kid", "no"),
                 "EACCES");
    /* b: both. */
    write_ok(both, 0, node, "v3");
    read_is(both, 0, node, "v3");
    write_ok(both, 0, "/local/domain/5/shared/kid", "k");
    /* w: write but not read. */
    write_ok(writer, 0, node, "v4");
    read_fails(writer, 0, node, "EACCES");
    expect_error(do_path(writer, XS_DIRECTORY, 0, node), "EACCES");
    expect_error(do_path(writer, XS_GET_PERMS, 0, node), "EACCES");
    /* Not listed: the first entry's rights, none. */
    read_fails(other, 0, node, "EACCES");
    expect_error(do_write(other, 0, node, "no"), "EACCES");
    expect_error(do_path(other, XS_MKDIR, 0, node), "EACCES");
    read_is(dom0, 0, node, "v4");
}

static void test_first_entry_gives_rights_to_unlisted_domains(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(6);

    (void)state;
    write_ok(dom0, 0, "/tool/open", "o");
    set_perms_ok(dom0, "/tool/open", LIT("b5\0n6\0"));
    read_fails(guest, 0, "/tool/open", "EACCES");
    set_perms_ok(dom0, "/tool/open", LIT("r5\0"));
    read_is(guest, 0, "/tool/open", "o");
    expect_error(do_write(guest, 0, "/tool/open", "x"), "EACCES");
    set_perms_ok(dom0, "/tool/open", LIT("w5\0"));
    write_ok(guest, 0, "/tool/open", "x");
}

static void test_set_perms_owner_or_dom0_only(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *owner = xs_open(5);
    struct xs_conn *other = xs_open(6);
    static const char node[] = "/local/domain/5/p";

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0b6\0"));
    write_ok(owner, 0, node, "v");
    /* Even with b rights, a non-owner may not change permissions. */
    expect_error(do_set_perms(other, 0, node, LIT("n5\0b6\0")), "EACCES");
    set_perms_ok(owner, node, LIT("n5\0r6\0"));
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, node), XS_GET_PERMS,
                 LIT("n5\0r6\0"));
    /* A guest may not give its node away; dom0 may. */
    expect_error(do_set_perms(owner, 0, node, LIT("n6\0")), "EACCES");
    set_perms_ok(dom0, node, LIT("b6\0"));
    expect_reply(do_path(other, XS_GET_PERMS, 0, node), XS_GET_PERMS,
                 LIT("b6\0"));
    expect_error(do_set_perms(owner, 0, node, LIT("n5\0")), "EACCES");
    expect_error(do_set_perms(dom0, 0, "/tool/none", LIT("n0\0")), "ENOENT");
}

static void test_malformed_perms_are_einval(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    static const struct {
        const char *text;
        uint32_t len;
    } bad[] = {
        { LIT("") }, { LIT("x5\0") }, { LIT("r\0") }, { LIT("r05\0") },
        { LIT("r-1\0") }, { LIT("r5x\0") }, { LIT("R5\0") },
        { LIT("r32752\0") }, { LIT("r99999999999\0") }, { LIT("r5") },
        { LIT("r5\0\0") }, { LIT("r5\0w") },
    };
    size_t i;

    (void)state;
    write_ok(dom0, 0, "/tool/p", "v");
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        expect_error(do_set_perms(dom0, 0, "/tool/p", bad[i].text,
                                  bad[i].len), "EINVAL");
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/tool/p"), XS_GET_PERMS,
                 LIT("n0\0"));
    set_perms_ok(dom0, "/tool/p", LIT("b32751\0n0\0r10\0w0\0"));
    expect_reply(do_path(dom0, XS_GET_PERMS, 0, "/tool/p"), XS_GET_PERMS,
                 LIT("b32751\0n0\0r10\0w0\0"));
}

static void test_mkdir_creates_or_accepts_existing(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    write_ok(dom0, 0, "/tool/m", "keep");
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/tool/m"), XS_MKDIR);
    read_is(dom0, 0, "/tool/m", "keep");
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/tool/n/o"), XS_MKDIR);
    read_is(dom0, 0, "/tool/n/o", "");
    expect_error(do_path(guest, XS_MKDIR, 0, "/tool/x"), "EACCES");
    expect_error(do_path(guest, XS_MKDIR, 0, "/tool/m"), "EACCES");
    read_fails(dom0, 0, "/tool/x", "ENOENT");
}

static void test_rm_removes_subtree(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    write_ok(dom0, 0, "/tool/t/a/b", "1");
    write_ok(dom0, 0, "/tool/t/c", "2");
    write_ok(dom0, 0, "/tool/tt", "sibling");
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/t"), XS_RM);
    read_fails(dom0, 0, "/tool/t", "ENOENT");
    read_fails(dom0, 0, "/tool/t/a/b", "ENOENT");
    read_is(dom0, 0, "/tool/tt", "sibling");
    /* Already gone, parent there: fine; parent gone too: ENOENT. */
    expect_ok(do_path(dom0, XS_RM, 0, "/tool/t"), XS_RM);
    expect_error(do_path(dom0, XS_RM, 0, "/tool/t/a"), "ENOENT");
    /* "/" stays. */
    expect_error(do_path(dom0, XS_RM, 0, "/"), "EINVAL");
    expect_reply(do_path(dom0, XS_DIRECTORY, 0, "/"), XS_DIRECTORY,
                 LIT("local\0tool\0"));
}

static void test_rm_needs_write_on_the_node(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0"));
    write_ok(dom0, 0, "/local/domain/5/ro", "dom0 set");
    set_perms_ok(dom0, "/local/domain/5/ro", LIT("n0\0r5\0"));
    expect_error(do_path(guest, XS_RM, 0, "/local/domain/5/ro"), "EACCES");
    read_is(guest, 0, "/local/domain/5/ro", "dom0 set");
    expect_error(do_path(guest, XS_RM, 0, "/tool"), "EACCES");
    write_ok(guest, 0, "/local/domain/5/mine", "m");
    expect_ok(do_path(guest, XS_RM, 0, "/local/domain/5/mine"), XS_RM);
}

static void test_guest_node_quota(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);
    char path[64];
    int i;

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0"));
    /*
     * The directory is the guest's first node; 988 leaves in ten
     * directories (a directory's listing is bounded) make 999.
     */
    for (i = 0; i < 988; i++) {
        snprintf(path, sizeof(path), "/local/domain/5/d%d/n%d", i / 100,
                 i % 100);
        write_ok(guest, 0, path, "x");
    }
    /* One more fits, two at once do not. */
    expect_error(do_write(guest, 0, "/local/domain/5/e/f", "x"), "ENOSPC");
    write_ok(guest, 0, "/local/domain/5/last", "x");
    expect_error(do_write(guest, 0, "/local/domain/5/over", "x"), "ENOSPC");
    expect_error(do_path(guest, XS_MKDIR, 0, "/local/domain/5/over"),
                 "ENOSPC");
    /* Rewriting existing nodes is still fine; dom0 is not limited. */
    write_ok(guest, 0, "/local/domain/5/last", "y");
    write_ok(dom0, 0, "/tool/dom0-is-free", "x");
    /* Removing nodes gives the room back. */
    expect_ok(do_path(guest, XS_RM, 0, "/local/domain/5/d0"), XS_RM);
    write_ok(guest, 0, "/local/domain/5/e/f", "x");
}

static void test_quota_follows_ownership(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);
    char path[64];
    int i;

    (void)state;
    make_domain_dir(dom0, "/local/domain/5", LIT("n5\0"));
    /*
     * dom0's creations under the guest's directory are the guest's:
     * with the directory, ten subdirectories and 989 leaves, 1000.
     */
    for (i = 0; i < 989; i++) {
        snprintf(path, sizeof(path), "/local/domain/5/d%d/n%d", i / 100,
                 i % 100);
        write_ok(dom0, 0, path, "x");
    }
    expect_error(do_write(guest, 0, "/local/domain/5/mine", "x"), "ENOSPC");
    /* Giving one node to dom0 frees one place. */
    set_perms_ok(dom0, "/local/domain/5/d0/n0", LIT("n0\0"));
    write_ok(guest, 0, "/local/domain/5/mine", "x");
    expect_error(do_write(guest, 0, "/local/domain/5/more", "x"), "ENOSPC");
}

static void test_directory_listing_is_bounded(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    char path[64];
    uint32_t used = 0;
    int i;

    (void)state;
    /* Names of 9 characters take 10 bytes each in a DIRECTORY reply. */
    for (i = 0; used + 10 <= XENSTORE_PAYLOAD_MAX; i++, used += 10) {
        snprintf(path, sizeof(path), "/tool/big/c%08d", i);
        write_ok(dom0, 0, path, "");
    }
    snprintf(path, sizeof(path), "/tool/big/c%08d", i);
    expect_error(do_write(dom0, 0, path, ""), "ENOSPC");
    expect_ok(do_path(dom0, XS_MKDIR, 0, "/tool/big/x"), XS_MKDIR);
    expect_error(do_path(dom0, XS_MKDIR, 0, "/tool/big/xxxxx"), "ENOSPC");
    assert_int_equal(do_path(dom0, XS_DIRECTORY, 0, "/tool/big")->hdr.len,
                     used + 2);
}

static void test_unknown_transaction_is_enoent(void **state)
{
    struct xs_conn *dom0 = xs_open(0);

    (void)state;
    expect_error(do_path(dom0, XS_READ, 77, "/tool"), "ENOENT");
    expect_error(do_write(dom0, 77, "/tool/x", "1"), "ENOENT");
    read_fails(dom0, 0, "/tool/x", "ENOENT");
}

static void test_get_domain_path(void **state)
{
    struct xs_conn *guest = xs_open(5);

    (void)state;
    expect_reply(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("7\0")),
                 XS_GET_DOMAIN_PATH, LIT("/local/domain/7\0"));
    expect_reply(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("0\0")),
                 XS_GET_DOMAIN_PATH, LIT("/local/domain/0\0"));
    expect_reply(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("32751\0")),
                 XS_GET_DOMAIN_PATH, LIT("/local/domain/32751\0"));
    expect_error(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("32752\0")),
                 "EINVAL");
    expect_error(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("x\0")), "EINVAL");
    expect_error(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("7")), "EINVAL");
    expect_error(call(guest, XS_GET_DOMAIN_PATH, 0, LIT("\0")), "EINVAL");
}

static void test_debug_print_is_dom0s(void **state)
{
    struct xs_conn *dom0 = xs_open(0), *guest = xs_open(5);

    (void)state;
    expect_ok(call(dom0, XS_DEBUG, 0, LIT("print\0hello\0")), XS_DEBUG);
    assert_string_equal(fake.log, "hello");
    expect_error(call(guest, XS_DEBUG, 0, LIT("print\0guest\0")), "EACCES");
    assert_string_equal(fake.log, "hello");
    expect_error(call(dom0, XS_DEBUG, 0, LIT("check\0x\0")), "EINVAL");
    expect_error(call(dom0, XS_DEBUG, 0, LIT("print\0")), "EINVAL");
}

/* The reply echoes the request's type, req_id and tx_id. */
static void test_reply_echoes_request_ids(void **state)
{
    struct xs_conn *dom0 = xs_open(0);
    char buf[64];
    size_t n = wire_request(buf, XS_READ, 0xdeadbeef, 0, LIT("/tool\0"));
    struct test_msg m;

    (void)state;
    feed(dom0, buf, n);
    assert_true(recv_msg(dom0, &m));
    assert_int_equal(m.hdr.type, XS_READ);
    assert_int_equal(m.hdr.req_id, 0xdeadbeef);
    assert_int_equal(m.hdr.tx_id, 0);
    assert_int_equal(m.hdr.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, xs_setup, xs_teardown)
        T(test_initial_tree_is_dom0s),
        T(test_write_then_read_returns_the_value),
        T(test_largest_value_fits_in_a_message),
        T(test_write_creates_missing_parents),
        T(test_directory_lists_children_in_creation_order),
        T(test_new_node_takes_parent_perms_and_creator_as_owner),
        T(test_relative_paths_are_under_the_domains_directory),
        T(test_bad_paths_are_refused),
        T(test_malformed_payloads_are_einval),
        T(test_missing_node_is_enoent_only_if_parent_readable),
        T(test_rights_of_each_domain),
        T(test_first_entry_gives_rights_to_unlisted_domains),
        T(test_set_perms_owner_or_dom0_only),
        T(test_malformed_perms_are_einval),
        T(test_mkdir_creates_or_accepts_existing),
        T(test_rm_removes_subtree),
        T(test_rm_needs_write_on_the_node),
        T(test_guest_node_quota),
        T(test_quota_follows_ownership),
        T(test_directory_listing_is_bounded),
        T(test_unknown_transaction_is_enoent),
        T(test_get_domain_path),
        T(test_debug_print_is_dom0s),
        T(test_reply_echoes_request_ids),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
