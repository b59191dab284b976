#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The proof against the kernel on real rulesets (../shared/rulesets, IPv4 and IPv6 dumps): for
# each ruleset a host namespace H gets veths named as the ruleset's interfaces (peers in a sink
# namespace X; checked to lead nowhere else before anything is sent), loads the ruleset with
# iptables-/ip6tables-legacy-restore and gets one crafted packet per rule (ct_proof_gen.py:
# what the rule and the rules jumping to its chain match; primers for ESTABLISHED), sent slowly
# by ct_proof_send.py. Arrivals are captured with tcpdump -i any, the host's own packets as raw
# OUTPUT saw them through an NFLOG rule put first there (ct_proof_merge.py joins both).
# nfcore --replay of the capture with the same ruleset and H's addresses and routes must give
# every rule and policy the kernel's counters and the kernel's connection list; NAT-translated
# packets are left out in a second run (nfcore has no NAT yet). Coverage printed per ruleset;
# kernel/README.md has the table.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save ip6tables-legacy ip6tables-legacy-restore \
	ip6tables-legacy-save conntrack tcpdump python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
NFCTL=$ULOG_TOP/$BUILD/nfctl
RS=${ULOG_RULESETS:-$ULOG_TOP/../shared/rulesets}
CT_PROOF_GROUP=${CT_PROOF_GROUP:-4731}
# Divergences found by this test and not yet fixed in nfcore (kernel/README.md, "Proof"):
# they are still run and their differences printed, but reported as skips, so that a new
# divergence anywhere else fails. Remove an entry once its ruleset equals the kernel.
declare -A KNOWN=()
# Rules whose counters depend on timing finer than the capture can tell: only these rules'
# counter lines may differ (a skip, naming them); any other difference still fails. tum-chair's
# LOG_DROP and LOG_RECENT_DROP chains log at most 100/min of the packets that reach them 3 ms
# apart: nfcore counts jiffies from the capture's timestamps (moved to the kernel's tick phase,
# filter/tests/jiffies.py), the kernel from when it runs the rule, later under load, so now and
# then another packet takes a token. LOG does not decide: verdicts and connections must equal.
declare -A TIMING=(
	[tum-chair/iptables-save-2016-06-27_16-29-01]='-m limit --limit 100/min -j LOG'
	[tum-chair/ip6tables-save-2016-06-27_16-29-01]='-m limit --limit 100/min -j LOG'
	[tum-chair/iptables-save-2015-09-03_15-56-50]='-m limit --limit 100/min -j LOG'
)
# timing_only NAME DIFF: true if every changed counter line of DIFF is one of NAME's TIMING rules
timing_only() {
	[ -n "${TIMING[$1]:-}" ] && ! grep '^[<>]' "$2" | grep -vqF -- "${TIMING[$1]}"
}
# differs NAME WHAT: a failure, or a skip naming the known divergence
differs() {
	if [ -n "${KNOWN[$1]:-}" ]; then
		skip "ct_proof: $1: $2: known divergence: ${KNOWN[$1]}"
	else
		fail "ct_proof: $1: $2"
	fi
}
[ -x "$NFCORE" ] || { skip "ct_proof: $NFCORE not built"; exit 0; }
[ -d "$RS" ] || { skip "ct_proof: $RS absent"; exit 0; }

HERE=$(cd "$(dirname "$0")" && pwd)
PACE=${CT_PROOF_PACE_MS:-3}

# inside_only H X: every link of H and X but lo is a veth whose peer is in the other one of the
# two, and X has no route but its own subnets: nothing reaches the root namespace.
inside_only() {
	local h=$1 x=$2 a
	for a in "$h $x" "$x $h"; do
		set -- $a
		ip -n "$1" -j link | python3 -c '
import json, subprocess, sys
other = sys.argv[2]
ids = subprocess.run(["ip", "-n", sys.argv[1], "netns", "list-id"], capture_output=True, text=True).stdout
ok = {l.split()[1] for l in ids.splitlines() if "name: " + other + ")" in l}
for l in json.load(sys.stdin):
    if l["ifname"] == "lo":
        continue
    if l.get("link_type") != "ether" or str(l.get("link_netnsid")) not in ok:
        sys.exit("%s: %s leads out of the test namespaces" % (sys.argv[1], l["ifname"]))
' "$1" "$2" || return 1
	done
	! ip -n "$x" route | grep -q '^default' && ! ip -n "$x" -6 route | grep -q '^default'
}

# extract FILE: the ruleset as iptables-restore reads it: the last block of each table (a file
# may hold several dumps and prose around them), COMMIT without trailing blanks, censored MACs
# given a value.
extract() {
	awk '/^\*[a-z]+ *$/ { t = $1; buf[t] = ""; inb = 1 }
		inb { sub(/ +$/, ""); buf[t] = buf[t] $0 "\n" }
		/^COMMIT/ && inb { inb = 0; if (!(t in seen)) { order[++n] = t; seen[t] = 1 } }
		END { for (i = 1; i <= n; i++) printf "%s", buf[order[i]] }' "$1" |
		sed 's/XX:XX:XX:XX:XX:XX/02:00:00:00:00:01/g'
}

