#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The daemon's JSON and LOGEMU files on real NFLOG traffic: fields equal to what was sent, files
# mode 0640, buffered lines written at the end of each batch, SIGHUP rotation, SIGTERM drain.
. "${ULOG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need ip iptables ip6tables jq ping nc
[ -x "$ULOGD" ] || { skip "outputs_files: $ULOGD not built"; exit 0; }

ns=$(netns_new outf) || exit 1
peer=$(netns_new outfpeer) || exit 1
read -r vns vpeer < <(netns_pair "$ns" "$peer" 10.99.8.1 10.99.8.2 fd99:8::1 fd99:8::2) || exit 1
T=$T_TMP

ip netns exec "$ns" iptables -A INPUT -p icmp -j NFLOG --nflog-group 41 --nflog-prefix "ICMP-IN"
ip netns exec "$ns" iptables -A INPUT -p tcp --dport 8080 -j NFLOG --nflog-group 41 \
	--nflog-prefix 'TCP "q" \ in'
ip netns exec "$ns" iptables -A INPUT -p udp --dport 5353 -j NFLOG --nflog-group 41 --nflog-prefix "UDP-IN"
ip netns exec "$ns" iptables -A INPUT -p udp --dport 5353 -j DROP
# a hostile prefix: control byte, quote, backslash, tab, UTF-8 and a byte that is not UTF-8
HOSTILE=$'H\x01"\\\t\xc3\xa9\xff<'
ip netns exec "$ns" iptables -A INPUT -p udp --dport 6666 -j NFLOG --nflog-group 41 --nflog-prefix "$HOSTILE"
ip netns exec "$ns" ip6tables -A INPUT -p ipv6-icmp --icmpv6-type echo-request -j NFLOG \
	--nflog-group 41 --nflog-prefix "PING6"

cat >"$T/ulogd.conf" <<EOF
[global]
logfile="$T/ulogd.log"
loglevel=3
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,json1:JSON
[log1]
group=41
[emu1]
file="$T/emu.log"
[json1]
file="$T/out.json"
device="fw-test"
EOF

umask 022
ip netns exec "$ns" "$ULOGD" -c "$T/ulogd.conf" >"$T/stderr" 2>&1 &
pid=$!
T_PIDS+=($pid)
if ! wait_for 5 test -e "$T/out.json"; then
	cat "$T/stderr" "$T/ulogd.log" 2>/dev/null | sed 's/^/# /'
	fail "outputs: daemon starts"
	exit 1
fi
ok "outputs: daemon starts"
check_eq "outputs: JSON file mode 0640" "$(stat -c %a "$T/out.json")" 640
check_eq "outputs: LOGEMU file mode 0640" "$(stat -c %a "$T/emu.log")" 640

ip netns exec "$ns" nc -l -p 8080 >/dev/null &
T_PIDS+=($!)
sleep 0.3
ip netns exec "$peer" ping -c 3 -i 0.2 -W 1 10.99.8.1 >/dev/null
echo data | ip netns exec "$peer" nc -N -p 40123 -w 1 10.99.8.1 8080
ip netns exec "$peer" nc -u -p 40124 -w 1 10.99.8.1 5353 <<<"udp" 2>/dev/null
ip netns exec "$peer" ping -6 -c 2 -i 0.2 -W 1 fd99:8::1 >/dev/null
ip netns exec "$peer" nc -u -w 1 10.99.8.1 6666 <<<"h" 2>/dev/null

# Records reach the files at the end of each batch, without sync=1.
wait_for 3 test "$(jq -s 'length' "$T/out.json" 2>/dev/null || echo 0)" -ge 10
J=$T/out.json
check_eq "outputs: 3 ICMP echo requests in JSON" \
	"$(jq -s '[.[] | select(."oob.prefix" == "ICMP-IN" and ."icmp.type" == 8)] | length' "$J")" 3
check_eq "outputs: ICMP src_ip/dest_ip" \
	"$(jq -r 'select(."oob.prefix" == "ICMP-IN") | .src_ip + ">" + .dest_ip' "$J" | sort -u)" \
	"10.99.8.2>10.99.8.1"
check_eq "outputs: ICMP echo sequence numbers" \
	"$(jq -r 'select(."oob.prefix" == "ICMP-IN") | ."icmp.echoseq"' "$J" | tr '\n' ' ')" "1 2 3 "
