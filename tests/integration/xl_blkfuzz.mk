# The disk of tests/integration/xl_blkfuzz.case (included by the top
# Makefile): dom0's disk as tools/mkfs.mk makes build/xl/dom0disk.img
# (dom0's programs, the xenolinux-lite kernel, guest1 and its image),
# plus the hostile front end and its disk:
#
#   /boot/blkfuzz         build/guests/blkfuzz.elf
#   /etc/xen/blkfuzz.cfg  tests/integration/xl_blkfuzz.cfg
#   /etc/xen/blkstay.cfg  tests/integration/xl_blkfuzz.stay.cfg (blkfuzz
#                         staying connected until it is destroyed)
#   /etc/xen/blkro.cfg    tests/integration/xl_blkfuzz.ro.cfg (blkfuzz on
#                         the same disk, read-only)
#   /images/fuzz.img      64 sectors of build/tools/mkpattern's pattern,
#                         which blkfuzz checks its reads against

MKPATTERN := $(B)/tools/mkpattern
BLKFUZZ_DISK := $(B)/test-images/blkfuzz_dom0.img
BLKFUZZ_PATTERN := $(B)/test-images/fuzz.img
BLKFUZZ_SECTORS := 64

$(MKPATTERN): tools/mkpattern.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g $(WARN) -o $@ $<

$(BLKFUZZ_PATTERN): $(MKPATTERN) tests/integration/xl_blkfuzz.mk
	@mkdir -p $(dir $@)
	$(MKPATTERN) $@ $(BLKFUZZ_SECTORS)

$(BLKFUZZ_DISK): $(MKFS) $(XL_USER_PROGS) $(B)/xl/README \
		dom0/examples/guest1.cfg $(B)/xl/domu.img $(B)/xl/kernel.elf \
		$(B)/guests/blkfuzz.elf tests/integration/xl_blkfuzz.cfg \
		tests/integration/xl_blkfuzz.stay.cfg \
		tests/integration/xl_blkfuzz.ro.cfg $(BLKFUZZ_PATTERN)
	@mkdir -p $(dir $@)
	$(MKFS) $@ $(DOM0_DISK_BLOCKS) $(B)/xl/README $(XL_USER_PROGS) \
		dom0/examples/guest1.cfg=/etc/xen/guest1.cfg \
		$(B)/xl/domu.img=/images/guest1.img \
		$(B)/xl/kernel.elf=/boot/xenolinux-lite \
		$(B)/guests/blkfuzz.elf=/boot/blkfuzz \
		tests/integration/xl_blkfuzz.cfg=/etc/xen/blkfuzz.cfg \
		tests/integration/xl_blkfuzz.stay.cfg=/etc/xen/blkstay.cfg \
		tests/integration/xl_blkfuzz.ro.cfg=/etc/xen/blkro.cfg \
		$(BLKFUZZ_PATTERN)=/images/fuzz.img

all: $(MKPATTERN)
ifneq ($(strip $(XL_USER_PROGS)),)
all: $(BLKFUZZ_DISK)
endif
