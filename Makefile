# xenhv: a Xen 3.0.4-compatible paravirtualizing hypervisor for 32-bit x86.
#
#   make            build/hypervisor.elf (and the test guests)
#   make iso        build/boot.iso: GRUB, the hypervisor and dom0
#   make run        boot the ISO in QEMU with dom0's disk, serial on this
#                   terminal (GUESTS=dir adds a folder, FRESH=1 a new disk)
#   make gdb        QEMU stopped at the first instruction, with gdb attached
#   make test       host unit tests and QEMU integration tests
#   make bench      benchmarks, measured from inside a guest

B := build
CC := gcc
LD := ld
QEMU ?= qemu-system-i386

WARN := -Wall -Wextra -Werror
# Code that runs on the bare machine: the hypervisor and the test guests.
KCFLAGS := -m32 -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-builtin \
	-fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -mgeneral-regs-only -mno-red-zone \
	-fno-strict-aliasing -I.
KASFLAGS := -m32 -g -I. -D__ASSEMBLER__
LDFLAGS := -z noexecstack --no-warn-rwx-segments
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name)

# Host unit tests (cmocka), built natively.
HOSTCFLAGS := -std=gnu11 -O1 -g $(WARN) -I. -DHOST_TEST

all: $(B)/hypervisor.elf guests

