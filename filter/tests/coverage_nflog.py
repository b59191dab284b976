# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: NFLOG capture (pcap) -> "HOOK IN OUT HEX mac=.. ct=.." lines for nfctl eval.
import struct, sys

from jiffies import jiffy_shift
names = dict(l.split() for l in open(sys.argv[2]))


SHIFT = jiffy_shift()
# the router's sockets: mark 0x7e57 | index << 16, owners by index (coverage_local.py)
owners = [l.strip() for l in open(sys.argv[3])] if len(sys.argv) > 3 else ['0:0']
d = open(sys.argv[1], 'rb').read()
le = d[:4] == b'\xd4\xc3\xb2\xa1'
o = 24
while o + 16 <= len(d):
    sec, usec, incl, _ = struct.unpack('<IIII' if le else '>IIII', d[o:o + 16])
    rec = d[o + 16:o + 16 + incl]
    o += 16 + incl
    p, tlv = 4, {}
    while p + 4 <= len(rec):
        ln, ty = struct.unpack('<HH', rec[p:p + 4])
        if ln < 4:
            break
        tlv[ty & 0x7fff] = rec[p + 4:p + ln]
        p += (ln + 3) & ~3
    if 9 not in tlv or (4 not in tlv and 5 not in tlv):
        continue
    pkt = tlv[9]
    inn = names.get(str(struct.unpack('!I', tlv[4])[0]), '?') if 4 in tlv else '-'
    out = names.get(str(struct.unpack('!I', tlv[5])[0]), '?') if 5 in tlv else '-'
    mark = struct.unpack('!I', tlv[2])[0] if 2 in tlv else 0
    hook = 'FORWARD' if inn != '-' and out != '-' else 'INPUT' if inn != '-' else 'OUTPUT'
    mac = ''
    if 8 in tlv:
        mac = ' mac=' + ':'.join('%02x' % b for b in tlv[8][4:10])
    v6 = pkt[0] >> 4 == 6
    proto = pkt[6] if v6 else pkt[9]
    ihl = 40 if v6 else (pkt[0] & 15) * 4
    ct = 'new'
    if proto == 6:
        ct = 'new' if pkt[ihl + 13] & 63 in (2, 34, 16, 48, 24, 56) else 'invalid'
    elif proto == 1:
        ct = 'new' if pkt[ihl] in (8, 13, 15, 17) else 'invalid'
    elif proto == 58:
        ct = 'new' if pkt[ihl] in (128, 139) else 'invalid'
    ours = mark & 0xffff == 0x7e57 and (mark >> 16) < len(owners)
    if hook == 'OUTPUT' and not ours:
        # the router's answers (REJECT's RST or ICMP error): conntrack calls them RELATED
        if (proto == 6 and pkt[ihl + 13] & 4) or (proto == 1 and pkt[ihl] in (3, 4, 5, 11, 12)) or \
           (proto == 58 and pkt[ihl] < 128):
            ct = 'related'
        else:
            ct = 'new'
    if proto == 58 and pkt[ihl] in (130, 131, 132, 133, 134, 135, 136, 143):
        ct = 'untracked'    # neighbour discovery and MLD
    if 10 in tlv:                       # the kernel's own conntrack state (NFLOG prefix)
        st, _, cdir = tlv[10].split(b'\0')[0].decode().partition('/')
        ct = st.lower()
        if cdir == 'REPLY':
            ct += ' dir=reply'
    if mark:
        mac += ' mark=%d' % mark
    if ours and hook == 'OUTPUT':
        mac += ' sk=' + owners[mark >> 16]     # sent by the router's raw socket
    ts = sec * 1000000000 + usec * 1000
    if 3 in tlv and len(tlv[3]) >= 16:   # the packet's own time (NFULA_TIMESTAMP)
        s_, us_ = struct.unpack('!QQ', tlv[3][:16])
        ts = s_ * 1000000000 + us_ * 1000
    ts -= SHIFT
    print('%s %s %s %s%s ts=%d ct=%s' % (hook, inn, out, pkt.hex(), mac, ts, ct))
