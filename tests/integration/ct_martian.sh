#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Martian drops against the kernel: C sends crafted UDP packets through a packet socket to router
# R (3 ms apart), one per kind and destination port: martian sources (multicast, limited
# broadcast, loopback, 0.0.0.0, R's own addresses, a subnet broadcast), martian destinations
# (0.0.0.0, loopback) and the ones the kernel lets in (DHCP's 0.0.0.0 -> 255.255.255.255,
# 0.0.0.0 -> 224.0.0.1, 0.0.0.0/8 and class E sources), IPv6 loopback, unspecified and
# multicast sources. R counts each port in raw PREROUTING, INPUT and FORWARD and conntrack states
# in mangle PREROUTING. The kernel's counters must show each kind's fate (routing drops counted
# in PREROUTING only; ip6_rcv_core's drops not even there), and nfcore --replay of R's capture
# must give every counter and the conntrack table equal to the kernel's. Twice: without policy
# rules (fib_validate_source's fast path: only R's own addresses are martian sources) and with
# a custom `ip rule` (the full check: a broadcast source is refused too). Then R's routing
# sysctls (rp_kinds): rp_filter 1 and 2 on all and on r0 alone, accept_local, route_localnet,
# with sources R routes back out r1 (10.N.50.0/24), into a blackhole or nowhere, R's own,
# 127/8; nfcore is given R's `sysctl net.ipv4.conf` dump with --host in every phase (`sysctl -a`
# in two, `grep . /proc/sys/net/ipv4/conf/*/*` in one).
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save ip6tables-legacy-restore conntrack tcpdump python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
[ -x "$NFCORE" ] || { skip "ct_martian: $NFCORE not built"; exit 0; }

# KIND SRC DST L2 FATE_PLAIN FATE_RULES: L2 host (R's MAC), bcast or mcast; FATE F forwarded,
# I INPUT, D dropped by routing after PREROUTING, R refused before PREROUTING. N: the net number.
kinds() {
	cat <<KINDS
ctl-fwd 10.N.1.2 10.N.2.2 host F F
ctl-in 10.N.1.2 10.N.1.1 host I I
ctl-in-r1 10.N.1.2 10.N.2.1 host I I
dhcp 0.0.0.0 255.255.255.255 bcast I I
lbcast 10.N.1.2 255.255.255.255 bcast I I
subnet-bcast 10.N.1.2 10.N.1.255 bcast I I
zero-zero 0.0.0.0 0.0.0.0 host I I
zero-allhosts 0.0.0.0 224.0.0.1 mcast I I
allhosts 10.N.1.2 224.0.0.1 mcast I I
zeronet8-src 0.1.2.3 10.N.2.2 host F F
classe-src 240.1.2.3 10.N.2.2 host F F
bcast-src-in 10.N.2.255 10.N.1.1 host I D
bcast-src-fwd 10.N.1.255 10.N.2.2 host F D
lo2-to-lbcast 127.0.0.2 255.255.255.255 bcast I D
hairpin 10.N.1.2 10.N.1.5 host F F
bcast-src-hairpin 10.N.1.255 10.N.1.5 host D D
mc-src 224.1.2.3 10.N.2.2 host D D
mc-src-to-mc 224.1.2.3 224.0.0.1 mcast D D
lbcast-src 255.255.255.255 10.N.1.1 host D D
lo-src-in 127.0.0.1 10.N.1.1 host D D
lo-src-fwd 127.0.0.1 10.N.2.2 host D D
lo-src-to-lbcast 127.0.0.1 255.255.255.255 bcast D D
lo-src-to-mc 127.0.0.1 224.0.0.1 mcast D D
zero-src-in 0.0.0.0 10.N.1.1 host D D
zero-src-fwd 0.0.0.0 10.N.2.2 host D D
zero-src-to-group 0.0.0.0 239.1.1.1 mcast D D
local-src-in 10.N.2.1 10.N.1.1 host D D
local-src-fwd 10.N.1.1 10.N.2.2 host D D
local-src-to-lbcast 10.N.2.1 255.255.255.255 bcast D D
local-src-to-mc 10.N.2.1 224.0.0.1 mcast D D
zero-dst 10.N.1.2 0.0.0.0 host D D
lo-dst 10.N.1.2 127.0.0.1 host D D
no-route 10.N.1.2 10.99.0.1 host D D
ctl6-fwd fdN:1::2 fdN:2::2 host F F
ctl6-in fdN:1::2 fdN:1::1 host I I
lo6-src-in ::1 fdN:1::1 host R R
lo6-src-fwd ::1 fdN:2::2 host R R
lo6-dst fdN:1::2 ::1 host R R
mc6-src ff02::1 fdN:1::1 host R R
unspec6-src-in :: fdN:1::1 host I I
unspec6-src-fwd :: fdN:2::2 host D D
local6-src-in fdN:2::1 fdN:1::1 host I I
local6-src-fwd fdN:1::1 fdN:2::2 host F F
mapped6-src ::ffff:10.N.1.2 fdN:1::1 host I I
KINDS
}

