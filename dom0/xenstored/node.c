/* Shared, reference-counted store nodes (see node.h). */
#include "dom0/xenstored/node.h"
#include "public/io/xs_wire.h"

/*
 * The deepest a node can be: every level of a path takes at least two
 * characters ("/x").
 */
#define NODE_DEPTH_MAX (XENSTORE_ABS_PATH_MAX / 2 + 1)

struct xs_node *xs_node_new(const char *name, size_t name_len,
                            const struct xs_perm *perms, uint32_t n)
{
    struct xs_node *node = malloc(sizeof(*node));

    if (node == NULL)
        return NULL;
    memset(node, 0, sizeof(*node));
    node->refs = 1;
    node->name = xs_memdup(name, name_len);
    node->value = xs_memdup("", 0);
    node->perms = xs_perms_copy(perms, n);
    node->nperms = n;
    if (node->name == NULL || node->value == NULL || node->perms == NULL) {
        free(node->name);
        free(node->value);
        free(node->perms);
        free(node);
        return NULL;
    }
    return node;
}

struct xs_node *xs_node_clone(const struct xs_node *n)
{
    struct xs_node *copy = xs_node_new(n->name, strlen(n->name), n->perms,
                                       n->nperms);
    uint32_t i;

    if (copy == NULL)
        return NULL;
    if (xs_node_set_value(copy, n->value, n->value_len) < 0)
        goto fail;
    if (n->nchildren > 0) {
        copy->children = malloc(n->nchildren * sizeof(*copy->children));
        if (copy->children == NULL)
            goto fail;
        for (i = 0; i < n->nchildren; i++) {
            copy->children[i] = n->children[i];
            xs_node_get(n->children[i]);
        }
    }
    copy->nchildren = n->nchildren;
    copy->dir_len = n->dir_len;
    return copy;
fail:
    xs_node_put(copy);
    return NULL;
}

void xs_node_get(struct xs_node *n)
{
    n->refs++;
}

/*
 * Nodes whose last reference went are chained through next_free and
 * freed one at a time, so a deep subtree needs no deep stack.
 */
void xs_node_put(struct xs_node *n)
{
    struct xs_node *doomed, *child;
    uint32_t i;

    if (--n->refs > 0)
        return;
    n->next_free = NULL;
    doomed = n;
    while (doomed != NULL) {
        n = doomed;
        doomed = n->next_free;
        for (i = 0; i < n->nchildren; i++) {
            child = n->children[i];
            if (--child->refs == 0) {
                child->next_free = doomed;
                doomed = child;
            }
        }
        free(n->children);
        free(n->name);
        free(n->value);
        free(n->perms);
        free(n);
    }
}

int xs_node_find_child(const struct xs_node *n, const char *name, size_t len)
{
    uint32_t i;

    for (i = 0; i < n->nchildren; i++) {
        const char *cname = n->children[i]->name;
        if (strncmp(cname, name, len) == 0 && cname[len] == '\0')
            return (int)i;
    }
    return -1;
}

int xs_node_add_child(struct xs_node *parent, struct xs_node *child)
{
    struct xs_node **grown;
    uint32_t n = parent->nchildren;

    grown = malloc((n + 1) * sizeof(*grown));
    if (grown == NULL)
        return -ENOMEM;
    if (n > 0)
        memcpy(grown, parent->children, n * sizeof(*grown));
    grown[n] = child;
    free(parent->children);
    parent->children = grown;
    parent->nchildren = n + 1;
    parent->dir_len += strlen(child->name) + 1;
    return 0;
}

void xs_node_remove_child(struct xs_node *parent, uint32_t index)
{
    struct xs_node *child = parent->children[index];
    uint32_t rest = parent->nchildren - index - 1;

    parent->dir_len -= strlen(child->name) + 1;
    if (rest > 0)
        memmove(&parent->children[index], &parent->children[index + 1],
                rest * sizeof(*parent->children));
    parent->nchildren--;
    xs_node_put(child);
}

int xs_node_set_value(struct xs_node *n, const void *data, size_t len)
{
    char *value = xs_memdup(data, len);

    if (value == NULL)
        return -ENOMEM;
    free(n->value);
    n->value = value;
    n->value_len = (uint32_t)len;
    return 0;
}

int xs_node_set_perms(struct xs_node *n, const struct xs_perm *p,
                      uint32_t count)
{
    struct xs_perm *copy = xs_perms_copy(p, count);

    if (copy == NULL)
        return -ENOMEM;
    free(n->perms);
    n->perms = copy;
    n->nperms = count;
    return 0;
}

/* A depth-first walk with its stack on the heap (see NODE_DEPTH_MAX). */
int xs_node_walk(const struct xs_node *top,
                 void (*visit)(const struct xs_node *n, void *arg),
                 void *arg)
{
    struct walk_frame {
        const struct xs_node *node;
        uint32_t next_child;
    } *stack;
    uint32_t depth = 0;

    stack = malloc(NODE_DEPTH_MAX * sizeof(*stack));
    if (stack == NULL)
        return -ENOMEM;
    visit(top, arg);
    stack[0].node = top;
    stack[0].next_child = 0;
    for (;;) {
        struct walk_frame *f = &stack[depth];
        if (f->next_child == f->node->nchildren) {
            if (depth == 0)
                break;
            depth--;
            continue;
        }
        const struct xs_node *child = f->node->children[f->next_child++];
        visit(child, arg);
        if (child->nchildren > 0 && depth + 1 < NODE_DEPTH_MAX) {
            depth++;
            stack[depth].node = child;
            stack[depth].next_child = 0;
        }
    }
    free(stack);
    return 0;
}
