#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# nfcore replay benchmark (issue 4): packets per CPU second of `nfcore --replay` over a generated
# capture of N (1,000,000) packets through no rules, the tum-chair ruleset and a generated
# 10,000-rule ruleset, each with conntrack on and off, against the read floor
# `tcpdump -r FILE -w /dev/null` on the same file in the same run; ratio of each to the floor,
# memory per tracked connection. Every figure is the median of RUNS runs; CPU = user + sys of the
# whole process (loading the rulesets and printing the report included).
# The capture (bench/mkreplay.c) holds whole connections between the hosts, services and ports
# that tum-chair's rules name (source MACs as its mac rules want them) and remote hosts, so the
# traffic exercises the rules, their interfaces and conntrack.
# Conntrack "off" is `nfcore --conntrack off`: no table, conntrack matches see every packet as the
# kernel does without conntrack (state INVALID); "on" is `--conntrack on` (tum-chair and the
# generated ruleset use state matches, so on is what the kernel would do with them).
# Usage: bench/replay.sh [RUNS] [PACKETS]   (BUILD=build: the optimised build; CASES="tum:on ..."
# runs some cases only; KEEP=DIR keeps the capture, rulesets and host list in DIR)
# Exits 1 when a run fails, or when tum-chair with conntrack stays under TARGET (1,000,000)
# packets per CPU second or a connection takes more than 320 bytes (CHECK=0: figures only).
# shellcheck disable=SC2086 # cpu[] and wall[] hold space-separated lists, split on purpose
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${1:-3}
N=${2:-1000000}
TARGET=${TARGET:-1000000}
CHECK=${CHECK:-1}
TOP=$PWD
make -s BUILD="$BUILD" "$BUILD/nfcore" "$BUILD/bench/mkreplay" "$BUILD/tests/ct_table" || exit 1
command -v tcpdump >/dev/null || { echo "bench: tcpdump missing"; exit 1; }
RS=""
for d in "${ULOG_TOP:-$TOP}/../shared/rulesets" "$TOP/../shared/rulesets"; do
	[ -d "$d/tum-chair" ] && { RS=$d; break; }
done
[ -n "$RS" ] || { echo "skip replay: no shared rulesets (../shared/rulesets/tum-chair)"; exit 0; }
TC=$RS/tum-chair
STAMP=2016-06-27_16-29-01
NFCORE=${NFCORE:-$TOP/$BUILD/nfcore}   # NFCORE=PATH: another build (a before/after comparison)
TMPROOT=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && TMPROOT=/dev/shm
if [ -n "${KEEP:-}" ]; then  # KEEP=DIR: the files stay in DIR (for profiling)
	TMP=$KEEP
	mkdir -p "$TMP" || exit 1
else
	TMP=$(mktemp -d "$TMPROOT/ulogbench-replay.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
fi

# Censored MACs become distinct real ones (as filter/tests/save_conformance.sh does).
demask() {
	awk '{ while (index($0, "XX:XX:XX:XX:XX:XX")) { n++;
		m = sprintf("02:00:%02x:%02x:%02x:%02x", int(n/16777216)%256, int(n/65536)%256, int(n/256)%256, n%256);
		sub(/XX:XX:XX:XX:XX:XX/, m) } print }' "$1"
}
demask "$TC/iptables-save-$STAMP" >"$TMP/tum.v4"
demask "$TC/ip6tables-save-$STAMP" >"$TMP/tum.v6"
HOST=(--host "$TC/ip-addr-$STAMP" --host "$TC/ip-route-$STAMP"
	--host "$TC/ip6-addr-$STAMP" --host "$TC/ip6-route-$STAMP")