# setup NAME RULES: namespaces H (the ruleset) and X (the peers); sets H X MAP; 1 if refused.
setup() {
	local name=$1 rules=$2 i=0 ifs k x
	# (a second try: `ip netns add` fails now and then while other tests make namespaces too)
	H=$(netns_new ph || { sleep 1; netns_new ph; }) && X=$(netns_new px || { sleep 1; netns_new px; }) ||
		{ fail "ct_proof: $name: namespaces"; return 2; }
	# no router solicitations (X sends them for seconds after its links come up, and one the
	# kernel counts between zeroing and the replay window's start is counted once only)
	ip netns exec "$H" sysctl -qw net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.all.router_solicitations=0
	ip netns exec "$X" sysctl -qw net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.all.router_solicitations=0
	MAP=""
	# the ruleset's interfaces and those rule_coverage's generator uses (wildcards made concrete)
	ifs=$( (grep -o -- '-[io] [^ ]*' "$rules" | awk '{print $2}'; cat "$T_TMP/cov.ifaces") |
		grep -v '^lo$' | sort -u | head -"${CT_PROOF_IFS:-48}")
	[ -n "$ifs" ] || ifs=eth0
	for k in $ifs; do
		x=${k%+}; [ "$x" != "$k" ] && x="${x}9"
		ip link add "$x" netns "$H" type veth peer name "x$i" netns "$X" 2>/dev/null || continue
		ip -n "$H" addr add "10.201.$i.1/24" brd + dev "$x"; ip -n "$X" addr add "10.201.$i.2/24" brd + dev "x$i"
		ip -n "$H" link set "$x" up; ip -n "$X" link set "x$i" up
		MAP="$MAP${MAP:+,}$k=$x"
		# a static neighbour: no reply waits for ARP (an unresolved queue drops what it cannot hold)
		local hm xm
		hm=$(ip -n "$H" -j link show "$x" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])')
		xm=$(ip -n "$X" -j link show "x$i" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])')
		ip -n "$H" neigh replace "10.201.$i.2" lladdr "$xm" dev "$x" nud permanent
		ip -n "$H" addr add "2001:db8:201:$i::1/64" dev "$x" nodad
		ip -n "$X" addr add "2001:db8:201:$i::2/64" dev "x$i" nodad
		ip -n "$H" neigh replace "2001:db8:201:$i::2" lladdr "$xm" dev "$x" nud permanent
		ip -n "$X" neigh replace "2001:db8:201:$i::1" lladdr "$hm" dev "x$i" nud permanent
		echo "$x $hm,x$i,$xm" >>"$T_TMP/$H.macs"
		i=$((i + 1))
	done
	ip -n "$H" route add default via 10.201.0.2 2>/dev/null
	ip -n "$H" -6 route add default via 2001:db8:201:0::2 2>/dev/null
	ip netns exec "$H" sysctl -qw net.ipv6.conf.all.forwarding=1
	# no reverse-path filter, no ICMP redirects (forwarding back out the arrival interface
	# makes the kernel send them, and nfcore does not make packets of its own)
	ip netns exec "$H" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.all.send_redirects=0
	for k in $(ip -n "$H" -j link | python3 -c 'import json,sys;[print(l["ifname"]) for l in json.load(sys.stdin)]'); do
		ip netns exec "$H" sysctl -qw "net/ipv4/conf/$k/rp_filter=0" "net/ipv4/conf/$k/send_redirects=0" 2>/dev/null
	done
	# the peers answer nothing with a TCP reset: a primer SYN stays a half-open connection
	ip netns exec "$X" iptables-legacy -A OUTPUT -p tcp --tcp-flags RST RST -j DROP
	ip netns exec "$X" ip6tables-legacy -A OUTPUT -p tcp --tcp-flags RST RST -j DROP
	if ! ip netns exec "$H" "$IPT-restore" <"$rules" 2>"$T_TMP/$H.err"; then
		skip "ct_proof: $name: the kernel refuses it ($(head -1 "$T_TMP/$H.err"))"
		return 1
	fi
	ip netns exec "$H" sysctl -qw net.netfilter.nf_conntrack_acct=1 net.netfilter.nf_conntrack_timestamp=1 2>/dev/null
	# host packets as raw OUTPUT sees them (before any OUTPUT rule can drop them): NFLOG first
	# (each record sent at once: ct_proof_merge.py times the kernel's own packets by their reading)
	ip netns exec "$H" "$IPT" -t raw -I OUTPUT 1 -j NFLOG --nflog-group "$CT_PROOF_GROUP" --nflog-threshold 1 ||
		{ fail "ct_proof: $name: NFLOG in raw OUTPUT"; return 2; }
	return 0
}

