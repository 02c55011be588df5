#!/bin/sh
# Check public/: the i386 layout asserts, then every header on its own
# (32-bit and on the 64-bit build host).  Run from anywhere; exits non-zero
# on the first failure.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
flags="-std=gnu11 -Wall -Wextra -Werror -I$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gcc -m32 $flags -ffreestanding -c "$root/tests/abi/abi_layout.c" -o "$tmp/abi_layout.o"

cd "$root"
for h in $(find public -name '*.h' | sort); do
    printf '#include "%s"\n' "$h" > "$tmp/one.c"
    gcc     $flags -fsyntax-only "$tmp/one.c"
    gcc -m32 $flags -fsyntax-only "$tmp/one.c"
done
echo "public/ headers: layout and standalone checks passed"
