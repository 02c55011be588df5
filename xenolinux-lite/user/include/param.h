/* Kernel limits a program may run into: NOFILE, MAXARG, NPROC, MAXPATH. */
#ifndef XL_USER_PARAM_H
#define XL_USER_PARAM_H
#include "../../include/abi/limits.h"
#endif
