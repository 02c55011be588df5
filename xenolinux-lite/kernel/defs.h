/*
 * Every kernel function another kernel file calls, grouped by the file
 * that provides it.  Who writes what:
 *
 *   core (boot, memory, processes, traps, system calls, console, disk
 *   driver): main.c, xen.c, kalloc.c, vm.c, proc.c, swtch.S, trap.c,
 *   syscall.c, sysproc.c, exec.c, console.c, ramdisk.c, spinlock.c,
 *   sleeplock.c, string.c, printf.c
 *
 *   file system: bio.c, log.c, fs.c, file.c, pipe.c, sysfile.c
 *
 * A group may grow; a function's meaning, once here, does not change.
 */
#ifndef XL_DEFS_H
#define XL_DEFS_H
#include <stdint.h>
#include <stddef.h>

struct buf;
struct file;
struct inode;
struct pipe;
struct proc;
struct spinlock;
struct sleeplock;
struct stat;
struct superblock;

/* ------------------------------------------------------------ core */

/* console.c: the console device (major CONSOLE) and kernel output */
void consoleinit(void);
void cprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *why) __attribute__((noreturn));

/* ramdisk.c: the disk (dom0: the ramdisk module).  Synchronous. */
void diskinit(void);
/* Read b->blockno into b->data if !(flags & B_VALID), or write it if
 * B_DIRTY; afterwards B_VALID is set and B_DIRTY clear.  b is locked. */
void diskrw(struct buf *b);
/* Blocks the disk holds. */
uint32_t disksize(void);

/* kalloc.c: 4 KB pages of kernel memory (zeroed: no) */
void *kalloc(void);
void kfree(void *page);

/* proc.c */
struct proc *myproc(void);
void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);
int killed(struct proc *p);
int fork(void);
void exit(void) __attribute__((noreturn));
int wait(void);
int kill(int pid);
int growproc(int n);
void procdump(void);
int kthread_start(const char *name, void (*fn)(void *), void *arg);
void kill_others(void);         /* every user process but init and us */

/* shutdown.c: end the domain in order (stop processes, commit the
 * log), with a SHUTDOWN_* reason; does not return. */
void domain_shutdown(unsigned int reason) __attribute__((noreturn));

/* xenbus_ring.c: the store client (its API for drivers: xenbus.h) */
void xenbus_init(void);

/* exec.c */
int exec(char *path, char **argv);

/* spinlock.c, sleeplock.c */
void initlock(struct spinlock *lk, const char *name);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int holding(struct spinlock *lk);
void pushcli(void);     /* mask events, counted */
void popcli(void);
void initsleeplock(struct sleeplock *lk, const char *name);
void acquiresleep(struct sleeplock *lk);
void releasesleep(struct sleeplock *lk);
int holdingsleep(struct sleeplock *lk);

/* string.c */
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *dst, const char *src, int n);
char *safestrcpy(char *dst, const char *src, int n);
int strlen(const char *s);

/* syscall.c: fetching system-call arguments from the user stack.  Each
 * returns 0, or -1 if the address is not a valid user address. */
int fetchint(uint32_t addr, int *ip);
int fetchstr(uint32_t addr, char **pp);
int argint(int n, int *ip);
int argptr(int n, char **pp, int size);
int argstr(int n, char **pp);

/* vm.c: user memory */
/* Copy len bytes to user address va of the page directory pgdir. */
int copyout(uint32_t *pgdir, uint32_t va, const void *src, uint32_t len);

/* ---------------------------------------------------- file system */

/* bio.c */
void binit(void);
struct buf *bread(uint32_t dev, uint32_t blockno);
void bwrite(struct buf *b);
void brelse(struct buf *b);

/* log.c */
void initlog(int dev);
void log_write(struct buf *b);
void begin_op(void);
void end_op(void);
void log_freeze(void);          /* for the end: no more operations */

/* fs.c */
void readsb(int dev, struct superblock *sb);
void iinit(int dev);
struct inode *ialloc(uint32_t dev, short type);
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
void iupdate(struct inode *ip);
int readi(struct inode *ip, char *dst, uint32_t off, uint32_t n);
int writei(struct inode *ip, char *src, uint32_t off, uint32_t n);
void stati(struct inode *ip, struct stat *st);
int namecmp(const char *s, const char *t);
struct inode *namei(char *path);
struct inode *nameiparent(char *path, char *name);
struct inode *dirlookup(struct inode *dp, char *name, uint32_t *poff);
int dirlink(struct inode *dp, char *name, uint32_t inum);

/* file.c */
void fileinit(void);
struct file *filealloc(void);
struct file *filedup(struct file *f);
void fileclose(struct file *f);
int fileread(struct file *f, char *dst, int n);
int filewrite(struct file *f, char *src, int n);
int filestat(struct file *f, struct stat *st);
int fileopen_device(struct file *f);    /* open's step for a device node */
int fileioctl(struct file *f, uint32_t cmd, uint32_t arg);
int filepoll(struct file *f);           /* POLLIN | POLLOUT | POLLHUP now */
void pollwakeup(void);                  /* something may have become ready */
void pollsleep(struct spinlock *lk);    /* sleep until pollwakeup() */

/* pipe.c */
int pipealloc(struct file **f0, struct file **f1);
void pipeclose(struct pipe *p, int writable);
int piperead(struct pipe *p, char *dst, int n);
int pipewrite(struct pipe *p, char *src, int n);
int pipepoll(struct pipe *p, int writable);

/* sysfile.c: the file system's system calls (syscall.c dispatches) */
int sys_dup(void);
int sys_read(void);
int sys_write(void);
int sys_close(void);
int sys_fstat(void);
int sys_link(void);
int sys_unlink(void);
int sys_open(void);
int sys_mkdir(void);
int sys_mknod(void);
int sys_chdir(void);
int sys_exec(void);
int sys_pipe(void);
#endif
