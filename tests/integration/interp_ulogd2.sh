#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The interpreters side by side with ulogd2 2.0.8 on the same kernel traffic: two NFLOG
# rules per packet (groups 7 and 8), ulog and ulogd2 each with NFLOG, BASE, IFINDEX,
# IP2STR, HWHDR, IP2BIN, IP2HBIN, MARK into JSON. Values must be equal key by key, except ulogd2's known
# bugs, where ours must be the right value:
#   tcp.offset   ulogd2 byte-swaps the 4-bit data offset: always 0
#   icmp.csum, icmpv6.csum   ulogd2 stores the checksum without ntohs (bytes swapped)
#   transport keys of IPv4 non-first fragments   ulogd2 decodes payload bytes as a header
# MARK (mark=0, mask=0x10) drops the UDP records, marked 0x13 in mangle.
# Traffic: ICMP echo, TCP SYN, UDP, IPv6 ICMPv6/TCP/UDP, IPv4 and IPv6 fragments (logged
# in PREROUTING, before reassembly).
. "$(dirname "$0")/../lib.sh"
need ip iptables-legacy ip6tables-legacy jq ping
REF=/usr/sbin/ulogd
RPLUG=/usr/lib/x86_64-linux-gnu/ulogd
[ -x "$REF" ] && [ -f "$RPLUG/ulogd_raw2packet_BASE.so" ] || { skip "interp_ulogd2: ulogd2 not installed"; exit 0; }
[ -x "$ULOGD" ] || { fail "interp_ulogd2: $ULOGD not built"; exit 1; }

ns=$(netns_new ip2a) && peer=$(netns_new ip2b) || { fail "interp_ulogd2: namespaces"; exit 1; }
netns_pair "$ns" "$peer" 10.77.0.1 10.77.0.2 fd00:77::1 fd00:77::2 >/dev/null ||
	{ fail "interp_ulogd2: veth"; exit 1; }
# Only the peer's own traffic: unsolicited MLD/ND from link-local addresses would race
# with the daemons' start and stop.
# UDP gets mark 0x13; MARK with mark=0, mask=0x10 then drops exactly those records.
ip netns exec "$ns" iptables-legacy -t mangle -A PREROUTING -p udp -j MARK --set-mark 0x13
ip netns exec "$ns" ip6tables-legacy -t mangle -A PREROUTING -p udp -j MARK --set-mark 0x13
for g in 7 8; do
	ip netns exec "$ns" iptables-legacy -t mangle -A PREROUTING -s 10.77.0.2 \
		-j NFLOG --nflog-group $g --nflog-prefix "pre"
	ip netns exec "$ns" ip6tables-legacy -t mangle -A PREROUTING -s fd00:77::2 \
		-j NFLOG --nflog-group $g --nflog-prefix "pre6"
done

conf() { # conf FILE GROUP JSONFILE PLUGIN_LINES
	cat >"$1" <<EOF
[global]
logfile="$T_TMP/$(basename "$1").log"
$4
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,hw1:HWHDR,bin1:IP2BIN,hbin1:IP2HBIN,mark1:MARK,json1:JSON
[log1]
group=$2
[mark1]
mark=0
mask=0x10
[json1]
file="$3"
sync=1
EOF
}
plugins=""
for p in inppkt_NFLOG raw2packet_BASE filter_IFINDEX filter_IP2STR filter_HWHDR filter_IP2BIN filter_IP2HBIN filter_MARK output_JSON; do
	plugins+="plugin=\"$RPLUG/ulogd_$p.so\""$'\n'
done
conf "$T_TMP/ours.conf" 7 "$T_TMP/ours.json" ""
conf "$T_TMP/ref.conf" 8 "$T_TMP/ref.json" "$plugins"

ip netns exec "$ns" "$ULOGD" -c "$T_TMP/ours.conf" & T_PIDS+=($!)
ip netns exec "$ns" "$REF" -c "$T_TMP/ref.conf" & T_PIDS+=($!)
sleep 1.5

