/*
 * The file system's system calls.  Each fetches and checks its arguments
 * (argint/argptr/argstr refuse addresses outside the process; argfd
 * refuses a descriptor that is out of range or not open), then works
 * through file.c and fs.c.  Every error returns -1 to the program.
 * Calls that change the disk run inside one log operation.
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/param.h"
#include "xenolinux-lite/kernel/spinlock.h"
#include "xenolinux-lite/kernel/sleeplock.h"
#include "xenolinux-lite/kernel/file.h"
#include "xenolinux-lite/kernel/proc.h"
#include "xenolinux-lite/include/abi/stat.h"
#include "xenolinux-lite/include/abi/fcntl.h"

/* Fetch argument n as a descriptor of the current process; return its
 * number and file through pfd and pf (either may be 0).  -1 if bad. */
static int argfd(int n, int *pfd, struct file **pf)
{
    int fd;
    struct file *f;

    if (argint(n, &fd) < 0)
        return -1;
    if (fd < 0 || fd >= NOFILE || (f = myproc()->ofile[fd]) == 0)
        return -1;
    if (pfd)
        *pfd = fd;
    if (pf)
        *pf = f;
    return 0;
}

/* Give f the lowest free descriptor of the current process; -1 if all
 * NOFILE are in use (the caller still owns f then). */
static int fdalloc(struct file *f)
{
    struct proc *p = myproc();

    for (int fd = 0; fd < NOFILE; fd++) {
        if (p->ofile[fd] == 0) {
            p->ofile[fd] = f;
            return fd;
        }
    }
    return -1;
}

int sys_dup(void)
{
    struct file *f;
    int fd;

    if (argfd(0, 0, &f) < 0)
        return -1;
    if ((fd = fdalloc(f)) < 0)
        return -1;
    filedup(f);
    return fd;
}

int sys_read(void)
{
    struct file *f;
    int n;
    char *p;

    if (argfd(0, 0, &f) < 0 || argint(2, &n) < 0 || n < 0 ||
        argptr(1, &p, n) < 0)
        return -1;
    return fileread(f, p, n);
}

int sys_write(void)
{
    struct file *f;
    int n;
    char *p;

    if (argfd(0, 0, &f) < 0 || argint(2, &n) < 0 || n < 0 ||
        argptr(1, &p, n) < 0)
        return -1;
    return filewrite(f, p, n);
}

int sys_close(void)
{
    int fd;
    struct file *f;

    if (argfd(0, &fd, &f) < 0)
        return -1;
    myproc()->ofile[fd] = 0;
    fileclose(f);
    return 0;
}

int sys_fstat(void)
{
    struct file *f;
    char *st;

    if (argfd(0, 0, &f) < 0 || argptr(1, &st, sizeof(struct stat)) < 0)
        return -1;
    return filestat(f, (struct stat *)st);
}

/* link(old, new): give the file old the second name new.  Directories
 * cannot be linked. */
int sys_link(void)
{
    char name[DIRSIZ], *new, *old;
    struct inode *dp, *ip;

    if (argstr(0, &old) < 0 || argstr(1, &new) < 0)
        return -1;

    begin_op();
    if ((ip = namei(old)) == 0) {
        end_op();
        return -1;
    }
    ilock(ip);
    if (ip->type == T_DIR) {
        iunlockput(ip);
        end_op();
        return -1;
    }
    ip->nlink++;            /* first, so a crash leaves too many, not too few */
    iupdate(ip);
    iunlock(ip);

    if ((dp = nameiparent(new, name)) == 0)
        goto undo;
    ilock(dp);
    if (dp->dev != ip->dev || dirlink(dp, name, ip->inum) < 0) {
        iunlockput(dp);
        goto undo;
    }
    iunlockput(dp);
    iput(ip);
    end_op();
    return 0;

undo:
    ilock(ip);
    ip->nlink--;
    iupdate(ip);
    iunlockput(ip);
    end_op();
    return -1;
}

