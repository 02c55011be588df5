#!/usr/bin/env bash
# mkfs_tool: tools/mkfs on the host.  It builds an image from files and a
# directory (a leading underscore dropped from file names), its checker
# passes that image and fails a damaged one, and bad input is refused.
set -u
B=build
LOGS=${LOGS:-$B/test-logs}
MKFS=$B/tools/mkfs
T=$LOGS/mkfs_tool-files
[ -x "$MKFS" ] || { echo "FAIL: $MKFS is not built"; exit 1; }
rm -rf "$T" && mkdir -p "$T/tree/sub"

fail() { echo "FAIL: $*"; exit 1; }

printf 'first file\n' > "$T/_first"
printf 'in a directory\n' > "$T/tree/inner"
printf 'deeper\n' > "$T/tree/sub/deep"
head -c 30000 /dev/zero | tr '\0' 'z' > "$T/tree/large"

"$MKFS" "$T/img" 1000 "$T/_first" "$T/tree" || fail "mkfs refused good input"
[ "$(stat -c %s "$T/img")" = $((1000 * 512)) ] || fail "image is not 1000 blocks"
"$MKFS" --check "$T/img" > "$T/check.log" || { cat "$T/check.log"; fail "fresh image not clean"; }
grep -q "clean (0 warnings)" "$T/check.log" || fail "no 'clean' in the report"
LC_ALL=C grep -qa "first file" "$T/img" || fail "file contents missing"
LC_ALL=C grep -qa "_first" "$T/img" && fail "leading underscore kept"
LC_ALL=C grep -qa "deeper" "$T/img" || fail "nested directory contents missing"

# Damage: clear the whole first bitmap block (blocks in use look free).
bmap=$(od -An -tu4 -j $((512 + 28)) -N4 "$T/img" | tr -d ' ')
cp "$T/img" "$T/bad"
dd if=/dev/zero of="$T/bad" bs=512 seek="$bmap" count=1 conv=notrunc 2>/dev/null
"$MKFS" --check "$T/bad" > "$T/bad.log" && fail "damaged bitmap not found"
grep -q "marked free" "$T/bad.log" || fail "report does not name the bitmap"

# Large: a 3 MB file (doubly-indirect) on a 32 MB image, and a file of
# exactly the largest size (11 + 128 + 128 * 128 blocks) on a 10 MB one.
head -c $((3 * 1024 * 1024)) /dev/urandom > "$T/three"
"$MKFS" "$T/big" 65536 "$T/three" > /dev/null || fail "mkfs refused a 3 MB file"
"$MKFS" --check "$T/big" > "$T/big.log" || { cat "$T/big.log"; fail "32 MB image not clean"; }
grep -q "clean (0 warnings)" "$T/big.log" || fail "32 MB image has warnings"
maxfile=$(( (11 + 128 + 128 * 128) * 512 ))
head -c "$maxfile" /dev/zero | tr '\0' 'm' > "$T/max"
"$MKFS" "$T/x" 20000 "$T/max" > /dev/null || fail "file of MAXFILE blocks refused"
"$MKFS" --check "$T/x" > /dev/null || fail "image with a MAXFILE file not clean"

# Refusals.
"$MKFS" "$T/x" 1000 "$T/missing" 2>/dev/null && fail "missing input accepted"
head -c $((maxfile + 1)) /dev/zero > "$T/huge"
"$MKFS" "$T/x" 20000 "$T/huge" 2> "$T/huge.log" && fail "file over MAXFILE accepted"
grep -q "file too big" "$T/huge.log" || fail "no 'file too big' for a file over MAXFILE"
"$MKFS" "$T/x" 118785 "$T/_first" 2>/dev/null && fail "image with 30 bitmap blocks accepted"
"$MKFS" "$T/x" 20 "$T/_first" 2>/dev/null && fail "image too small accepted"
"$MKFS" "$T/x" 1000 "$T/_first" "$T/_first" 2>/dev/null && fail "duplicate name accepted"
"$MKFS" 2>/dev/null; [ $? = 2 ] || fail "usage error is not exit 2"
"$MKFS" --check "$T/nothing" 2>/dev/null; [ $? = 2 ] || fail "missing image is not exit 2"
rm -rf "$T"
echo "PASS: mkfs builds, checks and refuses as it should"
