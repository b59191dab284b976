#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Restore benchmark: nfctl restore (parse + build) against iptables-legacy-restore --test on the
# same files in the same run: the largest shared ruleset (tum-chair, MACs filled in) and a
# generated 100,000-rule ruleset. Prints the best of N runs of each and the ratio (target <= 1.0).
# Usage: bench/restore.sh [RUNS]   (BUILD=build by default: the optimised build)
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${1:-5}
NFCTL=$PWD/$BUILD/nfctl
[ -x "$NFCTL" ] || make -s BUILD="$BUILD" "$BUILD/nfctl" || exit 1
command -v iptables-legacy-restore >/dev/null || { echo "bench: iptables-legacy-restore missing"; exit 1; }
TMP=$(mktemp -d /tmp/ulogbench.XXXXXX)
NS=ulogbench-$$
ip netns add "$NS" || exit 1
trap 'ip netns del "$NS" 2>/dev/null; rm -rf "$TMP"' EXIT

# best_ms CMD...: the fastest of RUNS runs, in milliseconds (stdin from $IN).
best_ms() {
	local best=999999999 i s e ms
	for ((i = 0; i < RUNS; i++)); do
		s=$(date +%s%N)
		"$@" <"$IN" >/dev/null 2>"$TMP/err" || { echo "FAIL: $* ($(head -n 2 "$TMP/err" | tr '\n' ' '))" >&2; echo -1; return; }
		e=$(date +%s%N)
		ms=$(((e - s) / 1000000))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	echo "$best"
}

generate() {  # 100,000 rules over 100 user chains, standard part plus tcp/udp ports
	awk 'BEGIN {
		print "*filter"; print ":INPUT DROP [0:0]"; print ":FORWARD DROP [0:0]"; print ":OUTPUT ACCEPT [0:0]"
		for (c = 0; c < 100; c++) printf(":c%03d - [0:0]\n", c)
		for (c = 0; c < 100; c++) printf("-A FORWARD -s 10.%d.0.0/16 -j c%03d\n", c, c)
		for (i = 0; i < 99900; i++) {
			c = i % 100
			printf("-A c%03d -s 10.%d.%d.%d/32 -d 192.168.%d.0/24 -i eth%d -p %s --dport %d -j %s\n",
			       c, c, int(i / 256) % 256, i % 256, i % 250, i % 4,
			       (i % 3) ? "tcp" : "udp", 1 + i % 65000, (i % 7) ? "ACCEPT" : "DROP")
		}
		print "COMMIT"
	}'
}

bench_one() {  # bench_one NAME FILE
	local name=$1 k n nfull
	IN=$2
	k=$(best_ms ip netns exec "$NS" iptables-legacy-restore --test)
	n=$(best_ms "$NFCTL" --state "$TMP/state" restore --test)
	rm -f "$TMP/state"
	nfull=$(best_ms "$NFCTL" --state "$TMP/state.full" restore)
	rm -f "$TMP/state.full"*
	if [ "$k" -le 0 ] || [ "$n" -lt 0 ]; then
		printf '%-28s %6s lines  iptables-legacy-restore --test %6s ms  nfctl restore --test %6s ms  ratio n/a\n' \
			"$name" "$(wc -l <"$IN")" "$k" "$n"
		return
	fi
	printf '%-28s %6s lines  iptables-legacy-restore --test %6s ms  nfctl restore --test %6s ms  ratio %s  (nfctl restore with commit and state file: %s ms)\n' \
		"$name" "$(wc -l <"$IN")" "$k" "$n" "$(awk -v a="$n" -v b="$k" 'BEGIN { printf("%.2fx", a / b) }')" "$nfull"
}

RS=../shared/rulesets/tum-chair/iptables-save-2016-06-27_16-29-01
if [ -f "$RS" ]; then
	awk '{ while (index($0, "XX:XX:XX:XX:XX:XX")) { n++;
		m = sprintf("02:00:%02x:%02x:%02x:%02x", int(n/16777216)%256, int(n/65536)%256, int(n/256)%256, n%256);
		sub(/XX:XX:XX:XX:XX:XX/, m) } print }' "$RS" >"$TMP/tum.rules"
	bench_one tum-chair-2016 "$TMP/tum.rules"
else
	echo "tum-chair: ../shared/rulesets absent, skipped"
fi
generate >"$TMP/gen.rules"
bench_one generated-100k "$TMP/gen.rules"
