#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Rule coverage on real rulesets: for every rule of a ruleset's filter table, packets are made
# from the rule's own fields and those of the jumps that lead to its chain (coverage_gen.py).
# A router namespace with interfaces named as the ruleset's carries the filter table; packets
# are injected from a sink namespace (forwarded or delivered) or sent by the router itself
# (OUTPUT, loopback, socket owners). Every packet that reached the filter table is logged by
# NFLOG in mangle (which runs before filter) with the kernel's conntrack state and replayed
# through `nfctl eval`: the per-rule and policy counters must equal the kernel's. Rules proven
# unreachable (coverage_shadow.py) leave the denominator and must stay unhit; at least
# COVERAGE_MIN_HIT (90) percent of the others must be hit (COVERAGE_STRICT=0: a skip instead).
# filter/README.md "Rule coverage" has the details and the per-ruleset numbers.
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need iptables-legacy-restore iptables-legacy-save tcpdump python3 ip conntrack
NFCTL=$ULOG_TOP/$BUILD/nfctl
[ -x "$NFCTL" ] || { fail "rule_coverage: $NFCTL not built"; exit 1; }
RULESETS=$ULOG_TOP/../shared/rulesets
[ -d "$RULESETS" ] || { skip "rule_coverage: $RULESETS absent"; exit 0; }
MIN_HIT=${COVERAGE_MIN_HIT:-90}
HERE=$ULOG_TOP/filter/tests
. "$HERE/coverage_contained.sh"

