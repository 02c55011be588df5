#!/usr/bin/env bash
# fs_crash: the file system survives a crash.  dom0 runs on a persistent
# IDE disk (root=ide) and the shell keeps creating, filling and removing
# files; QEMU is killed in the middle.  Then, for each of several kill
# times:
#   1. mkfs --check finds no error in the image (a committed log that
#      waits for its replay is allowed, and reported);
#   2. dom0 boots again from the image (replaying the log if there is
#      one) and its shell still works;
#   3. mkfs --check finds the image clean, with an empty log.
# At least one kill must have come while the workload was running.
set -u
B=build
QEMU=${QEMU:-qemu-system-i386}
LOGS=${LOGS:-$B/test-logs}
MKFS=$B/tools/mkfs
IMG=$LOGS/fs_crash.img
OUT=$LOGS/fs_crash-files
mkdir -p "$OUT"

for f in "$B/hypervisor.elf" "$B/xl/kernel.elf" "$B/xl/fs.img" "$MKFS"; do
    [ -f "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
cp "$B/xl/fs.img" "$IMG"

# boot SECONDS SERIAL_LOG: run dom0 on the image with stdin as its
# console, SIGKILLed after SECONDS (no clean shutdown, as in a crash).
boot() {
    timeout -s KILL "$1" "$QEMU" -m 256 -display none -no-reboot \
        -serial stdio -kernel "$B/hypervisor.elf" -append "qemu_exit=0xf4" \
        -initrd "$B/xl/kernel.elf root=ide" \
        -drive "file=$IMG,format=raw,if=ide,index=0" \
        -device isa-debug-exit,iobase=0xf4,iosize=4 2>&1 | tr -d '\r' > "$2"
}

# workload ROUND: after the boot, a line of file operations every 0.25 s.
workload() {
    local d="r$1" i
    sleep 3
    for i in $(seq 1 60); do
        printf 'mkdir %s; cat README > %s/a; cat %s/a %s/a %s/a > %s/b; rm %s/a; rm %s/b; rm %s; echo w%s\n' \
            "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$i"
        sleep 0.25
    done
    sleep 30
}

# check WHEN LOG: mkfs --check must exit 0.
check() {
    if ! "$MKFS" --check "$IMG" > "$2" 2>&1; then
        cat "$2"
        echo "FAIL: mkfs --check found errors $1"
        exit 1
    fi
}

midway=0
round=0
for kill_after in 6.1 8.3 10.6 12.9; do
    round=$((round + 1))
    echo "round $round: kill after ${kill_after}s"
    workload "$round" | boot "$kill_after" "$OUT/crash$round.log"
    grep -q "init: starting sh" "$OUT/crash$round.log" || {
        tail -n 20 "$OUT/crash$round.log"
        echo "FAIL: round $round: dom0 did not boot"; exit 1; }
    done_lines=$(grep -cE '^\(d0\) (\$ )?w[0-9]+$' "$OUT/crash$round.log")
    echo "  $done_lines of 60 workload lines done when killed"
    [ "$done_lines" -gt 0 ] && [ "$done_lines" -lt 60 ] && midway=$((midway + 1))

    check "after the crash of round $round" "$OUT/check$round.log"
    pending=0
    if grep -q "must be replayed" "$OUT/check$round.log"; then
        pending=1
        echo "  the crash left a committed log to replay"
    fi

    { sleep 3; printf 'ls\necho alive\n'; sleep 30; } |
        boot 7 "$OUT/reboot$round.log"
    grep -qE '^\(d0\) (\$ )?alive$' "$OUT/reboot$round.log" || {
        tail -n 20 "$OUT/reboot$round.log"
        echo "FAIL: round $round: the shell does not work after the reboot"
        exit 1; }
    if [ "$pending" = 1 ] && ! grep -q "fs: replaying" "$OUT/reboot$round.log"; then
        echo "FAIL: round $round: the committed log was not replayed at boot"
        exit 1
    fi
    check "after the reboot of round $round" "$OUT/recheck$round.log"
    if grep -q "must be replayed" "$OUT/recheck$round.log"; then
        echo "FAIL: round $round: the log is still full after the reboot"
        exit 1
    fi
done
if [ "$midway" -eq 0 ]; then
    echo "FAIL: no kill came in the middle of the workload"
    exit 1
fi
rm -rf "$OUT" "$IMG"
echo "PASS: $midway of $round kills came mid-workload; every image checked clean"