# What the rules name, for mkreplay: hosts (with the MAC a mac rule wants for them, so that they
# pass their mac chain), hosts inside the IPv4 networks that ACCEPT rules allow, services that
# ACCEPT rules open (address, protocol, port), and ports.
names() {  # names RULES HOSTMASK
	awk -v m="$2" '
	function ip2n(a,  p) { split(a, p, "."); return ((p[1] * 256 + p[2]) * 256 + p[3]) * 256 + p[4] }
	function n2ip(n) { return sprintf("%d.%d.%d.%d", int(n / 16777216) % 256, int(n / 65536) % 256,
					  int(n / 256) % 256, n % 256) }
	{ s = ""; d = ""; net = ""; proto = ""; port = ""; acc = $NF == "ACCEPT"
	  for (i = 1; i < NF; i++) {
		if ($i == "-s" && $(i + 1) ~ m) s = $(i + 1)
		else if ($i == "-s" && acc && $(i + 1) ~ /^[0-9.]+\/(1[6-9]|2[0-9]|30)$/) net = $(i + 1)
		if ($i == "-d" && $(i + 1) ~ m) d = $(i + 1)
		if ($i == "-p") proto = $(i + 1)
		if ($i == "--mac-source") { sub("/.*", "", s); mac[s] = $(i + 1) }
		if ($i == "--dport" || $i == "--dports") port = $(i + 1)
	  }
	  sub("/.*", "", s); sub("/.*", "", d)
	  if (s != "") host[s] = 1
	  if (d != "") host[d] = 1
	  if (net != "") {
		split(net, q, "/"); size = 2 ^ (32 - q[2]); base = ip2n(q[1])
		for (j = 1; j <= 3; j++) host[n2ip(base + (j * 37 + 10) % (size - 2) + 1)] = 1
	  }
	  n = split(port, ps, ",")
	  for (j = 1; j <= n; j++) if (ps[j] ~ /^[0-9]+$/) {
		print "p", ps[j]
		if (acc && d != "" && (proto == "tcp" || proto == "udp")) print "s", d, proto, ps[j]
	  }
	}
	END { for (h in host) print "a", h, (h in mac) ? mac[h] : "" }' "$1"
}
{ names "$TMP/tum.v4" '/32$'; names "$TMP/tum.v6" '/128$'; } | sort -u >"$TMP/names"

# The generated ruleset, per family: INPUT, FORWARD, OUTPUT accept established packets and send
# the rest through chain gen of 9,994 rules that no packet of the capture matches (sources and
# destinations in 10.0.0.0/8 or fd00::/8, ports, interfaces, protocols varied), so a packet
# that is not established must get past all of them (the chain index skips them: every rule
# names a host). 10,000 rules per family.
gen_rules() {  # gen_rules 4|6
	awk -v fam="$1" 'BEGIN {
	print "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:gen - [0:0]"
	split("INPUT FORWARD OUTPUT", ch, " ")
	for (c = 1; c <= 3; c++) {
		print "-A " ch[c] " -m state --state RELATED,ESTABLISHED -j ACCEPT"
		print "-A " ch[c] " -j gen"
	}
	for (i = 0; i < 9994; i++) {
		a = fam == 4 ? sprintf("10.%d.%d.%d", int(i / 65536), int(i / 256) % 256, i % 256) \
			     : sprintf("fd00::%x:%x", int(i / 256), i % 256)
		m = fam == 4 ? "/32" : "/128"
		k = i % 4
		r = k == 0 ? "-s " a m " -p tcp -m tcp --dport " (1 + i % 5000) : \
		    k == 1 ? "-d " a m " -i eth1." (96 + i % 50) " -p udp -m udp --dport " (1 + i % 3000) : \
		    k == 2 ? "-s " a m " -d " a m " -p tcp -m tcp --sport " (1024 + i % 60000) : \
			     "-d " a m " -o eth1." (96 + i % 50)
		print "-A gen " r " -j " (i % 3 ? "ACCEPT" : "DROP")
	}
	print "COMMIT" }'
}
gen_rules 4 >"$TMP/gen.v4"
gen_rules 6 >"$TMP/gen.v6"
printf '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n' >"$TMP/none.v4"
cp "$TMP/none.v4" "$TMP/none.v6"

"$BUILD/bench/mkreplay" "$TMP/in.pcap" "$N" "$TMP/names" >"$TMP/mk.out" || exit 1
cat "$TMP/in.pcap" >/dev/null # page cache: every reader starts warm

