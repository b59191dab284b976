#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The proof against the kernel on real rulesets (../shared/rulesets): for each ruleset a host
# namespace H gets veths named as the ruleset's interfaces (peers in a sink namespace X, nothing
# in the root namespace), loads the ruleset with iptables-legacy-restore, and receives one
# crafted packet per rule (addresses, protocol, ports, ICMP type and input interface taken from
# the rule; OUTPUT rules' packets are sent by H itself), slowly, while tcpdump captures H.
# nfcore --replay of the capture with the same ruleset and H's `ip -j addr`/`ip -j route` must
# give every rule and policy the kernel's counters. The share of rules hit is reported.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save tcpdump python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
RS=${ULOG_RULESETS:-$ULOG_TOP/../shared/rulesets}
CT_PROOF_GROUP=${CT_PROOF_GROUP:-4731}
[ -x "$NFCORE" ] || { skip "ct_proof: $NFCORE not built"; exit 0; }
[ -d "$RS" ] || { skip "ct_proof: $RS absent"; exit 0; }

cat >"$T_TMP/gen.py" <<'PY'
# One packet per rule: "how iface src dst proto sport dport type code" lines (how: in|out).
import ipaddress, shlex, sys
ICMP = {'echo-request': (8, 0), 'echo-reply': (0, 0), 'destination-unreachable': (3, 0),
        'port-unreachable': (3, 3), 'host-unreachable': (3, 1), 'network-unreachable': (3, 0),
        'fragmentation-needed': (3, 4), 'source-quench': (4, 0), 'time-exceeded': (11, 0),
        'parameter-problem': (12, 0), 'redirect': (5, 0), 'timestamp-request': (13, 0),
        'timestamp-reply': (14, 0), 'router-advertisement': (9, 0), 'router-solicitation': (10, 0),
        'any': (8, 0), 'ping': (8, 0), 'pong': (0, 0)}
PROTO = {'tcp': 6, 'udp': 17, 'icmp': 1, 'udplite': 136, 'sctp': 132, 'gre': 47, 'esp': 50, 'ah': 51}
path, ifmap = sys.argv[1], dict(x.split('=') for x in sys.argv[2].split(','))
names = list(ifmap.values())
def addr(k, host): return '10.201.%d.%d' % (names.index(k), host)
def first_host(spec):
    net = ipaddress.ip_network(spec, strict=False)
    return str(net.network_address if net.prefixlen >= 31 else net.network_address + 1)
def port(v):
    v = v.split(',')[0].split(':')[0]
    return int(v) if v.isdigit() else None
def martian(a):
    ip = ipaddress.ip_address(a)
    return ip.is_loopback or ip.is_multicast or a.startswith('0.') or a.endswith('.255') or a == '255.255.255.255'
def iface(v):
    return ifmap.get(v) or ifmap.get(v.rstrip('+') + '+') or (names[0] if v.endswith('+') else None)
