/* Path rules: validity, relative paths, ancestry (see path.h). */
#include "dom0/xenstored/path.h"

static const char domain_dir[] = "/local/domain/";

static bool path_char_is_allowed(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
           (ch >= '0' && ch <= '9') || ch == '-' || ch == '/' ||
           ch == '_' || ch == '@';
}

bool xs_path_is_valid(const char *p)
{
    size_t len = strlen(p), i;

    if (len == 0 || len > XENSTORE_ABS_PATH_MAX || p[0] != '/')
        return false;
    if (len > 1 && p[len - 1] == '/')
        return false;
    for (i = 0; i < len; i++) {
        if (!path_char_is_allowed(p[i]))
            return false;
        if (p[i] == '/' && p[i + 1] == '/')
            return false;
    }
    return true;
}

bool xs_path_is_special(const char *p)
{
    return strcmp(p, XS_SPECIAL_INTRODUCE) == 0 ||
           strcmp(p, XS_SPECIAL_RELEASE) == 0;
}

void xs_domain_path(domid_t dom, char *buf)
{
    size_t n = sizeof(domain_dir) - 1;

    memcpy(buf, domain_dir, n);
    xs_format_uint(buf + n, dom);
}

int xs_path_canonical(const char *p, domid_t dom, char **out, bool *rel)
{
    char dir[XS_DOMAIN_PATH_MAX];
    size_t len = strlen(p), dlen;
    char *abs;

    *rel = p[0] != '/';
    if (!*rel) {
        if (!xs_path_is_valid(p))
            return -EINVAL;
        abs = xs_strdup(p);
    } else {
        if (len == 0 || len > XENSTORE_REL_PATH_MAX)
            return -EINVAL;
        xs_domain_path(dom, dir);
        dlen = strlen(dir);
        abs = malloc(dlen + 1 + len + 1);
        if (abs != NULL) {
            memcpy(abs, dir, dlen);
            abs[dlen] = '/';
            memcpy(abs + dlen + 1, p, len + 1);
            if (!xs_path_is_valid(abs)) {
                free(abs);
                return -EINVAL;
            }
        }
    }
    if (abs == NULL)
        return -ENOMEM;
    *out = abs;
    return 0;
}

bool xs_path_is_under(const char *p, const char *top)
{
    size_t n = strlen(top);

    if (strcmp(top, "/") == 0)
        return p[0] == '/';
    return strncmp(p, top, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

size_t xs_path_parent_len(const char *p)
{
    size_t i = strlen(p);

    if (i <= 1)
        return 0;
    while (i > 0 && p[i - 1] != '/')
        i--;
    return i > 1 ? i - 1 : 1;
}
