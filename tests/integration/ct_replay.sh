#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# nfcore --replay against the kernel: a router namespace R between a client C and a server S
# carries a ruleset (raw NOTRACK, mangle MARK/CONNMARK, counting nat chains, filter with
# conntrack/state/multiport/REJECT/user chain); traffic of many kinds (IPv4, IPv6, fragments)
# crosses, ends at or is
# refused by R while tcpdump captures R's interfaces. The capture replayed through nfcore with
# the same ruleset and R's `ip -j addr`/`ip -j route` must give every rule and policy the
# kernel's counters (iptables-legacy-save -c) and the same conntrack table.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save conntrack tcpdump nc python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
[ -x "$NFCORE" ] || { skip "ct_replay: $NFCORE not built"; exit 0; }

router_triple r 80 || { fail "ct_replay: namespaces"; exit 1; }

cat >"$T_TMP/rules.v4" <<'RULES'
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 5353 -j NOTRACK
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 443 -j MARK --set-xmark 0x7/0xffffffff
-A FORWARD -m mark --mark 0x7 -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp
-A PREROUTING -p udp
-A POSTROUTING -o r1
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:LOGDROP - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -m state --state NEW -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j DROP
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -m conntrack --ctstate INVALID -j LOGDROP
-A FORWARD -i r0 -o r1 -p tcp -m multiport --dports 80,443 -j ACCEPT
-A FORWARD -i r0 -o r1 -p udp -m udp --dport 53 -j ACCEPT
-A FORWARD -i r0 -o r1 -p icmp -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 25 -j REJECT --reject-with tcp-reset
-A FORWARD -j LOGDROP
-A OUTPUT -p tcp -m tcp --tcp-flags RST RST
-A LOGDROP -p tcp
-A LOGDROP -j DROP
COMMIT
RULES
cat >"$T_TMP/rules.v6" <<'RULES'
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p ipv6-icmp -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p ipv6-icmp -j ACCEPT
-A FORWARD -i r0 -o r1 -p tcp -m tcp --dport 80 -j ACCEPT
COMMIT
RULES
$inR iptables-legacy-restore <"$T_TMP/rules.v4" && $inR ip6tables-legacy-restore <"$T_TMP/rules.v6" ||
	{ fail "ct_replay: the kernel refuses the ruleset"; exit 1; }
$inR ip -j addr >"$T_TMP/addr.json"
{ $inR ip -j route; $inR ip -j -6 route; } | tr -d '\n' | sed 's/\]\[/,/' >"$T_TMP/route.json"

cat >"$T_TMP/tcpraw.py" <<'PY'
import socket, struct, sys
src, dst = sys.argv[1], sys.argv[2]
sp, dp, seq, ack, flags, win, plen = (int(x) for x in sys.argv[3:10])
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff
th = struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 5 << 4, flags, win, 0, 0) + b'x' * plen
ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, 6, len(th))
th = th[:16] + struct.pack('!H', csum(ph + th)) + th[18:]
socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP).sendto(th, (dst, 0))
PY
udp_echo() { ip netns exec "$1" python3 -c 'import socket,sys;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind((sys.argv[1],int(sys.argv[2])));d,a=s.recvfrom(100);s.sendto(d,a)' "$2" "$3"; }

for n in "$C" "$R" "$S"; do ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0; done
sleep 3       # let the links' own chatter (MLD reports, DAD) die down
capture_start ct_replay "$R" || exit 1
$inR iptables-legacy -Z; $inR iptables-legacy -t nat -Z; $inR iptables-legacy -t mangle -Z
$inR iptables-legacy -t raw -Z; $inR ip6tables-legacy -Z
T_FROM=$(date +%s.%N)

wait_for 5 $inC ping -c 1 -W 1 -q 10.80.2.2 >/dev/null
$inC ping -c 2 -i 0.2 -q 10.80.1.1 >/dev/null
$inS ping -c 1 -W 1 -q 10.80.1.2 >/dev/null                 # S -> C: not allowed
$inR nc -l 10.80.1.1 22 >/dev/null & T_PIDS+=($!)
$inS nc -l 10.80.2.2 80 >/dev/null & T_PIDS+=($!)
$inS nc -l 10.80.2.2 443 >/dev/null & T_PIDS+=($!)
udp_echo "$S" 10.80.2.2 53 & T_PIDS+=($!)
sleep 0.3
echo ssh | $inC nc -q1 10.80.1.1 22
echo web | $inC nc -q1 10.80.2.2 80
echo tls | $inC nc -q1 10.80.2.2 443
$inC nc -z -w1 10.80.2.2 25                                  # REJECT with a reset
$inC nc -z -w1 10.80.2.2 8080                                # LOGDROP
$inC nc -z -w1 10.80.1.1 23                                  # INPUT policy
echo q | $inC nc -u -w1 10.80.2.2 53 >/dev/null              # answered
echo m | $inC nc -u -w1 10.80.2.2 5353                       # NOTRACK, dropped
$inC python3 "$T_TMP/tcpraw.py" 10.80.1.2 10.80.2.2 40001 80 1 0 3 500 0    # SYN+FIN: INVALID
$inC python3 "$T_TMP/tcpraw.py" 10.80.1.2 10.80.2.2 40002 80 7 9 16 500 5   # mid-stream ACK
$inC ping -c 1 -W 1 -q 10.80.9.9 >/dev/null                  # no route at R
$inC python3 "$T_TMP/tcpraw.py" 10.80.1.2 10.80.1.1 40003 22 1 0 3 500 0    # SYN+FIN to R: INVALID
$inR ping -c 1 -W 1 -q 127.0.0.1 >/dev/null                  # R to itself over lo
wait_for 5 $inC ping -6 -c 1 -W 1 -q fd80:2::2 >/dev/null     # IPv6 forwarded
$inR nc -6 -l fd80:1::1 22 >/dev/null & T_PIDS+=($!)
$inS nc -6 -l fd80:2::2 80 >/dev/null & T_PIDS+=($!)
sleep 0.2
echo v6ssh | $inC nc -6 -q1 fd80:1::1 22
echo v6web | $inC nc -6 -q1 fd80:2::2 80
$inC nc -6 -z -w1 fd80:2::2 81                               # FORWARD policy
# fragments: reassembled before the hooks (conntrack on), whole when R sends them
$inC ping -c 1 -W 1 -q -s 3000 10.80.2.2 >/dev/null          # forwarded in pieces
$inR ping -c 1 -W 1 -q -s 3000 10.80.1.2 >/dev/null          # sent and answered in pieces
$inC ping -6 -c 1 -W 1 -q -s 3000 fd80:2::2 >/dev/null
kernel_snapshot "$R" 4 6

nfcore_compare ct_replay --rules "$T_TMP/rules.v4" --rules6 "$T_TMP/rules.v6" \
	--host "$T_TMP/addr.json" --host "$T_TMP/route.json"
hit=$(grep '^\[' "$T_TMP/kernel.save" | grep -vc '^\[0:0\]')
check_eq "ct_replay: the traffic hits every rule" "$hit" "$(grep -c '^\[' "$T_TMP/kernel.save")"
[ -n "${CT_REPLAY_KEEP:-}" ] && cp -r "$T_TMP" "$CT_REPLAY_KEEP"
t_done
