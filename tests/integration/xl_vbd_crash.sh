#!/usr/bin/env bash
# xl_vbd_crash: what a domU synced survives its destruction.  dom0 runs
# on a private copy of build/xl/dom0disk.img (IDE); guest1's root disk is
# /images/guest1.img in dom0's file system (blkfront, blkback).
#
#   1. the guest writes two files with known content and sees them back
#      ("synced": write() returned, so the log committed them);
#   2. three rounds: the guest starts `appender recs &`, which keeps
#      appending numbered records, one write() each, and says how many it
#      has written every 10; at a different moment each round the test
#      detaches and runs `xl destroy guest1` in the middle of the writing;
#      `xl create` boots it again, and there the synced files are intact,
#      recs holds records 0..K-1 in order with K at least the count the
#      appender last reported, and the file system takes a new file (the
#      next round appends from K);
#   3. guest1 is shut down, and QEMU stopped once dom0 is idle (dom0 has
#      no poweroff from its shell; every dom0 operation has committed when
#      its call returns, so an idle dom0's disk is complete);
#   4. on the host: mkfs --check on dom0's disk, mkfs --extract of
#      /images/guest1.img, mkfs --check on that, and its files compared
#      with what the guest wrote.
set -u
B=build
QEMU=${QEMU:-qemu-system-i386}
LOGS=${LOGS:-$B/test-logs}
MKFS=$B/tools/mkfs
OUT=$LOGS/xl_vbd_crash-files
IMG=$OUT/dom0disk.img
SERIAL=$OUT/serial.log
SYNCED="synced before the crash"
ROUND_DELAYS=(0.5 2.5 4.5)      # seconds of appending before each destroy

