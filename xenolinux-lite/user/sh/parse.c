/*
 * The shell's parser: a line becomes a struct cmd tree (sh.h).  Grammar:
 *
 *   line     := pipeline [ (';' | '&') [ line ] ]
 *   pipeline := command [ '|' pipeline ]
 *   command  := '(' line ')' { redir }  |  ( word | redir ) { word | redir }
 *   redir    := ( '<' | '>' | '>>' ) word
 *
 * '&' puts the pipeline before it in the background.  A word is a run of
 * characters other than blanks and the symbols < | > & ; ( ).  There is
 * no quoting.
 */
#include "types.h"
#include "fcntl.h"
#include "user.h"
#include "sh.h"

static const char blanks[] = " \t\r\n\v";
static const char symbols[] = "<|>&;()";

#define TOK_END     0
#define TOK_WORD    'w'
#define TOK_APPEND  '+'     /* ">>" */

#define MAX_REDIRS  8       /* per command */

struct parser {
    const char *p;          /* next character of the line */
    int failed;             /* a syntax error has been reported */
};

static struct cmd *parse_list(struct parser *ps);

static int
is_in(char c, const char *set)
{
    return c != '\0' && strchr(set, c) != 0;
}

/* Report a syntax error (only the first); returns 0 for the caller. */
static struct cmd *
syntax_error(struct parser *ps, const char *what)
{
    if (!ps->failed)
        printf(2, "sh: syntax error: %s\n", what);
    ps->failed = 1;
    return 0;
}

/* The first character of the next token, after blanks ('\0' at the end). */
static char
peek(struct parser *ps)
{
    while (is_in(*ps->p, blanks))
        ps->p++;
    return *ps->p;
}

/* Consume the next token and return its kind: TOK_END, TOK_WORD (a copy
 * of the word in *word, malloc'd), TOK_APPEND or the symbol itself. */
static int
next_token(struct parser *ps, char **word)
{
    const char *start;
    char c = peek(ps);
    uint len;

    if (c == '\0')
        return TOK_END;
    if (is_in(c, symbols)) {
        ps->p++;
        if (c == '>' && *ps->p == '>') {
            ps->p++;
            return TOK_APPEND;
        }
        return c;
    }
    start = ps->p;
    while (*ps->p != '\0' && !is_in(*ps->p, blanks) &&
           !is_in(*ps->p, symbols))
        ps->p++;
    len = ps->p - start;
    *word = malloc(len + 1);
    if (*word == 0) {
        printf(2, "sh: out of memory\n");
        exit();
    }
    memmove(*word, start, len);
    (*word)[len] = '\0';
    return TOK_WORD;
}

static struct cmd *
new_cmd(enum cmd_kind kind, struct cmd *left, struct cmd *right)
{
    struct cmd *c = malloc(sizeof(*c));

    if (c == 0) {
        printf(2, "sh: out of memory\n");
        exit();
    }
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->left = left;
    c->right = right;
    return c;
}

/* Parse a redirection whose operator token (op) was just consumed. */
static struct cmd *
parse_redir(struct parser *ps, int op)
{
    struct cmd *r;
    char *file = 0;

    if (next_token(ps, &file) != TOK_WORD)
        return syntax_error(ps, "missing file name after < or >");
    r = new_cmd(CMD_REDIR, 0, 0);
    r->file = file;
    if (op == '<') {
        r->fd = 0;
        r->mode = O_RDONLY;
    } else {
        r->fd = 1;
        r->mode = (op == TOK_APPEND ? O_RDWR : O_WRONLY) | O_CREATE;
        r->append = (op == TOK_APPEND);
    }
    return r;
}

/* Wrap inner in the redirections redirs[0..n-1]: the first is the
 * outermost, so the last one applied wins ("x > a > b" writes b). */
static struct cmd *
wrap_redirs(struct cmd *inner, struct cmd **redirs, int n)
{
    while (n-- > 0) {
        redirs[n]->left = inner;
        inner = redirs[n];
    }
    return inner;
}

static struct cmd *
parse_command(struct parser *ps)
{
    struct cmd *redirs[MAX_REDIRS], *c, *r;
    int nredirs = 0, tok;
    char *word = 0;

    if (peek(ps) == '(') {
        next_token(ps, &word);
        c = parse_list(ps);
        if (c == 0)
            return ps->failed ? 0 : syntax_error(ps, "empty ( )");
        if (next_token(ps, &word) != ')')
            return syntax_error(ps, "missing )");
    } else {
        c = new_cmd(CMD_EXEC, 0, 0);
    }
    while (peek(ps) != '\0' && !is_in(peek(ps), "|&;()")) {
        tok = next_token(ps, &word);
        if (tok == TOK_WORD) {
            if (c->kind != CMD_EXEC)
                return syntax_error(ps, "word after ( )");
            if (c->argc == SH_MAXWORDS)
                return syntax_error(ps, "too many arguments");
            c->argv[c->argc++] = word;
            continue;
        }
        if (nredirs == MAX_REDIRS)
            return syntax_error(ps, "too many redirections");
        r = parse_redir(ps, tok);
        if (r == 0)
            return 0;
        redirs[nredirs++] = r;
    }
    if (c->kind == CMD_EXEC && c->argc == 0 && nredirs == 0)
        return syntax_error(ps, "missing command");
    return wrap_redirs(c, redirs, nredirs);
}

static struct cmd *
parse_pipeline(struct parser *ps)
{
    struct cmd *left, *right;
    char *unused;

    left = parse_command(ps);
    if (left == 0 || peek(ps) != '|')
        return left;
    next_token(ps, &unused);
    right = parse_pipeline(ps);
    if (right == 0)
        return 0;
    return new_cmd(CMD_PIPE, left, right);
}

/* A list ends at the end of the line or at a ')' (not consumed). */
static struct cmd *
parse_list(struct parser *ps)
{
    struct cmd *first, *rest;
    char *unused;
    char c;

    if (peek(ps) == '\0' || peek(ps) == ')')
        return 0;
    first = parse_pipeline(ps);
    if (first == 0)
        return 0;
    c = peek(ps);
    if (c != ';' && c != '&')
        return first;
    next_token(ps, &unused);
    if (c == '&')
        first = new_cmd(CMD_BACK, first, 0);
    if (peek(ps) == '\0' || peek(ps) == ')')
        return first;
    rest = parse_list(ps);
    if (rest == 0)
        return 0;
    return new_cmd(CMD_LIST, first, rest);
}

struct cmd *
parse_line(const char *line)
{
    struct parser ps = { line, 0 };
    struct cmd *c;

    c = parse_list(&ps);
    if (c == 0)
        return 0;
    if (peek(&ps) != '\0')
        return syntax_error(&ps, "unexpected ( or )");
    return c;
}
