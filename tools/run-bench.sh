#!/usr/bin/env bash
# Run each benchmark guest (tests/guests/bench_*.c) as dom0 in QEMU, the
# "bench" scenario of the ctl test dom0 (which builds domains from the
# domU pack), and xenolinux-lite's xlbench in dom0's shell, and print
# their "bench:" lines.  Exits 1 if a guest failed
# or reports a target it did not meet.
set -u
cd "$(dirname "$0")/.."
QEMU=${QEMU:-qemu-system-i386}
status=0
# name, then the -initrd argument (guest, its arguments, its ramdisk)
runs=()
for elf in build/guests/bench_*.elf; do
    runs+=("$(basename "$elf" .elf)" "$elf")
done
runs+=(ctl_bench "build/guests/ctl.elf bench,build/packs/domus.pack")
for ((i = 0; i < ${#runs[@]}; i += 2)); do
    name=${runs[i]}
    log=build/$name.log
    timeout --foreground 300 "$QEMU" -m 256 -display none -no-reboot \
        -serial "file:$log" -kernel build/hypervisor.elf \
        -append "qemu_exit=0xf4 loglvl=warning dom0_mem=32M" \
        -initrd "${runs[i + 1]}" \
        -device isa-debug-exit,iobase=0xf4,iosize=4 </dev/null >/dev/null 2>&1
    rc=$?
    echo "== $name"
    grep -E '^\(d0\) (bench:|FAIL)' "$log" | sed 's/^(d0) //'
    if [ "$rc" != 1 ] || grep -qE 'FAIL|NOT MET' "$log"; then
        echo "$name: failed or missed its target (QEMU status $rc, log: $log)"
        status=1
    fi
done
# xenolinux-lite's microbenchmarks: boot it as dom0, type xlbench into
# its shell, and stop once it says it is done.
log=build/xl_bench.log
(sleep 8; printf 'xlbench\r'; for _ in $(seq 240); do
     sleep 1; grep -q 'xlbench: done' "$log" 2>/dev/null && break; done) |
    timeout --foreground 300 "$QEMU" -m 256 -display none -no-reboot \
        -serial stdio -kernel build/hypervisor.elf -append "loglvl=warning" \
        -initrd "build/xl/kernel.elf,build/xl/fs.img" >"$log" 2>/dev/null
echo "== xenolinux-lite (xlbench in dom0)"
grep -aE '^\(d0\) bench:' "$log" | sed 's/^(d0) //'
if ! grep -q 'xlbench: done' "$log"; then
    echo "xlbench did not finish (log: $log)"
    status=1
fi
exit $status