# ---------------------------------------------------------------- hypervisor
HV_C := $(wildcard arch/x86_32/*.c hypervisor/common/*.c hypervisor/mm/*.c \
	hypervisor/lib/*.c)
HV_S := $(wildcard arch/x86_32/*.S)
HV_OBJ := $(patsubst %.c,$(B)/hv/%.o,$(HV_C)) $(patsubst %.S,$(B)/hv/%.o,$(HV_S))

$(B)/hv/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/hv/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

$(B)/hypervisor.elf: $(HV_OBJ) arch/x86_32/hypervisor.ld
	$(LD) $(LDFLAGS) -m elf_i386 -nostdlib -T arch/x86_32/hypervisor.ld -o $@ \
		$(HV_OBJ) $(LIBGCC)

# ------------------------------------------------------------- test guests
GUEST_LIB_C := $(wildcard tests/guests/lib/*.c) hypervisor/lib/string.c hypervisor/lib/strlcpy.c \
	hypervisor/lib/strscan.c hypervisor/lib/vsnprintf.c
GUEST_LIB_S := $(wildcard tests/guests/lib/*.S)
GUEST_LIB_OBJ := $(patsubst %.c,$(B)/guest/%.o,$(GUEST_LIB_C)) \
	$(patsubst %.S,$(B)/guest/%.o,$(GUEST_LIB_S))
# (Not "GUESTS": that is make run's folder of the user's own kernels.)
TEST_GUEST_NAMES := $(basename $(notdir $(wildcard tests/guests/*.c)))
GUEST_ELFS := $(patsubst %,$(B)/guests/%.elf,$(TEST_GUEST_NAMES))

$(B)/guest/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/guest/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Every guest describes itself with Xen ELF notes; X_legacy is guest X
# described by a __xen_guest string instead.
GUEST_ELFS += $(B)/guests/hello_legacy.elf
PARAMS_NOTES := $(B)/guest/tests/guests/lib/params/notes.o
PARAMS_LEGACY := $(B)/guest/tests/guests/lib/params/legacy.o

$(B)/guests/%_legacy.elf: $(B)/guest/tests/guests/%.o $(GUEST_LIB_OBJ) \
		$(PARAMS_LEGACY) tests/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(LD) $(LDFLAGS) -m elf_i386 -N -nostdlib -T tests/guests/lib/guest.ld -o $@ \
		$< $(GUEST_LIB_OBJ) $(PARAMS_LEGACY) $(LIBGCC)

$(B)/guests/%.elf: $(B)/guest/tests/guests/%.o $(GUEST_LIB_OBJ) \
		$(PARAMS_NOTES) tests/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(LD) $(LDFLAGS) -m elf_i386 -N -nostdlib -T tests/guests/lib/guest.ld -o $@ \
		$< $(GUEST_LIB_OBJ) $(PARAMS_NOTES) $(LIBGCC)

guests: $(GUEST_ELFS)

# dom0 test guests build other domains: they also link the domain builder
# library and the pure image and layout code it shares with the hypervisor.
DOM0_TEST_GUESTS := ctl
DOM0_LIB_C := $(wildcard dom0/libbuild/*.c) hypervisor/common/guest_image.c \
	hypervisor/common/dom_layout.c
DOM0_LIB_OBJ := $(patsubst %.c,$(B)/guest/%.o,$(DOM0_LIB_C))

$(patsubst %,$(B)/guests/%.elf,$(DOM0_TEST_GUESTS)): $(B)/guests/%.elf: \
		$(B)/guest/tests/guests/%.o $(GUEST_LIB_OBJ) $(DOM0_LIB_OBJ) \
		$(PARAMS_NOTES) tests/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(LD) $(LDFLAGS) -m elf_i386 -N -nostdlib -T tests/guests/lib/guest.ld -o $@ \
		$< $(GUEST_LIB_OBJ) $(DOM0_LIB_OBJ) $(PARAMS_NOTES) $(LIBGCC)

# ------------------------------------------------------------ packs
# mkpack puts several files into one ramdisk (dom0/libbuild/pack.h).  The
# dom0 test guests get every domU test guest (tests/guests/domu_*.c) in
# build/packs/domus.pack.
$(B)/tools/mkpack: tools/mkpack.c dom0/libbuild/pack.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g $(WARN) -I. -o $@ $<

DOMU_GUESTS := $(basename $(notdir $(wildcard tests/guests/domu_*.c)))
$(B)/packs/domus.pack: $(B)/tools/mkpack \
		$(patsubst %,$(B)/guests/%.elf,$(DOMU_GUESTS))
	@mkdir -p $(dir $@)
	$(B)/tools/mkpack $@ $(filter %.elf,$^)

# xenolinux-lite as a domU (ctl's "xenolinux" scenario): its kernel and
# its root file system, which the builder gives the domU as its initrd.
$(B)/packs/xenolinux.pack: $(B)/tools/mkpack $(B)/xl/kernel.elf $(B)/xl/fs.img
	@mkdir -p $(dir $@)
	$(B)/tools/mkpack $@ xl_kernel=$(B)/xl/kernel.elf xl_fs=$(B)/xl/fs.img

packs: $(B)/packs/domus.pack $(B)/packs/xenolinux.pack
all: packs

# ------------------------------------------------------- xenolinux-lite
# The guest kernel, its user programs and tools/mkfs each bring their
# own rules (build/xl/...).
-include xenolinux-lite/kernel/kernel.mk
-include xenolinux-lite/user/user.mk
-include dom0/dom0.mk
-include tools/mkfs.mk
# Disk images of single integration cases (each tests/integration/*.mk
# builds its own under $(B)/test-images and adds them to `all`).
-include $(wildcard tests/integration/*.mk)

# ------------------------------------------------------------------- ISO
# GRUB's default entry boots dom0 with root=ide: its disk is the first
# IDE disk, which `make run` attaches (dom0's disk, tools/mkfs.mk).  The
# ISO also carries that disk's image as a ramdisk, for the menu entry
# that needs no disk.
DOM0_KERNEL ?= $(B)/xl/kernel.elf
DOM0_RAMDISK ?= $(B)/xl/dom0disk.img

$(B)/boot.iso: $(B)/hypervisor.elf $(DOM0_KERNEL) $(DOM0_RAMDISK) iso/grub.cfg
	rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	cp $(B)/hypervisor.elf $(B)/iso/boot/hypervisor.elf
	cp $(DOM0_KERNEL) $(B)/iso/boot/dom0.elf
	cp $(DOM0_RAMDISK) $(B)/iso/boot/dom0disk.img
	cp iso/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso 2>$(B)/grub-mkrescue.log || \
		(cat $(B)/grub-mkrescue.log; exit 1)

iso: $(B)/boot.iso

QEMU_RUN := $(QEMU) -m 256 -nographic -no-reboot

# make run's disk for dom0: a copy of build/xl/dom0disk.img made at the
# first run and kept, so what dom0 writes persists from run to run.
# FRESH=1 (or deleting RUN_DISK) starts again from the built image.
RUN_DISK ?= $(B)/run/dom0disk.img

run: $(B)/boot.iso $(B)/xl/dom0disk.img
	@mkdir -p $(dir $(RUN_DISK))
	@if [ -n "$(FRESH)" ] || [ ! -f $(RUN_DISK) ]; then \
		cp $(B)/xl/dom0disk.img $(RUN_DISK) && \
		echo "dom0's disk: $(RUN_DISK), a fresh copy of $(B)/xl/dom0disk.img"; \
	else \
		echo "dom0's disk: $(RUN_DISK), as the last run left it" \
			"(make run FRESH=1 starts afresh)"; \
		[ $(RUN_DISK) -nt $(B)/xl/dom0disk.img ] || echo \
			"note: $(B)/xl/dom0disk.img was rebuilt since; FRESH=1 takes it"; \
	fi
	$(QEMU_RUN) -cdrom $(B)/boot.iso \
		-drive file=$(RUN_DISK),format=raw,if=ide,index=0

gdb: $(B)/hypervisor.elf $(DOM0_KERNEL)
	$(QEMU) -m 256 -display none -serial file:$(B)/gdb-serial.log \
		-kernel $(B)/hypervisor.elf -initrd "$(DOM0_KERNEL),$(DOM0_RAMDISK)" \
		-s -S &
	sleep 1; gdb -q -ex 'set architecture i386' \
		-ex 'symbol-file $(B)/hypervisor.elf' \
		-ex 'add-symbol-file $(DOM0_KERNEL)' \
		-ex 'target remote localhost:1234'

# ------------------------------------------------------------------ tests
UNIT_TESTS := $(basename $(notdir $(wildcard tests/unit/test_*.c)))
UNIT_BINS := $(patsubst %,$(B)/unit/%,$(UNIT_TESTS))

# Each unit test lists the pure sources it needs in a "// uses:" line.
UNIT_DEPS := $(wildcard hypervisor/common/*.c hypervisor/mm/*.c \
	hypervisor/include/*.h tests/unit/*.h tests/unit/*.c public/*.h \
	public/io/*.h dom0/*/*.c dom0/*/*.h xenolinux-lite/user/lib/*.c)
$(B)/unit/%: tests/unit/%.c $(UNIT_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(HOSTCFLAGS) -o $@ $< \
		$$(sed -n 's|^// uses: *||p' $<) -lcmocka

unit: $(UNIT_BINS)

test: all unit $(B)/boot.iso
	@tools/run-tests.sh

bench: all
	@tools/run-bench.sh

clean:
	rm -rf $(B)

.PHONY: all guests packs iso run gdb unit test bench clean
-include $(shell find $(B) -type f -name '*.d' 2>/dev/null)

# Keep guest objects between builds.
.SECONDARY:
