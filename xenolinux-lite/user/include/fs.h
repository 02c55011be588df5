/*
 * The on-disk format; programs need struct dirent and DIRSIZ from it
 * (a directory is read() as an array of struct dirent).
 */
#ifndef XL_USER_FS_H
#define XL_USER_FS_H
#include "../../include/abi/fs.h"
#endif
