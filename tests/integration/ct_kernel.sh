#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# nfcore's conntrack against the kernel's: traffic between two namespaces (ICMP, a TCP
# handshake/data/teardown, an open TCP connection, UDP with and without an answer and the
# ICMP error it draws, a refused TCP port, a mid-stream TCP pickup, invalid TCP flags, IPv6
# echo) is captured on the tracking host's interface; `conntrack -L` there is compared with
# nfcore-ctreplay's table for the same packets, at a mid point and at the end: same
# connections, states, flags, counters; timeouts within 2 s. Crafted segments check window
# tracking, resync after an ignored SYN, reset sequence checks and simultaneous open.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy ip6tables-legacy conntrack tcpdump nc python3
CTR=$ULOG_TOP/$BUILD/nfcore-ctreplay
[ -x "$CTR" ] || { skip "ct_kernel: $CTR not built"; exit 0; }

A=$(netns_new cta) && B=$(netns_new ctb) || { fail "ct_kernel: namespaces"; exit 1; }
read -r VA VB < <(netns_pair "$A" "$B" 10.78.0.1 10.78.0.2 fd78::1 fd78::2)
inA="ip netns exec $A"
inB="ip netns exec $B"
$inB sysctl -qw net.netfilter.nf_conntrack_acct=1
$inB iptables-legacy -A INPUT -m conntrack --ctstate NEW -j ACCEPT
$inB ip6tables-legacy -A INPUT -m conntrack --ctstate NEW -j ACCEPT
$inA iptables-legacy -A INPUT -p tcp --dport 7000:7009 -j DROP    # sinks for the raw flows
$inB iptables-legacy -I INPUT 1 -p tcp --sport 7001:7009 -j DROP     # B's stack must not answer them

# raw TCP segments: SRC DST SPORT DPORT SEQ ACK FLAGS WIN PAYLOAD_LEN
cat >"$T_TMP/tcpraw.py" <<'PY'
import socket, struct, sys
src, dst = sys.argv[1], sys.argv[2]
sp, dp, seq, ack, flags, win, plen = (int(x) for x in sys.argv[3:10])
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff
pay = b'x' * plen
th = struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 5 << 4, flags, win, 0, 0) + pay
ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, 6, len(th))
th = th[:16] + struct.pack('!H', csum(ph + th)) + th[18:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
s.sendto(th, (dst, 0))
PY

PCAP=$T_TMP/b.pcap
$inB tcpdump -i "$VB" -U -B 16384 -n -w "$PCAP" 2>"$T_TMP/tcpdump.err" &
T_PIDS+=($!)
wait_for 5 grep -qs "listening on" "$T_TMP/tcpdump.err" || { fail "ct_kernel: tcpdump did not start"; exit 1; }

wait_for 5 $inA ping -c 2 -i 0.2 -W 1 -q 10.78.0.2 >/dev/null
wait_for 5 $inA ping -6 -c 1 -W 1 -q fd78::2 >/dev/null
$inB nc -l 10.78.0.2 5555 >/dev/null &
T_PIDS+=($!)
$inB nc -l 10.78.0.2 5556 >/dev/null &
T_PIDS+=($!)
$inB python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("10.78.0.2",5558));d,a=s.recvfrom(100);s.sendto(d,a)' &
T_PIDS+=($!)
sleep 0.3
echo hello | $inA nc -q1 10.78.0.2 5555                      # handshake, data, FIN both ways
echo nobody | $inA nc -u -w1 10.78.0.2 5557                  # port unreachable: RELATED error
echo echo | $inA nc -u -w1 10.78.0.2 5558 >/dev/null         # answered UDP
$inA nc -z -w1 10.78.0.2 5559                                 # refused: RST, entry killed
$inB python3 "$T_TMP/tcpraw.py" 10.78.0.2 10.78.0.1 40000 7000 1000000 2000000 16 500 10  # mid-stream ACK
$inA python3 "$T_TMP/tcpraw.py" 10.78.0.1 10.78.0.2 40001 5560 1 0 3 500 0   # SYN+FIN
$inA python3 "$T_TMP/tcpraw.py" 10.78.0.1 10.78.0.2 40002 5560 1 0 0 500 0   # no flags
# window tracking, both ends crafted: only in-window segments are counted by the kernel
raw() { ip netns exec "$1" python3 "$T_TMP/tcpraw.py" "${@:2}"; }
raw "$B" 10.78.0.2 10.78.0.1 41000 7001 100 0 2 500 0           # SYN
raw "$A" 10.78.0.1 10.78.0.2 7001 41000 500 101 18 500 0        # SYN/ACK
raw "$B" 10.78.0.2 10.78.0.1 41000 7001 101 501 16 500 0        # ACK: ESTABLISHED
raw "$B" 10.78.0.2 10.78.0.1 41000 7001 101 501 24 500 10       # data
raw "$B" 10.78.0.2 10.78.0.1 41000 7001 10000101 501 24 500 10  # beyond the window: INVALID
raw "$A" 10.78.0.1 10.78.0.2 7001 41000 501 900000 16 500 0     # acks unsent data: INVALID
raw "$B" 10.78.0.2 10.78.0.1 41000 7001 4291967396 501 24 500 10  # far below: ignored
raw "$A" 10.78.0.1 10.78.0.2 7001 41000 501 111 16 500 0        # acks the data
# resync: a new SYN on an established flow is ignored until the SYN/ACK answers it
raw "$B" 10.78.0.2 10.78.0.1 41002 7002 100 0 2 500 0
raw "$A" 10.78.0.1 10.78.0.2 7002 41002 500 101 18 500 0
raw "$B" 10.78.0.2 10.78.0.1 41002 7002 101 501 16 500 0
raw "$B" 10.78.0.2 10.78.0.1 41002 7002 777000 0 2 500 0
raw "$A" 10.78.0.1 10.78.0.2 7002 41002 900000 777001 18 500 0
raw "$B" 10.78.0.2 10.78.0.1 41002 7002 777001 900001 16 500 0
# resets: below the acknowledged sequence (INVALID), in window but not exact (kept, 10 s)
raw "$B" 10.78.0.2 10.78.0.1 41003 7003 100 0 2 500 0
raw "$A" 10.78.0.1 10.78.0.2 7003 41003 500 101 18 500 0
raw "$B" 10.78.0.2 10.78.0.1 41003 7003 101 501 16 500 0
raw "$A" 10.78.0.1 10.78.0.2 7003 41003 400 101 20 0 0
raw "$A" 10.78.0.1 10.78.0.2 7003 41003 600 101 20 0 0
# simultaneous open
raw "$B" 10.78.0.2 10.78.0.1 41004 7004 100 0 2 500 0
raw "$A" 10.78.0.1 10.78.0.2 7004 41004 500 0 2 500 0
raw "$B" 10.78.0.2 10.78.0.1 41004 7004 100 501 18 500 0
raw "$A" 10.78.0.1 10.78.0.2 7004 41004 500 101 18 500 0
raw "$A" 10.78.0.1 10.78.0.2 7004 41004 501 101 16 500 0
(echo hi; sleep 3) | $inA nc -q0 10.78.0.2 5556 &              # ESTABLISHED at the mid point
T_PIDS+=($!)
sleep 1
T1=$(date +%s.%N)
{ $inB conntrack -L -f ipv4; $inB conntrack -L -f ipv6; } 2>/dev/null >"$T_TMP/k1.txt"
sleep 4.5
T2=$(date +%s.%N)
{ $inB conntrack -L -f ipv4; $inB conntrack -L -f ipv6; } 2>/dev/null >"$T_TMP/k2.txt"
sleep 1.5   # the capture ring hands over what it holds within its 1 s timeout
kill -INT "${T_PIDS[0]}"; wait "${T_PIDS[0]}" 2>/dev/null

