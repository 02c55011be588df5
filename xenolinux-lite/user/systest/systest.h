/*
 * systest: a test of every system call of the user ABI, including the
 * error paths (bad pointers, bad descriptors, running out of processes,
 * files and memory, faulting children) and a few stress loops.
 *
 * Each check is one CHECK(condition, what); a failing check prints
 * "systest: FAIL what (file:line)" and testing goes on.  At the end main
 * prints "systest: N checks, M failed" and "systest: OK" if M is 0.
 *
 * Every group works in the current directory with names starting "st."
 * and removes them again.  The user stack is one page: big buffers are
 * static.
 */
#ifndef SYSTEST_H
#define SYSTEST_H
#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "fs.h"
#include "param.h"
#include "syscall.h"
#include "user.h"

#define PGSIZE 4096

/* Addresses a user program may not touch. */
#define KERNEL_ADDR     ((char *)0xC0000000)    /* guest kernel's base */
#define HV_ADDR         ((char *)0xFFFFF000)    /* hypervisor's top page */

int check(int ok, const char *what, const char *file, int line);
#define CHECK(cond, what) check((cond) != 0, (what), __FILE__, __LINE__)

extern int checks_run;
extern int checks_failed;

/* What in_child reports. */
#define CHILD_FAILED  0     /* body returned 0 */
#define CHILD_PASSED  1     /* body returned nonzero */
#define CHILD_DIED   -1     /* the child ended without reporting */
#define CHILD_NOFORK -2     /* fork failed */

/* Run body(arg) in a child process and report how it ended (above).
 * Also checks that wait() returns that child's pid. */
int in_child(int (*body)(int), int arg);

/* Create (or overwrite the start of) path with n bytes of data; 0 or -1. */
int write_file(const char *path, const void *data, int n);
/* Whether path can be opened for reading (the fd is closed again). */
int can_open(const char *path);
/* The first fd number open() would hand out now. */
int lowest_free_fd(void);
/* Raw INT $T_SYSCALL with number num and no arguments. */
int raw_syscall(int num);

/* The groups, in the order main runs them. */
void test_descriptors(void);
void test_bad_pointers(void);
void test_files(void);
void test_directories(void);
void test_pipes(void);
void test_processes(void);
void test_faults(void);
void test_memory(void);
void test_exec(void);
void test_clock(void);
void test_stress(void);
void test_boot(void);
#endif
