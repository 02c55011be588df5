#!/usr/bin/env bash
# Run every test: the cmocka unit tests (each test case counts), the ABI
# layout and standalone-header checks of public/, the QEMU integration
# cases in tests/integration/*.case and the scenario scripts
# tests/integration/*.sh (which pass by exiting 0; they get QEMU, LOGS and
# a log file path in LOG, kept if they fail).
# The serial log of every failing QEMU run is kept in build/test-logs/.
# The last line is the summary "N passed, N failed"; the exit status is 0
# only if nothing failed.
#
#   tools/run-tests.sh [CASE...]    run only the named integration cases
#
# A passing case's log is removed unless KEEP_LOGS=1 is set.
#
# A case may also define a bash function case_check, called with the log
# after EXPECT and REJECT passed: it prints nothing if the log is right,
# else why not (for what a pattern cannot say, such as arithmetic).
#
# A case may set DISK=IMAGE: QEMU gets a private copy of IMAGE as the
# first IDE disk (index 0, where dom0's root=ide looks), with
# cache=unsafe (fast: a test's disk need not survive a host crash); the
# copy is removed after the run, so IMAGE itself is never written.
set -u
cd "$(dirname "$0")/.."
B=build
LOGS=$B/test-logs
QEMU=${QEMU:-qemu-system-i386}
EXIT_PORT=0xf4
mkdir -p "$LOGS"
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }

run_unit_tests() {
    local bin name out
    for bin in "$B"/unit/test_*; do
        [ -x "$bin" ] || continue
        name=$(basename "$bin")
        out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>&1)
        local ok notok
        ok=$(grep -cE '^ok ' <<<"$out")
        notok=$(grep -cE '^not ok ' <<<"$out")
        passed=$((passed + ok))
        failed=$((failed + notok))
        if [ "$notok" -gt 0 ] || [ "$ok" -eq 0 ]; then
            [ "$ok" -eq 0 ] && [ "$notok" -eq 0 ] && failed=$((failed + 1))
            echo "$out" > "$LOGS/$name.log"
            echo "FAIL $name: $notok failed (log: $LOGS/$name.log)"
            grep -E '^not ok ' <<<"$out" | sed 's/^/    /'
        else
            echo "PASS $name ($ok cases)"
        fi
    done
    if sh tests/abi/check_headers.sh > "$LOGS/public-headers.log" 2>&1; then
        rm -f "$LOGS/public-headers.log"
        pass public-headers
    else
        fail public-headers "layout or standalone check failed (log: $LOGS/public-headers.log)"
    fi
}

# Feed SERIAL_INPUT (set by the case) to stdout, step by step.
type_serial() {
    local step
    for step in "${SERIAL_INPUT[@]}"; do
        sleep "${step%%:*}"
        printf '%b' "${step#*:}"
    done
}

# stop_at_until LOG PIDFILE MARK: once LOG matches $UNTIL, note it in MARK
# and stop QEMU (whose pid is in PIDFILE).  Runs beside QEMU.
stop_at_until() {
    while sleep 1; do
        if grep -qE -- "$UNTIL" "$1" 2>/dev/null; then
            : > "$3"
            [ -s "$2" ] && kill "$(cat "$2")" 2>/dev/null
            return
        fi
    done
}

