# tools/mkfs (included by the top Makefile): the host tool that builds and
# checks xenolinux-lite disk images, and the images themselves.
#
#   build/tools/mkfs      mkfs IMAGE BLOCKS ARG... / mkfs --check IMAGE /
#                         mkfs --extract IMAGE PATH OUT
#                         (ARG: HOSTFILE, HOSTDIR, HOSTFILE=/dest/path,
#                         -r HOSTDIR=/dest; see tools/mkfs_main.c)
#   build/xl/fs.img       the user programs and dom0's programs
#                         (XL_USER_PROGS, from user.mk and dom0.mk) and a
#                         README text file, FS_BLOCKS blocks of 512 B: the
#                         ramdisk of the tests that boot dom0 directly
#   build/xl/domu.img     a domU's root disk: the user programs and the
#                         README, DOMU_BLOCKS blocks
#   build/xl/dom0disk.img dom0's disk, as `make run` gives it (the IDE
#                         disk, or the ISO's ramdisk entry): fs.img's files
#                         at /, then
#                           /etc/xen/NAME.cfg    dom0/examples/NAME.cfg
#                           /images/NAME.img     a copy of domu.img each
#                           /boot/xenolinux-lite build/xl/kernel.elf
#                           /guests/...          the host folder GUESTS, if
#                                                set (make run GUESTS=dir)
#                         DOM0_DISK_BLOCKS blocks
#
# How big an image may be: the kernel mounts at most MAXBITMAP bitmap
# blocks (xenolinux-lite/kernel/param.h: 118784 blocks, 58 MB), and mkfs
# refuses more.  As a ramdisk the image must also fit, with the other boot
# modules and the hypervisor's frame table, below 16 MB of machine memory
# (hypervisor/mm/frames.c; less with more RAM: with 1 GB, modules must end
# below about 7 MB), so dom0disk.img stays at 8 MB: its files take about
# 5.5 MB, leaving dom0 room to work and GUESTS a little over 2 MB.  For
# more, `make run GUESTS=dir DOM0_DISK_BLOCKS=40960` (20 MB) gives a disk
# that works on IDE only (the ISO's ramdisk entry would not boot).

MKFS := $(B)/tools/mkfs
MKFS_SRC := tools/mkfs.c tools/mkfs_path.c tools/mkfs_host.c \
	tools/mkfs_main.c tools/mkfs_check.c tools/mkfs_extract.c
MKFS_DEPS := $(MKFS_SRC) tools/mkfs.h xenolinux-lite/include/abi/fs.h \
	xenolinux-lite/include/abi/stat.h xenolinux-lite/include/abi/limits.h \
	xenolinux-lite/kernel/param.h
FS_BLOCKS ?= 8192
DOMU_BLOCKS ?= 3072
DOM0_DISK_BLOCKS ?= 16384

$(MKFS): $(MKFS_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g $(WARN) -I. -o $@ $(MKFS_SRC)

# The unit tests compile the builder and checker ("// uses:"), and
# test_mkfs_crash #includes the kernel's file-system files: rebuild them
# when those change.
$(B)/unit/test_mkfs $(B)/unit/test_mkfs_host \
	$(B)/unit/test_mkfs_extract: $(MKFS_DEPS)
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

# ------------------------------------------------------------ domU's disk
DOMU_PROGS := $(filter-out $(DOM0_PROG_BINS),$(XL_USER_PROGS))

$(B)/xl/domu.img: $(MKFS) $(DOMU_PROGS) $(B)/xl/README
	@mkdir -p $(dir $@)
	$(MKFS) $@ $(DOMU_BLOCKS) $(B)/xl/README $(DOMU_PROGS)

# ------------------------------------------------------------ dom0's disk
# GUESTS=dir copies a host folder of the user's own guest kernels (and
# anything else) to /guests.  The stamp holds the values of GUESTS and
# DOM0_DISK_BLOCKS and changes only when they do; with every file and
# folder under dir also a prerequisite, the disk is rebuilt when either
# value changes, and when a file in dir is added, removed or changed.
# (Names with spaces are not supported; the file system keeps names of
# at most 14 characters.)
GUESTS ?=
DOM0_DISK_STAMP := $(B)/xl/dom0disk.stamp
DOM0_DISK_SETTINGS := GUESTS=$(GUESTS) DOM0_DISK_BLOCKS=$(DOM0_DISK_BLOCKS)
GUESTS_FILES := $(if $(GUESTS),$(shell find '$(GUESTS)' 2>/dev/null))

$(DOM0_DISK_STAMP): mkfs-dom0disk-settings
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(DOM0_DISK_SETTINGS)' | cmp -s - $@ 2>/dev/null || \
		printf '%s\n' '$(DOM0_DISK_SETTINGS)' > $@
.PHONY: mkfs-dom0disk-settings

DOM0_DISK_CFGS := $(wildcard dom0/examples/*.cfg)
DOM0_DISK_NAMES := $(basename $(notdir $(DOM0_DISK_CFGS)))

$(B)/xl/dom0disk.img: $(MKFS) $(XL_USER_PROGS) $(B)/xl/README \
		$(DOM0_DISK_CFGS) $(B)/xl/domu.img $(B)/xl/kernel.elf \
		$(DOM0_DISK_STAMP) $(GUESTS_FILES)
	@mkdir -p $(dir $@)
	$(MKFS) $@ $(DOM0_DISK_BLOCKS) $(B)/xl/README $(XL_USER_PROGS) \
		$(foreach c,$(DOM0_DISK_CFGS),$(c)=/etc/xen/$(notdir $(c))) \
		$(foreach n,$(DOM0_DISK_NAMES),$(B)/xl/domu.img=/images/$(n).img) \
		$(B)/xl/kernel.elf=/boot/xenolinux-lite \
		$(if $(GUESTS),-r '$(GUESTS)=/guests')

all: $(MKFS)
ifneq ($(strip $(XL_USER_PROGS)),)
all: $(B)/xl/fs.img $(B)/xl/domu.img $(B)/xl/dom0disk.img
endif
