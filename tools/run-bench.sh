#!/usr/bin/env bash
# Run each benchmark guest (tests/guests/bench_*.c) as dom0 in QEMU, the
# "bench" scenario of the ctl test dom0 (which builds domains from the
# domU pack), xenolinux-lite's xlbench in dom0's shell, and dom0's
# toolstack on its IDE disk (createbench: xl create to the guest's first
# console line; blkbench: a domU's disk through the split driver against
# dom0 reading the same image file), and print their "bench:" lines.  Exits 1 if a guest failed
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

# The toolstack, on a copy of dom0's disk (cache=unsafe: the host's disk
# is not what is measured).  Each command is typed once the one before
# has answered (its pattern is in the log).
log=build/xl_split_bench.log
disk=build/bench-dom0disk.img
cp build/xl/dom0disk.img "$disk"
steps=("init: starting sh" "createbench /etc/xen/guest1.cfg 3"
       "bench: xl create|createbench: FAIL" "blkbench read /images/guest1.img"
       "bench: blk read /images|blkbench:" "xl create /etc/xen/guest1.cfg -c"
       "\\(d0\\) init: starting sh" "blkbench write big 512"
       "bench: blk write big|blkbench:" "blkbench read big"
       "bench: blk read big|blkbench:" "")
feed_steps() {
    local i
    for ((i = 0; i < ${#steps[@]} - 1; i += 2)); do
        for _ in $(seq 600); do
            [ "$(grep -acE -- "${steps[i]}" "$log" 2>/dev/null)" -ge \
                $((i == 6 ? 2 : 1)) ] && break
            sleep 0.5
        done
        sleep 1
        printf '%s\r' "${steps[i + 1]}"
    done
    while [ ! -e "$finished" ]; do sleep 1; done    # until QEMU is stopped
}
finished=build/xl_split_bench.finished
pidfile=build/xl_split_bench.pid
rm -f "$log" "$finished" "$pidfile"
feed_steps | timeout --foreground 600 "$QEMU" -m 256 -display none \
    -no-reboot -serial stdio -kernel build/hypervisor.elf \
    -append "loglvl=warning dom0_mem=64M" \
    -initrd "build/xl/kernel.elf root=ide" \
    -drive "file=$disk,format=raw,if=ide,index=0,cache=unsafe" \
    -pidfile "$pidfile" > "$log" 2>/dev/null &
qemu_run=$!
for _ in $(seq 1200); do
    grep -qaE 'bench: blk read big|blkbench:|FAIL' "$log" 2>/dev/null && break
    kill -0 "$qemu_run" 2>/dev/null || break
    sleep 0.5
done
[ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
wait "$qemu_run" 2>/dev/null
touch "$finished"
wait
rm -f "$disk" "$finished" "$pidfile"
echo "== dom0's toolstack (createbench and blkbench)"
grep -aE '^\(d0\) (\$ )?(bench:|createbench:)' "$log" |
    sed 's/^(d0) \(\$ \)\?//; s/\r$//'
if [ "$(grep -acE '^\(d0\) (\$ )?bench:' "$log")" -ne 4 ]; then
    echo "the toolstack benchmarks did not all finish (log: $log)"
    status=1
fi
exit $status
