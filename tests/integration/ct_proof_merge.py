# SPDX-License-Identifier: GPL-2.0-or-later
# Merges ct_proof's two captures into one Linux cooked v2 capture for nfcore --replay: the
# packets that arrived (from `tcpdump -i any`, outgoing copies dropped) and the packets the host
# sent as the raw table's OUTPUT hook saw them (from `tcpdump -i nflog:N`: an NFLOG rule first
# in raw OUTPUT), so that host packets a later OUTPUT rule drops are replayed too.
# Times are moved back by the kernel's jiffy phase (printed, in ns), so that nfcore's rate
# matches count in the kernel's jiffies.
# argv: any.pcap nflog.pcap out.pcap [sender-log [lo-ifindex]]
import bisect, os, struct, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'filter', 'tests'))
from jiffies import jiffy_shift

def records(path):
    with open(path, 'rb') as f:
        head = f.read(24)
        if len(head) < 24:
            return None, []
        magic = struct.unpack('<I', head[:4])[0]
        e = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
        nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
        link = struct.unpack(e + 'I', head[20:24])[0]
        out = []
        while True:
            h = f.read(16)
            if len(h) < 16:
                break
            s, frac, incl, _ = struct.unpack(e + 'IIII', h)
            data = f.read(incl)
            out.append((s * 10**9 + (frac if nano else frac * 1000), data))
        return link, out

def nflog_to_sll2(data):
    """An NFLOG record as an outgoing SLL2 one (interface = NFLOG's outdev), or None."""
    off, proto, outdev, payload = 4, 0, 0, None
    while off + 4 <= len(data):
        ln, ty = struct.unpack('<HH', data[off:off + 4])
        if ln < 4:
            break
        val = data[off + 4:off + ln]
        ty &= 0x7fff
        if ty == 1:
            proto = struct.unpack('!H', val[:2])[0]
        elif ty == 5:
            outdev = struct.unpack('!I', val[:4])[0]
        elif ty == 9:
            payload = val
        off += (ln + 3) & ~3
    if payload is None or outdev == 0:
        return None
    if not proto:
        proto = 0x86dd if payload[0] >> 4 == 6 else 0x0800
    return struct.pack('!HHIHBB8s', proto, 0, outdev, 1, 4, 6, b'') + payload, outdev

def quoted_key(ip):
    """What an ICMP error keeps of the IP packet IP: addresses, id/flow, protocol, 8 bytes of L4."""
    if ip[0] >> 4 == 6:
        return ip[8:40] + ip[6:7] + ip[40:48]
    hl = (ip[0] & 15) * 4
    return ip[12:20] + ip[4:6] + ip[9:10] + ip[hl:hl + 8]

def tcp_ends(ip, back=False):
    """Addresses and ports of the TCP packet IP (turned around if BACK), or None."""
    v6 = ip[0] >> 4 == 6
    hl, proto = (40, ip[6]) if v6 else ((ip[0] & 15) * 4, ip[9])
    if proto != 6 or len(ip) < hl + 14:
        return None
    a, b = (ip[8:24], ip[24:40]) if v6 else (ip[12:16], ip[16:20])
    p, q = ip[hl:hl + 2], ip[hl + 2:hl + 4]
    return b'T' + (b + a + q + p if back else a + b + p + q)

def answering(ip):
    """The key of the packet the ICMP/ICMPv6 error or TCP reset IP answers (quoted_key or
    tcp_ends), or None."""
    if ip[0] >> 4 == 6:
        if len(ip) >= 96 and ip[6] == 58 and ip[40] < 128:
            return quoted_key(ip[48:])
    elif len(ip) >= 56 and ip[9] == 1 and ip[(ip[0] & 15) * 4] in (3, 4, 5, 11, 12):
        return quoted_key(ip[(ip[0] & 15) * 4 + 8:])
    t = tcp_ends(ip, True)
    hl = 40 if ip[0] >> 4 == 6 else (ip[0] & 15) * 4
    return t if t and ip[hl + 13] & 4 else None

any_link, arrived = records(sys.argv[1])
_, sent = records(sys.argv[2])
lo = int(sys.argv[5]) if len(sys.argv) > 5 else 1
by_sender = {}
if len(sys.argv) > 4:
    for l in open(sys.argv[4]):
        t, h = l.split()
        by_sender.setdefault(bytes.fromhex(h), []).append(int(t))
if any_link != 276:
    sys.exit('ct_proof_merge: %s is not Linux cooked v2 (link type %s)' % (sys.argv[1], any_link))
# libpcap stamps NFLOG records when tcpdump reads them, later than a peer's immediate answer
# arrives: a sent packet takes the time of its leaving copy in the other capture (same bytes),
# else the time the sender logged for it, else (the kernel's own, dropped) the time just after
# the last arrival before it was read (or the previous sent packet, if later).
# Packets the host sends to itself come from the lo capture (out and back in), except those
# an OUTPUT or POSTROUTING rule dropped: they never reach lo, only the NFLOG capture has them.
# A packet of the host's own stack that an OUTPUT rule refused (REJECT) has its ICMP error or
# TCP reset arrive over lo before the NFLOG record is read: it goes just before that answer.
merged, leaving, on_lo, answers = [], {}, {}, {}
for ts, d in arrived:
    ifindex, pkttype = struct.unpack('!I', d[4:8])[0], d[10]
    if pkttype != 4 or ifindex == lo:
        merged.append((ts, 0, d))
        if ifindex == lo:       # one copy of each (libpcap sees lo's packets once)
            on_lo.setdefault(d[20:], []).append(ts)
            q = answering(d[20:])
            if q:
                answers.setdefault(q, []).append(ts)
    else:
        leaving.setdefault(d[20:], []).append(ts)
last, arrival_ts = 0, sorted(ts for ts, _, _ in merged)
for ts, d in sent:
    r = nflog_to_sll2(d)
    if not r or r[1] == lo and on_lo.get(r[0][20:]):
        if r:
            on_lo[r[0][20:]].pop(0)
            if by_sender.get(r[0][20:]):
                by_sender[r[0][20:]].pop(0)
        continue
    seen, logged = leaving.get(r[0][20:]), by_sender.get(r[0][20:])
    t = logged.pop(0) if logged else None
    if seen:
        last = seen.pop(0)
    elif t is not None:
        last = t
    else:
        # the kernel's own, dropped before it left (REJECT's or the stack's answer): just after
        # the last arrival before it was read (what it answers; the rule reports each packet at
        # once), or after the previous sent packet if that is later
        k = bisect.bisect_left(arrival_ts, ts)
        last = max(last, arrival_ts[k - 1] if k else 0) + 1000 if last or k else ts
        a = answers.get(quoted_key(r[0][20:])) or answers.get(tcp_ends(r[0][20:]))
        if a and a[0] < last:
            last = a.pop(0) - 1
    merged.append((last, 1, r[0]))
merged.sort(key=lambda x: (x[0], x[1]))
with open(sys.argv[3], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 262144, 276))
    shift = jiffy_shift()
    for ts, _, d in merged:
        ts -= shift
        f.write(struct.pack('<IIII', ts // 10**9, ts % 10**9, len(d), len(d)) + d)
print(shift)
