/*
 * The short unsigned type names xv6 programs use (the first header such a
 * program includes).  pde_t is a page-directory entry; programs only ever
 * name it, never build one.
 */
#ifndef XL_USER_TYPES_H
#define XL_USER_TYPES_H
typedef unsigned int   uint;
typedef unsigned short ushort;
typedef unsigned char  uchar;
typedef uint           pde_t;
#endif
