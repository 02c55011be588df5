/* open() mode flags: O_RDONLY, O_WRONLY, O_RDWR, O_CREATE. */
#ifndef XL_USER_FCNTL_H
#define XL_USER_FCNTL_H
#include "../../include/abi/fcntl.h"
#endif
