/*
 * The domain config file parser (xlcfg.h says what the syntax is).
 *
 * The parser walks the text once, with a cursor that counts lines, and
 * acts on each `key = value` as it meets it: a value is first read as it
 * stands (a number, the bounds of a string, or the opening of a list
 * whose items are then pulled one at a time), and only then checked
 * against what the key wants.  So a syntax error and a bad setting both
 * name the line they are on, and nothing needs a copy of the whole file.
 *
 * It runs in dom0's user space, whose stack is one page: it keeps no
 * table of the keys it has seen.  To find a key given twice it reads the
 * text before the current setting again (already known to be well formed)
 * looking for the same key; config files are a few dozen lines.
 *
 * A disk entry's own fields are read by xlcfg_disk.c.
 *
 * The same source builds on the host for the unit tests, where the C
 * library's snprintf and string functions stand in for dom0's.
 */
#include <stdarg.h>
#include <stddef.h>
#ifdef HOST_TEST
#include <errno.h>
#include <stdio.h>
#include <string.h>
#else
#include "user.h"
#endif
#include "public/errno.h"
#include "dom0/xl/xlcfg.h"

/* Where the parser is in the text. */
struct cursor {
    const char *text;
    unsigned int len;
    unsigned int pos;
    int line;               /* of text[pos], from 1 */
};

enum value_kind { VALUE_NUMBER, VALUE_STRING, VALUE_LIST };

/*
 * A value as it stands in the text.  A string is not decoded yet: start
 * and end bound what lies between its quotes.  A list has only been
 * opened; its items come from next_list_item().
 */
struct value {
    enum value_kind kind;
    int line;               /* where the value starts */
    int number;             /* VALUE_NUMBER */
    unsigned int start, end;    /* VALUE_STRING */
    int items;              /* VALUE_LIST: items read so far */
};

struct parser {
    struct cursor c;
    struct xlcfg *cfg;
    char *err;              /* NULL while re-reading for duplicates */
    unsigned int err_size;
};

/* Keys we act on, and the one name for all others. */
enum key {
    KEY_NAME, KEY_KERNEL, KEY_RAMDISK, KEY_EXTRA, KEY_MEMORY, KEY_VCPUS,
    KEY_DISK, KEY_ON_POWEROFF, KEY_ON_REBOOT, KEY_ON_CRASH, KEY_OTHER,
};

static const char *const key_names[KEY_OTHER] = {
    [KEY_NAME] = "name",            [KEY_KERNEL] = "kernel",
    [KEY_RAMDISK] = "ramdisk",      [KEY_EXTRA] = "extra",
    [KEY_MEMORY] = "memory",        [KEY_VCPUS] = "vcpus",
    [KEY_DISK] = "disk",            [KEY_ON_POWEROFF] = "on_poweroff",
    [KEY_ON_REBOOT] = "on_reboot",  [KEY_ON_CRASH] = "on_crash",
};

static const char *const action_names[] = {
    [XLCFG_DESTROY] = "destroy",    [XLCFG_RESTART] = "restart",
    [XLCFG_PRESERVE] = "preserve",  [XLCFG_RENAME_RESTART] = "rename-restart",
};
#define NR_ACTIONS ((int)(sizeof(action_names) / sizeof(action_names[0])))

/* Larger numbers are refused rather than risk overflow. */
#define NUMBER_MAX 1000000000

/* Room for a key's name in messages; longer keys are shown cut short. */
#define KEY_SHOWN_MAX 32

/* ---------------------------------------------------------- messages */

/* Write "line N: <message>" (no prefix if line is 0) to the error buffer
 * and return -EINVAL, for `return fail(...)`. */
