#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Robustness of the extensions' packet functions: every loading row of every
# filter/ext/*.t, loaded with nfctl, evaluates seeded random and truncated IPv4
# and IPv6 packets on every hook (nfctl eval). Under the ASan/UBSan build any
# out-of-bounds read or undefined behaviour aborts nfctl and fails the test.
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$ULOG_TOP" || exit 1
NFCTL=$ULOG_TOP/$BUILD/nfctl
PKT=$ULOG_TOP/$BUILD/tests/tools/pkt
COUNT=${EXT_FUZZ_PACKETS:-400}
[ -x "$NFCTL" ] || { skip "ext_fuzz: $NFCTL not built"; exit 0; }
mkdir -p "$(dirname "$PKT")"
${CC:-gcc} -std=gnu11 -O1 -Wall -Wextra -Werror -o "$PKT" tests/tools/pkt.c || { fail "ext_fuzz: pkt tool"; exit 1; }
"$PKT" random -4 4242 "$COUNT" >"$T_TMP/p4"
"$PKT" random -6 4243 "$COUNT" >"$T_TMP/p6"

for f in filter/ext/*.t; do
	name=$(basename "$f" .t)
	[ "$name" = set ] && continue    # nfctl cannot load ipset definitions yet
	awk -F';' -v OFS='\t' '/^#/ || /^$/ || /^>/ { next }
		/^-[46]$/ { fam = substr($0, 2); next } /^\*/ { t = substr($0, 2); next }
		/^:/ { n = split(substr($0, 2), c, ","); next }
		$2 !~ /^FAIL/ { for (i = 1; i <= n; i++) print (fam ? fam : 4), (t ? t : "filter"), c[i], $1 }' \
		"$f" >"$T_TMP/rows"
	bad=0
	for key in $(cut -f1,2 "$T_TMP/rows" | sort -u | tr '\t' '/'); do
		fam=${key%/*} table=${key#*/} f6=""
		[ "$fam" = 6 ] && f6=-6
		{ echo "*$table"
		  awk -F'\t' -v f="$fam" -v t="$table" '$1 == f && $2 == t { print "-A " $3 " " $4 }' "$T_TMP/rows"
		  echo COMMIT; } >"$T_TMP/in"
		rm -f "$T_TMP/state"
		if ! "$NFCTL" $f6 --state "$T_TMP/state" restore <"$T_TMP/in" 2>"$T_TMP/err"; then
			echo "# $name $key: restore: $(head -n 1 "$T_TMP/err")"
			bad=$((bad + 1))
			continue
		fi
		if ! "$NFCTL" $f6 --state "$T_TMP/state" eval -t "$table" <"$T_TMP/p$fam" >/dev/null 2>"$T_TMP/err"; then
			echo "# $name $key: eval failed:"
			grep -m 5 'ERROR\|runtime error\|#[0-9] ' "$T_TMP/err" | sed 's/^/#   /'
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ] && ok "ext_fuzz $name: $COUNT random packets per table, no fault" ||
		fail "ext_fuzz $name: $bad tables failed"
done
t_done
