#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# PCAPIN input: captures taken by tcpdump in namespaces (Ethernet, Linux cooked v1 and v2, NFLOG)
# run through PCAPIN -> BASE -> IP2STR -> JSON and compared record by record with tshark; a
# damaged capture is reported with its packet index after the packets before it are written.
. "$(dirname "$0")/../lib.sh"
need tcpdump tshark jq iptables-legacy ping nc
[ -x "$ULOGD" ] || { skip "pcap_read: $ULOGD not built"; exit 0; }

A=$(netns_new pca) && B=$(netns_new pcb) || { fail "pcap_read: namespaces"; exit 1; }
read -r VA VB < <(netns_pair "$A" "$B" 10.78.0.1 10.78.0.2 fd78::1 fd78::2)
G=4
ip netns exec "$B" iptables-legacy -A INPUT -p icmp -j NFLOG --nflog-group $G --nflog-prefix "cap-icmp"
ip netns exec "$B" iptables-legacy -A INPUT -p udp -j NFLOG --nflog-group $G --nflog-prefix "cap-udp"

# capture NAME ARGS...: tcpdump in namespace B while the traffic runs
capture() {
	local name=$1; shift
	ip netns exec "$B" tcpdump -n -U --immediate-mode -w "$T_TMP/$name.pcap" "$@" 2>"$T_TMP/$name.tcpdump" &
	local p=$!
	wait_for 5 grep -q "listening on" "$T_TMP/$name.tcpdump"
	ip netns exec "$A" ping -q -c 3 -i 0.1 10.78.0.2 >/dev/null
	echo hi | ip netns exec "$A" nc -u -w 1 -q 0 10.78.0.2 5600 2>/dev/null
	ip netns exec "$A" nc -z -w 1 10.78.0.2 5601
	ip netns exec "$A" ping -q -6 -c 2 -i 0.1 fd78::2 >/dev/null
	sleep 1.5       # the kernel's NFLOG queue flushes after 1 s
	kill -INT "$p"
	wait "$p"
}
capture eth -i "$VB"
capture sll2 -i any
capture sll -i any -y LINUX_SLL
capture nflog -i "nflog:$G"

# run NAME [EXTRA]: ulogd on $T_TMP/NAME.pcap into NAME.json; sets rc
run() {
	cat >"$T_TMP/$1.conf" <<EOF
[global]
logfile="$T_TMP/$1.log"
loglevel=1
stack=in1:PCAPIN,base1:BASE,ip2str1:IP2STR,json1:JSON

[in1]
file="$T_TMP/$1.pcap"
$2

[json1]
file="$T_TMP/$1.json"
EOF
	: >"$T_TMP/$1.json"
	timeout 20 "$ULOGD" -c "$T_TMP/$1.conf" 2>"$T_TMP/$1.err"
	rc=$?
}

