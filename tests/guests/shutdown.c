/*
 * shutdown: dom0 shuts down with the reason its command line names, and
 * the hypervisor shuts the machine down with the same reason (the case
 * files check QEMU's exit status).  Command line: "reason=N" (default 0)
 * and "compat" to use the old sched_op_compat hypercall (#6, arg = the
 * reason) instead of sched_op(SCHEDOP_shutdown, &{reason}).
 *
 * First, with either hypercall, reason 7 (no such reason) is refused with
 * -EINVAL and the guest keeps running.
 *
 * finish() would power off, so this guest prints its own RESULT line,
 * counting its checks locally, before the real shutdown.
 */
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"
#include "public/errno.h"

static unsigned int nr_checks, nr_failed;

static void expect(int ok, const char *what)
{
    nr_checks++;
    if (!ok)
        nr_failed++;
    check(ok, "%s", what);
}

/*
 * Find word (or "word=...") among the space-separated words of the
 * command line; return what follows it, or NULL if it is not there.
 */
static const char *cmdline_find(const char *word)
{
    const char *s = (const char *)start_info->cmd_line;
    size_t n = strlen(word);
    while (*s) {
        while (*s == ' ')
            s++;
        if (strncmp(s, word, n) == 0 && (s[n] == '\0' || s[n] == ' ' ||
                                         s[n] == '='))
            return s + n;
        while (*s && *s != ' ')
            s++;
    }
    return NULL;
}

static long shutdown_new(uint32_t reason)
{
    struct sched_shutdown s = { .reason = reason };
    return HYPERCALL2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
}

static long shutdown_compat(uint32_t reason)
{
    return HYPERCALL2(__HYPERVISOR_sched_op_compat, SCHEDOP_shutdown, reason);
}

void guest_main(void)
{
    const char *arg = cmdline_find("reason");
    uint32_t reason = (arg && *arg == '=') ? strtoull(arg + 1, NULL, 0) : 0;
    int compat = cmdline_find("compat") != NULL;
    const char *how = compat ? "sched_op_compat" : "sched_op";

    printf("shutdown guest: command line '%s'\n",
           (const char *)start_info->cmd_line);

    long rc = shutdown_new(7);
    printf("reason 7 via sched_op: %ld\n", rc);
    expect(rc == -EINVAL,
           "sched_op(shutdown, reason 7) not refused with -EINVAL");
    rc = shutdown_compat(7);
    printf("reason 7 via sched_op_compat: %ld\n", rc);
    expect(rc == -EINVAL,
           "sched_op_compat(shutdown, 7) not refused with -EINVAL");

    printf("RESULT: %u checks, %u failed\n", nr_checks, nr_failed);
    printf("shutting down: reason %u via %s hypercall\n", reason, how);
    rc = compat ? shutdown_compat(reason) : shutdown_new(reason);
    check(0, "shutdown with reason %u via %s returned %ld", reason, how, rc);
    finish();
}
