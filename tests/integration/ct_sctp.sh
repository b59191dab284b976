#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SCTP conntrack against the kernel: a router namespace R between a client C and a server S counts
# forwarded SCTP packets by conntrack state and chunk types while C and S send crafted SCTP
# (correct CRC32c, raw sockets in their own namespaces, 3 ms apart): whole associations ended by
# SHUTDOWN or ABORT, bundled chunks, INIT retransmission, wrong verification tags, packets that
# may or may not start an entry, heartbeat tag changes, INIT collision, IPv4 and IPv6, one bad
# CRC; and DCCP, which this kernel (6.18: no NF_CT_PROTO_DCCP) tracks as a generic protocol. nfcore --replay of R's
# capture must give every rule the kernel's counters and the same conntrack table (states,
# counters, timeouts within a second).
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save conntrack tcpdump python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
[ -x "$NFCORE" ] || { skip "ct_sctp: $NFCORE not built"; exit 0; }

router_triple sc 84 || { fail "ct_sctp: namespaces"; exit 1; }

rules() {
	cat <<RULES
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -p sctp -m sctp --chunk-types only DATA:B
-A FORWARD -p sctp -m sctp --chunk-types only DATA:b
-A FORWARD -p sctp -m conntrack --ctstate NEW -m sctp --chunk-types only INIT
-A FORWARD -p sctp -m conntrack --ctstate NEW
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED -m sctp --chunk-types any DATA
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED -m sctp --chunk-types any HEARTBEAT,HEARTBEAT_ACK
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED -m sctp --chunk-types any SHUTDOWN,SHUTDOWN_ACK,SHUTDOWN_COMPLETE
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED -m sctp --chunk-types any ABORT
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED -m sctp --chunk-types any COOKIE_ECHO,COOKIE_ACK
-A FORWARD -p sctp -m conntrack --ctstate ESTABLISHED
-A FORWARD -p sctp -m conntrack --ctstate INVALID -m sctp --chunk-types any DATA
-A FORWARD -p sctp -m conntrack --ctstate INVALID
-A FORWARD -p $1 -m conntrack --ctstate NEW
-A FORWARD -p $1 -m conntrack --ctstate ESTABLISHED
-A FORWARD -p $1 -m conntrack --ctstate INVALID
-A FORWARD -m conntrack --ctstate UNTRACKED
COMMIT
RULES
}
rules dccp >"$T_TMP/rules.v4"
rules dccp >"$T_TMP/rules.v6"
$inR iptables-legacy-restore <"$T_TMP/rules.v4" && $inR ip6tables-legacy-restore <"$T_TMP/rules.v6" ||
	{ fail "ct_sctp: the kernel refuses the ruleset"; exit 1; }
$inR ip -j addr >"$T_TMP/addr.json"
{ $inR ip -j route; $inR ip -j -6 route; } | tr -d '\n' | sed 's/\]\[/,/' >"$T_TMP/route.json"

cat >"$T_TMP/send.py" <<'PY'
# Sends the packets of a traffic file from C's and S's raw sockets, 3 ms apart. A line:
# SIDE SRC DST SPORT DPORT VTAG ITAG CHUNK[+CHUNK...]  (SIDE c or s; ITAG: INIT/INIT_ACK's
# initiate tag; CHUNK_T: the T flag; ZERO: a chunk of length 0; BADCRC: a wrong checksum)
# or SIDE SRC DST SPORT DPORT dccp.
import ctypes, os, socket, struct, sys, time

def crc32c(b, tab=[]):
    if not tab:
        for i in range(256):
            c = i
            for _ in range(8):
                c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
            tab.append(c)
    c = 0xffffffff
    for x in b:
        c = tab[(c ^ x) & 0xff] ^ (c >> 8)
    return c ^ 0xffffffff

def chunk(ctype, flags, value=b''):
    b = struct.pack('!BBH', ctype, flags, 4 + len(value)) + value
    return b + b'\0' * (-len(b) % 4)

