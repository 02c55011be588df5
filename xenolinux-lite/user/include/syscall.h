/* System-call numbers SYS_fork .. SYS_close and the vector T_SYSCALL. */
#ifndef XL_USER_SYSCALL_H
#define XL_USER_SYSCALL_H
#include "../../include/abi/syscall.h"
#endif