# sink_ends PKTS: for the connections between real stacks (tcpin/tcpout lines) the sink end's
# address on the peer of the line's interface, a route there to the host's end, and static
# neighbours both ways (added before the capture: no ND or MLD traffic during it)
sink_ends() {
	local k theirs mine x hm xm v6
	awk '$1 == "tcpin" { print $2, $3, $4 } $1 == "tcpout" { print $2, $4, $3 }' "$1" | sort -u |
	while read -r k theirs mine; do
		read -r hm x xm < <(awk -v k="$k" '$1 == k { split($2, m, ","); print m[1], m[2], m[3] }' "$T_TMP/$H.macs")
		[ -n "$x" ] || continue
		v6=$(case "$theirs" in *:*) echo 1 ;; esac)
		ip -n "$X" addr add "$theirs/$([ -n "$v6" ] && echo "128 nodad" || echo 32)" dev "$x" 2>/dev/null
		ip -n "$X" route replace "$mine" dev "$x"
		ip -n "$X" neigh replace "$mine" lladdr "$hm" dev "$x" nud permanent
		ip -n "$H" neigh replace "$theirs" lladdr "$xm" dev "$k" nud permanent
	done
}

# run NAME RULES PKTS: sends PKTS through H (primers first), captures, saves the kernel's counters
# and connections, replays; leaves $H.kernel/$H.save, $H.kct/$H.oct (and $H.oct0), $H.ours.
run() {
	local name=$1 rules=$2 pkts=$3 k a from until tpid npid shift listed early lag nlag zero
	while read -r k a; do
		if [ "$FAM" = 6 ]; then ip -n "$H" addr add "$a/128" dev "$k" nodad; else ip -n "$H" addr add "$a/32" dev "$k"; fi
	done <"$T_TMP/$H.local"
	ip -n "$H" -force -batch "$T_TMP/$H.routes" 2>/dev/null   # a repeated rule is refused, harmlessly
	sink_ends "$pkts"
	ip netns exec "$H" ip -j addr >"$T_TMP/$H.addr"
	ip netns exec "$H" ip -j route >"$T_TMP/$H.route"
	ip netns exec "$H" ip -6 -j route >"$T_TMP/$H.route6"
	# policy routing (the generator's `rule add` lines): the rules and the other tables' routes
	local policy=()
	if grep -q '^rule ' "$T_TMP/$H.routes"; then
		ip netns exec "$H" ip -j rule >"$T_TMP/$H.rule"
		ip netns exec "$H" ip -6 -j rule >"$T_TMP/$H.rule6"
		ip netns exec "$H" ip -j route show table all | python3 -c 'import json, sys
print(json.dumps([r for r in json.load(sys.stdin) if r.get("table") not in (None, "main", "local")]))' >"$T_TMP/$H.tables"
		policy=(--host "$T_TMP/$H.rule" --host "$T_TMP/$H.rule6" --host "$T_TMP/$H.tables")
	fi
	inside_only "$H" "$X" || { fail "ct_proof: $name: a link or route leads out of the test namespaces"; return 1; }
	sleep 2
	ip netns exec "$H" tcpdump -i any -U -B 16384 -n -w "$T_TMP/$H.pcap" 2>"$T_TMP/$H.tcpdump" &
	tpid=$!
	ip netns exec "$H" tcpdump -i "nflog:$CT_PROOF_GROUP" -U -B 16384 -n -w "$T_TMP/$H.nflog" 2>"$T_TMP/$H.tcpdump6" &
	npid=$!
	wait_for 5 grep -qs "listening on" "$T_TMP/$H.tcpdump" && wait_for 5 grep -qs "listening on" "$T_TMP/$H.tcpdump6" ||
		{ fail "ct_proof: $name: tcpdump"; kill $tpid $npid; return 1; }
	sleep 0.2
	zero=$(date +%s.%N)
	for t in $(sed -n 's/^\*//p' "$rules") raw; do ip netns exec "$H" "$IPT" -t "$t" -Z; done
	ip netns exec "$H" conntrack -F 2>/dev/null
	: >"$T_TMP/$H.sent"
	from=$(date +%s.%N)
	ip netns exec "$H" python3 "$HERE/ct_proof_send.py" "$T_TMP/$H.macs" "$X" "$PACE" "$T_TMP/$H.sent" <"$pkts"
	sleep 0.5
	# the kernel's counters without the capture's NFLOG rule (and its raw table if the ruleset has none)
	ip netns exec "$H" "$IPT-save" -c | grep -v '^#' |
		awk -v g="$CT_PROOF_GROUP" -v keep="$(grep -c '^\*raw' "$rules")" '
			/^\*/ { t = $0 } t == "*raw" && !keep { next }
			t == "*raw" && $0 ~ "-A OUTPUT -j NFLOG --nflog-group " g " --nflog-threshold 1$" { next } { print }' >"$T_TMP/$H.kernel"
	listed=$(date +%s.%N)
	ip netns exec "$H" conntrack -L -f "ipv$FAM" 2>/dev/null >"$T_TMP/$H.kct"
	until=$(date +%s.%N)
	ip netns exec "$H" python3 "$HERE/ct_proof_lag.py" dump "$FAM" >"$T_TMP/$H.starts" 2>/dev/null
	sleep 1.5
	kill -INT $tpid $npid; wait $tpid $npid 2>/dev/null
	# the merged capture's times are moved back by the kernel's jiffy phase (printed): the window too
	shift=$(python3 "$HERE/ct_proof_merge.py" "$T_TMP/$H.pcap" "$T_TMP/$H.nflog" "$T_TMP/$H.merged" "$T_TMP/$H.sent") ||
		{ fail "ct_proof: $name: merging the captures"; return 1; }
	from=$(awk -v t="$from" -v s="$shift" 'BEGIN { printf "%.6f", t - s / 1e9 }')
	zero=$(awk -v t="$zero" -v s="$shift" 'BEGIN { printf "%.6f", t - s / 1e9 }')
	# The kernel listed its table at some time between $listed and $until, each entry expiring
	# up to a jiffy (4 ms) earlier than in nfcore (its tick) or later by how late its conntrack
	# ran (measured: ct_proof_lag.py). nfcore's table as of $until + 1 jiffy has only entries the
	# kernel listed; its table as of $listed - lag - 1 jiffy ($H.oct0) all those the kernel may
	# have listed; the entries in the latter only are left out of the comparison (ct_window).
	read -r lag nlag < <(python3 "$HERE/ct_proof_lag.py" lag "$T_TMP/$H.starts" "$T_TMP/$H.merged" "$shift")
	early=$(awk -v t="$listed" -v s="$shift" -v l="${lag:-0}" 'BEGIN { printf "%.6f", t - (s + l + 4e6) / 1e9 }')
	until=$(awk -v t="$until" -v s="$shift" 'BEGIN { printf "%.6f", t - (s - 4e6) / 1e9 }')
	CT_WINDOW_S=$(awk -v a="$early" -v b="$until" 'BEGIN { printf "%.6f", b - a }')
	CT_WINDOW="$(awk -v a="$early" -v b="$until" -v l="${lag:-0}" -v n="${nlag:-0}" 'BEGIN {
		printf "%.1f ms: listing %.1f ms, kernel lag up to %.3f ms over %d entries, 2 jiffies",
			(b - a) * 1e3, (b - a) * 1e3 - l / 1e6 - 8, l / 1e6, n }')"
	local replay=("$NFCORE" --replay "$T_TMP/$H.merged" "--rules$([ "$FAM" = 6 ] && echo 6)" "$rules" --host "$T_TMP/$H.addr" --acct \
		--host "$T_TMP/$H.route" --host "$T_TMP/$H.route6" "${policy[@]}" --from "$from" --owner 0:0 --nat --timestamp \
		$(awk 'NF > 13 { print "--owner " $14 "@" $3 }' "$pkts" | sort -u))
	"${replay[@]}" --until "$until" >"$T_TMP/$H.ours" 2>"$T_TMP/$H.ours.err" ||
		{ fail "ct_proof: $name: nfcore: $(head -1 "$T_TMP/$H.ours.err")"; return 1; }
	"${replay[@]}" --until "$early" 2>/dev/null | awk '/^# conntrack -L/{f=1;next} /^#/{f=0} f' >"$T_TMP/$H.oct0"
	awk -v h="# ip$([ "$FAM" = 6 ] && echo 6)tables-save -c" '$0 == h {f=1;next} /^#/{f=0} f' "$T_TMP/$H.ours" >"$T_TMP/$H.save"
	awk '/^# conntrack -L/{f=1;next} /^#/{f=0} f' "$T_TMP/$H.ours" >"$T_TMP/$H.oct"
	# the connections a NAT target bound in nfcore ("src dst sport dport"): the kernel translated them
	sed -n 's/^NAT: .* SRC=\([^ ]*\) DST=\([^ ]*\) .* SPT=\([0-9]*\) DPT=\([0-9]*\) .*/\1 \2 \3 \4/p' "$T_TMP/$H.ours" |
		sort -u >"$T_TMP/$H.bound"
	# a packet the kernel sent or got on its own (MLD, ND) while the counters were being zeroed
	# is counted by some tables and outside nfcore's window: such a run cannot be compared
	if tcpdump -r "$T_TMP/$H.merged" -n -tt 2>/dev/null |
		awk -v a="$zero" -v b="$from" '$1 >= a && $1 < b { print "# between zeroing and the window: " $0; n++ } END { exit !n }'; then
		return 3
	fi
	return 0
}

