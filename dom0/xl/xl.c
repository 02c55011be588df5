/*
 * xl: dom0's control tool.  "xl COMMAND ARGS...", as with Xen's xl;
 * domains are named by name or by id.
 */
#include "dom0/xl/xl.h"
#include "user.h"

static const struct {
    const char *name;
    xl_command_fn run;
    const char *help;
} commands[] = {
    { "create", xl_create, "create CONFIG [-c]  build and start a domain (-c: attach its console)" },
    { "list", xl_list, "list [-v]          the domains (-v: with pages)" },
    { "top", xl_top, "top [-n N] [-d S]  each domain's CPU share, N rounds of S seconds" },
    { "info", xl_info, "info               the hypervisor and the machine" },
    { "dmesg", xl_dmesg, "dmesg [-c]         the hypervisor's log (-c: clear it)" },
    { "pause", xl_pause, "pause DOMAIN       stop scheduling it" },
    { "unpause", xl_unpause, "unpause DOMAIN     schedule it again" },
    { "console", xl_console, "console DOMAIN     attach to its console (detach: Ctrl-])" },
    { "shutdown", xl_shutdown, "shutdown [-w] DOMAIN  ask it to power off (-w: wait)" },
    { "destroy", xl_destroy, "destroy DOMAIN     kill it at once, freeing its memory" },
    { "mem-set", xl_mem_set, "mem-set DOMAIN MB  ask it to hold MB of memory (its balloon driver)" },
};

static void usage(void)
{
    printf(2, "usage: xl COMMAND [ARGS]\n");
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        printf(2, "  xl %s\n", commands[i].help);
}

/*
 * xl's commands need more stack than the one page exec gives a program
 * (the domain builder and the store client keep kilobytes of requests
 * and replies in locals), so they run on XL_STACK bytes from the heap.
 */
#define XL_STACK (64 * 1024)

struct command_call {
    xl_command_fn run;
    struct xl *xl;
    int argc;
    char **argv;
};

static int run_command(struct command_call *c)
{
    return c->run(c->xl, c->argc, c->argv);
}

/* run_command(c) with esp at top (16-byte aligned); its result. */
static int run_on_stack(struct command_call *c, char *top)
{
    int result;
    __asm__ volatile("mov %%esp, %%esi\n\t"
                     "mov %[top], %%esp\n\t"
                     "sub $12, %%esp\n\t"
                     "push %[c]\n\t"
                     "call *%[fn]\n\t"
                     "mov %%esi, %%esp"
                     : "=a"(result)
                     : [top] "r"(top), [c] "r"(c), [fn] "r"(run_command)
                     : "esi", "ecx", "edx", "memory", "cc");
    return result;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        exit();
    }
    for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        struct xl xl;
        char *stack = malloc(XL_STACK);
        if (!stack) {
            printf(2, "xl: out of memory\n");
            exit();
        }
        if (xc_privcmd_open(&xl.pc) < 0) {
            printf(2, "xl: cannot open /dev/privcmd (only dom0 controls domains)\n");
            exit();
        }
        xl.xc = &xl.pc.ops;
        struct command_call call = { commands[i].run, &xl, argc - 1, argv + 1 };
        run_on_stack(&call, (char *)(((uint)stack + XL_STACK) & ~15u));
        xc_privcmd_close(&xl.pc);
        exit();
    }
    printf(2, "xl: unknown command '%s'\n", argv[1]);
    usage();
    exit();
}
