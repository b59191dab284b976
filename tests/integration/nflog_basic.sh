#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG input against the kernel: ping, TCP, UDP, IPv6 and an nft OUTPUT rule between two
# namespaces, logged through NFLOG -> BASE -> IP2STR -> JSON and checked field by field with jq.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need jq iptables-legacy ip6tables-legacy nft ping nc
[ -x "$ULOGD" ] || { skip "nflog_basic: $ULOGD not built"; exit 0; }

A=$(netns_new nfa) && B=$(netns_new nfb) || { fail "nflog_basic: namespaces"; exit 1; }
read -r VA VB < <(netns_pair "$A" "$B" 10.77.0.1 10.77.0.2 fd77::1 fd77::2)
G=7
ipt="ip netns exec $B iptables-legacy"
$ipt -A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group $G --nflog-prefix "icmp-in"
$ipt -A INPUT -p tcp --dport 5555 --syn -j NFLOG --nflog-group $G --nflog-prefix "tcp-syn"
$ipt -A INPUT -p udp --dport 5556 -j NFLOG --nflog-group $G --nflog-prefix "udp-in"
ip netns exec "$B" ip6tables-legacy -A INPUT -p icmpv6 --icmpv6-type echo-request \
	-j NFLOG --nflog-group $G --nflog-prefix "icmp6-in"
ip netns exec "$B" nft -f - <<EOF
table inet ut {
	chain out {
		type filter hook output priority 0;
		udp dport 5557 log group $G prefix "nft-out"
	}
}
EOF

nflog_conf ulogd $G "netlink_qthreshold=1" "sync=1"
nflog_start "$B" ulogd $G || { fail "nflog_basic: daemon did not bind group $G"; exit 1; }
t0=$(date +%s)

ip netns exec "$A" ping -q -c 3 -i 0.2 10.77.0.2 >/dev/null
ip netns exec "$A" nc -z -w 1 10.77.0.2 5555
echo hello | ip netns exec "$A" nc -u -w 1 -q 0 10.77.0.2 5556 2>/dev/null
ip netns exec "$A" ping -q -6 -c 2 -i 0.2 fd77::2 >/dev/null
echo out | ip netns exec "$B" nc -u -w 1 -q 0 10.77.0.1 5557 2>/dev/null

want=$(( $($ipt -L INPUT -v -x -n | awk '/NFLOG/ {s += $1} END {print s}') +
	$(ip netns exec "$B" ip6tables-legacy -L INPUT -v -x -n | awk '/NFLOG/ {s += $1} END {print s}') + 1 ))
lines() { [ -f "$T_TMP/ulogd.json" ] && wc -l <"$T_TMP/ulogd.json" || echo 0; }
enough() { [ "$(lines)" -ge "$want" ]; }
wait_for 5 enough
check_eq "nflog_basic: one JSON object per counted packet" "$(lines)" "$want"

J="$T_TMP/ulogd.json"
q() { jq -r "$@" "$J" | sort -u | tr '\n' ' ' | sed 's/ $//'; }
ifb=$(ip netns exec "$B" cat /sys/class/net/"$VB"/ifindex)

check_eq "nflog_basic: 3 pings logged" "$(jq -c 'select(."oob.prefix" == "icmp-in")' "$J" | wc -l)" 3
check_eq "nflog_basic: ping addresses and type" \
	"$(q 'select(."oob.prefix" == "icmp-in") | [.src_ip, .dest_ip, ."ip.protocol", ."icmp.type", ."oob.family"] | @tsv')" \
	"$(printf '10.77.0.1\t10.77.0.2\t1\t8\t2')"
check_eq "nflog_basic: ping in interface, INPUT hook, Ethernet header" \
	"$(q 'select(."oob.prefix" == "icmp-in") | [."oob.ifindex_in", ."oob.hook", ."raw.mac_len", ."raw.type", ."oob.protocol"] | @tsv')" \
	"$(printf '%s\t1\t14\t1\t2048' "$ifb")"
check_eq "nflog_basic: TCP SYN" \
	"$(q 'select(."oob.prefix" == "tcp-syn") | [."ip.protocol", .dest_port, ."tcp.syn"] | @tsv')" \
	"$(printf '6\t5555\t1')"
check_eq "nflog_basic: UDP" \
	"$(q 'select(."oob.prefix" == "udp-in") | [.src_ip, .dest_port, ."ip.protocol"] | @tsv')" \
	"$(printf '10.77.0.1\t5556\t17')"
check_eq "nflog_basic: IPv6 echo requests" \
	"$(q 'select(."oob.prefix" == "icmp6-in") | [.src_ip, .dest_ip, ."oob.family", ."icmpv6.type"] | @tsv')" \
	"$(printf 'fd77::1\tfd77::2\t10\t128')"
check_eq "nflog_basic: 2 IPv6 pings" "$(jq -c 'select(."oob.prefix" == "icmp6-in")' "$J" | wc -l)" 2
check_eq "nflog_basic: nft OUTPUT rule: hook 3, out interface, no in interface" \
	"$(q 'select(."oob.prefix" == "nft-out") | [."oob.hook", ."oob.ifindex_out", (."oob.ifindex_in" // "none"), .dest_port] | @tsv')" \
	"$(printf '3\t%s\tnone\t5557' "$ifb")"
check_eq "nflog_basic: local sequence numbers 0..N-1 in order" \
	"$(jq -r '."oob.seq.local"' "$J" | tr '\n' ' ')" "$(seq -s ' ' 0 $((want - 1))) "
now=$(date +%s)
check_eq "nflog_basic: every time (kernel's or receive time) within the run" \
	"$(jq -r --argjson a "$t0" --argjson b "$now" 'select(."oob.time.sec" < $a - 1 or ."oob.time.sec" > $b + 1) | 1' "$J" | wc -l)" 0
check_eq "nflog_basic: pktcount and mark on every record" \
	"$(q '[."raw.pktcount", ."oob.mark"] | @tsv')" "$(printf '1\t0')"
t_done
