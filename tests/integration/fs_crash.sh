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
# Finally the system-call test program passes on the crashed and replayed
# disk, and the checker finds the image clean after it.
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

# boot SECONDS SERIAL_LOG FEEDER [PATTERN]: run dom0 on the image with
# the output of the function FEEDER typed on its console; SIGKILLed after
# SECONDS (no clean shutdown, as in a crash), or as soon as the log shows
# PATTERN.  The feeder is stopped with QEMU, so its trailing sleep costs
# nothing.
boot() {
    local fifo="$OUT/serial.in" pidfile="$OUT/qemu.pid"
    rm -f "$fifo" "$pidfile"
    mkfifo "$fifo"
    "$3" > "$fifo" 2>/dev/null &
    local feeder=$!
    # (tr line-buffered: PATTERN is looked for in the log as lines come.)
    timeout -s KILL "$1" "$QEMU" -m 256 -display none -no-reboot \
        -serial stdio -kernel "$B/hypervisor.elf" -append "qemu_exit=0xf4" \
        -initrd "$B/xl/kernel.elf root=ide" \
        -drive "file=$IMG,format=raw,if=ide,index=0" -pidfile "$pidfile" \
        -device isa-debug-exit,iobase=0xf4,iosize=4 < "$fifo" 2>&1 |
        stdbuf -oL tr -d '\r' > "$2" &
    local run=$!
    if [ -n "${4:-}" ]; then
        while kill -0 "$run" 2>/dev/null && ! grep -qE -- "$4" "$2"; do
            sleep 0.5
        done
        [ -s "$pidfile" ] && kill -KILL "$(cat "$pidfile")" 2>/dev/null
    fi
    wait "$run" 2>/dev/null
    pkill -P "$feeder" 2>/dev/null
    kill "$feeder" 2>/dev/null
    wait "$feeder" 2>/dev/null
    rm -f "$fifo" "$pidfile"
}

# workload: after the boot, a line of file operations every 0.25 s in
# directory r$round.
workload() {
    local d="r$round" i
    sleep 3
    for i in $(seq 1 60); do
        printf 'mkdir %s; cat README > %s/a; cat %s/a %s/a %s/a > %s/b; rm %s/a; rm %s/b; rm %s; echo w%s\n' \
            "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$i"
        sleep 0.25
    done
    sleep 60
}

# After a reboot: does the shell work?
shell_alive() {
    sleep 3
    printf 'ls\necho alive\n'
    sleep 60
}

# Run the system-call test program.
run_systest() {
    sleep 3
    printf 'systest\necho systest done\n'
    sleep 300
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
    boot "$kill_after" "$OUT/crash$round.log" workload
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

    boot 30 "$OUT/reboot$round.log" shell_alive '^\(d0\) (\$ )?alive$'
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

# The system-call test program passes again on the crashed and replayed
# disk, and the disk is still consistent after it.
echo "systest on the disk after the crashes"
boot 240 "$OUT/systest.log" run_systest '^\(d0\) (\$ )?systest done$'
grep -q "systest: OK" "$OUT/systest.log" || {
    grep -E "FAIL|systest:" "$OUT/systest.log" | tail -n 20
    echo "FAIL: systest did not pass after the crashes"
    exit 1; }
check "after systest" "$OUT/final-check.log"
rm -rf "$OUT" "$IMG"
echo "PASS: $midway of $round kills came mid-workload; every image checked clean; systest passed after them"