# KIND SRC DST L2 then the fate per sysctl phase: plain (all 0), strict (all.rp_filter 1),
# strict-r0 (r0 1), loose (all 2), loose-max (all 1, r0 2), alocal (r0.accept_local 1),
# alocal-strict (all accept_local and rp_filter 1), localnet (all.route_localnet 1),
# localnet-loose (r0 route_localnet 1 and rp_filter 2), nofwd (r0.forwarding 0). R routes 10.N.50.0/24 via S and
# 10.N.60.0/24 to a blackhole; 10.99.0.0/16 has no route.
rp_kinds() {
	cat <<KINDS
ctl-fwd 10.N.1.2 10.N.2.2 host F F F F F F F F F D
ctl-in 10.N.1.2 10.N.1.1 host I I I I I I I I I I
other-fwd 10.N.50.2 10.N.2.2 host F D D F F F D F F D
other-in 10.N.50.2 10.N.1.1 host I D D I I I D I I I
other-lbcast 10.N.50.2 255.255.255.255 bcast I D D I I I D I I I
other-mc 10.N.50.2 224.0.0.1 mcast I D D I I I D I I I
other-hairpin 10.N.50.2 10.N.1.5 host F D D F F F D F F D
noroute-fwd 10.99.0.1 10.N.2.2 host F D D D D F D F D D
noroute-in 10.99.0.1 10.N.1.1 host I D D D D I D I D I
blackhole-fwd 10.N.60.1 10.N.2.2 host F D D D D F D F D D
local-in 10.N.2.1 10.N.1.1 host D D D D D I D D D D
local-own-fwd 10.N.1.1 10.N.2.2 host D D D D D F F D D D
local-hairpin 10.N.2.1 10.N.1.5 host D D D D D F D D D D
lo-in 127.0.0.2 10.N.1.1 host D D D D D D D I D D
lo-fwd 127.0.0.2 10.N.2.2 host D D D D D D D F D D
lo1-in 127.0.0.1 10.N.1.1 host D D D D D D D D D D
lo-dst 10.N.1.2 127.0.0.1 host D D D D D D D I I D
lo-mc 127.0.0.2 224.0.0.1 mcast D D D D D D D I D D
KINDS
}

# rules FAMILY: raw PREROUTING, INPUT and FORWARD count each kind's port from r0; mangle counts states.
rules() {
	local f=$1 p
	echo '*raw'; echo ':PREROUTING ACCEPT [0:0]'; echo ':OUTPUT ACCEPT [0:0]'
	for p in "${PORTS[@]}"; do echo "-A PREROUTING -i r0 -p udp -m udp --dport $p"; done
	echo 'COMMIT'; echo '*mangle'
	for p in PREROUTING INPUT FORWARD OUTPUT POSTROUTING; do echo ":$p ACCEPT [0:0]"; done
	for p in NEW ESTABLISHED RELATED INVALID; do echo "-A PREROUTING -m conntrack --ctstate $p"; done
	echo 'COMMIT'; echo '*filter'; echo ':INPUT ACCEPT [0:0]'; echo ':FORWARD ACCEPT [0:0]'; echo ':OUTPUT ACCEPT [0:0]'
	for p in "${PORTS[@]}"; do echo "-A INPUT -i r0 -p udp -m udp --dport $p"; done
	for p in "${PORTS[@]}"; do echo "-A FORWARD -i r0 -p udp -m udp --dport $p"; done
	p=icmp; [ "$f" = 6 ] && p=ipv6-icmp
	echo "-A INPUT -p $p"; echo "-A FORWARD -p $p"
	echo 'COMMIT'
}