for f in "$B/hypervisor.elf" "$B/xl/kernel.elf" "$B/xl/dom0disk.img" \
         "$B/xl/README" "$MKFS"; do
    [ -f "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$B/xl/dom0disk.img" "$IMG"

qemu=""
stop_qemu() {
    [ -s "$OUT/qemu.pid" ] && kill -KILL "$(cat "$OUT/qemu.pid")" 2>/dev/null
    [ -n "$qemu" ] && wait "$qemu" 2>/dev/null
    qemu=""
    { exec 3>&-; } 2>/dev/null
}
fail() {
    tr -d '\r' < "$SERIAL" | tail -n 25
    echo "FAIL: $*"
    stop_qemu
    exit 1
}
trap stop_qemu EXIT

# QEMU with the serial line on a fifo (fd 3 writes it) and in $SERIAL
# (unbuffered, lines ending in \r\n).
mkfifo "$OUT/serial.in"
timeout -s KILL 400 "$QEMU" -m 256 -display none -no-reboot -serial stdio \
    -kernel "$B/hypervisor.elf" -append "qemu_exit=0xf4 dom0_mem=64M" \
    -initrd "$B/xl/kernel.elf root=ide" \
    -drive "file=$IMG,format=raw,if=ide,index=0,cache=unsafe" \
    -pidfile "$OUT/qemu.pid" -device isa-debug-exit,iobase=0xf4,iosize=4 \
    < "$OUT/serial.in" > "$SERIAL" 2>&1 &
qemu=$!
exec 3> "$OUT/serial.in"

type_line() { printf '%b' "$1" >&3; }

# mark: later waits look only at what the log shows from here on.
MARK=0
mark() { MARK=$(wc -l < "$SERIAL"); }
since_mark() { tail -n "+$((MARK + 1))" "$SERIAL" | tr -d '\r'; }

# seen PATTERN SECONDS: does a line since the mark match, within SECONDS?
seen() {
    local deadline=$((SECONDS + $2))
    until since_mark | grep -qE -- "$1"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        kill -0 "$qemu" 2>/dev/null || fail "QEMU stopped; waiting for: $1"
        sleep 0.3
    done
}

# wait_for PATTERN SECONDS WHAT: seen, or the test fails.
wait_for() { seen "$1" "$2" || fail "no $3 after $2 s"; }

# tail_number BRE: the number \(...\) captures in the last line of stdin
# that matches.
tail_number() { sed -n "s/.*$1.*/\\1/p" | tail -n 1; }

# An output line of either shell (the typed command line never matches).
line() { printf '^\\(d0\\) (\\$ )?%s$' "$1"; }

# detach: Ctrl-] back to dom0's shell, which answers "xl list" (the guest has
# no xl, so a list means the keys reach dom0).
detach() {
    type_line "\x1d"
    sleep 1
    for try in 1 2 3; do
        mark
        type_line "xl list\r"
        seen "$(line 'Domain-0 .*')" 10 && return
    done
    fail "dom0's shell does not answer after the detach"
}

# create: xl create guest1 with its console; sets DOMID once it boots.
create() {
    mark
    type_line "xl create /etc/xen/guest1.cfg -c\r"
    wait_for 'Started domain guest1 \(id=[0-9]+\)' 30 "xl create"
    DOMID=$(since_mark | tail_number 'Started domain guest1 (id=\([0-9]*\))')
    wait_for "$(line 'init: starting sh')" 60 "guest1's shell"
}

# Check in the guest: the synced files, recs (at least $1 records), a
# new file $2; sets RECORDS to what recs holds.
check_guest() {
    mark
    type_line "cat synced; wc readme; appender -c recs; echo $2 > $2; ls $2; cat $2\r"
    wait_for "$(line "$2")" 60 "the guest's checks (round $2)"
    since_mark | grep -qE "$(line "$SYNCED")" || fail "$2: synced is not intact"
    since_mark | grep -qE "$(line "$README_WC")" || fail "$2: readme is not intact"
    since_mark | grep -qE "$(line "$2 +2 [0-9]+ [0-9]+")" || fail "$2: ls does not show $2"
    since_mark | grep -q "appender: FAIL" &&
        fail "$2: $(since_mark | grep -m1 'appender: FAIL')"
    RECORDS=$(since_mark |
              tail_number 'appender: recs holds \([0-9]*\) records, in order')
    [ -n "$RECORDS" ] || fail "$2: appender -c found no verdict on recs"
    [ "$RECORDS" -ge "$1" ] ||
        fail "$2: recs holds $RECORDS records; $1 had been written before the destroy"
}

wait_for "$(line 'init: starting sh')" 60 "dom0's shell"
wait_for "xenstored: serving dom0's store ring" 30 "xenstored"

# 1. The synced files.
create
[ "$(wc -c < "$B/xl/README")" -gt 0 ] || fail "empty README"
mark
type_line "echo $SYNCED > synced; cat README > readme; wc readme\r"
wait_for "$(line '[0-9]+ [0-9]+ [0-9]+ readme')" 30 "wc readme"
README_WC=$(since_mark | grep -E "$(line '[0-9]+ [0-9]+ [0-9]+ readme')" |
            tail -n 1 | sed 's/^(d0) \(\$ \)\{0,1\}//')
RECORDS=0

# 2. Destroy mid-write, three times.
replays=0
for round in 1 2 3; do
    mark
    type_line "appender recs &\r"
    wait_for "appender: recs: from record $RECORDS\$" 30 "the appender's start"
    wait_for 'appender: [0-9]+ written$' 60 "the appender's progress"
    sleep "${ROUND_DELAYS[$((round - 1))]}"
    written=$(since_mark | tail_number 'appender: \([0-9]*\) written')
    detach
    mark
    type_line "xl destroy guest1\r"
    wait_for "blkback: vbd $DOMID/51712: released" 30 "the destroy of domain $DOMID"
    grep -q "(XEN) domain $DOMID destroyed" "$SERIAL" ||
        fail "round $round: domain $DOMID was not destroyed"
    echo "round $round: destroyed domain $DOMID with at least $written records written"
    create
    since_mark | grep -q "fs: replaying" && replays=$((replays + 1))
    before=$RECORDS
    check_guest "$written" "round$round"
    [ "$RECORDS" -gt "$before" ] || fail "round $round: the appender appended nothing"
    echo "  recs holds $RECORDS records, in order; the synced files are intact"
done

# 3. guest1 down, dom0 idle, QEMU stopped.
detach
mark
type_line "xl shutdown -w guest1\r"
wait_for "blkback: vbd $DOMID/51712: released" 60 "guest1's shutdown"
grep -q "(XEN) domain $DOMID shut down: poweroff" "$SERIAL" ||
    fail "guest1 did not power off"
mark
type_line "echo dom0 idle\r"
wait_for "$(line 'dom0 idle')" 30 "dom0's shell after the shutdown"
stop_qemu
bad=$(tr -d '\r' < "$SERIAL" | grep -m1 -E "Panic|panic|kernel trap")
[ -z "$bad" ] || fail "$bad"

# 4. On the host.
"$MKFS" --check "$IMG" > "$OUT/check-dom0.log" 2>&1 ||
    { cat "$OUT/check-dom0.log"; fail "dom0's disk does not check clean"; }
"$MKFS" --extract "$IMG" /images/guest1.img "$OUT/guest1.img" ||
    fail "cannot extract /images/guest1.img"
"$MKFS" --check "$OUT/guest1.img" > "$OUT/check-guest1.log" 2>&1 ||
    { cat "$OUT/check-guest1.log"; fail "guest1's disk does not check clean"; }
grep -q "must be replayed" "$OUT/check-guest1.log" &&
    fail "guest1's log is not empty after its shutdown"
"$MKFS" --extract "$OUT/guest1.img" /synced "$OUT/synced" &&
    [ "$(cat "$OUT/synced")" = "$SYNCED" ] || fail "guest1's /synced differs"
"$MKFS" --extract "$OUT/guest1.img" /readme "$OUT/readme" &&
    cmp -s "$OUT/readme" "$B/xl/README" || fail "guest1's /readme differs from README"
"$MKFS" --extract "$OUT/guest1.img" /recs "$OUT/recs" || fail "no /recs in guest1"
host_records=$(awk 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz" }
    { n = NR - 1; r = sprintf("rec %08d ", n)
      for (i = 13; i < 39; i++) r = r substr(a, (n + i) % 26 + 1, 1)
      if ($0 != r) { print "bad " n; exit } }
    END { print NR }' "$OUT/recs")
[ "$host_records" = "$RECORDS" ] &&
    [ "$(wc -c < "$OUT/recs")" -eq $((RECORDS * 40)) ] ||
    fail "recs on the host: $host_records (records, or the first bad one);" \
         "the guest counted $RECORDS"
[ -n "${KEEP_LOGS:-}" ] || rm -rf "$OUT"
echo "PASS: 3 destroys mid-write ($replays left a committed log to replay);" \
     "synced files intact; $RECORDS records in order;" \
     "dom0's and guest1's disks check clean"