static int
fail(struct parser *p, int line, const char *fmt, ...)
{
    va_list ap;
    int n = 0;

    if (p->err == NULL || p->err_size == 0)
        return -EINVAL;
    if (line > 0)
        n = snprintf(p->err, p->err_size, "line %d: ", line);
    if (n < 0 || (unsigned int)n >= p->err_size)
        return -EINVAL;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->err_size - n, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

/* Keep "line N: <message>" among cfg's warnings (or count it dropped). */
static void
warn(struct parser *p, int line, const char *what, const char *why)
{
    struct xlcfg *cfg = p->cfg;

    if (cfg->nr_warnings == XLCFG_MAX_WARNINGS) {
        cfg->warnings_dropped++;
        return;
    }
    snprintf(cfg->warnings[cfg->nr_warnings++], XLCFG_MSG_MAX,
             "line %d: %s %s", line, what, why);
}

/* ------------------------------------------------------------ cursor */

/* The character at the cursor, or -1 at the end of the text. */
static int
peek(const struct cursor *c)
{
    return c->pos < c->len ? (unsigned char)c->text[c->pos] : -1;
}

static int
is_blank(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int
is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int
is_key_char(int ch, int first)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch == '_' || (!first && is_digit(ch));
}

/* Step over blanks and a comment, stopping at a newline or the end. */
static void
skip_blanks_and_comment(struct cursor *c)
{
    while (is_blank(peek(c)))
        c->pos++;
    if (peek(c) == '#')
        while (peek(c) != '\n' && peek(c) != -1)
            c->pos++;
}

/* Step over blanks, comments and newlines (the layout inside a list). */
static void
skip_layout(struct cursor *c)
{
    for (;;) {
        skip_blanks_and_comment(c);
        if (peek(c) != '\n')
            return;
        c->pos++;
        c->line++;
    }
}

/* ------------------------------------------------------------ values */

/*
 * Read the string whose opening quote is at the cursor, leaving the
 * cursor after its closing quote.  Fails on a newline, a NUL or the end
 * of the text before the closing quote.
 */
static int
read_string(struct parser *p, struct value *v)
{
    struct cursor *c = &p->c;
    int quote = peek(c);

    c->pos++;
    v->kind = VALUE_STRING;
    v->start = c->pos;
    for (;;) {
        int ch = peek(c);
        if (ch == quote)
            break;
        if (ch == '\n' || ch == -1)
            return fail(p, v->line, "unterminated string (no closing %c)",
                        quote);
        if (ch == '\0')
            return fail(p, v->line, "a string may not hold a NUL byte");
        c->pos++;
        if (ch == '\\' && (peek(c) == '\\' || peek(c) == '\'' ||
                           peek(c) == '"'))
            c->pos++;
    }
    v->end = c->pos;
    c->pos++;
    return 0;
}

/* Read the number at the cursor: an optional '-', then digits. */
static int
read_number(struct parser *p, struct value *v)
{
    struct cursor *c = &p->c;
    int negative = 0;

    if (peek(c) == '-') {
        negative = 1;
        c->pos++;
        if (!is_digit(peek(c)))
            return fail(p, v->line, "'-' must be followed by digits");
    }
    v->kind = VALUE_NUMBER;
    v->number = 0;
    while (is_digit(peek(c))) {
        v->number = v->number * 10 + (peek(c) - '0');
        if (v->number > NUMBER_MAX)
            return fail(p, v->line, "number is too large");
        c->pos++;
    }
    if (negative)
        v->number = -v->number;
    return 0;
}

/*
 * Read the value that starts at the cursor (a number, a string, or the
 * '[' opening a list), leaving the cursor just after what was read.
 */
static int
read_value(struct parser *p, struct value *v, const char *key)
{
    struct cursor *c = &p->c;
    int ch = peek(c);

    v->line = c->line;
    v->items = 0;
    if (ch == '\'' || ch == '"')
        return read_string(p, v);
    if (ch == '-' || is_digit(ch))
        return read_number(p, v);
    if (ch == '[') {
        c->pos++;
        v->kind = VALUE_LIST;
        return 0;
    }
    if (ch == '\n' || ch == -1 || ch == '#')
        return fail(p, v->line, "%s has no value", key);
    return fail(p, v->line, "the value of %s must be a number, a 'string' "
                "or a [list]", key);
}

/*
 * The next item of the list `list` (opened by read_value): returns 1 with
 * the item in *item, 0 after the closing ']', or -EINVAL.
 */
static int
next_list_item(struct parser *p, struct value *list, struct value *item,
               const char *key)
{
    struct cursor *c = &p->c;
    int err;

    skip_layout(c);
    if (list->items > 0 && peek(c) == ',') {
        c->pos++;
        skip_layout(c);
    } else if (list->items > 0 && peek(c) != ']' && peek(c) != -1) {
        return fail(p, c->line, "expected ',' or ']' in the list of %s",
                    key);
    }
    if (peek(c) == -1)
        return fail(p, list->line, "the list of %s is never closed with ']'",
                    key);
    if (peek(c) == ']') {
        c->pos++;
        return 0;
    }
    if (peek(c) == '[')
        return fail(p, c->line, "the list of %s may not hold another list",
                    key);
    if (peek(c) == ',')
        return fail(p, c->line, "expected a value before ',' in the list "
                    "of %s", key);
    err = read_value(p, item, key);
    if (err < 0)
        return err;
    list->items++;
    return 1;
}

/* Read and drop the rest of the value v (the items of a list). */
static int
skip_value(struct parser *p, struct value *v, const char *key)
{
    struct value item;
    int more;

    if (v->kind != VALUE_LIST)
        return 0;
    while ((more = next_list_item(p, v, &item, key)) > 0)
        ;
    return more;
}

/*
 * Decode the string v into dst (size bytes, NUL-terminated), turning \\
 * \' and \" into the character.  Fails if it does not fit; what names
 * the value in the message.
 */
static int
decode_string(struct parser *p, const struct value *v, char *dst,
              unsigned int size, const char *what)
{
    const char *text = p->c.text;
    unsigned int i, n = 0;

    for (i = v->start; i < v->end; i++) {
        char ch = text[i];
        if (ch == '\\' && i + 1 < v->end &&
            (text[i + 1] == '\\' || text[i + 1] == '\'' || text[i + 1] == '"'))
            ch = text[++i];
        if (n + 1 >= size)
            return fail(p, v->line, "%s is longer than %u characters", what,
                        size - 1);
        dst[n++] = ch;
    }
    dst[n] = '\0';
    return 0;
}

/* ---------------------------------------------------------- settings */

/* Decode string setting v of key into field (size bytes). */
static int
set_string(struct parser *p, const struct value *v, const char *key,
           char *field, unsigned int size)
{
    if (v->kind != VALUE_STRING)
        return fail(p, v->line, "%s must be a 'quoted string'", key);
    return decode_string(p, v, field, size, key);
}

static int
is_name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           is_digit(ch) || ch == '_' || ch == '.' || ch == '-';
}

