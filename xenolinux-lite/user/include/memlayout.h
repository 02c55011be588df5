/*
 * The user's view of the address space: a program lives from 0 up to its
 * size (sbrk(0)); from KERNBASE up everything belongs to the guest kernel
 * and, at the top, the hypervisor, and touching it kills the program.
 */
#ifndef XL_USER_MEMLAYOUT_H
#define XL_USER_MEMLAYOUT_H
#define KERNBASE 0xC0000000     /* first address of the guest kernel */
#endif