"$CTR" --acct --at "$T1" --end "$T2" "$PCAP" >"$T_TMP/ours.txt" 2>"$T_TMP/ours.err" ||
	{ fail "ct_kernel: nfcore-ctreplay failed: $(cat "$T_TMP/ours.err")"; exit 1; }
awk '/^# at 1/{f=1;next} /^#/{f=0} f' "$T_TMP/ours.txt" >"$T_TMP/o1.txt"
awk '/^# end/{f=1;next} /^#/{f=0} f' "$T_TMP/ours.txt" >"$T_TMP/o2.txt"

# without the timeout (field 3); sorted
strip() { awk '{ $3 = "-"; print }' "$1" | sort; }
# "tuple-key timeout" per line, to compare timeouts with a tolerance
tmo() { awk '{ t = $3; $3 = "-"; print $0 "|" t }' "$1" | sort; }

for s in 1 2; do
	name=$([ $s = 1 ] && echo "mid point" || echo "end")
	if diff <(strip "$T_TMP/k$s.txt") <(strip "$T_TMP/o$s.txt") >"$T_TMP/d$s.txt"; then
		ok "ct_kernel: $name: same connections, states, flags and counters as the kernel ($(wc -l <"$T_TMP/k$s.txt") entries)"
	else
		fail "ct_kernel: $name: tables differ"
		sed 's/^/# /' "$T_TMP/d$s.txt"
	fi
	bad=$(join -t'|' <(tmo "$T_TMP/k$s.txt") <(tmo "$T_TMP/o$s.txt") |
		awk -F'|' '{ d = $3 - $2; if (d < 0) d = -d; if (d > 2) print }')
	check_eq "ct_kernel: $name: timeouts within 2 s of the kernel's" "$bad" ""
done
grep -q "ESTABLISHED.*dport=5556.*ASSURED" "$T_TMP/k1.txt" &&
grep -q "TIME_WAIT.*dport=5555" "$T_TMP/k1.txt" &&
grep -q "dport=7000.*UNREPLIED" "$T_TMP/k1.txt" &&
grep -q "ESTABLISHED.*dport=7001 packets=3 .*packets=2 .*ASSURED" "$T_TMP/k1.txt" &&
grep -q "ESTABLISHED.*dport=7002 .*ASSURED" "$T_TMP/k1.txt" &&
grep -q "ESTABLISHED.*dport=7004 .*ASSURED" "$T_TMP/k1.txt" &&
grep -q "icmpv6" "$T_TMP/k1.txt" && ! grep -q "dport=5559\|dport=5560" "$T_TMP/k1.txt"
r=$?; [ $r = 0 ] || sed "s/^/# kernel: /" "$T_TMP/k1.txt"
check "ct_kernel: the kernel's table holds the cases the traffic meant to make" [ $r = 0 ]
t_done