# Run one integration case file in a subshell-free way: the case sets
# GUEST, GUEST_ARGS, HV_ARGS, EXPECT_STATUS, EXPECT, REJECT, TIMEOUT, ISO
# and UNTIL: a pattern after which the run has shown all it needs to (an
# interactive shell never powers off by itself); QEMU is stopped there,
# and the exit status is not checked.  A run that never shows UNTIL fails.
run_case() {
    local file=$1 name
    name=$(basename "$file" .case)
    local GUEST="" GUEST_ARGS="" HV_ARGS="" EXPECT_STATUS=1 TIMEOUT=60 ISO=0
    local MEM=256 INITRD="" MAX_CPU_PERCENT="" KERNEL="" UNTIL="" DISK=""
    local -a EXPECT=() REJECT=() SERIAL_INPUT=()
    unset -f case_check
    # shellcheck source=/dev/null
    source "$file"
    local log="$LOGS/$name.log" status
    rm -f "$log"
    local -a cmd
    if [ "$ISO" = 1 ]; then
        cmd=("$QEMU" -m "$MEM" -display none -no-reboot -serial "file:$log"
             -cdrom "$B/boot.iso")
    else
        # dom0's kernel: a test guest, or KERNEL (e.g. build/xl/kernel.elf)
        local mods="${KERNEL:-$B/guests/$GUEST.elf}${GUEST_ARGS:+ $GUEST_ARGS}"
        [ -n "$INITRD" ] && mods="$mods,$INITRD"
        cmd=("$QEMU" -m "$MEM" -display none -no-reboot -serial "file:$log"
             -kernel "$B/hypervisor.elf"
             -append "qemu_exit=$EXIT_PORT $HV_ARGS"
             -initrd "$mods"
             -device "isa-debug-exit,iobase=$EXIT_PORT,iosize=4")
    fi
    local disk_copy=""
    if [ -n "$DISK" ]; then
        disk_copy="$LOGS/$name.disk"
        if ! cp "$DISK" "$disk_copy"; then
            fail "$name" "cannot copy DISK=$DISK"
            return
        fi
        cmd+=(-drive "file=$disk_copy,format=raw,if=ide,index=0,cache=unsafe")
    fi
    local pidfile="$LOGS/$name.pid" mark="$LOGS/$name.until" watcher=""
    rm -f "$pidfile" "$mark"
    if [ -n "$UNTIL" ]; then
        cmd+=(-pidfile "$pidfile")
        stop_at_until "$log" "$pidfile" "$mark" &
        watcher=$!
    fi
    local TIMEFORMAT='%R %U %S' real user sys
    if [ ${#SERIAL_INPUT[@]} -gt 0 ]; then
        # Type on the serial line: each step is "SECONDS:TEXT" (printf %b
        # escapes, e.g. \001 for Ctrl-A), sent after waiting SECONDS.
        cmd=("${cmd[@]/file:$log/stdio}")
        { time { type_serial | timeout --foreground "$TIMEOUT" "${cmd[@]}" \
            >"$log" 2>/dev/null; echo "${PIPESTATUS[1]}" >"$LOGS/$name.rc"; } ; } \
            2> "$LOGS/$name.time"
        status=$(cat "$LOGS/$name.rc")
        rm -f "$LOGS/$name.rc"
    else
        { time timeout --foreground "$TIMEOUT" "${cmd[@]}" </dev/null >/dev/null 2>&1 ; } 2> "$LOGS/$name.time"
        status=$?
    fi
    read -r real user sys < "$LOGS/$name.time"
    rm -f "$LOGS/$name.time" ${disk_copy:+"$disk_copy"}
    local why="" reached=0
    if [ -n "$watcher" ]; then
        kill "$watcher" 2>/dev/null
        wait "$watcher" 2>/dev/null
        [ -f "$mark" ] && reached=1
        rm -f "$mark" "$pidfile"
        [ "$reached" = 0 ] && why="never showed: $UNTIL (after ${TIMEOUT}s)"
    fi
    # MAX_CPU_PERCENT: QEMU's CPU time (user + sys) over its wall time.
    if [ -z "$why" ] && [ -n "$MAX_CPU_PERCENT" ] && awk -v r="$real" -v u="$user" \
            -v s="$sys" -v m="$MAX_CPU_PERCENT" 'BEGIN { exit !((u + s) * 100 > m * r) }'; then
        why="QEMU used ${user}s user + ${sys}s sys in ${real}s, over ${MAX_CPU_PERCENT}%"
    fi
    # EXPECT_STATUS=124: the case runs until the time limit on purpose
    # (an interactive shell never powers off by itself).
    if [ -n "$why" ] || [ "$reached" = 1 ]; then
        :
    elif [ "$status" = 124 ] && [ "$EXPECT_STATUS" != 124 ]; then
        why="timed out after ${TIMEOUT}s"
    elif [ "$status" != "$EXPECT_STATUS" ]; then
        why="QEMU exit status $status, expected $EXPECT_STATUS"
    fi
    local pat
    for pat in "${EXPECT[@]}"; do
        [ -n "$why" ] && break
        grep -qE -- "$pat" "$log" || why="missing in log: $pat"
    done
    for pat in "${REJECT[@]}"; do
        [ -n "$why" ] && break
        grep -qE -- "$pat" "$log" && why="log shows: $(grep -m1 -E -- "$pat" "$log")"
    done
    if [ -z "$why" ] && declare -F case_check >/dev/null; then
        why=$(case_check "$log")
    fi
    if [ -z "$why" ]; then
        [ -n "${KEEP_LOGS:-}" ] || rm -f "$log"
        pass "$name"
    else
        fail "$name" "$why (log: $log)"
    fi
}

# Run one scenario script (see the top of this file).
run_script() {
    local file=$1 name
    name=$(basename "$file" .sh)
    local log="$LOGS/$name.log"
    rm -f "$log"
    if QEMU="$QEMU" LOGS="$LOGS" LOG="$log" timeout --foreground 600 \
            bash "$file" >>"$log" 2>&1; then
        [ -n "${KEEP_LOGS:-}" ] || rm -f "$log"
        pass "$name"
    else
        fail "$name" "$(tail -n 1 "$log") (log: $log)"
    fi
}

if [ $# -eq 0 ]; then
    rm -f "$LOGS"/*.log
    run_unit_tests
    cases=(tests/integration/*.case tests/integration/*.sh)
else
    cases=()
    for c in "$@"; do
        if [ -f "tests/integration/$c.sh" ]; then
            cases+=("tests/integration/$c.sh")
        else
            cases+=("tests/integration/$c.case")
        fi
    done
fi
for c in "${cases[@]}"; do
    [ -f "$c" ] || continue
    case "$c" in
    *.sh) run_script "$c" ;;
    *) run_case "$c" ;;
    esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
