#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test and prints one closing line: "N passed, N failed, N skipped".
# A test program prints "ok NAME", "not ok NAME" or "skip NAME: why" per case;
# a program that exits non-zero without a "not ok" line counts as one failure.
# Usage: tests/run.sh [PATTERN]   (runs only tests whose path contains PATTERN)
cd "$(dirname "$0")/.." || exit 1
export BUILD=${BUILD:-build-asan}
export ULOG_TOP=$PWD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pattern=${1:-}
pass=0 fail=0 skip=0
logdir=$BUILD/test-logs
mkdir -p "$logdir"

run_one() {
	local name=$1; shift
	local log=$logdir/$(echo "$name" | tr '/' '_').log
	local start=$SECONDS
	"$@" >"$log" 2>&1 </dev/null
	local rc=$?
	local p f s
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^skip ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok $name: exited $rc" >>"$log"
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	printf '%-48s %4d ok %3d failed %3d skipped  (%ds)\n' "$name" "$p" "$f" "$s" $((SECONDS - start))
	if [ "$f" -gt 0 ]; then
		# each "not ok" line with the comment lines that follow it (the divergence)
		awk '/^not ok /{ print; f = 1; next } f && /^#/ { print; next } { f = 0 }' "$log" | head -n 60 | sed 's/^/    /'
		tail -n 15 "$log" | sed 's/^/    | /'
	fi
}

for t in "$BUILD"/tests/*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	run_one "unit/$(basename "$t")" "$t"
done
for t in tests/integration/*.sh filter/tests/*.sh kernel/tests/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	run_one "$t" bash "$t"
done
if [ -z "$pattern" ] || [[ fuzz == *"$pattern"* ]]; then
	for f in build-fuzz/fuzz/*; do
		[ -x "$f" ] || continue
		n=$(basename "$f")
		# -timeout: one input slower than 10 s is a finding; timeout(1) backs up
		# -max_total_time, which libFuzzer only checks between inputs.
		s=${FUZZ_SECONDS:-20}
		run_one "fuzz/$n" bash -c "mkdir -p build-fuzz/corpus/$n && timeout -s INT $((s + 60)) $f -max_total_time=$s -timeout=10 -artifact_prefix=build-fuzz/$n- build-fuzz/corpus/$n tests/fuzz/corpus/$n >/dev/null 2>build-fuzz/$n.log && echo 'ok fuzz $n' || { tail -n 40 build-fuzz/$n.log; echo 'not ok fuzz $n'; }"
	done
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
