/* Command-line words of the test guests (see args.h). */
#include "tests/guests/lib/args.h"
#include "tests/guests/lib/guest.h"
#include "hypervisor/include/lib.h"

static const char *cmdline(void)
{
    return start_info ? (const char *)start_info->cmd_line : "";
}

/* Copy the word at s (up to a space or the end) into buf. */
static void copy_word(const char *s, char *buf, unsigned int size)
{
    unsigned int n = 0;
    while (s[n] && s[n] != ' ' && n + 1 < size) {
        buf[n] = s[n];
        n++;
    }
    if (size)
        buf[n] = 0;
}

void arg_first_word(char *buf, unsigned int size)
{
    const char *s = cmdline();
    while (*s == ' ')
        s++;
    copy_word(s, buf, size);
}

/* Where the value of key=value starts, or NULL. */
static const char *find_value(const char *key)
{
    size_t klen = strlen(key);
    const char *s = cmdline();
    while (*s) {
        while (*s == ' ')
            s++;
        if (strncmp(s, key, klen) == 0 && s[klen] == '=')
            return s + klen + 1;
        while (*s && *s != ' ')
            s++;
    }
    return NULL;
}

int arg_str(const char *key, char *buf, unsigned int size)
{
    const char *v = find_value(key);
    if (!v)
        return -1;
    copy_word(v, buf, size);
    return 0;
}

int arg_uint(const char *key, uint32_t *out)
{
    const char *v = find_value(key);
    if (!v)
        return -1;
    *out = (uint32_t)strtoull(v, NULL, 0);
    return 0;
}
