#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Extension tables (filter/ext/*.t, format in filter/ext/README.md), three ways:
#  1. tests/tools/extcheck: every rule row through the extension modules alone;
#  2. the kernel: every row restored by iptables-legacy-restore in a throw-away
#     namespace and read back with iptables-legacy-save, so the data cannot drift
#     from what iptables really does (rows that load are batched per table);
#  3. nfctl: the same rows restored and saved by our own restore/save.
# Usage: ext_t.sh [NAME...]   (default: every .t file)
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$ULOG_TOP" || exit 1
NFCTL=$ULOG_TOP/$BUILD/nfctl
EXTCHECK=$ULOG_TOP/$BUILD/tests/tools/extcheck

# Build the test tool against the current libraries.
build_extcheck() {
	local san=""
	[ -f "$BUILD/libfilter.a" ] && [ -f "$BUILD/libulog.a" ] || return 1
	case "$BUILD" in *asan*) san="-fsanitize=address,undefined -fno-omit-frame-pointer" ;; esac
	mkdir -p "$(dirname "$EXTCHECK")"
	[ "$EXTCHECK" -nt tests/tools/extcheck.c ] && [ "$EXTCHECK" -nt "$BUILD/libfilter.a" ] && return 0
	${CC:-gcc} -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -I. \
		$san -o "$EXTCHECK" tests/tools/extcheck.c "$BUILD/libfilter.a" "$BUILD/libulog.a" -lm
}

files=()
if [ $# -gt 0 ]; then
	for n in "$@"; do files+=("filter/ext/$n.t"); done
else
	files=(filter/ext/*.t)
fi

# 1. the modules alone
if build_extcheck; then
	"$EXTCHECK" "${files[@]}" || true
else
	fail "ext_t: cannot build $EXTCHECK (build $BUILD first)"
fi

# cases FILE: one line per (row, chain): FAM<TAB>TABLE<TAB>CHAIN<TAB>RULE<TAB>EXPECTED
cases() {
	awk -F';' -v OFS='\t' '
		/^#/ || /^$/ || /^>/ { next }
		/^-[46]$/ { fam = substr($0, 2); next }
		/^\*/ { table = substr($0, 2); next }
		/^:/ { chains = substr($0, 2); next }
		{
			rule = $1; want = substr($0, length($1) + 2)
			if (want == "=") want = rule
			n = split(chains, c, ",")
			for (i = 1; i <= n; i++) print (fam ? fam : 4), (table ? table : "filter"), c[i], rule, want
		}' "$1"
}

# run_ok KIND FAM TABLE: restores every loading row of the batch file, compares saves.
# KIND is "kernel" or "nfctl"; batch rows are in $T_TMP/batch (CHAIN<TAB>RULE<TAB>WANT).
run_ok() {
	local kind=$1 fam=$2 table=$3 ipt=iptables f6="" ns chain rule want got
	[ "$fam" = 6 ] && ipt=ip6tables f6=-6
	{ echo "*$table"; awk -F'\t' '{ print "-A " $1 " " $2 }' "$T_TMP/batch"; echo COMMIT; } >"$T_TMP/in"
	if [ "$kind" = kernel ]; then
		ip netns exec "$EXTNS" $ipt-legacy -t "$table" -F 2>/dev/null
		ip netns exec "$EXTNS" $ipt-legacy-restore -n <"$T_TMP/in" 2>"$T_TMP/err" &&
			ip netns exec "$EXTNS" $ipt-legacy-save -t "$table" >"$T_TMP/save"
	else
		rm -f "$T_TMP/state"
		"$NFCTL" $f6 --state "$T_TMP/state" restore <"$T_TMP/in" 2>"$T_TMP/err" &&
			"$NFCTL" $f6 --state "$T_TMP/state" save -t "$table" >"$T_TMP/save"
	fi || { echo "# $kind: batch $fam/$table of $CUR failed: $(head -n 2 "$T_TMP/err" | tr '\n' ' ')"
		fail "$kind $CUR $fam/$table: batch restore"; return; }
	# the n-th rule of a chain in the batch is the n-th -A of that chain in the save
	awk -F'\t' 'NR == FNR { if ($0 ~ /^-A /) { split($0, w, " "); c = w[2];
			sub("^-A " c " ", ""); got[c, ++n[c]] = $0 } next }
		{ k[$1]++; g = got[$1, k[$1]];
		  if (g != $3) { printf "# %s %s: %s\n#   got:  %s\n#   want: %s\n", kind, $1, $2, g, $3; bad++ } }
		END { exit bad ? 1 : 0 }' kind="$kind" "$T_TMP/save" "$T_TMP/batch" &&
		ok "$kind $CUR $fam/$table: $(wc -l <"$T_TMP/batch") rows save as expected" ||
		fail "$kind $CUR $fam/$table: save differs"
}