# Helpers beside this file: coverage_gen.py (the packets), coverage_inject.py (frames from the
# sink), coverage_local.py (the router's own packets), coverage_nflog.py (capture -> eval input).
# cover NAME FILE [-6]: one ruleset.
cover() {
	local name=$1 file=$2 fam=${3:-} R S k=0 n made rules ifn hit total cmd=iptables v=4 net
	[ "$fam" = -6 ] && cmd=ip6tables v=6
	# canonical filter table (nfctl's save equals the kernel's: save_conformance.sh)
	rm -f "$T_TMP/st"
	awk '/^\*filter/ { on = 1 } on { while (index($0, "XX:XX:XX:XX:XX:XX")) { n++;
		m = sprintf("02:00:%02x:%02x:%02x:%02x", int(n/16777216)%256, int(n/65536)%256, int(n/256)%256, n%256);
		sub(/XX:XX:XX:XX:XX:XX/, m) } print } /^COMMIT/ { on = 0 }' "$file" >"$T_TMP/filter.rules"
	"$NFCTL" $fam --state "$T_TMP/st" restore <"$T_TMP/filter.rules" >/dev/null 2>&1 ||
		{ skip "$name: its filter table does not load (the kernel refuses it too: save_conformance.sh)"; return; }
	"$NFCTL" $fam --state "$T_TMP/st" save -t filter | grep -v '^#' >"$T_TMP/canon"
	read -r rules made < <(python3 "$HERE/coverage_gen.py" "$T_TMP/canon" "$T_TMP/g" "$v" "$file")
	R=$(netns_new rcr) && S=$(netns_new rcs) || { fail "$name: netns"; return; }
	: >"$T_TMP/peers"; : >"$T_TMP/rmacs"; : >"$T_TMP/smacs"
	for ns in "$R" "$S"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0
	done
	while read -r ifn; do
		ip link add "s$k" netns "$S" type veth peer name "$ifn" netns "$R" || { fail "$name: veth $ifn"; return; }
		if [ "$v" = 6 ]; then
			ip -n "$R" addr add "fd64:$k::1/64" dev "$ifn" nodad
			ip -n "$S" addr add "fd64:$k::2/64" dev "s$k" nodad
		else
			ip -n "$R" addr add "100.64.$k.1/24" dev "$ifn"
			ip -n "$S" addr add "100.64.$k.2/24" dev "s$k"
			ip netns exec "$R" sysctl -qw "net.ipv4.conf.${ifn//./\/}.rp_filter=0"
		fi
		ip -n "$R" link set "$ifn" up
		ip -n "$S" link set "s$k" up
		# static neighbours: no ND/ARP traffic at times of its own
		ip -n "$R" neigh replace "$([ "$v" = 6 ] && echo "fd64:$k::2" || echo "100.64.$k.2")" dev "$ifn" \
			lladdr "$(ip -n "$S" -o link show "s$k" | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2)" nud permanent
		echo "$ifn s$k" >>"$T_TMP/peers"
		ip -n "$S" -o link show "s$k" | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2 >>"$T_TMP/smacs"
		echo "$ifn $(ip -n "$R" -o link show "$ifn" | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2)" >>"$T_TMP/rmacs"
		k=$((k + 1))
	done <"$T_TMP/g.ifaces"
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 net.ipv6.conf.all.forwarding=1
	while read -r a; do echo "addr add $a/$([ "$v" = 6 ] && echo 128 || echo 32) dev lo"; done <"$T_TMP/g.locals" |
		ip -n "$R" -batch -
	while read -r dst ifn; do
		k=$(awk -v i="$ifn" '$1 == i { print NR - 1 }' "$T_TMP/g.ifaces")
		if [ "$v" = 6 ]; then echo "route add $dst/128 via fd64:$k::2"; else echo "route add $dst/32 via 100.64.$k.2"; fi
	done <"$T_TMP/g.routes" | ip -n "$R" -batch -
	while read -r src dst ifn; do
		k=$(awk -v i="$ifn" '$1 == i { print NR - 1 }' "$T_TMP/g.ifaces")
		if [ "$v" = 6 ]; then
			echo "route replace $dst/128 via fd64:$k::2 table $((1000 + k))"
			echo "rule add from $src/128 to $dst/128 table $((1000 + k))"
		else
			echo "route replace $dst/32 via 100.64.$k.2 table $((1000 + k))"
			echo "rule add from $src/32 to $dst/32 table $((1000 + k))"
		fi
	done <"$T_TMP/g.prules" | ip -n "$R" -force -batch - 2>/dev/null   # repeats are refused, harmlessly
	ip -n "$R" link set lo up
	# multicast groups the router's INPUT rules name: joined on the packet's in interface
	while read -r ifn grp; do
		ip -n "$R" addr add "$grp/32" dev "$ifn" autojoin
	done <"$T_TMP/g.groups"
	# marks the filter table matches: set in mangle PREROUTING by the frame's source MAC
	while read -r mac mark; do
		ip netns exec "$R" $cmd-legacy -t mangle -A PREROUTING -m mac --mac-source "$mac" -j MARK --set-mark "$mark"
	done <"$T_TMP/g.marks"
	# multicast reports and router solicitations come at times of their own: keep them from
	# the filter table (both the router's own, unmarked, and those the sink's kernel sends
	# from its own MACs; the test's packets carry marks or MACs of their own)
	for ch in PREROUTING OUTPUT; do
		if [ "$v" = 6 ]; then
			for t in 130 131 132 133 143; do
				if [ $ch = OUTPUT ]; then
					ip netns exec "$R" ip6tables-legacy -t mangle -A $ch -p ipv6-icmp --icmpv6-type $t \
						-m mark ! --mark 0x7e57/0xffff -j DROP
				else
					while read -r m; do
						ip netns exec "$R" ip6tables-legacy -t mangle -A $ch -p ipv6-icmp --icmpv6-type $t \
							-m mac --mac-source "$m" -j DROP
					done <"$T_TMP/smacs"
				fi
			done
		else
			ip netns exec "$R" iptables-legacy -t mangle -A $ch -p igmp -j DROP
		fi
	done
	# NFLOG in mangle (before filter), with the kernel's conntrack state and direction as prefix
	for ch in FORWARD INPUT OUTPUT; do
		for st in NEW ESTABLISHED RELATED; do
			for d in ORIGINAL REPLY; do
				ip netns exec "$R" $cmd-legacy -t mangle -A $ch -m conntrack --ctstate $st --ctdir $d \
					-j NFLOG --nflog-group 7 --nflog-threshold 1 --nflog-prefix "$st/$d"
			done
		done
		for st in INVALID UNTRACKED; do
			ip netns exec "$R" $cmd-legacy -t mangle -A $ch -m conntrack --ctstate $st \
				-j NFLOG --nflog-group 7 --nflog-threshold 1 --nflog-prefix "$st"
		done
	done
	# rules that need ESTABLISHED: conntrack entries that have seen their reply (coverage_gen.py)
	ip netns exec "$R" sysctl -qw net.netfilter.nf_conntrack_tcp_be_liberal=1
	while read -r p src dst sp dp; do
		case $p in
		6|17) ip netns exec "$R" conntrack -I -p "$p" -s "$src" -d "$dst" --sport "$sp" --dport "$dp" \
			$([ "$p" = 6 ] && echo --state ESTABLISHED) -t 600 -u SEEN_REPLY,ASSURED ;;
		1) ip netns exec "$R" conntrack -I -p icmp -s "$src" -d "$dst" --icmp-type 8 --icmp-code 0 \
			--icmp-id "$sp" -t 600 -u SEEN_REPLY,ASSURED ;;
		58) ip netns exec "$R" conntrack -I -p icmpv6 -s "$src" -d "$dst" --icmpv6-type 128 \
			--icmpv6-code 0 --icmpv6-id "$sp" -t 600 -u SEEN_REPLY,ASSURED ;;
		esac >/dev/null 2>&1 || { fail "$name: conntrack -I $p $src $dst"; return; }
	done <"$T_TMP/g.ct"
	coverage_contained "$R" "$S" || { fail "$name: test traffic would leave the test's namespaces"; return; }
	ip netns exec "$R" tcpdump -U -i nflog:7 -s 0 -w "$T_TMP/log.pcap" 2>/dev/null &
	local td=$!
	wait_for 5 test -s "$T_TMP/log.pcap"
	sleep 1     # tcpdump binds the NFLOG group after writing the file header
	# the filter table counts from here: everything it sees from now on is logged
	ip netns exec "$R" $cmd-legacy-restore <"$T_TMP/canon" || { fail "$name: kernel refused"; return; }
	# multicast routes for FORWARD rules with a group as destination, held while packets flow
	local mfd=
	if [ -s "$T_TMP/g.mroutes" ]; then
		rm -f "$T_TMP/mr.fifo"; mkfifo "$T_TMP/mr.fifo"
		ip netns exec "$R" python3 "$HERE/coverage_mroute.py" "$T_TMP/g.mroutes" <"$T_TMP/mr.fifo" >"$T_TMP/mr.out" &
		T_PIDS+=($!)
		exec {mfd}>"$T_TMP/mr.fifo"
		wait_for 5 grep -q ready "$T_TMP/mr.out" || { fail "$name: multicast routes"; exec {mfd}>&-; return; }
	fi
	ip netns exec "$S" python3 "$HERE/coverage_inject.py" "$T_TMP/g.packets" "$T_TMP/peers" "$T_TMP/rmacs"
	ip netns exec "$R" python3 "$HERE/coverage_local.py" "$T_TMP/g.local" "$v" "$T_TMP/owners"
	sleep 1
	[ -n "$mfd" ] && exec {mfd}>&-
	kill -INT "$td"; wait "$td" 2>/dev/null
	ip -n "$R" -o link | awk -F': ' '{ sub(/@.*/, "", $2); print $1, $2 }' >"$T_TMP/ifindex"
	# the host's addresses as addrtype sees them: its local routing table
	# (multicast groups joined by address are MULTICAST to addrtype, never LOCAL)
	ip -n "$R" -$v route show table local |
		awk '($1 == "local" || $1 == "broadcast") && $2 !~ /\// && $2 !~ /^(22[4-9]|23[0-9])\.|^ff/ { print $1, $2, $4 }' >"$T_TMP/host"
	python3 "$HERE/coverage_nflog.py" "$T_TMP/log.pcap" "$T_TMP/ifindex" "$T_TMP/owners" >"$T_TMP/replay"
	ip netns exec "$R" $cmd-legacy-save -c -t filter | grep -v '^#' >"$T_TMP/k.save"
	"$NFCTL" $fam --state "$T_TMP/st" eval --host "$T_TMP/host" <"$T_TMP/replay" >/dev/null
	"$NFCTL" $fam --state "$T_TMP/st" save -c -t filter | grep -v '^#' >"$T_TMP/n.save"
	ip netns del "$R"; ip netns del "$S"
	n=$(wc -l <"$T_TMP/replay")
	[ -n "${COVERAGE_DEBUG:-}" ] && rm -rf /tmp/covdebug && cp -r "$T_TMP" /tmp/covdebug
	if cmp -s "$T_TMP/k.save" "$T_TMP/n.save"; then
		ok "$name: packets made for $made of $rules rules ($n replayed): every counter equals the kernel's"
	else
		diff "$T_TMP/k.save" "$T_TMP/n.save" | head -n 20 | sed 's/^/# /'

		fail "$name: counters differ ($n packets)"
	fi
	# rules no packet can reach (coverage_shadow.py) leave the denominator; the kernel must
	# agree that none of them was hit
	local unr bad
	awk '$1 == "-A" || $2 == "-A" { c = ($1 == "-A") ? $2 : $3; n[c]++; print c, n[c], $0 }' "$T_TMP/k.save" >"$T_TMP/k.idx"
	bad=$(awk 'FILENAME == ARGV[1] { u[$1 " " $2] = 1; next } (($1 " " $2) in u) && $3 ~ /^\[[1-9]/' "$T_TMP/g.unreach" "$T_TMP/k.idx")
	[ -z "$bad" ] || { fail "$name: rules proven unreachable were hit: $bad"; return; }
	unr=$(wc -l <"$T_TMP/g.unreach")
	[ "$unr" -gt 0 ] && sed 's/^/# unreachable: /' "$T_TMP/g.unreach"
	hit=$(grep -c '^\[[1-9][0-9]*:' "$T_TMP/k.save")
	total=$(($(grep -c -- '-A ' "$T_TMP/k.save") - unr))
	# The issue's target is 90% of each ruleset's reachable rules; below it the test fails
	# (COVERAGE_STRICT=0 reports a skip with the numbers instead).
	if [ "$total" -gt 0 ] && [ $((hit * 100)) -ge $((total * MIN_HIT)) ]; then
		ok "$name: $hit of $total reachable rules hit (>= $MIN_HIT%; $unr proven unreachable)"
	elif [ "${COVERAGE_STRICT:-1}" != 0 ]; then
		fail "$name: $hit of $total reachable rules hit, below $MIN_HIT% ($unr proven unreachable)"
	else
		skip "$name: $hit of $total reachable rules hit, below the $MIN_HIT% target ($unr proven unreachable)"
	fi
}

for f in ${COVERAGE_RULESETS:-"$RULESETS"/*/*}; do
	case "$f" in
	*/README*|*/LICENSE*|*/ip-*|*/ip6-*|*Lnv*|*/docker.txt) continue ;;
	esac
	fam=
	grep -q '^# *Generated by ip6tables' "$f" && fam=-6
	cover "${f#"$RULESETS"/}" "$f" $fam
done
t_done