def init(ctype, tag, cookie=False):
    v = struct.pack('!IIHHI', tag, 65536, 10, 10, 1000)
    return chunk(ctype, 0, v + (struct.pack('!HH', 7, 12) + b'cookie42' if cookie else b''))

HB = struct.pack('!HH', 1, 12) + b'hbinfo42'
CHUNKS = {
    'INIT': lambda t: init(1, t), 'INIT_ACK': lambda t: init(2, t, True),
    'DATA': lambda t: chunk(0, 3, struct.pack('!IHHI', 1000, 0, 0, 0) + b'hello'),
    'SACK': lambda t: chunk(3, 0, struct.pack('!IIHH', 1000, 65536, 0, 0)),
    'HEARTBEAT': lambda t: chunk(4, 0, HB), 'HEARTBEAT_ACK': lambda t: chunk(5, 0, HB),
    'ABORT': lambda t: chunk(6, 0), 'ABORT_T': lambda t: chunk(6, 1),
    'SHUTDOWN': lambda t: chunk(7, 0, struct.pack('!I', 1000)), 'SHUTDOWN_ACK': lambda t: chunk(8, 0),
    'ERROR': lambda t: chunk(9, 0, struct.pack('!HH', 1, 8) + b'\0\0\0\0'),
    'COOKIE_ECHO': lambda t: chunk(10, 0, b'cookie42'), 'COOKIE_ACK': lambda t: chunk(11, 0),
    'SHUTDOWN_COMPLETE': lambda t: chunk(14, 0), 'SHUTDOWN_COMPLETE_T': lambda t: chunk(14, 1),
    'ZERO': lambda t: b'\0' * 4, 'BADCRC': lambda t: b'',
}

def sctp(sp, dp, vtag, names, itag):
    pkt = struct.pack('!HHII', sp, dp, vtag, 0) + b''.join(CHUNKS[n](itag) for n in names)
    crc = crc32c(pkt) ^ (1 if 'BADCRC' in names else 0)
    return pkt[:8] + struct.pack('<I', crc) + pkt[12:]

def dccp(sp, dp):
    # a DCCP-Request (extended sequence numbers, service code 42)
    return struct.pack('!HHBBHBBHHI', sp, dp, 6, 0, 0, 0x01, 0, 0, 0, 42) + b'\0' * 4

def setns(name):
    fd = os.open('/run/netns/' + name, os.O_RDONLY)
    if ctypes.CDLL(None, use_errno=True).setns(fd, 0x40000000):
        sys.exit('setns %s: errno %d' % (name, ctypes.get_errno()))
    os.close(fd)

socks = {}
for side, ns in (('c', sys.argv[1]), ('s', sys.argv[2])):
    setns(ns)      # the sockets stay in the namespace they were made in
    for fam in (socket.AF_INET, socket.AF_INET6):
        for proto in (132, 33):
            socks[side, fam, proto] = socket.socket(fam, socket.SOCK_RAW, proto)
for line in open(sys.argv[3]):
    f = line.split('#')[0].split()
    if not f:
        continue
    fam = socket.AF_INET6 if ':' in f[2] else socket.AF_INET
    sp, dp = int(f[3]), int(f[4])
    if f[5] == 'dccp':
        socks[f[0], fam, 33].sendto(dccp(sp, dp), (f[2], 0))
    else:
        socks[f[0], fam, 132].sendto(sctp(sp, dp, int(f[5], 0), f[7].split('+'), int(f[6], 0)), (f[2], 0))
    time.sleep(0.003)
time.sleep(0.1)    # the open raw sockets keep C and S from answering "protocol unreachable"
PY

