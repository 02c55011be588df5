/*
 * What a user program can call: the 21 system calls of the xv6 ABI and
 * our ioctl and poll (each a stub in lib/usys.S that traps with INT
 * $T_SYSCALL), and the small C library in lib/.  Every system call
 * returns -1 on error.
 *
 * A program starts at main(argc, argv) and must finish with exit():
 * main has nowhere to return to.
 */
#ifndef XL_USER_USER_H
#define XL_USER_USER_H
#include "types.h"

struct stat;

/* ------------------------------------------------------- system calls */
int fork(void);                         /* child's pid, 0 in the child */
int exit(void) __attribute__((noreturn));
int wait(void);                         /* pid of a child that exited */
int pipe(int *fds);                     /* fds[0] reads, fds[1] writes */
int write(int fd, const void *buf, int n);
int read(int fd, void *buf, int n);     /* 0 at end of file */
int close(int fd);
int kill(int pid);
int exec(char *path, char **argv);      /* returns only on error */
int open(const char *path, int mode);   /* mode: fcntl.h */
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *existing, const char *newpath);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sbrk(int n);                      /* old end of memory */
int sleep(int ticks);
int uptime(void);                       /* ticks since boot */

/* Ours, for dom0's devices (numbers, commands and struct pollfd in
 * xenio.h; docs/toolstack.md). */
struct pollfd;
int ioctl(int fd, int cmd, ...);        /* 0 or the command's result */
int poll(struct pollfd *fds, int n, int timeout_ms);  /* ready fds, 0 */

/* ---------------------------------------------------------- libc */
int stat(const char *path, struct stat *st);
char *strcpy(char *dst, const char *src);
void *memmove(void *dst, const void *src, int n);
char *strchr(const char *s, char c);
int strcmp(const char *a, const char *b);
void printf(int fd, const char *fmt, ...);
char *gets(char *buf, int max);
uint strlen(const char *s);
void *memset(void *dst, int c, uint n);
void *malloc(uint n);
void free(void *p);
int atoi(const char *s);

/* Beyond xv6's list, for our own programs. */
void *memcpy(void *dst, const void *src, uint n);
int memcmp(const void *a, const void *b, uint n);
int strncmp(const char *a, const char *b, uint n);
/* C's, with %d %u %x %o %p %s %c %%, the flags - 0 #, a width and the
 * length modifiers l ll z (the hypervisor's: hypervisor/lib/vsnprintf.c). */
int snprintf(char *buf, uint size, const char *fmt, ...);
int vsnprintf(char *buf, uint size, const char *fmt, __builtin_va_list ap);
#endif