check_eq "outputs: TCP prefix with quotes and backslash, ports" \
	"$(jq -r 'select(."tcp.syn" == 1) | ."oob.prefix" + "|" + (.src_port|tostring) + "|" + (.dest_port|tostring)' "$J")" \
	'TCP "q" \ in|40123|8080'
check "outputs: TCP handshake, data and FIN logged" \
	test "$(jq -s '[.[] | select(.dest_port == 8080)] | length' "$J")" -ge 4
check_eq "outputs: UDP record" \
	"$(jq -r 'select(."oob.prefix" == "UDP-IN") | "\(.src_port) \(.dest_port) \(."udp.len") \(."oob.in")"' "$J")" \
	"40124 5353 12 $vns"
check_eq "outputs: IPv6 echo requests" \
	"$(jq -r 'select(."oob.prefix" == "PING6") | .src_ip + " " + (."icmpv6.type"|tostring)' "$J" | sort | uniq -c | awk '{print $1, $2, $3}')" \
	"2 fd99:8::2 128"
check_eq "outputs: hostile prefix decodes (invalid byte as U+FFFD)" \
	"$(jq -j 'select(.dest_port == 6666) | ."oob.prefix"' "$J" | od -An -tx1 | tr -d ' \n')" \
	"4801225c09c3a9efbfbd3c"
check "outputs: hostile prefix line is valid JSON for jansson's rules too" \
	grep -qF '"oob.prefix": "H\u0001\"\\\t'$'\xc3\xa9''\uFFFD<"' "$J"
check "outputs: LOGEMU keeps the prefix bytes as ulogd2 does" grep -qF "$HOSTILE IN=$vns " "$T/emu.log"
check_eq "outputs: dvc from the device option" "$(jq -r .dvc "$J" | sort -u)" "fw-test"
check "outputs: every timestamp has a UTC offset" \
	test "$(jq -r .timestamp "$J" | grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}[+-][0-9]{4}$')" -eq 0

E=$T/emu.log
host=$(hostname | cut -d. -f1)
check_eq "outputs: LOGEMU lines, one per record" "$(wc -l <"$E")" "$(wc -l <"$J")"
check "outputs: LOGEMU ICMP line" grep -qE "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} $host ICMP-IN IN=$vns OUT= MAC=([0-9a-f]{2}:){13}[0-9a-f]{2} SRC=10.99.8.2 DST=10.99.8.1 LEN=84 TOS=00 PREC=0x00 TTL=64 ID=[0-9]+ DF PROTO=ICMP TYPE=8 CODE=0 ID=[0-9]+ SEQ=1 MARK=0x0 $" "$E"
check "outputs: LOGEMU UDP line" grep -qE " UDP-IN IN=$vns OUT= .* PROTO=UDP SPT=40124 DPT=5353 LEN=12 MARK=0x0 $" "$E"
check "outputs: LOGEMU TCP SYN line" grep -qF ' TCP "q" \ in IN='"$vns"' OUT= ' "$E"

# SIGHUP: rotate both files, then new records go to new files.
mv "$J" "$J.1"
mv "$E" "$E.1"
kill -HUP "$pid"
wait_for 3 test -e "$J" -a -e "$E" || fail "outputs: SIGHUP reopens the files"
ip netns exec "$peer" ping -c 1 -W 1 10.99.8.1 >/dev/null
wait_for 3 test -s "$J"
check_eq "outputs: after SIGHUP the new JSON file has the new record" \
	"$(jq -r '."oob.prefix"' "$J" 2>/dev/null)" "ICMP-IN"
check_eq "outputs: after SIGHUP the new LOGEMU file has the new line" "$(wc -l <"$E")" 1
check_eq "outputs: the rotated files did not grow" "$(wc -l <"$J.1")" "$(wc -l <"$E.1")"

# SIGTERM: the daemon exits 0 and what it accepted is on disk.
# (the kernel may hold NFLOG messages up to its 1 s flush timeout: wait for them first)
ip netns exec "$peer" ping -c 2 -i 0.2 -W 1 10.99.8.1 >/dev/null
wait_for 3 test "$(wc -l <"$E")" -ge 3
kill -TERM "$pid"
wait "$pid"
check_eq "outputs: SIGTERM exit status" "$?" 0
check_eq "outputs: records written before exit" "$(wc -l <"$J")" 3
check "outputs: every JSON line decodes with jq" jq -e . "$J" "$J.1" >/dev/null
t_done
