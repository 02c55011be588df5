/* Limits a user program can run into (and a test program probes). */
#ifndef ABI_LIMITS_H
#define ABI_LIMITS_H
#define NOFILE   16     /* open files per process */
#define MAXARG   32     /* exec arguments */
#define NPROC    64     /* processes */
#define MAXPATH  128    /* path length */
#endif
