# xenolinux-lite user programs (included by the top Makefile).
#
#   xenolinux-lite/user/NAME.c      one program: build/xl/user/_NAME
#   xenolinux-lite/user/NAME/*.c    one program of several files: _NAME
#   xenolinux-lite/user/lib/        the C library, build/xl/user/libc.a
#   xenolinux-lite/user/include/    user.h, types.h, ... (-I for programs)
#
# A program is linked at address 0 with entry point main (the xv6 user
# ABI: exec starts it at main with argc and argv on the stack).  The
# library is an archive, so a program only carries what it calls.
# XL_USER_PROGS lists every binary; tools/mkfs.mk puts them in fs.img.

XL_U_SRC := xenolinux-lite/user
XL_U_OUT := $(B)/xl/user

# -fno-tree-loop-distribute-patterns: the compiler must not turn the loops
# of memset and memmove into calls to themselves.
XL_U_CFLAGS := -m32 -std=gnu11 -O2 $(WARN) -ffreestanding -fno-builtin \
	-fno-pic -fno-pie -fno-stack-protector -nostdlib \
	-fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
	-fcf-protection=none -I $(XL_U_SRC)/include
XL_U_ASFLAGS := -m32 -D__ASSEMBLER__ -I $(XL_U_SRC)/include
XL_U_LINK = $(LD) $(LDFLAGS) -m elf_i386 -N -e main -Ttext 0 -o $@ \
	$(filter %.o,$^) $(XL_U_OUT)/libc.a $(LIBGCC)

# Shared with the hypervisor: formatting, strlcpy_hv and the searching and
# parsing half of its string library (the other half has xv6's meanings
# here, in lib/string.c).
XL_U_HVLIB := hypervisor/lib/vsnprintf.c hypervisor/lib/strlcpy.c \
	hypervisor/lib/strscan.c
XL_U_LIB_OBJ := \
	$(patsubst $(XL_U_SRC)/%.c,$(XL_U_OUT)/%.o,$(wildcard $(XL_U_SRC)/lib/*.c)) \
	$(patsubst $(XL_U_SRC)/%.S,$(XL_U_OUT)/%.o,$(wildcard $(XL_U_SRC)/lib/*.S)) \
	$(patsubst hypervisor/lib/%.c,$(XL_U_OUT)/hvlib/%.o,$(XL_U_HVLIB))

XL_U_SINGLE := $(basename $(notdir $(wildcard $(XL_U_SRC)/*.c)))
XL_U_MULTI := $(filter-out include lib,$(sort $(notdir $(patsubst %/,%, \
	$(dir $(wildcard $(XL_U_SRC)/*/*.c))))))

XL_USER_PROGS := $(patsubst %,$(XL_U_OUT)/_%,$(XL_U_SINGLE) $(XL_U_MULTI))

$(XL_U_OUT)/hvlib/%.o: hypervisor/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(XL_U_CFLAGS) -I. -MMD -MP -c $< -o $@

$(XL_U_OUT)/%.o: $(XL_U_SRC)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(XL_U_CFLAGS) -MMD -MP -c $< -o $@

$(XL_U_OUT)/%.o: $(XL_U_SRC)/%.S
	@mkdir -p $(dir $@)
	$(CC) $(XL_U_ASFLAGS) -MMD -MP -c $< -o $@

$(XL_U_OUT)/libc.a: $(XL_U_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(patsubst %,$(XL_U_OUT)/_%,$(XL_U_SINGLE)): $(XL_U_OUT)/_%: \
		$(XL_U_OUT)/%.o $(XL_U_OUT)/libc.a
	$(XL_U_LINK)

define XL_U_MULTI_RULE
$(XL_U_OUT)/_$(1): $(patsubst $(XL_U_SRC)/%.c,$(XL_U_OUT)/%.o, \
		$(wildcard $(XL_U_SRC)/$(1)/*.c)) $(XL_U_OUT)/libc.a
	$$(XL_U_LINK)
endef
$(foreach p,$(XL_U_MULTI),$(eval $(call XL_U_MULTI_RULE,$(p))))

xl-user: $(XL_USER_PROGS)
all: $(XL_USER_PROGS)
.PHONY: xl-user
