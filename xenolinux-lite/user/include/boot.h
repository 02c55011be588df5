/*
 * EXTENSIONS of ours for init, not part of the xv6 ABI (so not in
 * user.h; numbers in xenolinux-lite/include/abi/syscall.h):
 *
 *   bootrun(buf, size)  the program the kernel command line names with
 *                       "run=PROGRAM", copied into buf with its NUL; its
 *                       length, 0 if none, -1 if it does not fit in size
 *   poweroff()          shut the domain down (reason poweroff); returns
 *                       (-1) only if the caller is not init (pid 1)
 */
#ifndef XL_USER_BOOT_H
#define XL_USER_BOOT_H

int bootrun(char *buf, int size);
int poweroff(void);
#endif
