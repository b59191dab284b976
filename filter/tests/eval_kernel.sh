#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The reference evaluator against the kernel: a router namespace forwards traffic through a
# ruleset of jumps, gotos, RETURNs, a DROP policy and standard-part matches; every packet that
# reached its FORWARD chain is captured and replayed through `nfctl eval`. Per-rule and policy
# counters (packets and bytes) must equal the kernel's.
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need iptables-legacy-restore iptables-legacy-save tcpdump ping nc python3 ip
NFCTL=$ULOG_TOP/$BUILD/nfctl
[ -x "$NFCTL" ] || { fail "eval_kernel: $NFCTL not built"; exit 1; }

A=$(netns_new eka) && R=$(netns_new ekr) && B=$(netns_new ekb) || { fail "eval_kernel: netns"; exit 1; }
ip link add a0 netns "$A" type veth peer name eth0 netns "$R"
ip link add b0 netns "$B" type veth peer name eth1 netns "$R"
for a in 10.1.0.1 10.1.0.5 10.1.0.9 10.1.0.77; do ip -n "$A" addr add $a/24 dev a0; done
for a in 10.2.0.1 10.2.0.7; do ip -n "$B" addr add $a/24 dev b0; done
ip -n "$R" addr add 10.1.0.254/24 dev eth0
ip -n "$R" addr add 10.2.0.254/24 dev eth1
for ns_if in "$A a0" "$B b0" "$R eth0" "$R eth1"; do set -- $ns_if; ip -n "$1" link set "$2" up; done
ip -n "$A" route add default via 10.1.0.254
ip -n "$B" route add default via 10.2.0.254
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
# B answers nothing, so FORWARD sees only A -> B
ip netns exec "$B" iptables-legacy -A INPUT -j DROP

RULES=$T_TMP/rules
cat >"$RULES" <<'EOF'
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:deep - [0:0]
:gochain - [0:0]
:srcA - [0:0]
:tcpc - [0:0]
-A FORWARD -i eth1 -j DROP
-A FORWARD -s 10.1.0.5/32 -j srcA
-A FORWARD -p tcp -j tcpc
-A FORWARD -s 10.1.0.9 -g gochain
-A FORWARD ! -i eth+ -j DROP
-A FORWARD -d 10.2.0.7 -p icmp -j ACCEPT
-A FORWARD -s 10.1.0.0/255.255.255.240 ! -o eth0 -p udp
-A FORWARD -p udp -m udp --dport 5000:5010 -j ACCEPT
-A FORWARD -d 10.2.0.0/24 -j deep
-A FORWARD -s 10.1.0.64/26 -d 10.2.0.1
-A deep -s 10.1.0.77 -j RETURN
-A deep -p icmp -j ACCEPT
-A gochain -d 10.2.0.7 -j RETURN
-A gochain -p icmp -j ACCEPT
-A srcA -p icmp -j RETURN
-A srcA -p udp -j DROP
-A srcA
-A tcpc -p tcp -m tcp --dport 22 -j ACCEPT
-A tcpc -s 10.1.0.9 -j RETURN
-A tcpc -j DROP
COMMIT
EOF
ip netns exec "$R" iptables-legacy-restore <"$RULES" || { fail "eval_kernel: kernel refused the ruleset"; exit 1; }

# TRACE: the kernel logs every rule a packet traverses (needs the host-wide
# nf_log_all_netns for a namespace; restored at exit)
LOGALL=$(cat /proc/sys/net/netfilter/nf_log_all_netns 2>/dev/null)
if [ "$LOGALL" = 0 ]; then
	echo 1 >/proc/sys/net/netfilter/nf_log_all_netns
	trap 'echo 0 >/proc/sys/net/netfilter/nf_log_all_netns; t_cleanup' EXIT
fi
ip netns exec "$R" iptables-legacy -t raw -A PREROUTING -i eth0 -j TRACE
MARK="ulog-eval-kernel-$$-$RANDOM"
echo "$MARK" >/dev/kmsg 2>/dev/null