/* Does directory dp (locked) hold nothing but "." and ".."? */
static int isdirempty(struct inode *dp)
{
    struct dirent de;

    for (uint32_t off = 2 * sizeof(de); off < dp->size; off += sizeof(de)) {
        if (readi(dp, (char *)&de, off, sizeof(de)) != sizeof(de))
            panic("isdirempty: short directory read");
        if (de.inum != 0)
            return 0;
    }
    return 1;
}

/* unlink(path): remove a name; the file goes when its last name and its
 * last open reference are gone.  "." and "..", and non-empty
 * directories, cannot be removed. */
int sys_unlink(void)
{
    struct inode *ip, *dp;
    struct dirent de;
    char name[DIRSIZ], *path;
    uint32_t off;

    if (argstr(0, &path) < 0)
        return -1;

    begin_op();
    if ((dp = nameiparent(path, name)) == 0) {
        end_op();
        return -1;
    }
    ilock(dp);
    if (namecmp(name, ".") == 0 || namecmp(name, "..") == 0)
        goto fail;
    if ((ip = dirlookup(dp, name, &off)) == 0)
        goto fail;
    ilock(ip);
    if (ip->nlink < 1)
        panic("unlink: nlink < 1");
    if (ip->type == T_DIR && !isdirempty(ip)) {
        iunlockput(ip);
        goto fail;
    }

    memset(&de, 0, sizeof(de));
    if (writei(dp, (char *)&de, off, sizeof(de)) != sizeof(de))
        panic("unlink: cannot clear the entry");
    if (ip->type == T_DIR) {
        dp->nlink--;        /* ip's ".." no longer names dp */
        iupdate(dp);
    }
    iunlockput(dp);

    ip->nlink--;
    iupdate(ip);
    iunlockput(ip);
    end_op();
    return 0;

fail:
    iunlockput(dp);
    end_op();
    return -1;
}

/*
 * Create path as a new inode of the given type, or, for T_FILE, return
 * the file or device already there.  Returns the inode locked and referenced, or 0
 * (parent missing, name taken by something else, out of inodes or
 * space).  Inside an operation.
 *
 * A new directory gets "." and "..", and its parent's nlink counts the
 * "..": a directory's nlink is its name plus its subdirectories.
 */
static struct inode *create(char *path, short type, short major, short minor)
{
    struct inode *ip, *dp;
    char name[DIRSIZ];

    if ((dp = nameiparent(path, name)) == 0)
        return 0;
    ilock(dp);

    if ((ip = dirlookup(dp, name, 0)) != 0) {
        iunlockput(dp);
        ilock(ip);
        if (type == T_FILE && (ip->type == T_FILE || ip->type == T_DEV))
            return ip;      /* open(O_CREATE) of an existing file */
        iunlockput(ip);
        return 0;
    }

    if ((ip = ialloc(dp->dev, type)) == 0) {
        iunlockput(dp);
        return 0;
    }
    ilock(ip);
    ip->major = major;
    ip->minor = minor;
    ip->nlink = 1;
    iupdate(ip);

    if (type == T_DIR) {
        /* "." does not count in ip->nlink: no link to oneself. */
        if (dirlink(ip, ".", ip->inum) < 0 || dirlink(ip, "..", dp->inum) < 0)
            goto undo;
    }
    if (dirlink(dp, name, ip->inum) < 0)
        goto undo;
    if (type == T_DIR) {
        dp->nlink++;
        iupdate(dp);
    }
    iunlockput(dp);
    return ip;

undo:
    /* Out of space: free the new inode again (iput does, at nlink 0). */
    ip->nlink = 0;
    iupdate(ip);
    iunlockput(ip);
    iunlockput(dp);
    return 0;
}

/* open(path, flags): O_CREATE makes a missing file; a directory opens
 * only for reading; a device node opens only if its driver agrees. */
