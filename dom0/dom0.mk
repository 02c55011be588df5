# dom0's programs (included by the top Makefile): xl, xenstored and
# xenconsoled.  They run in dom0's user space on xenolinux-lite, so
# they are built like its user programs (user.mk: linked at 0, with its C
# library) and go onto dom0's disk with them.
#
#   dom0/NAME/*.c       one program: build/dom0/_NAME
#   D0_LIBS_NAME        the libraries it links besides the C library:
#     libbuild          the domain builder (dom0/libbuild/, and the image
#                       and layout code it shares with the hypervisor)
#     libxs             the xenstore client (dom0/libxs/)

D0_OUT := $(B)/dom0
D0_CFLAGS := $(XL_U_CFLAGS) -I.

DOM0_PROGS := xl xenconsoled xenstored xstest
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
