# tools/mkfs (included by the top Makefile): the host tool that builds and
# checks xenolinux-lite disk images, and dom0's root image.
#
#   build/tools/mkfs    mkfs IMAGE BLOCKS PATH... / mkfs --check IMAGE
#   build/xl/fs.img     the user programs (XL_USER_PROGS, from user.mk)
#                       and a README text file, FS_BLOCKS blocks of 512 B
#
# dom0 gets fs.img as its second boot module (the ramdisk), or as the
# IDE disk with "root=ide" (QEMU -drive file=...,format=raw,if=ide).
#
# How big FS_BLOCKS may be: the kernel mounts at most MAXBITMAP bitmap
# blocks (xenolinux-lite/kernel/param.h: 118784 blocks, 58 MB), and mkfs
# refuses more.  As a ramdisk the image must also fit, with the other boot
# modules and the hypervisor's frame table, below 16 MB of machine memory
# (hypervisor/mm/frames.c; less with more RAM: with 1 GB, modules must end
# below about 7 MB).  The default, 4 MB, leaves dom0 room for files of a
# few MB (bigfile writes 2 MB); larger disks go on IDE (root=ide).

MKFS := $(B)/tools/mkfs
MKFS_SRC := tools/mkfs.c tools/mkfs_check.c
MKFS_DEPS := $(MKFS_SRC) tools/mkfs.h xenolinux-lite/include/abi/fs.h \
	xenolinux-lite/include/abi/stat.h xenolinux-lite/include/abi/limits.h \
	xenolinux-lite/kernel/param.h
FS_BLOCKS ?= 8192

$(MKFS): $(MKFS_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g $(WARN) -I. -o $@ $(MKFS_SRC)

# The unit tests compile the checker ("// uses:"), and test_mkfs_crash
# #includes the kernel's file-system files: rebuild them when those change.
$(B)/unit/test_mkfs: $(MKFS_DEPS)
$(B)/unit/test_mkfs_crash: $(MKFS_DEPS) $(wildcard xenolinux-lite/kernel/*.c \
	xenolinux-lite/kernel/*.h)

# A text file for cat, wc and grep to work on.
$(B)/xl/README: tools/mkfs.mk
	@mkdir -p $(dir $@)
	@printf '%s\n' \
	  "xenolinux-lite: a small Unix running as a paravirtualized guest." \
	  "" \
	  "Its kernel runs in ring 1 on a Xen-compatible hypervisor; its" \
	  "programs run in ring 3 and use the xv6 system calls.  The file" \
	  "system keeps a write-ahead log, so a crash at any moment leaves" \
	  "it consistent after the log is replayed at the next boot." \
	  "" \
	  "Try: ls, cat README, wc README, echo hello." \
	  > $@

$(B)/xl/fs.img: $(MKFS) $(XL_USER_PROGS) $(B)/xl/README
	@mkdir -p $(dir $@)
	$(MKFS) $@ $(FS_BLOCKS) $(B)/xl/README $(XL_USER_PROGS)

all: $(MKFS)
ifneq ($(strip $(XL_USER_PROGS)),)
all: $(B)/xl/fs.img
endif
