# xl_plain's dom0 disk: dom0's programs, and in /guests a kernel built for
# Xen 3.0.4's PV interface (not xenolinux-lite) with a config naming only
# kernel and memory, laid out as `make run GUESTS=dir` would; and in
# /guests/bad the configs xl_create_errors must refuse.
XL_PLAIN_DIR := $(B)/test-images/plain
XL_PLAIN_IMG := $(B)/test-images/xl_plain.img

XL_BAD_CFGS := $(wildcard tests/integration/data/bad/*.cfg)

$(XL_PLAIN_IMG): $(MKFS) $(B)/xl/README $(XL_USER_PROGS) \
		$(B)/guests/domu_plain.elf tests/integration/data/plain.cfg \
		$(XL_BAD_CFGS)
	rm -rf $(XL_PLAIN_DIR)
	mkdir -p $(XL_PLAIN_DIR)/bad
	cp $(B)/guests/domu_plain.elf tests/integration/data/plain.cfg \
		$(XL_PLAIN_DIR)/
	cp $(XL_BAD_CFGS) $(XL_PLAIN_DIR)/bad/
	$(MKFS) $@ $(FS_BLOCKS) $(B)/xl/README $(XL_USER_PROGS) \
		-r $(XL_PLAIN_DIR)=/guests
all: $(XL_PLAIN_IMG)
