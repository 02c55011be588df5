/* What fstat reports (the user ABI's struct stat and file types). */
#ifndef ABI_STAT_H
#define ABI_STAT_H

#define T_DIR  1    /* directory */
#define T_FILE 2    /* regular file */
#define T_DEV  3    /* device */

struct stat {
    short type;          /* T_DIR, T_FILE or T_DEV */
    int dev;             /* file system's disk device */
    unsigned int ino;    /* inode number */
    short nlink;         /* number of links to the file */
    unsigned int size;   /* size of the file in bytes */
};
#endif