static int
set_name(struct parser *p, const struct value *v)
{
    char *name = p->cfg->name;
    int err = set_string(p, v, "name", name, sizeof(p->cfg->name));
    unsigned int i;

    if (err < 0)
        return err;
    if (name[0] == '\0')
        return fail(p, v->line, "name is empty");
    for (i = 0; name[i] != '\0'; i++)
        if (!is_name_char(name[i]))
            return fail(p, v->line, "name may hold only letters, digits, "
                        "'_', '.' and '-' (not '%c')", name[i]);
    return 0;
}

/* A path setting: a non-empty string. */
static int
set_path(struct parser *p, const struct value *v, const char *key,
         char *field, unsigned int size)
{
    int err = set_string(p, v, key, field, size);

    if (err < 0)
        return err;
    if (field[0] == '\0')
        return fail(p, v->line, "%s is empty", key);
    return 0;
}

static int
set_memory(struct parser *p, const struct value *v)
{
    if (v->kind != VALUE_NUMBER)
        return fail(p, v->line, "memory must be a number (of MB)");
    if (v->number < XLCFG_MEMORY_MIN_MB || v->number > XLCFG_MEMORY_MAX_MB)
        return fail(p, v->line, "memory must be %d to %d (MB), not %d",
                    XLCFG_MEMORY_MIN_MB, XLCFG_MEMORY_MAX_MB, v->number);
    p->cfg->memory_mb = (unsigned int)v->number;
    return 0;
}

static int
set_vcpus(struct parser *p, const struct value *v)
{
    if (v->kind != VALUE_NUMBER)
        return fail(p, v->line, "vcpus must be a number");
    if (v->number != 1)
        return fail(p, v->line, "vcpus must be 1: every domain here has "
                    "one vCPU");
    p->cfg->vcpus = 1;
    return 0;
}

