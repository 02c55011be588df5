#!/usr/bin/env bash
# xl_acceptance: the toolstack's acceptance test, on the real ISO.  GRUB's
# default entry boots dom0 on its IDE disk (a private copy of
# build/xl/dom0disk.img).  In dom0's shell:
#   1. xl info: the hypervisor's free frames before any domU exists;
#   2. for N = 1, 2, 3: xl create /etc/xen/guestN.cfg -c, run systest in
#      the domU over the console, detach (Ctrl-]); each verdict must show
#      once per guest, with 0 failed;
#   3. xl list -v and xl info: all three listed with 24 MB, and the free
#      frames fell by exactly what the three hold (see below);
#   4. xl shutdown -w guest1, xl destroy guest2;
#   5. xl list -v and xl info: only Domain-0 and guest3 are left, and the
#      free frames are those of step 1 minus exactly what guest3 holds.
#
# What a domain holds.  `xl list -v` shows its pages (tot_pages: the
# frames on its page list, its memory).  Beyond those the hypervisor
# takes, for each domain, frames of its own heap that `xl info` no longer
# counts free:
#   DOMAIN_STRUCT  1  struct domain                    (common/domain.c)
#   SHARED_INFO    1  shared_info, shared with the guest but not on its
#                     page list                        (common/domain.c)
#   EVTCHN         4  its NR_EVENT_CHANNELS ports      (common/domain.c)
#   GRANT_TABLE    7  struct grant_table: active entries and maptrack,
#                     26660 bytes (GRANT_TABLE_PAGES)  (include/grant.h)
#   VCPU           2  per vCPU, struct vcpu; xl builds one
#   GRANT_FRAMES   1  per grant-table frame the guest set up
#                     (grant_frame_alloc); xenolinux-lite asks for one,
#                     at its first grant (blkfront's ring)
#   TWINS          3  per validated page directory, its hypervisor twin
#                     (mm/hv_slots.c twin_create); a domU at its shell
#                     prompt has three: its kernel's, init's and sh's
#   MONITOR        1  in dom0: `xl create` leaves a monitor process per
#                     domain, whose page directory has a twin too
# 20 frames for a domU at its prompt.  The test checks equality, not a
# bound: a frame more is a leak, a frame less a double free.  Before
# each count the domains are quiet (the domUs at their prompts, dom0's
# back ends and xenstored have said they released the stopped ones);
# the last count is asked for again, briefly, until the monitors and
# xenconsoled, which say nothing, have let go too.
set -u
B=build
QEMU=${QEMU:-qemu-system-i386}
LOGS=${LOGS:-$B/test-logs}
OUT=$LOGS/xl_acceptance-run
SERIAL=$OUT/serial.log
DEADLINE=$((SECONDS + 540))
mkdir -p "$OUT"
rm -f "$OUT"/*

DOMAIN_STRUCT=1 SHARED_INFO=1 EVTCHN=4 GRANT_TABLE=7 VCPU=2
GRANT_FRAMES=1 TWINS=3 MONITOR=1
OVERHEAD=$((DOMAIN_STRUCT + SHARED_INFO + EVTCHN + GRANT_TABLE + VCPU +
            GRANT_FRAMES + TWINS + MONITOR))

for f in "$B/boot.iso" "$B/xl/dom0disk.img"; do
    [ -f "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
cp "$B/xl/dom0disk.img" "$OUT/disk.img"
mkfifo "$OUT/serial.in"
"$QEMU" -m 256 -display none -no-reboot -serial stdio -cdrom "$B/boot.iso" \
    -drive "file=$OUT/disk.img,format=raw,if=ide,index=0,cache=unsafe" \
    < "$OUT/serial.in" > "$SERIAL" 2>&1 &
QEMU_PID=$!
exec 3> "$OUT/serial.in"

# The serial log so far, without carriage returns.
log() { tr -d '\r' < "$SERIAL"; }

# finish STATUS MESSAGE: stop QEMU, show the serial log (kept in the
# test's log), and end with MESSAGE as the last line.
finish() {
    exec 3>&-
    kill "$QEMU_PID" 2>/dev/null
    wait "$QEMU_PID" 2>/dev/null
    echo "---- serial log ----"
    log
    echo
    echo "--------------------"
    [ "$1" = 0 ] && rm -rf "$OUT"
    echo "$2"
    exit "$1"
}

fail() { finish 1 "FAIL: $*"; }

# Lines that end the test at once: a panic or crash anywhere, or an
# error from xl.
REJECT='[Pp]anic|crashed|^\(d0\) xl: '

# check_log: fail if the log shows a REJECT line.
check_log() {
    local bad
    bad=$(log | grep -m1 -E -- "$REJECT") && fail "log shows: $bad"
}

# wait_for PATTERN [COUNT]: until COUNT lines of the log match PATTERN.
wait_for() {
    local want=${2:-1}
    until [ "$(log | grep -cE -- "$1")" -ge "$want" ]; do
        check_log
        kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU stopped; never showed: $1"
        [ "$SECONDS" -lt "$DEADLINE" ] || fail "out of time waiting for: $1"
        sleep 0.5
    done
}

# wait_prompt [LINES]: until the log has more than LINES lines (0 if
# not given), ends with a shell's prompt ("$ ", dom0's or an attached
# domU's) and nothing more comes for a second.
wait_prompt() {
    local size=-1 after=${1:-0}
    while :; do
        if [ "$(log | tail -c 2)" = '$ ' ] && [ "$(stat -c %s "$SERIAL")" = "$size" ] &&
                [ "$(log | wc -l)" -gt "$after" ]; then
            return
        fi
        size=$(stat -c %s "$SERIAL")
        kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU stopped; never showed a prompt"
        [ "$SECONDS" -lt "$DEADLINE" ] || fail "out of time waiting for a prompt"
        sleep 1
    done
}

send() { printf '%b' "$1" >&3; }

# dom0 CMD: run CMD in dom0's shell and wait until it has finished; its
# output (from the typed line to the end marker) goes to $OUT/stepK.txt,
# named in STEP.  dom0's console keeps what is typed until the shell
# reads it, so the next command need not wait for the prompt (which a
# back end's message may follow on the same line).
step=0
dom0() {
    step=$((step + 1))
    local first
    first=$(($(log | wc -l) + 1))
    send "$1; echo step-$step-done\r"
    wait_for "^\\(d0\\) ([$] )?step-$step-done$"
    STEP=$OUT/step$step.txt
    log | sed -n "$first,\$p" | sed "/^(d0) \([$] \)\?step-$step-done$/q" > "$STEP"
}

# free_pages FILE: the free_pages figure xl info printed in FILE.
free_pages() {
    sed -n 's/^(d0) free_pages *: \([0-9][0-9]*\)$/\1/p' "$1" | tail -n 1
}

# pages NAME FILE: the Pages column of NAME's line of xl list -v in FILE.
pages() {
    awk -v n="$1" '$1 == "(d0)" && $2 == n { print $NF }' "$2" | tail -n 1
}

# mem NAME FILE: the Mem column (MB) of NAME's line in FILE.
mem() {
    awk -v n="$1" '$1 == "(d0)" && $2 == n { print $4 }' "$2" | tail -n 1
}

wait_for '^\(d0\) init: starting sh$'
wait_for "xenstored: serving dom0's store ring"
dom0 "xl info"
free_before=$(free_pages "$STEP")
[ -n "$free_before" ] || fail "xl info showed no free_pages"
echo "free pages before any domU: $free_before"

boots=1
for n in 1 2 3; do
    send "xl create /etc/xen/guest$n.cfg -c\r"
    boots=$((boots + 1))
    wait_for '^\(d0\) init: starting sh$' "$boots"
    wait_prompt
    send "systest\r"
    wait_for '^\(d0\) systest: (OK|FAIL)' "$n"
    wait_prompt
    # Ctrl-] alone: xl console drops what comes after it in the same
    # read, so dom0's next command waits for dom0's prompt.
    lines=$(log | wc -l)
    send '\x1d'
    wait_prompt "$lines"
    dom0 "echo detached from guest$n"
    echo "guest$n: systest done"
done

verdicts=$(log | grep -cE '^\(d0\) systest: [0-9]+ checks, [0-9]+ failed$')
clean=$(log | grep -cE '^\(d0\) systest: [0-9]+ checks, 0 failed$')
oks=$(log | grep -cE '^\(d0\) systest: OK$')
[ "$verdicts" = 3 ] && [ "$clean" = 3 ] && [ "$oks" = 3 ] ||
    fail "systest verdicts: $verdicts, with 0 failed: $clean, OK: $oks (want 3 each)"

dom0 "xl list -v"
LIST_ALL=$STEP
total=0
for n in 1 2 3; do
    p=$(pages "guest$n" "$LIST_ALL")
    m=$(mem "guest$n" "$LIST_ALL")
    [ -n "$p" ] || fail "xl list does not show guest$n"
    [ "$m" = 24 ] || fail "xl list shows guest$n with ${m} MB, not 24"
    [ "$p" = 6144 ] || fail "xl list -v shows guest$n with $p pages, not 6144"
    total=$((total + p))
done
dom0 "xl info"
free_three=$(free_pages "$STEP")
want=$((free_before - total - 3 * OVERHEAD))
echo "three domUs: $total pages + 3 x $OVERHEAD overhead; free $free_three, expected $want"
[ "$free_three" = "$want" ] ||
    fail "with three domUs free_pages is $free_three, expected $want ($free_before - $total - 3 x $OVERHEAD)"

dom0 "xl shutdown -w guest1"
grep -q '^(d0) Domain 1 shut down$' "$STEP" || fail "xl shutdown -w guest1 did not report the shutdown"
dom0 "xl destroy guest2"
# The back ends and xenstored let go of both domains.
wait_for '^\(XEN\) domain 1 shut down: poweroff$'
wait_for '^\(XEN\) domain 1 destroyed$'
wait_for '^\(XEN\) domain 2 destroyed$'
wait_for 'blkback: vbd 1/51712: released'
wait_for 'blkback: vbd 2/51712: released'
wait_for 'xenstored: domain 1 released'
wait_for 'xenstored: domain 2 released'

dom0 "xl list -v"
LIST_LEFT=$STEP
names=$(awk '$1 == "(d0)" && $3 ~ /^[0-9]+$/ { print $2 }' "$LIST_LEFT" | tr '\n' ' ')
[ "$names" = "Domain-0 guest3 " ] || fail "xl list shows: $names(want Domain-0 guest3)"
left=$(pages guest3 "$LIST_LEFT")
want=$((free_before - left - OVERHEAD))
# Two things let go after @releaseDomain without a word in the log: the
# stopped domains' monitors exit, and xenconsoled unmaps their console
# pages.  So ask up to five times, two seconds apart, for the exact
# figure; a leak never reaches it.
for try in 1 2 3 4 5; do
    dom0 "xl info"
    free_after=$(free_pages "$STEP")
    [ "$free_after" = "$want" ] && break
    sleep 2
done
echo "guest3 left: $left pages + $OVERHEAD overhead; free $free_after, expected $want (xl info $try times)"
[ "$free_after" = "$want" ] ||
    fail "free_pages is $free_after, expected $want ($free_before - $left - $OVERHEAD): $((want - free_after)) frames not given back"

check_log
finish 0 "PASS: three domUs passed systest; after a shutdown and a destroy, free_pages = $free_before - $left - $OVERHEAD"