x() { ip netns exec "$peer" "$@" >/dev/null 2>&1; }
x ping -c1 -W1 10.77.0.1
x ping -c1 -W1 -s 2000 10.77.0.1
x ping -6 -c1 -W1 fd00:77::1
x ping -6 -c1 -W1 -s 2000 fd00:77::1
x bash -c 'echo hi >/dev/udp/10.77.0.1/5555; echo hi >/dev/udp/fd00:77::1/5556'
x timeout 2 bash -c 'exec 3<>/dev/tcp/10.77.0.1/22'
x timeout 2 bash -c 'exec 3<>/dev/tcp/[fd00:77::1]/22'
sleep 1.5
for p in "${T_PIDS[@]}"; do kill "$p"; wait "$p" 2>/dev/null; done
T_PIDS=()

n_ours=$(wc -l <"$T_TMP/ours.json")
n_ref=$(wc -l <"$T_TMP/ref.json")
check_eq "interp_ulogd2: same number of records" "$n_ours" "$n_ref"
check "interp_ulogd2: enough records ($n_ours)" test "$n_ours" -ge 8

check_eq "interp_ulogd2: MARK drops the marked (UDP) records in both" \
	"$(jq -s '[.[] | select(."ip.protocol" == 17)] | length' "$T_TMP/ours.json" "$T_TMP/ref.json")" 0
marked=$(ip netns exec "$ns" iptables-legacy -t mangle -L PREROUTING -v -x -n | awk '/MARK/ {print $1; exit}')
check "interp_ulogd2: UDP was sent and marked ($marked packets)" test "${marked:-0}" -ge 1
check_eq "interp_ulogd2: ... and only those" \
	"$(jq -s '[.[] | select(."oob.mark" != 0)] | length' "$T_TMP/ours.json")" 0

# Keys that differ by design (time, sequence) or by a ulogd2 bug (checked below).
drop='del(.timestamp, ."oob.time.sec", ."oob.time.usec", ."oob.seq.local", ."oob.seq.global",
	."tcp.offset", ."icmp.csum", ."icmpv6.csum")'
jq -cS "$drop" "$T_TMP/ours.json" >"$T_TMP/ours.n"
# ulogd2 decodes the payload of an IPv4 non-first fragment as a transport header.
refdrop='if ."oob.family" == 2 and (."ip.fragoff" % 8192) > 0 then
	with_entries(select(.key | test("^(icmp|tcp|udp|sctp)[.]|^ahesp[.]|^(src|dest)_port$") | not))
	else . end'
jq -cS "$refdrop | $drop" "$T_TMP/ref.json" >"$T_TMP/ref.n"
if diff "$T_TMP/ref.n" "$T_TMP/ours.n" >"$T_TMP/diff"; then
	ok "interp_ulogd2: every other key equal, record by record"
else
	head -n 20 "$T_TMP/diff" | sed 's/^/# /'
	fail "interp_ulogd2: every other key equal, record by record"
fi

# Where ulogd2 is wrong, ours must be right.
swap16='(((. % 256) * 256) + ((. / 256) | floor))'
pairs=$(paste -d ' ' <(jq -c . "$T_TMP/ours.json") <(jq -c . "$T_TMP/ref.json") |
	jq -sc 'def swap: '"$swap16"'; [range(0; length; 2) as $i | {o: .[$i], r: .[$i + 1]}]')
check_eq "interp_ulogd2: ulogd2's tcp.offset is 0, ours the real data offset (10 on a SYN)" \
	"$(jq -c '[.[] | select(.o."tcp.syn" == 1) | [.o."tcp.offset", .r."tcp.offset"]] | unique' <<<"$pairs")" \
	'[[10,0]]'
check_eq "interp_ulogd2: icmp/icmpv6 checksums are ulogd2's byte-swapped" \
	"$(jq 'def swap: '"$swap16"'; [.[] | (.o."icmp.csum" // .o."icmpv6.csum") as $c |
		select($c != null) | ($c | swap) == (.r."icmp.csum" // .r."icmpv6.csum")] | (length > 0 and all)' <<<"$pairs")" \
	true
check_eq "interp_ulogd2: non-first fragments logged (ip.fragoff offset > 0) without transport keys" \
	"$(jq -s '[.[] | select(."oob.family" == 2 and (."ip.fragoff" % 8192) > 0)] |
		(length > 0 and all(has("icmp.type") | not))' "$T_TMP/ours.json")" true
check_eq "interp_ulogd2: IPv6 fragments carry ip6.fragid" \
	"$(jq -s '[.[] | select(has("ip6.fragid"))] | length > 1' "$T_TMP/ours.json")" true
t_done
