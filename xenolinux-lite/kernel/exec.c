/*
 * exec: replace the current process's memory with a program from the
 * file system.
 *
 * The new address space is built while still private (plain stores into
 * writable tables), then validated and pinned in one multicall, switched
 * to, and only then is the old one freed, so a failure anywhere leaves
 * the caller as it was.
 *
 * Memory of the new program, from address 0:
 *
 *   [ text, data, bss | guard page (no PTE_U) | stack page ]  sz
 *
 * and its initial stack (xv6's), growing down from sz:
 *
 *   argument strings ... | 0 | argv[argc-1] ... argv[0] | argv | argc | 0xFFFFFFFF
 *                                                                        ^ esp
 */
#include "xenolinux-lite/kernel/defs.h"
#include "xenolinux-lite/kernel/core.h"
#include "xenolinux-lite/kernel/elf.h"
#include "xenolinux-lite/kernel/mmu.h"
#include "xenolinux-lite/kernel/proc.h"

/* Load the segments of ip; the new size, or 0 on failure. */
static uint32_t load_segments(uint32_t *pgdir, struct inode *ip,
                              struct elfhdr *elf)
{
    struct proghdr ph;
    uint32_t sz = 0;
    for (uint32_t i = 0, off = elf->phoff; i < elf->phnum; i++, off += sizeof(ph)) {
        if (readi(ip, (char *)&ph, off, sizeof(ph)) != sizeof(ph))
            return 0;
        if (ph.type != ELF_PROG_LOAD || ph.memsz == 0)
            continue;
        if (ph.memsz < ph.filesz || ph.vaddr + ph.memsz < ph.vaddr ||
            ph.vaddr % PGSIZE || ph.vaddr + ph.memsz > FOREIGN_BASE)
            return 0;
        if ((sz = allocuvm(pgdir, sz, ph.vaddr + ph.memsz)) == 0)
            return 0;
        if (loaduvm(pgdir, (char *)ph.vaddr, ip, ph.off, ph.filesz) < 0)
            return 0;
    }
    return sz;
}

/* Push argv and build the initial stack; the new esp, or 0. */
static uint32_t push_args(uint32_t *pgdir, uint32_t sp, char **argv)
{
    uint32_t ustack[3 + MAXARG + 1];
    uint32_t argc;
    for (argc = 0; argv[argc]; argc++) {
        if (argc >= MAXARG)
            return 0;
        sp = (sp - (strlen(argv[argc]) + 1)) & ~3u;
        if (copyout(pgdir, sp, argv[argc], strlen(argv[argc]) + 1) < 0)
            return 0;
        ustack[3 + argc] = sp;
    }
    ustack[3 + argc] = 0;
    ustack[0] = 0xFFFFFFFFu;                /* fake return PC */
    ustack[1] = argc;
    ustack[2] = sp - (argc + 1) * 4;        /* argv */
    sp -= (3 + argc + 1) * 4;
    if (copyout(pgdir, sp, ustack, (3 + argc + 1) * 4) < 0)
        return 0;
    return sp;
}

int exec(char *path, char **argv)
{
    struct proc *cur = myproc();
    struct elfhdr elf;
    struct inode *ip;
    uint32_t *pgdir = 0, sz = 0, sp;

    begin_op();
    if ((ip = namei(path)) == 0) {
        end_op();
        return -1;
    }
    ilock(ip);
    if (readi(ip, (char *)&elf, 0, sizeof(elf)) != sizeof(elf) ||
        elf.magic != ELF_MAGIC || (pgdir = setupkvm()) == 0 ||
        (sz = load_segments(pgdir, ip, &elf)) == 0) {
        iunlockput(ip);
        end_op();
        goto bad;
    }
    iunlockput(ip);
    end_op();

    /* A guard page, then the stack page. */
    sz = PGROUNDUP(sz);
    if ((sz = allocuvm(pgdir, sz, sz + 2 * PGSIZE)) == 0)
        goto bad;
    clearpteu(pgdir, (char *)(sz - 2 * PGSIZE));
    if ((sp = push_args(pgdir, sz, argv)) == 0)
        goto bad;

    /* The program's name is the last element of its path. */
    char *last = path;
    for (char *s = path; *s; s++)
        if (*s == '/')
            last = s + 1;
    safestrcpy(cur->name, last, sizeof(cur->name));

    vmactivate(pgdir);
    uint32_t *old = cur->pgdir;
    cur->pgdir = pgdir;
    cur->sz = sz;
    cur->tf->eip = elf.entry;
    cur->tf->esp = sp;
    switchuvm(cur);
    freevm(old);
    return 0;

bad:
    if (pgdir)
        freevm(pgdir);
    return -1;
}
