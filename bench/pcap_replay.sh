#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Offline replay benchmark: ulogd PCAPIN -> BASE -> IP2STR -> JSON (to a file on tmpfs) over a generated
# capture, against the read floor `tcpdump -r FILE -w /dev/null` on the same file in the same run.
# Prints packets/s of each, by wall clock and per CPU second (user+sys), each the median of RUNS
# runs, and the ratios ulogd/floor (how many times the bare read ulogd's whole pipeline costs).
# On a shared machine the CPU figure is the stable one: wall time includes waiting for a CPU.
# Checks that every packet became one JSON line, and (with valgrind) that the pipeline makes no
# heap allocation per packet.
# Usage: bench/pcap_replay.sh [RUNS] [PACKETS]   (BUILD=build: the optimised build)
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${1:-3}
N=${2:-1000000}
make -s BUILD="$BUILD" "$BUILD/ulogd" "$BUILD/bench/mkpcap" || exit 1
command -v tcpdump >/dev/null || { echo "bench: tcpdump missing"; exit 1; }
ULOGD=$PWD/$BUILD/ulogd
# tmpfs when there is one: the figure is the pipeline's, not the disk's writeback.
TMPROOT=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && TMPROOT=/dev/shm
TMP=$(mktemp -d "$TMPROOT/ulogbench-pcap.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

"$BUILD/bench/mkpcap" "$TMP/in.pcap" "$N" >/dev/null || exit 1
cat "$TMP/in.pcap" >/dev/null # page cache: both readers start warm

cat >"$TMP/ulogd.conf" <<CONF
[global]
logfile="$TMP/ulogd.log"
loglevel=3
stack=in1:PCAPIN,base1:BASE,ip2str1:IP2STR,json1:JSON

[in1]
file="$TMP/in.pcap"

[json1]
file="$TMP/out.json"
CONF

# timed CMD...: runs CMD, prints "wall user sys" in seconds; exit status is CMD's.
timed() {
	local TIMEFORMAT='%R %U %S' rc
	{ time "$@" >/dev/null 2>"$TMP/err"; } 2>"$TMP/time"
	rc=$?
	cat "$TMP/time"
	return $rc
}

# median LIST: the middle value of whitespace-separated numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -a u_wall u_cpu t_wall t_cpu
status=0
for ((r = 0; r < RUNS; r++)); do
	rm -f "$TMP/out.json"
	read -r w us sy < <(timed "$ULOGD" -c "$TMP/ulogd.conf") ||
		{ echo "FAIL: ulogd: $(cat "$TMP/err" "$TMP/ulogd.log" | tail -n 3)"; exit 1; }
	lines=$(wc -l <"$TMP/out.json")
	[ "$lines" -eq "$N" ] || { echo "FAIL: ulogd wrote $lines JSON lines for $N packets"; status=1; }
	u_wall+=("$w"); u_cpu+=("$(echo "$us $sy" | awk '{ print $1 + $2 }')")
	read -r w us sy < <(timed tcpdump -r "$TMP/in.pcap" -w /dev/null) ||
		{ echo "FAIL: tcpdump: $(cat "$TMP/err")"; exit 1; }
	t_wall+=("$w"); t_cpu+=("$(echo "$us $sy" | awk '{ print $1 + $2 }')")
done
rm -f "$TMP/out.json"

uw=$(median "${u_wall[@]}") uc=$(median "${u_cpu[@]}")
tw=$(median "${t_wall[@]}") tc=$(median "${t_cpu[@]}")
size=$(stat -c %s "$TMP/in.pcap")
echo "pcap_replay: $N packets ($((size / 1000000)) MB, mixed TCP/UDP/ICMP v4/v6), median of $RUNS runs"
awk -v n="$N" -v uw="$uw" -v uc="$uc" -v tw="$tw" -v tc="$tc" 'BEGIN {
	printf("%-40s %12s %12s %8s %8s\n", "", "packets/s", "pkts/cpu-s", "wall s", "cpu s")
	printf("%-40s %12.0f %12.0f %8.3f %8.3f\n", "ulogd PCAPIN,BASE,IP2STR,JSON (file)", n / uw, n / uc, uw, uc)
	printf("%-40s %12.0f %12.0f %8.3f %8.3f\n", "tcpdump -r -w /dev/null (read floor)", n / tw, n / tc, tw, tc)
	printf("ratio ulogd/floor: wall %.1f, cpu %.1f (ulogd: %.2f us cpu/packet, floor %.3f)\n",
	       uw / tw, uc / tc, uc * 1e6 / n, tc * 1e6 / n)
}'

# No allocation per packet: the heap allocations valgrind counts over 20,000 and 40,000 packets
# of the same pipeline must be equal.
allocs() {  # allocs PACKETS: prints the allocation count of a run over PACKETS packets
	"$BUILD/bench/mkpcap" "$TMP/a.pcap" "$1" >/dev/null &&
		sed -e "s#$TMP/in.pcap#$TMP/a.pcap#" -e "s#$TMP/out.json#$TMP/a.json#" "$TMP/ulogd.conf" >"$TMP/a.conf" &&
		valgrind --tool=memcheck "$ULOGD" -c "$TMP/a.conf" 2>&1 >/dev/null |
		sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
	rm -f "$TMP/a.json" "$TMP/a.pcap"
}
if command -v valgrind >/dev/null; then
	a1=$(allocs 20000) a2=$(allocs 40000)
	if [ -n "$a1" ] && [ "$a1" = "$a2" ]; then
		echo "allocations per packet: 0 ($a1 heap allocations at 20,000 and at 40,000 packets)"
	else
		echo "FAIL: heap allocations grow with packets: ${a1:-?} at 20,000, ${a2:-?} at 40,000"
		status=1
	fi
fi
exit $status