# timed OUT CMD...: runs CMD (stdout to OUT), prints "wall user sys maxrss_kb"; exit status is CMD's.
timed() {
	local out=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" >"$out" 2>"$TMP/err"
	local rc=$?
	tail -n 1 "$TMP/time"
	return $rc
}

# median LIST: the middle value of whitespace-separated numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

CASES=${CASES:-none:on none:off tum:on tum:off gen:on gen:off}
declare -A cpu wall conns verdict
status=0
for ((r = 0; r < RUNS; r++)); do
	for c in $CASES; do
		set=${c%:*} ct=${c#*:}
		read -r w us sy _ < <(timed "$TMP/out" "$NFCORE" --replay "$TMP/in.pcap" --rules "$TMP/$set.v4" \
			--rules6 "$TMP/$set.v6" "${HOST[@]}" --conntrack "$ct") ||
			{ echo "FAIL: nfcore ($c): $(tail -n 3 "$TMP/err")"; exit 1; }
		cpu[$c]+=" $(echo "$us $sy" | awk '{ print $1 + $2 }')"
		wall[$c]+=" $w"
		conns[$c]=$(awk '/^# conntrack -L/ { f = 1; next } f && /^[a-z]/' "$TMP/out" | wc -l)
		verdict[$c]=$(sed -n 's/^# verdicts: .*accepted=\([0-9]*\) dropped=\([0-9]*\).*/accepted \1, dropped \2/p' "$TMP/out")
	done
	read -r w us sy _ < <(timed /dev/null tcpdump -r "$TMP/in.pcap" -w /dev/null) ||
		{ echo "FAIL: tcpdump: $(cat "$TMP/err")"; exit 1; }
	cpu[floor]+=" $(echo "$us $sy" | awk '{ print $1 + $2 }')"
	wall[floor]+=" $w"
done

size=$(stat -c %s "$TMP/in.pcap")
echo "replay: $(sed 's/ to .*//' "$TMP/mk.out") ($((size / 1000000)) MB), median of $RUNS runs"
fc=$(median ${cpu[floor]})
printf '%-28s %12s %12s %8s %8s %9s %10s  %s\n' "" "pkts/cpu-s" "packets/s" "cpu s" "wall s" \
	"x floor" "conns" "verdicts"
for c in $CASES floor; do
	uc=$(median ${cpu[$c]}) uw=$(median ${wall[$c]})
	case $c in
	floor) label="tcpdump -r -w /dev/null" ;;
	*) label="${c%:*} rules, conntrack ${c#*:}" ;;
	esac
	awk -v l="$label" -v n="$N" -v uc="$uc" -v uw="$uw" -v fc="$fc" -v k="${conns[$c]:--}" \
		-v v="${verdict[$c]:-}" 'BEGIN {
		printf("%-28s %12.0f %12.0f %8.3f %8.3f %9.1f %10s  %s\n", l, n / uc, n / uw, uc, uw, uc / fc, k, v) }'
done

# Memory per tracked connection: the table's own figure (entry + hash bucket share; the pool
# of nf_conntrack_max entries is allocated once, so a process's resident size says nothing per
# connection), and the entries live at the end of the no-rules run.
per=$("$BUILD/tests/ct_table" | sed -n 's/^# memory per tracked connection: \([0-9]*\) bytes.*/\1/p')
echo "memory per tracked connection: ${per:-?} bytes (entry + hash bucket share; limit 320)," \
	"${conns[none:on]:-?} connections tracked at the end of the capture"
tc=$(median ${cpu[tum:on]:-0})
if [ "$CHECK" = 1 ]; then
	awk -v n="$N" -v c="$tc" -v t="$TARGET" 'BEGIN { exit !(n / c >= t) }' ||
		{ echo "FAIL: tum-chair with conntrack: $(awk -v n="$N" -v c="$tc" 'BEGIN { printf("%.0f", n / c) }') packets per CPU second < $TARGET"; status=1; }
	if [ -z "$per" ] || [ "$per" -gt 320 ]; then
		echo "FAIL: ${per:-?} bytes per connection > 320"
		status=1
	fi
fi
exit $status
