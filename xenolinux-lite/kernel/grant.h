/*
 * Grant tables in the kernel (ABI 7, public/grant_table.h), both ways:
 *
 *   grant_table.c  our own table: a front end lets a back end's domain
 *                  use one of our pages (its ring, its data pages) and
 *                  takes the permission back when the back end is done.
 *   grant_map.c    another domain's grants mapped into our kernel: a back
 *                  end maps the pages its front end granted, at kernel
 *                  addresses of a window it set aside, and unmaps them.
 *
 * Every call returns 0 (or the number it names) or a negative errno.
 */
#ifndef XL_GRANT_H
#define XL_GRANT_H
#include <stdint.h>
#include "public/xen.h"
#include "public/grant_table.h"

/* ------------------------------------------------- grant_table.c */

/*
 * Let domain `to` map our frame mfn (read-only if readonly): the new
 * grant reference (>= 0), -ENOSPC if the table is full, or the
 * hypervisor's error if it would not set the table up.
 */
int gnttab_grant_access(domid_t to, uint32_t mfn, int readonly);

/*
 * Take back grant ref.  0 once the grantee can no longer map the frame
 * (the reference is free again); -EBUSY while the grantee still has it
 * mapped, in which case nothing changed and the caller must not reuse
 * the page: it tries again later.  -EINVAL for a reference not granted.
 */
int gnttab_end_access(grant_ref_t ref);

/* ------------------------------------------------- grant_map.c */

/* One page of a window: a kernel address where one grant may be mapped. */
struct gntmap_page {
    void *va;                   /* the kernel address */
    grant_handle_t handle;      /* the mapping, while mapped */
    int mapped;
};

/*
 * Set aside n kernel pages (taken from kalloc) to map grants at.  Their
 * own frames stay ours but unmapped until gntmap_window_free.  0 or
 * -ENOMEM (nothing set aside).
 */
int gntmap_window_alloc(struct gntmap_page *pages, int n);

/* Give the window back to kalloc; every page must be unmapped first
 * (a page still mapped is unmapped here). */
void gntmap_window_free(struct gntmap_page *pages, int n);

/*
 * Map grant refs[i] of domain dom at pages[i], for i < n, in one
 * hypercall: writable, or read-only if readonly.  All or nothing: 0 if
 * every one is mapped, else those that were are unmapped again and the
 * first failure is returned (-EACCES: not granted to us, or not
 * writable; -ENOENT: no such reference; -ESRCH: no such domain;
 * -ENOSPC: the hypervisor holds too many of our mappings; -EINVAL
 * otherwise).
 */
int gntmap_map(struct gntmap_page *pages, int n, domid_t dom,
               const grant_ref_t *refs, int readonly);

/* Unmap pages[0..n) that are mapped: 0, or the first failure (-EINVAL;
 * the page is then treated as unmapped: its handle is not retried). */
int gntmap_unmap(struct gntmap_page *pages, int n);
#endif
