#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# nfcore's host model with policy routing against the kernel: a router R sends one destination
# 10.81.50.2 out r1 or r2 by the packet's source (`ip rule from 10.81.7.0/24 lookup 100`), its
# mark (`fwmark 0x5 lookup 200`, set by mangle for port 443) or drops it by in interface
# (`iif r0 prohibit`). A capture of R replayed through nfcore with R's `ip -j addr`,
# `ip -j route show table all` and `ip -j rule` must give every rule (FORWARD by out
# interface, rpfilter counts) the kernel's counters and the same conntrack table; without the
# rule file the counters must differ (the test can fail).
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save conntrack tcpdump nc python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
[ -x "$NFCORE" ] || { skip "ct_policy_routing: $NFCORE not built"; exit 0; }

C=$(netns_new pc) && R=$(netns_new pr) && S1=$(netns_new ps1) && S2=$(netns_new ps2) ||
	{ fail "ct_policy_routing: namespaces"; exit 1; }
for n in "$C" "$R" "$S1" "$S2"; do
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
done
ip link add r0 netns "$R" type veth peer name c0 netns "$C" &&
ip link add r1 netns "$R" type veth peer name s0 netns "$S1" &&
ip link add r2 netns "$R" type veth peer name s0 netns "$S2" || { fail "ct_policy_routing: veths"; exit 1; }
ip -n "$C" addr add 10.81.1.2/24 dev c0; ip -n "$C" addr add 10.81.7.2/24 dev c0
ip -n "$R" addr add 10.81.1.1/24 dev r0
ip -n "$R" addr add 10.81.2.1/24 dev r1; ip -n "$S1" addr add 10.81.2.2/24 dev s0
ip -n "$R" addr add 10.81.3.1/24 dev r2; ip -n "$S2" addr add 10.81.3.2/24 dev s0
for x in "$C c0" "$R r0" "$R r1" "$R r2" "$S1 s0" "$S2 s0" "$S1 lo" "$S2 lo"; do
	set -- $x; ip -n "$1" link set "$2" up
done
ip -n "$S1" addr add 10.81.50.2/32 dev lo; ip -n "$S2" addr add 10.81.50.2/32 dev lo
ip -n "$C" route add default via 10.81.1.1
ip -n "$R" route add 10.81.7.0/24 dev r0 src 10.81.1.1
ip -n "$S1" route add default via 10.81.2.1; ip -n "$S2" route add default via 10.81.3.1
ip -n "$R" route add 10.81.50.2/32 via 10.81.2.2 dev r1
ip -n "$R" route add 10.81.50.2/32 via 10.81.3.2 dev r2 table 100
ip -n "$R" route add 10.81.50.0/24 via 10.81.3.2 dev r2 table 200
ip -n "$R" rule add from 10.81.7.0/24 lookup 100 pref 100
ip -n "$R" rule add fwmark 0x5/0xff lookup 200 pref 200
ip -n "$R" rule add iif r0 to 10.81.60.0/24 prohibit pref 300
for d in all default r0 r1 r2; do ip netns exec "$R" sysctl -qw net.ipv4.conf.$d.rp_filter=0; done
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.netfilter.nf_conntrack_acct=1
inC="ip netns exec $C"; inR="ip netns exec $R"

cat >"$T_TMP/rules.v4" <<'RULES'
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -m rpfilter
-A PREROUTING -m rpfilter --invert
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 443 -j MARK --set-xmark 0x5/0xffffffff
-A POSTROUTING -o r1
-A POSTROUTING -o r2
COMMIT
*filter
:FORWARD DROP [0:0]
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -i r0 -o r1 -p icmp -j ACCEPT
-A FORWARD -i r0 -o r2 -p icmp -j ACCEPT
-A FORWARD -s 10.81.1.0/24 -i r0 -o r1 -p tcp -j ACCEPT
-A FORWARD -s 10.81.7.0/24 -i r0 -o r2 -p tcp -j ACCEPT
-A FORWARD -i r0 -o r2 -p tcp -m tcp --dport 443 -j ACCEPT
COMMIT
RULES
$inR iptables-legacy-restore <"$T_TMP/rules.v4" || { fail "ct_policy_routing: the kernel refuses the ruleset"; exit 1; }
$inR ip -j addr >"$T_TMP/addr.json"
$inR ip -j route show table all >"$T_TMP/route.json"
$inR ip -j rule >"$T_TMP/rule.json"

sleep 1
capture_start ct_policy_routing "$R" || exit 1
for t in raw mangle filter; do $inR iptables-legacy -t $t -Z; done
T_FROM=$(date +%s.%N)

wait_for 5 $inC ping -c 1 -W 1 -q 10.81.50.2 >/dev/null            # main: r1
$inC ping -c 2 -i 0.2 -W 1 -q -I 10.81.7.2 10.81.50.2 >/dev/null   # from 10.81.7/24: r2
for s in "$S1" "$S2"; do
	ip netns exec "$s" nc -l 10.81.50.2 80 >/dev/null & T_PIDS+=($!)
done
ip netns exec "$S2" nc -l 10.81.50.2 443 >/dev/null & T_PIDS+=($!)
sleep 0.3
echo a | $inC nc -q1 -w2 -s 10.81.1.2 10.81.50.2 80                   # r1
echo b | $inC nc -q1 -w2 -s 10.81.7.2 10.81.50.2 80                   # r2 by source
echo c | $inC nc -q1 -w2 -s 10.81.1.2 10.81.50.2 443                  # r2 by mark
$inC ping -c 1 -W 1 -q 10.81.60.1 >/dev/null                       # prohibit from r0
kernel_snapshot "$R" 4

HOST=(--rules "$T_TMP/rules.v4" --host "$T_TMP/addr.json" --host "$T_TMP/route.json")
nfcore_compare ct_policy_routing "${HOST[@]}" --host "$T_TMP/rule.json"
rules=$(grep -c '^\[' "$T_TMP/kernel.save")
check_eq "ct_policy_routing: the traffic hits all $rules rules" "$(grep '^\[' "$T_TMP/kernel.save" | grep -vc '^\[0:0\]')" "$rules"
nfcore_replay ct_policy_routing _main "${HOST[@]}" || exit 1
check "ct_policy_routing: without the rule file (main table only) the counters differ" \
	bash -c "! diff -q '$T_TMP/kernel.save' '$T_TMP/ours_main.save' >/dev/null"
[ -n "${CT_POLICY_KEEP:-}" ] && cp -r "$T_TMP" "$CT_POLICY_KEEP"
t_done