# translated FILE: the kernel's connections whose reply tuple is not the original turned around
# (NAT), as "d|s osrc odst osport odport rsrc rdst rsport rdport" (d: the destination changed).
translated() {
	awk '{ delete v; delete c
		for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { k = kv[1]; c[k]++; v[k c[k]] = kv[2] }
		t = v["dst1"] != v["src2"] || v["dport1"] != v["sport2"] ? "d" : \
		    v["src1"] != v["dst2"] || v["sport1"] != v["dport2"] ? "s" : ""
		if (t != "") print t, v["src1"], v["dst1"], v["sport1"] + 0, v["dport1"] + 0, \
			v["src2"], v["dst2"], v["sport2"] + 0, v["dport2"] + 0 }' "$1"
}

# nat_hit NAT BOUND PKTS: the line numbers of the packets NAT changes in the kernel: those of a
# connection whose destination was translated, those that answer a translated connection,
# those of a source-translated one sent to a peer (whose ICMP errors the kernel translates back),
# and the whole-flow packets (fin) of any connection translated in the kernel's list or bound by
# a NAT target in nfcore's run (BOUND; the kernel's may be gone by the listing), both ways:
# their answers go to the untranslated address, which is another connection in the kernel
nat_hit() {
	awk -v nat="$1" -v bound="$2" 'BEGIN { while ((getline l <bound) > 0) { split(l, v, " ")
			f[v[1] " " v[2] " " v[3] " " v[4]] = f[v[2] " " v[1] " " v[4] " " v[3]] = 1 }
		while ((getline l <nat) > 0) { split(l, v, " ")
			if (v[1] == "d" || v[3] ~ /^(10\.201\.[0-9]+\.2|2001:db8:201:[0-9]+::2)$/) t[v[2] " " v[3] " " v[4] " " v[5]] = 1
			if (v[1] == "d") t[v[3] " " v[2] " " v[5] " " v[4]] = 1
			t[v[6] " " v[7] " " v[8] " " v[9]] = 1
			f[v[2] " " v[3] " " v[4] " " v[5]] = f[v[3] " " v[2] " " v[5] " " v[4]] = 1 } }
		($3 " " $4 " " $6 " " $7) in t || ($3 " " $4 " 0 0") in t || $1 ~ /^(fin|tcpin|tcpout)$/ && ($3 " " $4 " " $6 " " $7) in f { print NR }' "$3"
}

