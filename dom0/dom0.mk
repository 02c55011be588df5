# dom0's programs (included by the top Makefile): xl, xenstored,
# xenconsoled, xstest and createbench.  They run in dom0's user space on
# xenolinux-lite, so they are built like its user programs (user.mk:
# linked at 0, with its C library) and go onto dom0's disk with them.
#
#   dom0/NAME/*.c       one program: build/dom0/_NAME
#   D0_LIBS_NAME        the libraries it links besides the C library:
#     libbuild          the domain builder (dom0/libbuild/, and the image
#                       and layout code it shares with the hypervisor)
#     libxs             the xenstore client (dom0/libxs/)

D0_OUT := $(B)/dom0
D0_CFLAGS := $(XL_U_CFLAGS) -I.

DOM0_PROGS := xl xenconsoled xenstored xstest createbench
D0_LIBS_xl := libbuild libxs
D0_LIBS_xstest := libxs
D0_LIBS_xenconsoled := libxs consring

D0_LIB_libbuild := $(DOM0_LIB_C)
D0_LIB_libxs := $(wildcard dom0/libxs/*.c)
# The console ring's byte copies, shared with the kernel's console front end.
D0_LIB_consring := xenolinux-lite/kernel/console_ring.c

$(D0_OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(D0_CFLAGS) -MMD -MP -c $< -o $@

define D0_PROG_RULE
$(D0_OUT)/_$(1): $(patsubst %.c,$(D0_OUT)/%.o,$(wildcard dom0/$(1)/*.c) \
		$(foreach l,$(D0_LIBS_$(1)),$(D0_LIB_$(l)))) $(XL_U_OUT)/libc.a
	$$(XL_U_LINK)
endef
$(foreach p,$(DOM0_PROGS),$(eval $(call D0_PROG_RULE,$(p))))

DOM0_PROG_BINS := $(patsubst %,$(D0_OUT)/_%,$(DOM0_PROGS))
dom0-progs: $(DOM0_PROG_BINS)
all: $(DOM0_PROG_BINS)
# They go onto dom0's disk with the user programs (tools/mkfs.mk).
XL_USER_PROGS += $(DOM0_PROG_BINS)

# A dom0 disk with a domU to start, for the cases where dom0 runs one with
# xl (tests/integration/xl_console.case): dom0's own files, as in fs.img,
# plus the guest kernel as /boot/xenolinux-lite, a small root file system
# for the domU as /images/ramroot.img (its initrd: init, the shell and a
# few programs) and that domU's config, /con1.cfg.
D0_DOMU_ROOT_PROGS := $(patsubst %,$(XL_U_OUT)/_%,init sh ls echo cat wc systest)
D0_DOMU_FILES := $(D0_OUT)/domu-files

$(D0_OUT)/domu-root.img: $(B)/tools/mkfs $(B)/xl/README $(D0_DOMU_ROOT_PROGS)
	$(B)/tools/mkfs $@ 1024 $(B)/xl/README $(D0_DOMU_ROOT_PROGS)

$(D0_OUT)/fs_with_domu.img: $(B)/tools/mkfs $(B)/xl/README $(XL_USER_PROGS) \
		$(B)/xl/kernel.elf $(D0_OUT)/domu-root.img tests/integration/data/con1.cfg
	rm -rf $(D0_DOMU_FILES)
	mkdir -p $(D0_DOMU_FILES)/boot $(D0_DOMU_FILES)/images
	cp $(B)/xl/kernel.elf $(D0_DOMU_FILES)/boot/xenolinux-lite
	cp $(D0_OUT)/domu-root.img $(D0_DOMU_FILES)/images/ramroot.img
	$(B)/tools/mkfs $@ $(FS_BLOCKS) $(B)/xl/README $(XL_USER_PROGS) \
		$(D0_DOMU_FILES) tests/integration/data/con1.cfg
all: $(D0_OUT)/fs_with_domu.img