cat >"$T_TMP/send.py" <<'PY'
# Sends one UDP packet per line of a kinds file (SRC DST L2 PORT) from a packet socket on IFACE
# to MAC (or the broadcast / IPv4 or IPv6 multicast MAC of the destination), 3 ms apart.
import ipaddress, socket, struct, sys, time

def csum(b):
    b += b'\0' * (len(b) % 2)
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def frame(src, dst, l2, port, mac, own):
    s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    pay = b'martian!'
    udp = struct.pack('!HHHH', 40000, port, 8 + len(pay), 0) + pay
    if s.version == 4:
        pseudo = s.packed + d.packed + struct.pack('!BBH', 0, 17, len(udp))
        udp = udp[:6] + struct.pack('!H', csum(pseudo + udp) or 0xffff) + udp[8:]
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), port, 0, 64, 17, 0, s.packed, d.packed)
        ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
        mc = bytes([1, 0, 0x5e, d.packed[1] & 0x7f]) + d.packed[2:]
        etype = 0x0800
    else:
        pseudo = s.packed + d.packed + struct.pack('!IxxxB', len(udp), 17)
        udp = udp[:6] + struct.pack('!H', csum(pseudo + udp) or 0xffff) + udp[8:]
        ip = struct.pack('!IHBB16s16s', 6 << 28, len(udp), 17, 64, s.packed, d.packed)
        mc = bytes([0x33, 0x33]) + d.packed[12:]
        etype = 0x86dd
    to = {'host': bytes.fromhex(mac.replace(':', '')), 'bcast': b'\xff' * 6, 'mcast': mc}[l2]
    return to + bytes.fromhex(own.replace(':', '')) + struct.pack('!H', etype) + ip + udp

iface, mac, own, path = sys.argv[1:5]
sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
sock.bind((iface, 0))
for line in open(path):
    src, dst, l2, port = line.split()
    sock.send(frame(src, dst, l2, int(port), mac, own))
    time.sleep(0.003)
PY

# fate_counts NAME FATE PORT: checks the kernel's raw PREROUTING / INPUT / FORWARD counters of PORT.
fate_counts() {
	local want got
	case $2 in F) want="1 0 1" ;; I) want="1 1 0" ;; D) want="1 0 0" ;; R) want="0 0 0" ;; esac
	got=$(for c in PREROUTING INPUT FORWARD; do
		awk -v c="$c" -v p="$3" '$2 == "-A" && $3 == c && $NF == p { split($1, a, /[\[:]/); n += a[2] }
			END { print n + 0 }' "$T_TMP/kernel.save"
	done | tr '\n' ' ')
	check_eq "$1" "${got% }" "$want"
}

# dad_done NS: no IPv6 address of namespace NS is still tentative.
dad_done() {
	! ip -n "$1" -6 addr | grep -q tentative
}