# stacks_closed PKTS KCT: "N of M": of the M connections between real stacks (tcpin/tcpout
# lines), the N the kernel lists in TIME_WAIT (handshake, data and both FINs passed the ruleset)
stacks_closed() {
	awk 'FILENAME == ARGV[1] { if ($1 ~ /^tcp(in|out)$/) { m++; t["src=" $3 " dst=" $4 " sport=" $6 " dport=" $7] = 1 }; next }
		$4 == "TIME_WAIT" && ($5 " " $6 " " $7 " " $8) in t { n++ } END { printf "%d of %d", n, m }' "$1" "$2"
}

# canon RULES: the filter table in canonical form (nfctl's save equals the kernel's) into
# $T_TMP/cov.canon, and the interfaces rule_coverage's generator uses into $T_TMP/cov.ifaces
canon() {
	rm -f "$T_TMP/cov.st"; : >"$T_TMP/cov.canon"; : >"$T_TMP/cov.ifaces"
	awk '/^\*filter/ { on = 1 } on { print } /^COMMIT/ { on = 0 }' "$1" >"$T_TMP/cov.filter"
	[ -s "$T_TMP/cov.filter" ] || return 0
	"$NFCTL" $FAMOPT --state "$T_TMP/cov.st" restore <"$T_TMP/cov.filter" >/dev/null 2>&1 &&
		"$NFCTL" $FAMOPT --state "$T_TMP/cov.st" save -t filter | grep -v '^#' >"$T_TMP/cov.canon" &&
		canon_nat "$1" &&
		python3 "$HERE/ct_proof_gen.py" --ifaces "$T_TMP/cov.canon" "$FAM" "$1" "$T_TMP/cov.g" >"$T_TMP/cov.ifaces"
}

# canon_nat RULES: the nat table in canonical form into $T_TMP/cov.canon.nat (empty if none)
canon_nat() {
	rm -f "$T_TMP/cov.nst"; : >"$T_TMP/cov.canon.nat"
	awk '/^\*nat/ { on = 1 } on { print } /^COMMIT/ { on = 0 }' "$1" >"$T_TMP/cov.natin"
	[ -s "$T_TMP/cov.natin" ] || return 0
	"$NFCTL" $FAMOPT --state "$T_TMP/cov.nst" restore <"$T_TMP/cov.natin" >/dev/null 2>&1 &&
		"$NFCTL" $FAMOPT --state "$T_TMP/cov.nst" save -t nat | grep -v '^#' >"$T_TMP/cov.canon.nat" ||
		: >"$T_TMP/cov.canon.nat"
}

# gen NAME RULES [EXCLUDED]: H's packets into $H.pkts (the lines numbered in EXCLUDED left out);
# $H.routes (routes to the sinks), $H.unreach (filter rules proven unreachable)
gen() {
	local cov=""
	: >"$T_TMP/$H.routes"; : >"$T_TMP/$H.unreach"
	[ -s "$T_TMP/cov.canon" ] && cov="$T_TMP/cov.canon $2 $T_TMP/cov.g $T_TMP/$H.routes $T_TMP/$H.unreach"
	python3 "$HERE/ct_proof_gen.py" "$2" "$MAP" "$T_TMP/$H.local" "$FAM" $cov >"$T_TMP/$H.all" ||
		{ fail "ct_proof: $1: generator"; return 1; }
	awk -v ex="${3:-/dev/null}" 'BEGIN { while ((getline l <ex) > 0) x[l] = 1 } !(FNR in x)' \
		"$T_TMP/$H.all" >"$T_TMP/$H.pkts"
	[ -s "$T_TMP/$H.pkts" ] || { fail "ct_proof: $1: no packet for any rule"; return 1; }
}

