#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG from the bridge family: an nft bridge rule logs ARP crossing a bridge; the record has
# family AF_BRIDGE, protocol ETH_P_ARP, the port's ifindex, and BASE decodes the ARP header.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need nft ping jq
[ -x "$ULOGD" ] || { skip "nflog_bridge: $ULOGD not built"; exit 0; }

A=$(netns_new nfbra) && B=$(netns_new nfbrb) || { fail "nflog_bridge: namespaces"; exit 1; }
ip link add vbra netns "$A" type veth peer name vbrb netns "$B" || { fail "nflog_bridge: veth"; exit 1; }
ip -n "$B" link add br0 type bridge
ip -n "$B" link set vbrb master br0
ip -n "$A" addr add 10.81.0.1/24 dev vbra
ip -n "$B" addr add 10.81.0.2/24 dev br0
ip -n "$A" link set vbra up
ip -n "$B" link set vbrb up
ip -n "$B" link set br0 up
G=12
ip netns exec "$B" nft -f - <<EOC
table bridge ut {
	chain in {
		type filter hook input priority 0;
		ether type arp log group $G prefix "br-arp"
	}
}
EOC
nflog_conf ulogd $G "netlink_qthreshold=1" "sync=1"
nflog_start "$B" ulogd $G || { fail "nflog_bridge: daemon did not bind"; exit 1; }
ip netns exec "$A" ping -q -c 1 -W 1 10.81.0.2 >/dev/null
logged() { [ -s "$T_TMP/ulogd.json" ]; }
wait_for 5 logged
# the kernel reports the bridge as the in interface (the port is NFULA_IFINDEX_PHYSINDEV)
port=$(ip netns exec "$B" cat /sys/class/net/br0/ifindex)
check_eq "nflog_bridge: ARP request logged from the bridge family" \
	"$(jq -r 'select(."arp.operation" == 1) | [."oob.prefix", ."oob.family", ."oob.protocol", ."oob.ifindex_in", ."raw.mac_len", ."arp.saddr.str", ."arp.daddr.str"] | @tsv' "$T_TMP/ulogd.json" | head -n 1)" \
	"$(printf 'br-arp\t7\t2054\t%s\t14\t10.81.0.1\t10.81.0.2' "$port")"
t_done
