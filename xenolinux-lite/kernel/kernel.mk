# xenolinux-lite's kernel (included by the top Makefile): every .c and .S
# of xenolinux-lite/kernel/, the file system's included, linked at
# 0xC0000000 by kernel.ld into build/xl/kernel.elf.

XL_K_SRC := xenolinux-lite/kernel
XL_K_OUT := $(B)/xl/kernel
XL_K_OBJ := $(patsubst %.c,$(XL_K_OUT)/%.o,$(notdir $(wildcard $(XL_K_SRC)/*.c))) \
	$(patsubst %.S,$(XL_K_OUT)/%.o,$(notdir $(wildcard $(XL_K_SRC)/*.S)))

$(XL_K_OUT)/%.o: $(XL_K_SRC)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(XL_K_OUT)/%.o: $(XL_K_SRC)/%.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

$(B)/xl/kernel.elf: $(XL_K_OBJ) $(XL_K_SRC)/kernel.ld
	$(LD) $(LDFLAGS) -m elf_i386 -N -nostdlib -T $(XL_K_SRC)/kernel.ld -o $@ \
		$(XL_K_OBJ) $(LIBGCC)

xl-kernel: $(B)/xl/kernel.elf
all: $(B)/xl/kernel.elf
.PHONY: xl-kernel