# tsv of what tshark reads: seconds, microseconds, source, destination. The time is the NFLOG
# timestamp TLV when the record has one (as if logged live), else the record's time.
tshark_tsv() {
	local t ts s d s6 d6
	tshark -r "$T_TMP/$1.pcap" -T fields -E separator='|' -E occurrence=f -e frame.time_epoch \
		-e nflog.timestamp -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst 2>/dev/null |
	while IFS='|' read -r t ts s d s6 d6; do
		[ -n "$ts" ] && t=$(date -u -d "$ts" +%s.%N)
		printf '%s\t%d\t%s\t%s\n' "${t%.*}" "$((10#$(echo "${t#*.}000000" | cut -c1-6)))" \
			"${s:-$s6}" "${d:-$d6}"
	done
}
ulog_tsv() {
	jq -r '[."oob.time.sec", ."oob.time.usec", (.src_ip // ""), (.dest_ip // "")] | @tsv' "$T_TMP/$1.json"
}

for c in eth sll2 sll nflog; do
	run $c
	n=$(tcpdump -r "$T_TMP/$c.pcap" 2>/dev/null | wc -l)
	check_eq "pcap_read: $c: daemon ends by itself at the end of the file" "$rc" 0
	check "pcap_read: $c: capture has packets ($n)" test "$n" -ge 4
	check_eq "pcap_read: $c: one record per packet" "$(wc -l <"$T_TMP/$c.json")" "$n"
	check_eq "pcap_read: $c: timestamps and addresses equal tshark's" \
		"$(ulog_tsv $c | md5sum)" "$(tshark_tsv $c | md5sum)"
done

ifb=$(ip netns exec "$B" cat /sys/class/net/"$VB"/ifindex)
check_eq "pcap_read: eth: Ethernet header keys on IPv4 records" \
	"$(jq -r 'select(."oob.family" == 2) | [."raw.mac_len", ."raw.type", ."raw.mac.addrlen", ."oob.protocol"] | @tsv' "$T_TMP/eth.json" | sort -u)" \
	"$(printf '14\t1\t6\t2048')"
check_eq "pcap_read: eth: echo requests decoded by BASE" \
	"$(jq -r 'select(."icmp.type" == 8) | .dest_ip' "$T_TMP/eth.json" | sort | uniq -c | awk '{print $1, $2}')" "3 10.78.0.2"
check_eq "pcap_read: sll2: in and out interfaces from the cooked header" \
	"$(jq -r 'select(."oob.family" == 2) | (."oob.ifindex_in" // ."oob.ifindex_out")' "$T_TMP/sll2.json" | sort -u)" "$ifb"
check_eq "pcap_read: sll2: replies leave by the out interface" \
	"$(jq -r 'select(."icmp.type" == 0) | ."oob.ifindex_out"' "$T_TMP/sll2.json" | sort -u)" "$ifb"
check_eq "pcap_read: sll: source address and hardware type" \
	"$(jq -r 'select(."oob.family" == 2) | [."raw.mac.addrlen", ."raw.type"] | @tsv' "$T_TMP/sll.json" | sort -u)" \
	"$(printf '6\t1')"
check_eq "pcap_read: nflog: prefixes from the capture" \
	"$(jq -r '."oob.prefix"' "$T_TMP/nflog.json" | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" \
	"3 cap-icmp 1 cap-udp "
check_eq "pcap_read: nflog: in interface and INPUT hook" \
	"$(jq -r '[."oob.ifindex_in", ."oob.hook"] | @tsv' "$T_TMP/nflog.json" | sort -u)" "$(printf '%s\t1' "$ifb")"

# the same capture as pcapng reads the same
if command -v editcap >/dev/null; then
	editcap -F pcapng "$T_TMP/eth.pcap" "$T_TMP/ng.pcap"
	run ng
	check_eq "pcap_read: pcapng: same records as the pcap" \
		"$(md5sum <"$T_TMP/ng.json")" "$(md5sum <"$T_TMP/eth.json")"
fi

# prefix option for captures without one
run eth 'prefix="replayed"'
check_eq "pcap_read: prefix option fills oob.prefix" \
	"$(jq -r '."oob.prefix"' "$T_TMP/eth.json" | sort -u)" replayed

# a damaged capture: the last record cut short
n=$(tcpdump -r "$T_TMP/eth.pcap" 2>/dev/null | wc -l)
size=$(stat -c %s "$T_TMP/eth.pcap")
head -c $((size - 7)) "$T_TMP/eth.pcap" >"$T_TMP/cut.pcap"
run cut
check_eq "pcap_read: damaged capture: the daemon ends with status 1" "$rc" 1
check "pcap_read: damaged capture: reported with its packet index ($n)" \
	grep -q "cut.pcap: packet $n: damaged record" "$T_TMP/cut.log"
check_eq "pcap_read: damaged capture: the packets before it are written" \
	"$(wc -l <"$T_TMP/cut.json")" $((n - 1))

# not a capture, and a missing file: errors at start naming the file
echo "not a capture" >"$T_TMP/junk.pcap"
run junk
check "pcap_read: junk file refused at start (rc $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
check "pcap_read: junk file named in the error" grep -q "junk.pcap" "$T_TMP/junk.err"
t_done