n = 0
for line in open(path):
    line = line.strip()
    if not line.startswith('-A '):
        continue
    try:
        tok = shlex.split(line)
    except ValueError:
        continue
    r, i, neg = {'chain': tok[1]}, 2, False
    while i < len(tok):
        t, v = tok[i], tok[i + 1] if i + 1 < len(tok) else ''
        if t == '!':
            neg = True; i += 1; continue
        if not neg:
            if t in ('-i', '--in-interface'): r['in'] = v
            elif t in ('-o', '--out-interface'): r['out'] = v
            elif t in ('-s', '--source') and '/' in v or t in ('-s', '--source') and v[0].isdigit(): r['src'] = v.split(',')[0]
            elif t in ('-d', '--destination') and (v[0].isdigit()): r['dst'] = v.split(',')[0]
            elif t in ('-p', '--protocol'): r['proto'] = v
            elif t in ('--dport', '--destination-port', '--dports'): r['dport'] = port(v)
            elif t in ('--sport', '--source-port', '--sports'): r['sport'] = port(v)
            elif t == '--icmp-type': r['icmp'] = v
        neg = False; i += 1
    n += 1
    proto = PROTO.get(r.get('proto', 'udp'), int(r['proto']) if r.get('proto', '').isdigit() else 17)
    if r['chain'] in ('OUTPUT', 'POSTROUTING') and 'in' not in r:
        how, k = 'out', iface(r['out']) if 'out' in r else names[0]
        if not k:
            continue
        src = addr(k, 1)
        dst = r.get('dst') and first_host(r['dst']) or addr(k, 2)
    else:
        how, k = 'in', iface(r['in']) if 'in' in r else names[0]
        if not k:
            continue
        src = r.get('src') and first_host(r['src']) or addr(k, 2)
        if 'dst' in r:
            dst = first_host(r['dst'])
        elif r['chain'] == 'FORWARD' or 'out' in r:
            o = iface(r['out']) if 'out' in r else None
            dst = addr(o, 2) if o and o != k else '10.202.%d.9' % (n % 250)
        else:
            dst = addr(k, 1)
    if martian(src) or dst.startswith('127.') or how == 'in' and src.startswith('10.201.') and src.endswith('.1'):
        continue
    t, c = ICMP.get(r.get('icmp', ''), (8, 0))
    if r.get('icmp', '').replace('/', '').isdigit():
        t, c = (int(x) for x in (r['icmp'].split('/') + ['0'])[:2])
    print(how, k, src, dst, proto, r.get('sport') or 40000 + n % 20000, r.get('dport') or 1000 + n % 5000, t, c)
PY

cat >"$T_TMP/send.py" <<'PY'
# Sends the generator's packets: "in" ones as Ethernet frames from X's peer interface,
# "out" ones from H itself through a raw IP socket. argv: how(in|out) mapfile
import socket, struct, sys, time
how, macs = sys.argv[1], dict(l.split() for l in open(sys.argv[2]))
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff
def l4(proto, src, dst, sp, dp, t, c):
    if proto == 6:
        h = struct.pack('!HHIIBBHHH', sp, dp, 1000, 0, 5 << 4, 2, 1000, 0, 0)
    elif proto in (17, 136):
        h = struct.pack('!HHHH', sp, dp, 12, 0) + b'data'
    elif proto == 1:
        body = struct.pack('!HH', 77, 1) + b'x' * 16
        if t in (3, 4, 5, 11, 12):
            inner = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 1, 0, 64, 17, 0, socket.inet_aton(dst), socket.inet_aton(src))
            body = b'\0\0\0\0' + inner + struct.pack('!HHHH', 53, 33333, 8, 0)
        h = struct.pack('!BBH', t, c, 0) + body
        h = h[:2] + struct.pack('!H', csum(h)) + h[4:]
        return h
    elif proto == 132:
        h = struct.pack('!HHII', sp, dp, 0, 0) + struct.pack('!BBH', 1, 0, 20) + b'\0' * 16
    else:
        h = b'\0' * 8
    if proto in (6, 17):
        ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, proto, len(h))
        o = 16 if proto == 6 else 6
        h = h[:o] + struct.pack('!H', csum(ph + h)) + h[o + 2:]
    return h
for line in sys.stdin:
    f = line.split()
    if f[0] != how:
        continue
    k, src, dst = f[1], f[2], f[3]
    proto, sp, dp, t, c = (int(x) for x in f[4:9])
    body = l4(proto, src, dst, sp, dp, t, c)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    if how == 'in':
        hmac, xname, xmac = macs[k].split(',')
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((xname, 0))
        s.send(bytes.fromhex(hmac.replace(':', '')) + bytes.fromhex(xmac.replace(':', '')) + b'\x08\x00' + ip + body)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        try:
            s.sendto(ip + body, (dst, 0))
        except OSError:
            pass
    s.close()
    time.sleep(0.003)
PY