int sys_open(void)
{
    char *path;
    int fd, omode;
    struct file *f;
    struct inode *ip;

    if (argstr(0, &path) < 0 || argint(1, &omode) < 0)
        return -1;

    begin_op();
    if (omode & O_CREATE) {
        if ((ip = create(path, T_FILE, 0, 0)) == 0) {
            end_op();
            return -1;
        }
    } else {
        if ((ip = namei(path)) == 0) {
            end_op();
            return -1;
        }
        ilock(ip);
        if (ip->type == T_DIR && omode != O_RDONLY) {
            iunlockput(ip);
            end_op();
            return -1;
        }
    }

    if ((f = filealloc()) == 0 || (fd = fdalloc(f)) < 0) {
        if (f)
            fileclose(f);
        iunlockput(ip);
        end_op();
        return -1;
    }
    iunlock(ip);
    end_op();

    f->type = FD_INODE;
    f->ip = ip;
    f->off = 0;
    f->readable = !(omode & O_WRONLY);
    f->writable = (omode & O_WRONLY) || (omode & O_RDWR);
    if (ip->type == T_DEV && fileopen_device(f) < 0) {
        myproc()->ofile[fd] = 0;
        fileclose(f);
        return -1;
    }
    return fd;
}

int sys_mkdir(void)
{
    char *path;
    struct inode *ip;

    begin_op();
    if (argstr(0, &path) < 0 || (ip = create(path, T_DIR, 0, 0)) == 0) {
        end_op();
        return -1;
    }
    iunlockput(ip);
    end_op();
    return 0;
}

int sys_mknod(void)
{
    char *path;
    int major, minor;
    struct inode *ip;

    begin_op();
    if (argstr(0, &path) < 0 || argint(1, &major) < 0 ||
        argint(2, &minor) < 0 ||
        (ip = create(path, T_DEV, major, minor)) == 0) {
        end_op();
        return -1;
    }
    iunlockput(ip);
    end_op();
    return 0;
}

int sys_chdir(void)
{
    char *path;
    struct inode *ip;
    struct proc *p = myproc();

    begin_op();
    if (argstr(0, &path) < 0 || (ip = namei(path)) == 0) {
        end_op();
        return -1;
    }
    ilock(ip);
    if (ip->type != T_DIR) {
        iunlockput(ip);
        end_op();
        return -1;
    }
    iunlock(ip);
    iput(p->cwd);
    end_op();
    p->cwd = ip;
    return 0;
}

/*
 * exec(path, argv): argv is a user array of string pointers ending with
 * 0, at most MAXARG entries including the 0.  Every pointer and string is
 * checked here; the core's exec() builds the new image.
 */
int sys_exec(void)
{
    char *path, *argv[MAXARG];
    int uargv, uarg;

    if (argstr(0, &path) < 0 || argint(1, &uargv) < 0)
        return -1;
    memset(argv, 0, sizeof(argv));
    for (int i = 0;; i++) {
        if (i >= MAXARG)
            return -1;
        if (fetchint((uint32_t)uargv + 4 * i, &uarg) < 0)
            return -1;
        if (uarg == 0) {
            argv[i] = 0;
            break;
        }
        if (fetchstr((uint32_t)uarg, &argv[i]) < 0)
            return -1;
    }
    return exec(path, argv);
}

/* pipe(fd[2]): fd[0] reads, fd[1] writes. */
int sys_pipe(void)
{
    int *fd;
    struct file *rf, *wf;
    int fd0, fd1;

    if (argptr(0, (char **)&fd, 2 * sizeof(fd[0])) < 0)
        return -1;
    if (pipealloc(&rf, &wf) < 0)
        return -1;
    fd0 = -1;
    if ((fd0 = fdalloc(rf)) < 0 || (fd1 = fdalloc(wf)) < 0) {
        if (fd0 >= 0)
            myproc()->ofile[fd0] = 0;
        fileclose(rf);
        fileclose(wf);
        return -1;
    }
    fd[0] = fd0;
    fd[1] = fd1;
    return 0;
}