static int
set_action(struct parser *p, const struct value *v, const char *key,
           enum xlcfg_action *field)
{
    char word[16];
    int err = set_string(p, v, key, word, sizeof(word));
    int i;

    if (err < 0 && v->kind != VALUE_STRING)
        return err;
    for (i = 0; err == 0 && i < NR_ACTIONS; i++) {
        if (strcmp(word, action_names[i]) == 0) {
            *field = (enum xlcfg_action)i;
            return 0;
        }
    }
    return fail(p, v->line, "%s must be 'destroy', 'restart', 'preserve' "
                "or 'rename-restart'", key);
}

/* Check the disk entry `entry` (decoded) and add it to cfg->disks. */
static int
add_disk(struct parser *p, int line, const char *entry)
{
    struct xlcfg *cfg = p->cfg;
    struct xlcfg_disk disk;
    const char *problem = xlcfg_disk_parse(entry, &disk);
    int i;

    if (problem != NULL)
        return fail(p, line, "disk '%s': %s", entry, problem);
    for (i = 0; i < cfg->nr_disks; i++)
        if (cfg->disks[i].vdev == disk.vdev)
            return fail(p, line, "disk '%s': %s is already used by "
                        "another disk", entry, disk.vdev_name);
    if (cfg->nr_disks == XLCFG_MAX_DISKS)
        return fail(p, line, "more than %d disks", XLCFG_MAX_DISKS);
    cfg->disks[cfg->nr_disks++] = disk;
    return 0;
}

static int
set_disks(struct parser *p, struct value *v)
{
    /* Room for a whole entry: "file:" PATH ",xvda," MODE, with slack. */
    char entry[XLCFG_PATH_MAX + 32];
    struct value item;
    int more, err;

    if (v->kind != VALUE_LIST)
        return fail(p, v->line, "disk must be a list, such as "
                    "[ 'file:/images/a.img,xvda,w' ]");
    while ((more = next_list_item(p, v, &item, "disk")) > 0) {
        if (item.kind != VALUE_STRING)
            return fail(p, item.line, "each disk must be a 'quoted string'");
        err = decode_string(p, &item, entry, sizeof(entry), "a disk entry");
        if (err < 0)
            return err;
        err = add_disk(p, item.line, entry);
        if (err < 0)
            return err;
    }
    return more;
}

/* ----------------------------------------------------------- the file */

/*
 * Read "key =" at the cursor (blank lines and comments before it are
 * stepped over), leaving the cursor at the value.  Returns 1 with the
 * key's place in *key_start, *key_len and *key_line, 0 at the end of the
 * text, or -EINVAL.
 */
static int
read_key(struct parser *p, unsigned int *key_start, unsigned int *key_len,
         int *key_line)
{
    struct cursor *c = &p->c;

    skip_layout(c);
    if (peek(c) == -1)
        return 0;
    if (!is_key_char(peek(c), 1))
        return fail(p, c->line, "expected a setting such as 'memory = 32'");
    *key_start = c->pos;
    *key_line = c->line;
    while (is_key_char(peek(c), 0))
        c->pos++;
    *key_len = c->pos - *key_start;
    while (is_blank(peek(c)))
        c->pos++;
    if (peek(c) != '=')
        return fail(p, c->line, "expected '=' after the key");
    c->pos++;
    while (is_blank(peek(c)))
        c->pos++;
    return 1;
}

/* After a value, only blanks and a comment may remain on the line. */
static int
end_setting(struct parser *p, const char *key)
{
    struct cursor *c = &p->c;

    skip_blanks_and_comment(c);
    if (peek(c) != '\n' && peek(c) != -1)
        return fail(p, c->line, "unexpected text after the value of %s", key);
    return 0;
}

/* The key's name, cut to fit shown (for messages). */
static void
show_key(const struct parser *p, unsigned int start, unsigned int len,
         char shown[KEY_SHOWN_MAX])
{
    if (len > KEY_SHOWN_MAX - 1)
        len = KEY_SHOWN_MAX - 1;
    memcpy(shown, p->c.text + start, len);
    shown[len] = '\0';
}

/*
 * The line on which the key at text[start, start + len) was already set
 * before offset `before`, or 0.  The text before `before` has been parsed
 * once already without error.
 */