# c/s PORT VTAG ITAG CHUNKS: a line from the client (port PORT to 9) or the server (9 to PORT);
# FAM selects the addresses.
c() { echo "c ${CA[$FAM]} ${SA[$FAM]} $1 9 $2 $3 $4"; }
s() { echo "s ${SA[$FAM]} ${CA[$FAM]} 9 $1 $2 $3 $4"; }
CA=([4]=10.84.1.2 [6]=fd84:1::2); SA=([4]=10.84.2.2 [6]=fd84:2::2)
# setup PORT CTAG STAG: INIT .. COOKIE_ACK (the client's tag CTAG, the server's STAG)
setup() { c "$1" 0 "$2" INIT; s "$1" "$2" "$3" INIT_ACK; c "$1" "$3" 0 COOKIE_ECHO; s "$1" "$2" 0 COOKIE_ACK; }
traffic() {
	FAM=4
	# a whole association: INIT retransmitted, bundled chunks, data, heartbeat, shutdown
	c 5001 0 0xc1 INIT; c 5001 0 0xc1 INIT; s 5001 0xc1 0x51 INIT_ACK
	c 5001 0x51 0 COOKIE_ECHO+DATA; s 5001 0xc1 0 COOKIE_ACK+SACK
	c 5001 0x51 0 DATA; s 5001 0xc1 0 SACK; s 5001 0xc1 0 DATA; c 5001 0x51 0 SACK+DATA
	c 5001 0x99 0 DATA                                  # wrong tag: INVALID
	s 5001 0x51 0 SACK                                  # the client's tag from the server: INVALID
	c 5001 0x51 0 HEARTBEAT; s 5001 0xc1 0 HEARTBEAT_ACK
	c 5001 0x51 0 SHUTDOWN; s 5001 0xc1 0 SHUTDOWN_ACK; c 5001 0x51 0 SHUTDOWN_COMPLETE
	c 5001 0x51 0 COOKIE_ECHO                           # COOKIE_ECHO in CLOSED
	# ended by ABORT: a wrong tag first, then the server's
	setup 5002 0xc2 0x52; c 5002 0x52 0 DATA
	s 5002 0x52 0 ABORT; s 5002 0xc2 0 ABORT
	# ABORT with the T bit: the tag it was sent, reflected
	setup 5003 0xc3 0x53; c 5003 0x53 0 ABORT_T; c 5003 0xc3 0 ABORT_T
	# packets that cannot start an entry
	c 5004 0 0 DATA; c 5004 0 0 SACK; c 5004 0 0 ABORT; c 5004 0 0 COOKIE_ACK
	c 5004 0 0 SHUTDOWN_COMPLETE; c 5004 0x5 0xc4 INIT; c 5004 0 0xc4 INIT+DATA
	c 5004 0 0 HEARTBEAT+DATA; c 5004 0 0 SACK+COOKIE_ECHO; c 5004 0 0 HEARTBEAT+ZERO
	c 5004 0x5 0 COOKIE_ECHO
	# ... and some that can: HEARTBEAT (answered), COOKIE_ECHO with tag 0, SHUTDOWN_ACK, ERROR
	c 5005 0x77 0 HEARTBEAT; s 5005 0x88 0 HEARTBEAT_ACK; c 5005 0x77 0 DATA; s 5005 0x88 0 SACK
	c 5006 0 0 COOKIE_ECHO
	c 5007 0x33 0 SHUTDOWN_ACK; s 5007 0x33 0 SHUTDOWN_COMPLETE_T; s 5007 0x33 0 SHUTDOWN_COMPLETE
	c 5013 0x34 0 ERROR
	# the server shuts down; a new INIT in CLOSED (not refreshed) and its INIT_ACK
	setup 5008 0xc8 0x58; s 5008 0xc8 0 SHUTDOWN; c 5008 0x58 0 SHUTDOWN_ACK
	s 5008 0xc8 0 SHUTDOWN_COMPLETE; c 5008 0 0xd8 INIT; s 5008 0xd8 0x68 INIT_ACK
	# heartbeat tag change: a HEARTBEAT with another tag, the answer teaches new tags
	setup 5009 0xc9 0x59; c 5009 0x99 0 HEARTBEAT; s 5009 0x98 0 HEARTBEAT_ACK
	c 5009 0x59 0 DATA; s 5009 0x98 0 DATA; s 5009 0x97 0 HEARTBEAT+DATA; s 5009 0x97 0 HEARTBEAT_ACK
	# INIT collision: both sides' INITs, the INIT_ACKs must keep the tags
	c 5010 0 0xca INIT; s 5010 0 0x5a INIT; s 5010 0xca 0x5b INIT_ACK; s 5010 0xca 0x5a INIT_ACK
	c 5010 0x5a 0xca INIT_ACK
	# a bad CRC
	c 5011 0 0xcb INIT+BADCRC
	FAM=6
	setup 5001 0xe1 0x61; c 5001 0x61 0 DATA; s 5001 0xe1 0 SACK+DATA; c 5001 0x61 0 SACK
	c 5001 0x61 0 HEARTBEAT; s 5001 0xe1 0 HEARTBEAT_ACK; s 5001 0x61 0 DATA
	c 5001 0x61 0 SHUTDOWN; s 5001 0xe1 0 SHUTDOWN_ACK; c 5001 0x61 0 SHUTDOWN_COMPLETE
	setup 5002 0xe2 0x62; s 5002 0xe2 0 DATA; c 5002 0x62 0 ABORT
	c 5003 0 0 DATA; c 5003 0x5 0xe3 INIT
	setup 5004 0xe4 0x64; c 5004 0x64 0 DATA; s 5004 0xe4 0 SACK   # left ESTABLISHED
	c 5005 0 0xe5 INIT; s 5005 0xe5 0x65 INIT_ACK; c 5005 0x65 0 COOKIE_ECHO  # left COOKIE_ECHOED
	# DCCP: generic for this kernel (one entry per address pair, answered from another port)
	echo "c 10.84.1.2 10.84.2.2 6001 7 dccp"; echo "c 10.84.1.2 10.84.2.2 6002 7 dccp"
	echo "s 10.84.2.2 10.84.1.2 8 6003 dccp"; echo "c fd84:1::2 fd84:2::2 6001 7 dccp"
}
traffic >"$T_TMP/traffic"

