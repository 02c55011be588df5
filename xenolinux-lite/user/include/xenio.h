/* dom0's devices: major numbers, ioctl commands, struct pollfd. */
#ifndef XL_USER_XENIO_H
#define XL_USER_XENIO_H
#include "../../include/abi/xenio.h"
#endif