# run_fail KIND FAM TABLE CHAIN RULE WANT: the row must be refused, with iptables' message.
run_fail() {
	local kind=$1 fam=$2 table=$3 chain=$4 rule=$5 want=$6 ipt=iptables f6="" rc msg
	[ "$fam" = 6 ] && ipt=ip6tables f6=-6
	printf '*%s\n-A %s %s\nCOMMIT\n' "$table" "$chain" "$rule" >"$T_TMP/in"
	if [ "$kind" = kernel ]; then
		ip netns exec "$EXTNS" $ipt-legacy -t "$table" -F 2>/dev/null
		ip netns exec "$EXTNS" $ipt-legacy-restore -n <"$T_TMP/in" 2>"$T_TMP/err"
	else
		rm -f "$T_TMP/state"
		"$NFCTL" $f6 --state "$T_TMP/state" restore <"$T_TMP/in" 2>"$T_TMP/err"
	fi
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "# $kind $fam/$table/$chain: $rule: accepted, want $want"
		return 1
	fi
	if grep -q "line 3 failed" "$T_TMP/err"; then
		msg="FAIL;@commit"
	else
		msg="FAIL;$(head -n 1 "$T_TMP/err" | sed -E 's/^ip6?tables-restore v[0-9.]+ \(legacy\): //')"
	fi
	case "$want" in
	FAIL) return 0 ;;
	"$msg") return 0 ;;
	esac
	echo "# $kind $fam/$table/$chain: $rule"
	echo "#   got:  $msg"
	echo "#   want: $want"
	return 1
}

# check_file KIND FILE
check_file() {
	local kind=$1 f=$2 fam table chain rule want key prev="" nbad=0 nfail=0
	CUR=$(basename "$f" .t)
	cases "$f" >"$T_TMP/cases"
	# loading rows, batched per family and table
	for key in $(awk -F'\t' '$5 !~ /^FAIL/ { print $1 "/" $2 }' "$T_TMP/cases" | sort -u); do
		fam=${key%%/*} table=${key#*/}
		awk -F'\t' -v OFS='\t' -v f="$fam" -v t="$table" '$1 == f && $2 == t && $5 !~ /^FAIL/ { print $3, $4, $5 }' \
			"$T_TMP/cases" >"$T_TMP/batch"
		run_ok "$kind" "$fam" "$table"
	done
	# refused rows, one by one
	while IFS=$'\t' read -r fam table chain rule want; do
		case "$want" in FAIL*) ;; *) continue ;; esac
		nfail=$((nfail + 1))
		run_fail "$kind" "$fam" "$table" "$chain" "$rule" "$want" || nbad=$((nbad + 1))
	done <"$T_TMP/cases"
	if [ "$nfail" -gt 0 ]; then
		[ "$nbad" -eq 0 ] && ok "$kind $CUR: $nfail refused rows refused alike" ||
			fail "$kind $CUR: $nbad of $nfail refused rows differ"
	fi
}

# 2. the kernel
if command -v iptables-legacy-restore >/dev/null && command -v ip >/dev/null; then
	EXTNS=$(netns_new extt) || { fail "ext_t: netns"; exit 1; }
	ip netns exec "$EXTNS" ipset create t4 hash:ip 2>/dev/null
	for f in "${files[@]}"; do check_file kernel "$f"; done
else
	skip "ext_t kernel: iptables-legacy not installed"
fi

# 3. nfctl
if [ -x "$NFCTL" ]; then
	for f in "${files[@]}"; do check_file nfctl "$f"; done
else
	skip "ext_t nfctl: $NFCTL not built"
fi
t_done