# orig_key FILE: "NATKEY|KEY|LINE|TIMEOUT|AGE" per conntrack -L line: NATKEY "src dst sport dport"
# of the original direction (translated()'s key), KEY the protocol and the whole original tuple,
# LINE the line without its timeout, use count (the kernel's counts references of packets still
# queued, e.g. an answer waiting for ND) and delta-time (AGE: compared with the timeouts)
orig_key() {
	awk '{ s = d = sp = dp = ""; k = $1; n = 0
		for (i = 4; i <= NF && !($i ~ /^src=/ && n++); i++) { split($i, kv, "=")
			if (kv[1] == "src") s = kv[2]; else if (kv[1] == "dst") d = kv[2]
			else if (kv[1] == "sport") sp = kv[2]; else if (kv[1] == "dport") dp = kv[2]
			if (kv[2] != "" && kv[1] != "packets" && kv[1] != "bytes") k = k " " $i }
		t = $3; $3 = "-"; a = match($0, / delta-time=[0-9]+/) ? substr($0, RSTART + 12, RLENGTH - 12) : "-"
		sub(/ delta-time=[0-9]+/, ""); sub(/ use=[0-9]+/, "")
		print s " " d " " sp + 0 " " dp + 0 "|" k "|" $0 "|" t "|" a }' "$1"
}

# conns FILE NAT EDGE: the connections without timeouts, sorted; those NAT translated and those
# whose KEY (orig_key) is a line of EDGE left out
conns() {
	orig_key "$1" | awk -F'|' -v nat="$2" -v edge="$3" 'BEGIN { while ((getline l <nat) > 0) { split(l, a, " ")
			t[a[2] " " a[3] " " a[4] " " a[5]] = 1 }
		while ((getline l <edge) > 0) e[l] = 1 }
		!($1 in t) && !($2 in e) { print $3 }' | sort
}

# timeouts KERNEL OURS: the connections both list whose timeouts (seconds left, rounded down) or
# ages (delta-time, seconds since confirm, rounded down) differ by more than the listing's window
# allows: the kernel's, listed up to $CT_WINDOW_S earlier and counting whole jiffies, may be that
# much (rounded up) more time left than nfcore's, and that much younger, never the other way
# (conntrack(8) prints whole seconds now less whole seconds at the start, and the capture's
# times moved back by the jiffy phase may cross one more second: a second more for the ages)
timeouts() {
	awk -F'|' -v w="$CT_WINDOW_S" 'BEGIN { m = int(w + 0.004) + (w + 0.004 > int(w + 0.004)) }
		NR == FNR { t[$3] = $4; a[$3] = $5; next }
		($3 in t) && (t[$3] < $4 || t[$3] > $4 + m) { print "timeout " t[$3] " in the kernel, " $4 " in nfcore: " $3 }
		($3 in a) && (a[$3] == "-" || $5 == "-" || a[$3] > $5 || a[$3] + m + 1 < $5) {
			print "delta-time " a[$3] " in the kernel, " $5 " in nfcore: " $3 }' \
		<(orig_key "$1") <(orig_key "$2")
}

# ct_window EARLY LATE: the KEYs (orig_key) of the connections in nfcore's table as of the start
# of the kernel's listing window (EARLY) that are gone from it as of its end (LATE): they expire
# within the window, so the kernel may or may not have listed them
ct_window() {
	comm -23 <(orig_key "$1" | cut -d'|' -f2 | sort -u) <(orig_key "$2" | cut -d'|' -f2 | sort -u)
}

# attempt NAME RULES [EXCLUDED]: setup, gen and run; once more in fresh namespaces if a packet
# came between zeroing the counters and the window's start (run printed it and returned 3)
attempt() {
	local rc
	setup "$1" "$2" || return
	gen "$1" "$2" "$3" && run "$1" "$2" "$T_TMP/$H.pkts"
	rc=$?
	[ "$rc" = 3 ] || return "$rc"
	echo "# ct_proof: $1: run again in fresh namespaces"
	setup "$1" "$2" || return
	gen "$1" "$2" "$3" && run "$1" "$2" "$T_TMP/$H.pkts"
	rc=$?
	[ "$rc" = 3 ] && fail "ct_proof: $1: packets between zeroing the counters and the window's start, twice"
	return "$rc"
}