# prove RULESET: one run; prints ok/not ok lines.
prove() {
	local file=$1 name=${1#$RS/} H X i n map="" ifs k x hit total
	H=$(netns_new ph) && X=$(netns_new px) || { fail "ct_proof: $name: namespaces"; return; }
	ifs=$(grep -o -- '-[io] [^ ]*' "$file" | awk '{print $2}' | grep -v '^lo$' | sort -u | head -12)
	[ -n "$ifs" ] || ifs=eth0
	i=0
	for k in $ifs; do
		x=${k%+}; [ "$x" != "$k" ] && x="${x}9"
		ip link add "$x" netns "$H" type veth peer name "x$i" netns "$X" 2>/dev/null || continue
		ip -n "$H" addr add "10.201.$i.1/24" dev "$x"; ip -n "$X" addr add "10.201.$i.2/24" dev "x$i"
		ip -n "$H" link set "$x" up; ip -n "$X" link set "x$i" up
		map="$map${map:+,}$k=$x"
		# a static neighbour: no reply waits for ARP (an unresolved queue drops what it cannot hold)
		ip -n "$H" neigh replace "10.201.$i.2" lladdr "$(ip -n "$X" -j link show "x$i" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])')" dev "$x" nud permanent
		echo "$x $(ip -n "$H" -j link show "$x" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])'),x$i,$(ip -n "$X" -j link show "x$i" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])')" >>"$T_TMP/$H.macs"
		i=$((i + 1))
	done
	ip -n "$H" route add default via 10.201.0.2 2>/dev/null
	# no reverse-path filter, no ICMP redirects (forwarding back out the arrival interface
	# makes the kernel send them, and nfcore does not make packets of its own)
	ip netns exec "$H" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.all.send_redirects=0
	for k in $(ip -n "$H" -j link | python3 -c 'import json,sys;[print(l["ifname"]) for l in json.load(sys.stdin)]'); do
		ip netns exec "$H" sysctl -qw "net/ipv4/conf/$k/rp_filter=0" "net/ipv4/conf/$k/send_redirects=0" 2>/dev/null
	done
	sed 's/XX:XX:XX:XX:XX:XX/02:00:00:00:00:01/g; s/^COMMIT *$/COMMIT/' "$file" >"$T_TMP/$H.rules"
	if ! ip netns exec "$H" iptables-legacy-restore <"$T_TMP/$H.rules" 2>"$T_TMP/$H.err"; then
		skip "ct_proof: $name: the kernel refuses it ($(head -1 "$T_TMP/$H.err"))"
		return
	fi
	# host packets as raw OUTPUT sees them (before any OUTPUT rule can drop them): NFLOG first
	ip netns exec "$H" iptables-legacy -t raw -I OUTPUT 1 -j NFLOG --nflog-group "$CT_PROOF_GROUP" ||
		{ fail "ct_proof: $name: NFLOG in raw OUTPUT"; return; }
	ip netns exec "$H" ip -j addr >"$T_TMP/$H.addr"
	ip netns exec "$H" ip -j route >"$T_TMP/$H.route"
	python3 "$T_TMP/gen.py" "$T_TMP/$H.rules" "$map" >"$T_TMP/$H.pkts"
	sleep 2
	ip netns exec "$H" tcpdump -i any -U -B 16384 -n -w "$T_TMP/$H.pcap" 2>"$T_TMP/$H.tcpdump" &
	local tpid=$!
	ip netns exec "$H" tcpdump -i "nflog:$CT_PROOF_GROUP" -U -B 16384 -n -w "$T_TMP/$H.nflog" 2>"$T_TMP/$H.tcpdump6" &
	local npid=$!
	wait_for 5 grep -qs "listening on" "$T_TMP/$H.tcpdump" && wait_for 5 grep -qs "listening on" "$T_TMP/$H.tcpdump6" ||
		{ fail "ct_proof: $name: tcpdump"; kill $tpid $npid; return; }
	sleep 0.2
	for t in $(sed -n 's/^\*//p' "$T_TMP/$H.rules") raw; do ip netns exec "$H" iptables-legacy -t "$t" -Z; done
	local from until
	from=$(date +%s.%N)
	ip netns exec "$X" python3 "$T_TMP/send.py" in "$T_TMP/$H.macs" <"$T_TMP/$H.pkts"
	ip netns exec "$H" python3 "$T_TMP/send.py" out "$T_TMP/$H.macs" <"$T_TMP/$H.pkts"
	sleep 0.5
	# the kernel's counters without the capture's NFLOG rule (and its raw table if the ruleset has none)
	ip netns exec "$H" iptables-legacy-save -c | grep -v '^#' |
		awk -v g="$CT_PROOF_GROUP" -v keep="$(grep -c '^\*raw' "$T_TMP/$H.rules")" '
			/^\*/ { t = $0 } t == "*raw" && !keep { next }
			t == "*raw" && $0 ~ "-A OUTPUT -j NFLOG --nflog-group " g "$" { next } { print }' >"$T_TMP/$H.kernel"
	until=$(date +%s.%N)
	sleep 1.5
	kill -INT $tpid $npid; wait $tpid $npid 2>/dev/null
	python3 "$(dirname "$0")/ct_proof_merge.py" "$T_TMP/$H.pcap" "$T_TMP/$H.nflog" "$T_TMP/$H.merged" ||
		{ fail "ct_proof: $name: merging the captures"; return; }
	"$NFCORE" --replay "$T_TMP/$H.merged" --rules "$T_TMP/$H.rules" --host "$T_TMP/$H.addr" \
		--host "$T_TMP/$H.route" --from "$from" --until "$until" --owner 0:0 >"$T_TMP/$H.ours" 2>"$T_TMP/$H.ours.err" ||
		{ fail "ct_proof: $name: nfcore: $(head -1 "$T_TMP/$H.ours.err")"; return; }
	awk '/^# iptables-save -c/{f=1;next} /^#/{f=0} f' "$T_TMP/$H.ours" >"$T_TMP/$H.save"
	total=$(grep -c '^\[' "$T_TMP/$H.kernel"); hit=$(grep '^\[' "$T_TMP/$H.kernel" | grep -vc '^\[0:0\]')
	if diff "$T_TMP/$H.kernel" "$T_TMP/$H.save" >"$T_TMP/$H.diff"; then
		ok "ct_proof: $name: all counters equal the kernel's ($(wc -l <"$T_TMP/$H.pkts") packets, $hit of $total rules hit)"
	else
		fail "ct_proof: $name: counters differ (< kernel, > nfcore; $hit of $total rules hit)"
		head -40 "$T_TMP/$H.diff" | sed 's/^/# /'
	fi
}

# The rulesets whose crafted traffic the replay can follow. Known gaps with the others: psa and
# medium-company translate addresses (MASQUERADE/DNAT: nfcore has no NAT yet); shorewall and
# tum-chair drop some of the host's own packets in OUTPUT, which therefore never reach a capture
# (a replay needs them logged before OUTPUT, e.g. by NFLOG in raw).
for f in ${CT_PROOF_RULESETS:-ufw/server1-iptables-save veroneau/iptables-save synology/iptables-save_jul_2016 \
	shorewall/iptables-save.2014_sep psa/iptables-save.2016-01-27 medium-company/iptables-save.mainfw_30.01.2016 \
	openlab/iptables-save tails/iptables-save.1.5 docker/docker.txt tum-chair/iptables-save-2016-06-27_16-29-01 \
	ferm/dmz_router.iptables-save home-user/iptables-save serverfault/769294.txt}; do
	prove "$RS/$f"
done
[ -n "${CT_PROOF_KEEP:-}" ] && cp -r "$T_TMP" "$CT_PROOF_KEEP"
t_done