static int
earlier_setting(const struct parser *p, unsigned int start, unsigned int len,
                unsigned int before)
{
    struct parser again = { { p->c.text, before, 0, 1 }, p->cfg, NULL, 0 };
    unsigned int other_start, other_len;
    int other_line;
    struct value v;

    while (read_key(&again, &other_start, &other_len, &other_line) > 0) {
        if (other_len == len &&
            memcmp(p->c.text + other_start, p->c.text + start, len) == 0)
            return other_line;
        if (read_value(&again, &v, "") < 0 || skip_value(&again, &v, "") < 0)
            return 0;
        skip_blanks_and_comment(&again.c);
    }
    return 0;
}

static enum key
key_of(const struct parser *p, unsigned int start, unsigned int len)
{
    int k;

    for (k = 0; k < KEY_OTHER; k++)
        if (strlen(key_names[k]) == len &&
            memcmp(key_names[k], p->c.text + start, len) == 0)
            return (enum key)k;
    return KEY_OTHER;
}

/* Act on the value v of key k (named `key`). */
static int
apply_setting(struct parser *p, enum key k, const char *key, struct value *v)
{
    struct xlcfg *cfg = p->cfg;

    switch (k) {
    case KEY_NAME:
        return set_name(p, v);
    case KEY_KERNEL:
        return set_path(p, v, key, cfg->kernel, sizeof(cfg->kernel));
    case KEY_RAMDISK:
        return set_path(p, v, key, cfg->ramdisk, sizeof(cfg->ramdisk));
    case KEY_EXTRA:
        return set_string(p, v, key, cfg->extra, sizeof(cfg->extra));
    case KEY_MEMORY:
        return set_memory(p, v);
    case KEY_VCPUS:
        return set_vcpus(p, v);
    case KEY_DISK:
        return set_disks(p, v);
    case KEY_ON_POWEROFF:
        return set_action(p, v, key, &cfg->on_poweroff);
    case KEY_ON_REBOOT:
        return set_action(p, v, key, &cfg->on_reboot);
    case KEY_ON_CRASH:
        return set_action(p, v, key, &cfg->on_crash);
    case KEY_OTHER:
        break;
    }
    warn(p, v->line, key, "is not supported here and is ignored");
    return skip_value(p, v, key);
}

/* Parse every setting of the text into p->cfg (already set to defaults). */
static int
parse_settings(struct parser *p)
{
    unsigned int start, len;
    int line, found, err, earlier;
    char key[KEY_SHOWN_MAX];
    struct value v;

    while ((found = read_key(p, &start, &len, &line)) > 0) {
        show_key(p, start, len, key);
        earlier = earlier_setting(p, start, len, start);
        if (earlier > 0)
            return fail(p, line, "%s is set twice (first on line %d)", key,
                        earlier);
        err = read_value(p, &v, key);
        if (err == 0)
            err = apply_setting(p, key_of(p, start, len), key, &v);
        if (err == 0)
            err = end_setting(p, key);
        if (err < 0)
            return err;
    }
    return found;
}

int
xlcfg_parse(const char *text, unsigned int len, struct xlcfg *cfg,
            char *err, unsigned int err_size)
{
    struct parser p = { { text, len, 0, 1 }, cfg, err, err_size };
    int result;

    if (err != NULL && err_size > 0)
        err[0] = '\0';
    if (cfg == NULL || (text == NULL && len > 0))
        return fail(&p, 0, "no config text or no place for the result");

    memset(cfg, 0, sizeof(*cfg));
    cfg->memory_mb = XLCFG_MEMORY_DEFAULT_MB;
    cfg->vcpus = 1;
    cfg->on_poweroff = XLCFG_DESTROY;
    cfg->on_reboot = XLCFG_RESTART;
    cfg->on_crash = XLCFG_RESTART;

    result = parse_settings(&p);
    if (result == 0 && cfg->kernel[0] == '\0')
        result = fail(&p, 0, "kernel is required (kernel = '/path/to/image')");
    if (result < 0)
        memset(cfg, 0, sizeof(*cfg));
    return result;
}

const char *
xlcfg_action_name(enum xlcfg_action action)
{
    if ((int)action < 0 || (int)action >= NR_ACTIONS)
        return "?";
    return action_names[action];
}