# prove RULESET: one ruleset; prints ok/not ok lines.
prove() {
	local file=$1 name=${1#$RS/} rules hit total note="" nx nsn edge
	FAM=4 IPT=iptables-legacy
	case "$file" in *ip6tables* | *ipv6-server*) FAM=6 IPT=ip6tables-legacy ;; esac
	rules=$T_TMP/$(echo "$name" | tr '/' '_').rules
	extract "$file" >"$rules"
	FAMOPT=$([ "$FAM" = 6 ] && echo -6)
	canon "$rules"
	attempt "$name" "$rules" || return
	# packets whose destination the kernel translated (DNAT, REDIRECT) take another path than in
	# nfcore (no NAT yet): a second run, in fresh namespaces, leaves those packets out
	translated "$T_TMP/$H.kct" >"$T_TMP/$H.nat"
	nat_hit "$T_TMP/$H.nat" "$T_TMP/$H.bound" "$T_TMP/$H.pkts" >"$T_TMP/excl.$$"
	if [ -s "$T_TMP/excl.$$" ]; then
		nx=$(wc -l <"$T_TMP/excl.$$")
		attempt "$name" "$rules" "$T_TMP/excl.$$" || return
		translated "$T_TMP/$H.kct" >"$T_TMP/$H.nat"
		note="; $nx packets left out: NAT changes them in the kernel"
	fi
	nsn=$(grep -c . "$T_TMP/$H.nat")
	[ "$nsn" -gt 0 ] && note="$note; $nsn translated connections not compared"
	total=$(grep -c '^\[' "$T_TMP/$H.kernel"); hit=$(grep '^\[' "$T_TMP/$H.kernel" | grep -vc '^\[0:0\]')
	unreachable "$name" || return
	COVER="$COVER$name $hit $total $(wc -l <"$T_TMP/$H.pkts") $UNR\n"
	coverage "$name" "$hit" "$total" "$UNR"
	verdicts "$name"
	if diff "$T_TMP/$H.kernel" "$T_TMP/$H.save" >"$T_TMP/$H.diff"; then
		ok "ct_proof: $name: every rule's and policy's counters equal the kernel's ($(wc -l <"$T_TMP/$H.pkts") packets, $(grep -c '^fin ' "$T_TMP/$H.pkts") of them in crafted whole flows, $(stacks_closed "$T_TMP/$H.pkts" "$T_TMP/$H.kct") connections between real TCP stacks closed (TIME_WAIT), $hit of $total rules hit$note)"
	else
		if timing_only "$name" "$T_TMP/$H.diff"; then
			skip "ct_proof: $name: counters equal the kernel's but for the timing-dependent rule (${TIMING[$name]}; $hit of $total rules hit$note)"
		else
			differs "$name" "counters differ (< kernel, > nfcore; $hit of $total rules hit$note)"
		fi
		divergence "$T_TMP/$H.kernel" "$T_TMP/$H.diff" "$rules" "$T_TMP/$H.pkts"
	fi
	ct_window "$T_TMP/$H.oct0" "$T_TMP/$H.oct" >"$T_TMP/$H.edge"
	edge="$(grep -c . "$T_TMP/$H.edge") left out as expiring within the listing's window, $(orig_key "$T_TMP/$H.kct" |
		awk -F'|' -v e="$T_TMP/$H.edge" 'BEGIN { while ((getline l <e) > 0) w[l] = 1 } $2 in w { n++ } END { print n + 0 }'
		) of them listed by the kernel ($CT_WINDOW)"
	timeouts "$T_TMP/$H.kct" "$T_TMP/$H.oct" >"$T_TMP/$H.tdiff"
	if ! diff <(conns "$T_TMP/$H.kct" "$T_TMP/$H.nat" "$T_TMP/$H.edge") \
		<(conns "$T_TMP/$H.oct" "$T_TMP/$H.nat" "$T_TMP/$H.edge") >"$T_TMP/$H.cdiff"; then
		differs "$name" "connections differ (< kernel, > nfcore; $edge): first: $(grep -m1 '^[<>]' "$T_TMP/$H.cdiff")"
		head -20 "$T_TMP/$H.cdiff" | sed 's/^/# /'
	elif [ -s "$T_TMP/$H.tdiff" ]; then
		differs "$name" "connection timeouts or ages differ ($(grep -c . "$T_TMP/$H.tdiff") connections; $edge): first: $(head -1 "$T_TMP/$H.tdiff")"
		head -20 "$T_TMP/$H.tdiff" | sed 's/^/# /'
	else
		ok "ct_proof: $name: the connection list equals the kernel's ($(grep -c . "$T_TMP/$H.kct") connections: tuples, states, counters, timeouts, ages; $edge)"
	fi
}