PCAP=$T_TMP/fwd.pcap
ip netns exec "$R" tcpdump -U -i eth0 -Q in -s 0 -w "$PCAP" ip 2>/dev/null &
TCPDUMP=$!
T_PIDS+=("$TCPDUMP")
wait_for 5 test -s "$PCAP" 2>/dev/null || sleep 1
for s in 10.1.0.1 10.1.0.5 10.1.0.9 10.1.0.77; do
	for d in 10.2.0.1 10.2.0.7; do
		ip netns exec "$A" ping -c 1 -W 0.2 -I "$s" "$d" >/dev/null 2>&1
		for p in 5005 6000; do
			echo x | ip netns exec "$A" nc -u -w 0 -s "$s" "$d" "$p" >/dev/null 2>&1
		done
		for p in 22 80; do
			ip netns exec "$A" timeout 0.3 nc -z -s "$s" "$d" "$p" >/dev/null 2>&1
		done
	done
done
sleep 0.5
kill -INT "$TCPDUMP"
wait "$TCPDUMP" 2>/dev/null

# pcap (Ethernet) -> "FORWARD eth0 eth1 HEX" lines, IP header onwards
python3 - "$PCAP" >"$T_TMP/packets" <<'EOF'
import struct, sys
d = open(sys.argv[1], 'rb').read()
le = d[:4] == b'\xd4\xc3\xb2\xa1'
o = 24
while o + 16 <= len(d):
    _, _, incl, _ = struct.unpack('<IIII' if le else '>IIII', d[o:o + 16])
    frame = d[o + 16:o + 16 + incl]
    o += 16 + incl
    if len(frame) > 14 and frame[12:14] == b'\x08\x00':
        print('FORWARD eth0 eth1 ' + frame[14:].hex())
EOF
n=$(wc -l <"$T_TMP/packets")
check "eval_kernel: captured forwarded packets ($n)" test "$n" -ge 24

ip netns exec "$R" iptables-legacy-save -c -t filter | grep -v '^#' >"$T_TMP/kernel.save"
"$NFCTL" --state "$T_TMP/state" restore <"$RULES" || fail "eval_kernel: nfctl refused the ruleset"
"$NFCTL" --state "$T_TMP/state" eval --trace <"$T_TMP/packets" >"$T_TMP/verdicts"
"$NFCTL" --state "$T_TMP/state" save -c -t filter | grep -v '^#' >"$T_TMP/nfctl.save"
if cmp -s "$T_TMP/kernel.save" "$T_TMP/nfctl.save"; then
	ok "eval_kernel: every rule and policy counter equals the kernel's"
else
	diff "$T_TMP/kernel.save" "$T_TMP/nfctl.save" | sed 's/^/# /'
	fail "eval_kernel: counters differ"
fi
# the kernel's TRACE steps for our packets, in order, against the evaluator's
dmesg | sed -n "/$MARK/,\$p" | grep 'TRACE: filter:.* IN=eth0 OUT=eth1 .*SRC=10\.1\.0\.' |
	grep -o 'TRACE: filter:[^ ]*' >"$T_TMP/kernel.trace"
grep '^TRACE: ' "$T_TMP/verdicts" >"$T_TMP/nfctl.trace"
ntr=$(wc -l <"$T_TMP/kernel.trace")
if [ "$ntr" -eq 0 ]; then
	skip "eval_kernel: TRACE: the kernel log shows no TRACE lines"
elif cmp -s "$T_TMP/kernel.trace" "$T_TMP/nfctl.trace"; then
	ok "eval_kernel: TRACE steps equal the kernel's ($ntr; $(grep -c :return: "$T_TMP/kernel.trace") return, $(grep -c :policy: "$T_TMP/kernel.trace") policy)"
else
	diff "$T_TMP/kernel.trace" "$T_TMP/nfctl.trace" | head -n 20 | sed 's/^/# /'
	fail "eval_kernel: TRACE steps differ"
fi
hit=$(grep -c '^\[[1-9][0-9]*:' "$T_TMP/kernel.save")
total=$(grep -c -- '-A ' "$T_TMP/kernel.save")
check "eval_kernel: traffic hit most rules ($hit of $total)" test "$hit" -ge $((total * 3 / 4))
check "eval_kernel: both verdicts seen" bash -c "grep -q ACCEPT '$T_TMP/verdicts' && grep -q DROP '$T_TMP/verdicts'"