# phase TAG N KINDS FATE_COLUMN [RULE [SYSCTL...]]: one router with sysctls SYSCTL (net.ipv4.conf.X),
# the kinds sent, the kernel's fates and nfcore's replay. CT_MARTIAN_PHASES="TAG..." runs those alone.
phase() {
	local tag=$1 n=$2 kinds=$3 col=$4 rule=${5:-} i=0 k src dst l2 fates fate rmac cmac host x
	shift 5 2>/dev/null || shift $#
	[ -n "${CT_MARTIAN_PHASES:-}" ] && [[ " $CT_MARTIAN_PHASES " != *" $tag "* ]] && return 0
	router_triple "m$tag" "$n" || { fail "ct_martian $tag: namespaces"; return 1; }
	for x in all default r0 r1; do
		$inR sysctl -qw net.ipv4.conf.$x.rp_filter=0 net.ipv4.conf.$x.accept_local=0 \
			net.ipv4.conf.$x.route_localnet=0 net.ipv4.conf.$x.bc_forwarding=0
	done
	for x in "$@"; do $inR sysctl -qw "net.ipv4.conf.$x"; done
	$inR sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.r0.accept_ra=0
	$inC sysctl -qw net.ipv6.conf.c0.accept_ra=0; $inS sysctl -qw net.ipv6.conf.s0.accept_ra=0  # no RS
	[ -n "$rule" ] && ip -n "$R" rule add $rule
	ip -n "$R" route add "10.$n.50.0/24" via "10.$n.2.2"
	ip -n "$R" route add blackhole "10.$n.60.0/24"
	cmac=$(ip -n "$C" -j link show c0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
	ip -n "$R" neigh add "10.$n.1.5" lladdr "$cmac" dev r0   # the hairpin's next hop: sent at once
	PORTS=(); : >"$T_TMP/send.txt"; : >"$T_TMP/fates.txt"
	while read -r k src dst l2 fates; do
		src=${src//N/$n}; dst=${dst//N/$n}; fate=$(echo $fates | cut -d' ' -f"$col")
		PORTS+=($((2000 + i)))
		echo "$src $dst $l2 $((2000 + i))" >>"$T_TMP/send.txt"
		echo "$k $fate $((2000 + i))" >>"$T_TMP/fates.txt"
		i=$((i + 1))
	done < <($kinds)
	rules 4 >"$T_TMP/rules.v4"; rules 6 >"$T_TMP/rules.v6"
	$inR iptables-legacy-restore <"$T_TMP/rules.v4" && $inR ip6tables-legacy-restore <"$T_TMP/rules.v6" ||
		{ fail "ct_martian $tag: the kernel refuses the ruleset"; return 1; }
	$inR ip -j addr >"$T_TMP/addr.json"
	{ $inR ip -j route; $inR ip -j -6 route; } | tr -d '\n' | sed 's/\]\[/,/' >"$T_TMP/route.json"
	$inR ip -j rule >"$T_TMP/rule.json"
	case $tag in  # the three forms of dump nfcore takes
	loose|localnet-loose) $inR sysctl -a >"$T_TMP/sysctl.txt" 2>/dev/null ;;
	alocal-strict) $inR sh -c 'grep . /proc/sys/net/ipv4/conf/*/*' >"$T_TMP/sysctl.txt" 2>/dev/null ;;
	*) $inR sysctl net.ipv4.conf >"$T_TMP/sysctl.txt" ;;
	esac
	rmac=$(ip -n "$R" -j link show r0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
	# the links' IPv6 chatter (DAD, then MLD reports within a second) over before the window opens
	for x in "$C" "$R" "$S"; do wait_for 5 dad_done "$x"; done
	sleep 1.5
	capture_start "ct_martian $tag" "$R" || return 1
	for t in raw mangle filter; do $inR iptables-legacy -t $t -Z; $inR ip6tables-legacy -t $t -Z; done
	T_FROM=$(date +%s.%N)
	$inC python3 "$T_TMP/send.py" c0 "$rmac" "$cmac" "$T_TMP/send.txt" ||
		{ fail "ct_martian $tag: sending failed"; return 1; }
	kernel_snapshot "$R" 4 6
	while read -r k fate port; do
		fate_counts "ct_martian $tag: the kernel's fate of $k ($fate)" "$fate" "$port"
	done <"$T_TMP/fates.txt"
	host=(--rules "$T_TMP/rules.v4" --rules6 "$T_TMP/rules.v6" --host "$T_TMP/addr.json"
	      --host "$T_TMP/route.json" --host "$T_TMP/sysctl.txt")
	[ -n "$rule" ] && host+=(--host "$T_TMP/rule.json")
	nfcore_compare "ct_martian $tag" "${host[@]}"
	grep -o 'no-route=[0-9]*' "$T_TMP/ours.txt" | sed "s/^/# ct_martian $tag: nfcore /"
	[ -n "${CT_MARTIAN_KEEP:-}" ] && cp -r "$T_TMP" "$CT_MARTIAN_KEEP-$tag"
	return 0
}

phase plain 86 kinds 1
phase rules 87 kinds 2 "from 10.87.7.0/24 lookup main pref 100"
phase rp0 88 rp_kinds 1 ""
phase strict 89 rp_kinds 2 "" all.rp_filter=1
phase strict-r0 90 rp_kinds 3 "" r0.rp_filter=1
phase loose 91 rp_kinds 4 "" all.rp_filter=2
phase loose-max 92 rp_kinds 5 "" all.rp_filter=1 r0.rp_filter=2
phase alocal 93 rp_kinds 6 "" r0.accept_local=1
phase alocal-strict 94 rp_kinds 7 "" all.accept_local=1 all.rp_filter=1
phase localnet 95 rp_kinds 8 "" all.route_localnet=1
phase localnet-loose 96 rp_kinds 9 "" r0.route_localnet=1 r0.rp_filter=2
phase nofwd 97 rp_kinds 10 "" r0.forwarding=0
t_done