for n in "$C" "$R" "$S"; do ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0; done
sleep 3       # let the links' own chatter (MLD reports, DAD) die down
capture_start ct_sctp "$R" || exit 1
$inR iptables-legacy -Z; $inR ip6tables-legacy -Z
T_FROM=$(date +%s.%N)
$inC python3 "$T_TMP/send.py" "$C" "$S" "$T_TMP/traffic" || fail "ct_sctp: sending failed"
kernel_snapshot "$R" 4 6

nfcore_compare ct_sctp --rules "$T_TMP/rules.v4" --rules6 "$T_TMP/rules.v6" \
	--host "$T_TMP/addr.json" --host "$T_TMP/route.json"

# timeouts: each entry's within a second of the kernel's
bad=$(awk '{ t = $3; $3 = "-"; if (FILENAME ~ /kernel/) k[$0] = t; else if (($0 in k) && (t - k[$0] > 1 || k[$0] - t > 1)) print $0 " kernel " k[$0] " nfcore " t }' \
	"$T_TMP/kernel.ct" "$T_TMP/ours.ct")
check_eq "ct_sctp: every entry's timeout within a second of the kernel's" "$bad" ""
# what the kernel must have shown for the test to prove anything
k=$T_TMP/kernel.ct
check_eq "ct_sctp: the kernel lists the associations' states (CLOSED, COOKIE_ECHOED, COOKIE_WAIT, ESTABLISHED)" \
	"$(grep -o '^sctp *132 [0-9]* [A-Z_]*' "$k" | awk '{print $4}' | sort -u | tr '\n' ' ')" \
	"CLOSED COOKIE_ECHOED COOKIE_WAIT ESTABLISHED "
check_eq "ct_sctp: the kernel counts INVALID SCTP packets (IPv4 and IPv6)" \
	"$(grep -c -- '^\[[1-9][0-9]*:.*-p sctp -m conntrack --ctstate INVALID -m sctp --chunk-types any DATA' "$T_TMP/kernel.save")" 2
check_eq "ct_sctp: DCCP is generic in the kernel: one entry without ports, answered" \
	"$(grep -c '^dccp *33 .* sport=0 dport=0 .* sport=0 dport=0 packets=1 ' "$k")" 1
[ -n "${CT_SCTP_KEEP:-}" ] && cp -r "$T_TMP" "$CT_SCTP_KEEP"
t_done
