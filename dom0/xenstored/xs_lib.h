/*
 * The little C library the xenstore core uses, and its own helpers.
 *
 * The same sources build on the host (unit tests, -DHOST_TEST: the host's
 * C library) and in dom0's user space (xenolinux-lite's library, whose
 * user.h declares a few functions with xv6's argument types).  Only what
 * both provide is used: malloc, free, memcpy, memmove, memset, memcmp,
 * strlen, strcmp, strncmp.  Everything else is here.
 */
#ifndef DOM0_XENSTORED_XS_LIB_H
#define DOM0_XENSTORED_XS_LIB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef HOST_TEST
#include <stdlib.h>
#include <string.h>
#else
#include "xenolinux-lite/user/include/types.h"
#include "xenolinux-lite/user/include/user.h"
#endif
#include "public/errno.h"

/* Room for a uint32_t in decimal, with its NUL. */
#define XS_DECIMAL_MAX 11

/* A malloc'd copy of len bytes of p followed by a NUL, or NULL. */
char *xs_memdup(const void *p, size_t len);

/* A malloc'd copy of the string s, or NULL. */
char *xs_strdup(const char *s);

/*
 * Write v in decimal into buf (at least XS_DECIMAL_MAX bytes), NUL
 * terminated; the number of digits written.
 */
size_t xs_format_uint(char *buf, uint32_t v);

/*
 * Parse s as a plain decimal number (digits only, no sign or spaces, no
 * leading zero unless it is "0") not above max: 0 with *out set, or
 * -EINVAL.
 */
int xs_parse_uint(const char *s, uint32_t max, uint32_t *out);

/* Whether s starts with prefix. */
bool xs_starts_with(const char *s, const char *prefix);
#endif
