#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the small captures in this folder with tcpdump in throw-away namespaces:
#   eth.pcap   Ethernet (veth), sll2.pcap  Linux cooked v2 (-i any), nflog.pcap  NFLOG (-i nflog:4)
# Traffic: 2 pings, a UDP datagram, a TCP SYN (refused), a fragmented ping, 2 IPv6 pings.
# Usage (root): tests/data/pcap/gen.sh [OUTDIR]
set -e
out=$(cd "${1:-$(dirname "$0")}" && pwd)
. "$(dirname "$0")/../../lib.sh"
A=$(netns_new gena)
B=$(netns_new genb)
read -r VA VB < <(netns_pair "$A" "$B" 10.79.0.1 10.79.0.2 fd79::1 fd79::2)
ip netns exec "$B" iptables-legacy -A INPUT -p icmp -j NFLOG --nflog-group 4 --nflog-prefix "in-icmp"
ip netns exec "$B" iptables-legacy -A INPUT -p udp -j NFLOG --nflog-group 4 --nflog-prefix "in-udp"
ip netns exec "$B" iptables-legacy -A OUTPUT -p tcp -j NFLOG --nflog-group 4 --nflog-prefix "out-tcp"
ip netns exec "$B" ip6tables-legacy -A INPUT -p icmpv6 --icmpv6-type echo-request \
	-j NFLOG --nflog-group 4 --nflog-prefix "in-icmp6"

capture() {
	local name=$1; shift
	ip netns exec "$B" tcpdump -n -U --immediate-mode -w "$out/$name.pcap" "$@" 2>"$T_TMP/$name.err" &
	local p=$!
	wait_for 5 grep -q "listening on" "$T_TMP/$name.err"
	ip netns exec "$A" ping -q -c 2 -i 0.1 10.79.0.2 >/dev/null
	echo hi | ip netns exec "$A" nc -u -w 1 -q 0 10.79.0.2 5600 2>/dev/null || true
	ip netns exec "$A" nc -z -w 1 10.79.0.2 5601 || true
	ip netns exec "$A" ping -q -c 1 -s 1600 10.79.0.2 >/dev/null
	ip netns exec "$A" ping -q -6 -c 2 -i 0.1 fd79::2 >/dev/null
	sleep 1.5
	kill -INT "$p"
	wait "$p" || true
}
capture eth -i "$VB"
capture sll2 -i any
capture nflog -i nflog:4
ls -l "$out"/*.pcap
