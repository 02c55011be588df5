/* Command-line parsing.  Pure code: also built into the host unit tests. */
#include "hypervisor/include/options.h"
#include "hypervisor/include/lib.h"

#define WORD_MAX 128

void options_defaults(struct hv_options *o)
{
    memset(o, 0, sizeof(*o));
    strlcpy_hv(o->console, "com1", sizeof(o->console));
    o->loglvl = LOG_INFO;
}

int parse_size(const char *s, uint64_t *bytes)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    uint64_t v = strtoull(s, &end, 0);
    uint64_t unit = 1024;
    switch (*end) {
    case 'k': case 'K': unit = 1024; end++; break;
    case 'm': case 'M': unit = 1024 * 1024; end++; break;
    case 'g': case 'G': unit = 1024ull * 1024 * 1024; end++; break;
    case 'b': case 'B': unit = 1; end++; break;
    default: break;
    }
    if (*end != 0 || v > (1ull << 40) / unit)
        return -1;
    *bytes = v * unit;
    return 0;
}

static int apply(struct hv_options *o, const char *key, const char *val,
                 const char **why)
{
    if (strcmp(key, "console") == 0) {
        if (strcmp(val, "com1") && strcmp(val, "com2") && strcmp(val, "none")) {
            *why = "console must be com1, com2 or none";
            return -1;
        }
        strlcpy_hv(o->console, val, sizeof(o->console));
    } else if (strcmp(key, "loglvl") == 0) {
        if (log_level_parse(val, &o->loglvl) < 0) {
            *why = "loglvl must be all, debug, info, warning, error or none";
            return -1;
        }
    } else if (strcmp(key, "dom0_mem") == 0) {
        if (parse_size(val, &o->dom0_mem_bytes) < 0 || o->dom0_mem_bytes == 0) {
            *why = "dom0_mem must be a size such as 64M or 65536 (KB)";
            return -1;
        }
    } else if (strcmp(key, "qemu_exit") == 0) {
        char *end;
        unsigned long long port = strtoull(val, &end, 0);
        if (*val == 0 || *end != 0 || port == 0 || port > 0xFFFF) {
            *why = "qemu_exit must be an I/O port number such as 0xf4";
            return -1;
        }
        o->qemu_exit_port = (uint16_t)port;
    } else if (strcmp(key, "selftest") == 0) {
        if (strcmp(val, "fault") != 0) {
            *why = "selftest must be fault";
            return -1;
        }
        o->selftest_fault = 1;
    } else {
        *why = "unknown option";
        return -1;
    }
    return 0;
}

int options_parse(const char *cmdline, struct hv_options *o,
                  void (*report)(const char *word, const char *why))
{
    int rejected = 0;
    const char *p = cmdline ? cmdline : "";
    while (*p) {
        char word[WORD_MAX];
        size_t n = 0;
        int truncated = 0;
        while (*p == ' ')
            p++;
        while (*p && *p != ' ') {
            if (n < WORD_MAX - 1)
                word[n++] = *p;
            else
                truncated = 1;
            p++;
        }
        word[n] = 0;
        if (n == 0)
            continue;
        char *eq = strchr(word, '=');
        if (!eq)
            continue;       /* the image path, or a bare word */
        *eq = 0;
        const char *why = NULL;
        if (truncated) {
            why = "option too long";
        } else if (apply(o, word, eq + 1, &why) == 0) {
            continue;
        }
        *eq = '=';
        rejected++;
        if (report)
            report(word, why);
    }
    return rejected;
}