# unreachable NAME: the filter and nat rules coverage_shadow.py proves no packet can reach, printed with
# the proof and counted in UNR; the kernel must not have hit any of them (else a failure)
unreachable() {
	local bad
	UNR=$(grep -c . "$T_TMP/$H.unreach")
	sed 's/^[^ ]* /# unreachable: /' "$T_TMP/$H.unreach"
	bad=$(awk 'FILENAME == ARGV[1] { u["*" $2 " " $3 " " $4] = 1; next } /^\*/ { t = $0 }
		$2 == "-A" { n[t " " $3]++; if ((t " " $3 " " n[t " " $3]) in u && $1 != "[0:0]") print }' \
		"$T_TMP/$H.unreach" "$T_TMP/$H.kernel")
	[ -z "$bad" ] || { fail "ct_proof: $1: rules proven unreachable were hit: $bad"; return 1; }
}

# coverage NAME HIT TOTAL UNREACHABLE: at least 80% of the rules no proof rules out must be hit
# (CT_PROOF_STRICT=0: a skip instead of a failure)
coverage() {
	local what="$2 of $3 rules hit ($((100 * $2 / $3))%), $2 of the $(($3 - $4)) reachable ($((100 * $2 / ($3 - $4)))%)"
	if [ $((100 * $2)) -ge $((80 * ($3 - $4))) ]; then
		ok "ct_proof: $1: coverage: $what"
	elif [ "${CT_PROOF_STRICT:-1}" = 0 ]; then
		skip "ct_proof: $1: coverage below 80%: $what"
	else
		fail "ct_proof: $1: coverage below 80%: $what"
	fi
}

# verdicts NAME: the verdict totals: every packet the kernel dropped ends in exactly one DROP or
# REJECT rule or DROP policy (its counters), so their sum must equal nfcore's dropped total less
# its routing drops and hotdrops (a match refusing a malformed header: no rule counts those);
# accepted = packets through the hooks - dropped.
verdicts() {
	local kd line od nr hd acc
	kd=$(awk '/^:/ && $2 == "DROP" { split($3, c, ":"); s += substr(c[1], 2) }
		/^\[/ && / -j (DROP|REJECT)( |$)/ { split($1, c, ":"); s += substr(c[1], 2) } END { print s + 0 }' "$T_TMP/$H.kernel")
	line=$(grep '^# verdicts:' "$T_TMP/$H.ours")
	od=$(echo "$line" | sed -n 's/.* dropped=\([0-9]*\).*/\1/p')
	nr=$(echo "$line" | sed -n 's/.* no-route=\([0-9]*\).*/\1/p')
	hd=$(echo "$line" | sed -n 's/.* hotdrop=\([0-9]*\).*/\1/p')
	acc=$(echo "$line" | sed -n 's/.* accepted=\([0-9]*\).*/\1/p')
	if [ -n "$od" ] && [ "$kd" = "$((od - nr - ${hd:-0}))" ]; then
		ok "ct_proof: $1: verdict totals equal the kernel's (dropped $kd by rules and policies, $nr by routing, ${hd:-0} by matches; accepted $acc)"
	else
		differs "$1" "verdict totals differ: the kernel's DROP/REJECT rules and DROP policies count $kd, nfcore dropped ${od:-?} (${nr:-?} by routing) ($line)"
	fi
}

# divergence KERNEL-SAVE DIFF RULES PKTS: each differing line, and for a rule the packets the
# generator aimed at it (rules are matched by table and place: both sides list them in order)
divergence() {
	python3 - "$@" <<'PY2'
import re, sys
kernel, diff, rules, pkts = (open(f).read().splitlines() for f in sys.argv[1:5])
place, table, nth = {}, None, {}
for no, l in enumerate(kernel, 1):
    if l.startswith('*'): table = l[1:]
    if l.startswith('['):
        nth[table] = nth.get(table, 0) + 1; place[no] = (table, nth[table])
glob, table, cnt, n = {}, None, {}, 0
for l in rules:
    if l.startswith('*'): table = l[1:]
    if l.startswith('-A '):
        cnt[table] = cnt.get(table, 0) + 1; glob[(table, cnt[table])] = n; n += 1
shown = 0
for l in diff:
    m = re.match(r'^(\d+)(?:,(\d+))?[acd]', l)
    if m:
        for no in range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1):
            if no in place and shown < 12:
                t, k = place[no]
                idx = glob.get((t, k))
                print('# rule %s: %s' % (t, kernel[no - 1]))
                for p in pkts:
                    if idx is not None and p.split()[11] == str(idx):
                        print('#   packet (how dev src dst proto sport dport type code flags mac idx [hex]): ' + p)
                shown += 1
    elif shown < 12 and l[:1] in '<>':
        print('# ' + l)
PY2
}

# The rulesets: every dump in ../shared/rulesets the kernel accepts, IPv4 and IPv6.
COVER=""
LIST="ufw/server1-iptables-save veroneau/iptables-save synology/iptables-save_jul_2016 \
	shorewall/iptables-save.2014_sep psa/iptables-save.2016-01-27 medium-company/iptables-save.mainfw_30.01.2016 \
	openlab/iptables-save tails/iptables-save.1.5 docker/docker.txt ferm/dmz_router.iptables-save \
	home-user/iptables-save serverfault/769294.txt tum-chair/iptables-save-2016-06-27_16-29-01 \
	synology/ip6tables-save_jul_2016 ipv6-server/mailserver ipv6-server/nat64-router-userspace \
	ipv6-server/webserver tum-chair/ip6tables-save-2016-06-27_16-29-01 tum-chair/iptables-save-2015-09-03_15-56-50"
for f in ${CT_PROOF_RULESETS:-$LIST}; do
	prove "$RS/$f"
done
printf "$COVER" | awk '{ printf "# coverage: %-48s %5d of %5d rules hit (%3d%%); of %5d reachable (%3d%%); %d packets\n",
	$1, $2, $3, 100 * $2 / $3, $3 - $5, 100 * $2 / ($3 - $5), $4 }'
[ -n "${CT_PROOF_KEEP:-}" ] && cp -r "$T_TMP" "$CT_PROOF_KEEP"
t_done