# The same for IPv6 (ip6tables): extension headers are not involved, -p is the upper layer.
for a in fd01::1 fd01::5 fd01::9; do ip -n "$A" addr add $a/64 dev a0 nodad; done
for a in fd02::1 fd02::7; do ip -n "$B" addr add $a/64 dev b0 nodad; done
ip -n "$R" addr add fd01::fe/64 dev eth0 nodad
ip -n "$R" addr add fd02::fe/64 dev eth1 nodad
ip -n "$A" -6 route add default via fd01::fe
ip -n "$B" -6 route add default via fd02::fe
ip netns exec "$R" sysctl -qw net.ipv6.conf.all.forwarding=1
ip netns exec "$B" ip6tables-legacy -A INPUT -j DROP
cat >"$RULES" <<'EOF6'
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:c6 - [0:0]
-A FORWARD -i eth1 -j DROP
-A FORWARD -s fd01::5/128 -j c6
-A FORWARD -d fd02::7/128 -p ipv6-icmp -j ACCEPT
-A FORWARD -s fd01::/ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8 -p udp -j ACCEPT
-A FORWARD ! -p tcp -g c6
-A FORWARD -p tcp -m tcp --dport 22 -j ACCEPT
-A c6 -p udp -j RETURN
-A c6 -p ipv6-icmp -j ACCEPT
COMMIT
EOF6
ip netns exec "$R" ip6tables-legacy-restore <"$RULES" || fail "eval_kernel6: kernel refused the ruleset"
PCAP=$T_TMP/fwd6.pcap
ip netns exec "$R" tcpdump -U -i eth0 -Q in -s 0 -w "$PCAP" ip6 and dst net fd02::/64 2>/dev/null &
TCPDUMP=$!
T_PIDS+=("$TCPDUMP")
wait_for 5 test -s "$PCAP" 2>/dev/null || sleep 1
sleep 1   # addresses and neighbours settle
for s in fd01::1 fd01::5 fd01::9; do
	for d in fd02::1 fd02::7; do
		ip netns exec "$A" ping -6 -c 1 -W 0.2 -I "$s" "$d" >/dev/null 2>&1
		echo x | ip netns exec "$A" nc -6 -u -w 0 -s "$s" "$d" 5005 >/dev/null 2>&1
		for p in 22 80; do
			ip netns exec "$A" timeout 0.3 nc -6 -z -s "$s" "$d" "$p" >/dev/null 2>&1
		done
	done
done
sleep 0.5
kill -INT "$TCPDUMP"
wait "$TCPDUMP" 2>/dev/null
python3 - "$PCAP" >"$T_TMP/packets6" <<'EOF6'
import struct, sys
d = open(sys.argv[1], 'rb').read()
le = d[:4] == b'\xd4\xc3\xb2\xa1'
o = 24
while o + 16 <= len(d):
    _, _, incl, _ = struct.unpack('<IIII' if le else '>IIII', d[o:o + 16])
    frame = d[o + 16:o + 16 + incl]
    o += 16 + incl
    if len(frame) > 14 and frame[12:14] == b'\x86\xdd':
        print('FORWARD eth0 eth1 ' + frame[14:].hex())
EOF6
n=$(wc -l <"$T_TMP/packets6")
check "eval_kernel6: captured forwarded packets ($n)" test "$n" -ge 18
ip netns exec "$R" ip6tables-legacy-save -c -t filter | grep -v '^#\|^:INPUT\|^:OUTPUT' >"$T_TMP/kernel6.save"
"$NFCTL" -6 --state "$T_TMP/state6" restore <"$RULES" || fail "eval_kernel6: nfctl refused the ruleset"
"$NFCTL" -6 --state "$T_TMP/state6" eval <"$T_TMP/packets6" >/dev/null
"$NFCTL" -6 --state "$T_TMP/state6" save -c -t filter | grep -v '^#\|^:INPUT\|^:OUTPUT' >"$T_TMP/nfctl6.save"
if cmp -s "$T_TMP/kernel6.save" "$T_TMP/nfctl6.save"; then
	ok "eval_kernel6: every rule and policy counter equals the kernel's"
else
	diff "$T_TMP/kernel6.save" "$T_TMP/nfctl6.save" | sed 's/^/# /'
	fail "eval_kernel6: counters differ"
fi
hit=$(grep -c '^\[[1-9][0-9]*:' "$T_TMP/kernel6.save")
check "eval_kernel6: traffic hit the rules ($hit of 8)" test "$hit" -ge 6
t_done
