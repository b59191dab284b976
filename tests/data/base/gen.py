#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes tests/data/base/packets.rows: crafted packets and the keys BASE must
# produce for them, derived from how each packet is built (not from BASE).
# Usage: python3 tests/data/base/gen.py > tests/data/base/packets.rows
import socket
import struct

out = []


def ip4(a):
    return socket.inet_aton(a)


def ip6(a):
    return socket.inet_pton(socket.AF_INET6, a)


def v4(src, dst, proto, payload, tos=0, ttl=64, ident=0x1234, fragw=0x4000,
       csum=0xabcd, opts=b''):
    ihl = 5 + len(opts) // 4
    tot = ihl * 4 + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, tos, tot, ident, fragw, ttl,
                    proto, csum, ip4(src), ip4(dst)) + opts
    keys = {'ip.saddr': src, 'ip.daddr': dst, 'ip.protocol': proto,
            'ip.tos': tos, 'ip.ttl': ttl, 'ip.totlen': tot, 'ip.ihl': ihl,
            'ip.csum': csum, 'ip.id': ident, 'ip.fragoff': fragw}
    return h + payload, keys


def v6(src, dst, nh, payload, tc=0, flow=0, hlim=64):
    w = (6 << 28) | (tc << 20) | flow
    h = struct.pack('!IHBB16s16s', w, len(payload), nh, hlim, ip6(src), ip6(dst))
    keys = {'ip.saddr': src, 'ip.daddr': dst, 'ip6.payloadlen': len(payload),
            'ip6.priority': tc, 'ip6.flowlabel': flow, 'ip6.hoplimit': hlim}
    return h + payload, keys


def tcp(sport, dport, seq, ack, flags, window=64240, csum=0xbeef, urgp=0,
        opts=b'', res=0, data=b''):
    doff = 5 + len(opts) // 4
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, (doff << 4) | res,
                    flags, window, csum, urgp) + opts
    k = {'tcp.sport': sport, 'tcp.dport': dport, 'tcp.seq': seq,
         'tcp.ackseq': ack, 'tcp.window': window, 'tcp.offset': doff,
         'tcp.reserved': res, 'tcp.csum': csum,
         'tcp.fin': int(bool(flags & 1)), 'tcp.syn': int(bool(flags & 2)),
         'tcp.rst': int(bool(flags & 4)), 'tcp.psh': int(bool(flags & 8)),
         'tcp.ack': int(bool(flags & 16)), 'tcp.urg': int(bool(flags & 32)),
         'tcp.res1': int(res != 0), 'tcp.res2': int(bool(flags & 0xc0))}
    if flags & 32:
        k['tcp.urgp'] = urgp
    return h + data, k


def udp(sport, dport, data, csum=0x4321, prefix='udp', ulen=None):
    ulen = 8 + len(data) if ulen is None else ulen
    h = struct.pack('!HHHH', sport, dport, ulen, csum)
    return h + data, {prefix + '.sport': sport, prefix + '.dport': dport,
                      prefix + '.len': ulen, prefix + '.csum': csum}


def icmp(typ, code, rest, csum=0x1111, v6=False):
    p = 'icmpv6' if v6 else 'icmp'
    h = struct.pack('!BBH', typ, code, csum) + rest
    return h, {p + '.type': typ, p + '.code': code, p + '.csum': csum}


def emit(name, family, pkt, keys, proto=None):
    if proto is None:
        proto = {2: 0x0800, 10: 0x86dd}.get(family)
    out.append('name: ' + name)
    out.append('family: %d' % family)
    if proto is not None:
        out.append('proto: 0x%04x' % proto)
        keys = dict(keys)
        keys['oob.protocol'] = proto
    hx = pkt.hex()
    for i in range(0, len(hx), 64):
        out.append('hex: ' + hx[i:i + 64])
    for k in sorted(keys):
        out.append('%s=%s' % (k, keys[k]))
    out.append('')


def merge(*ds):
    r = {}
    for d in ds:
        r.update(d)
    return r


# --- IPv4 ---
mss = struct.pack('!BBH', 2, 4, 1460)
t, tk = tcp(40000, 80, 1000, 0, 0x02, opts=mss)
p, k = v4('10.0.0.1', '10.0.0.2', 6, t, tos=0x10)
emit('ipv4 tcp syn with mss option (tcp.offset 6)', 2, p, merge(k, tk))

t, tk = tcp(22, 51000, 0xdeadbeef, 0x01020304, 0x20 | 0x10 | 0x08 | 0xc0,
            urgp=7, res=0x1, data=b'hello')
p, k = v4('192.0.2.7', '198.51.100.9', 6, t, ttl=3, fragw=0)
emit('ipv4 tcp urg ack psh ece cwr with reserved bits', 2, p, merge(k, tk))

u, uk = udp(5353, 5353, b'abcd')
p, k = v4('192.168.1.1', '224.0.0.251', 17, u, ttl=255)
emit('ipv4 udp', 2, p, merge(k, uk))

u, uk = udp(1234, 5678, b'litedata', ulen=8)
p, k = v4('10.1.1.1', '10.1.1.2', 136, u)
emit('ipv4 udp-lite', 2, p, merge(k, uk))

i, ik = icmp(8, 0, struct.pack('!HH', 0x0abc, 42) + b'pingdata')
ik.update({'icmp.echoid': 0x0abc, 'icmp.echoseq': 42})
p, k = v4('10.0.0.1', '10.0.0.2', 1, i)
emit('ipv4 icmp echo request', 2, p, merge(k, ik))

i, ik = icmp(0, 0, struct.pack('!HH', 7, 9))
ik.update({'icmp.echoid': 7, 'icmp.echoseq': 9})
p, k = v4('10.0.0.2', '10.0.0.1', 1, i)
emit('ipv4 icmp echo reply', 2, p, merge(k, ik))

inner, _ = v4('10.0.0.1', '10.9.9.9', 17, b'12345678')
i, ik = icmp(5, 1, ip4('10.0.0.254') + inner[:28])
ik['icmp.gateway'] = '10.0.0.254'
p, k = v4('10.0.0.253', '10.0.0.1', 1, i)
emit('ipv4 icmp redirect (gateway)', 2, p, merge(k, ik))

i, ik = icmp(3, 4, struct.pack('!HH', 0, 1400) + inner[:28])
ik['icmp.fragmtu'] = 1400
p, k = v4('10.0.0.254', '10.0.0.1', 1, i)
emit('ipv4 icmp fragmentation needed (mtu)', 2, p, merge(k, ik))

i, ik = icmp(3, 3, b'\0\0\0\0' + inner[:28])
p, k = v4('10.9.9.9', '10.0.0.1', 1, i)
emit('ipv4 icmp port unreachable', 2, p, merge(k, ik))

s = struct.pack('!HHII', 3868, 2905, 0x11223344, 0xcafef00d) + b'\x01' * 16
p, k = v4('10.0.0.1', '10.0.0.2', 132, s)
emit('ipv4 sctp', 2, p, merge(k, {'sctp.sport': 3868, 'sctp.dport': 2905,
                                   'sctp.csum': 0xcafef00d}))

e = struct.pack('!II', 0x00001001, 1) + b'\xaa' * 16
p, k = v4('10.0.0.1', '10.0.0.2', 50, e)
emit('ipv4 esp', 2, p, merge(k, {'ahesp.spi': 0x1001}))

a = struct.pack('!BBHII', 6, 4, 0, 0x00002002, 5) + b'\xbb' * 12
p, k = v4('10.0.0.1', '10.0.0.2', 51, a)
emit('ipv4 ah', 2, p, merge(k, {'ahesp.spi': 0x2002}))

u, uk = udp(53, 33000, b'dnsreply')
p, k = v4('10.0.0.53', '10.0.0.1', 17, u, opts=b'\x01\x01\x01\x00')
emit('ipv4 with options (ihl 6) udp', 2, p, merge(k, uk))

u, uk = udp(4000, 4001, b'A' * 16, ulen=3000)
p, k = v4('10.0.0.1', '10.0.0.2', 17, u, fragw=0x2000, ident=0x77)
emit('ipv4 first fragment keeps udp keys', 2, p, merge(k, uk))

p, k = v4('10.0.0.1', '10.0.0.2', 17, b'B' * 24, fragw=0x2000 | 185, ident=0x77)
emit('ipv4 non-first fragment has no transport keys', 2, p, k)

p, k = v4('10.0.0.1', '10.0.0.2', 6, b'C' * 24, fragw=185, ident=0x78)
emit('ipv4 last fragment of tcp has no tcp keys', 2, p, k)

p, k = v4('10.0.0.1', '10.0.0.2', 47, b'\x00\x00\x08\x00' + b'D' * 20)
emit('ipv4 gre (no transport keys)', 2, p, k)

# --- IPv6 ---
A, B = '2001:db8::1', '2001:db8::2'
t, tk = tcp(50000, 443, 7, 8, 0x12, opts=mss + b'\x01\x01\x04\x02')
p, k = v6(A, B, 6, t, tc=0xb8, flow=0x12345)
emit('ipv6 tcp syn-ack (tcp.offset 7), traffic class and flow label', 10, p,
     merge(k, tk, {'ip.protocol': 6, 'ip6.nexthdr': 6}))

u, uk = udp(546, 547, b'dhcp')
dst = struct.pack('!BB', 17, 0) + b'\x01\x04\0\0\0\0'
rt = struct.pack('!BBBB', 60, 2, 0, 0) + b'\0\0\0\0' + ip6('2001:db8::99')
hop = struct.pack('!BB', 43, 0) + b'\x01\x04\0\0\0\0'
p, k = v6(A, B, 0, hop + rt + dst + u)
emit('ipv6 hop-by-hop, routing, destination options, udp', 10, p,
     merge(k, uk, {'ip.protocol': 17, 'ip6.nexthdr': 17}))

i, ik = icmp(128, 0, struct.pack('!HH', 0x4242, 3) + b'x' * 8, v6=True)
ik.update({'icmpv6.echoid': 0x4242, 'icmpv6.echoseq': 3})
p, k = v6(A, B, 58, i, hlim=1)
emit('ipv6 icmpv6 echo request', 10, p, merge(k, ik, {'ip.protocol': 58, 'ip6.nexthdr': 58}))

i, ik = icmp(129, 0, struct.pack('!HH', 0x4242, 4), v6=True)
ik.update({'icmpv6.echoid': 0x4242, 'icmpv6.echoseq': 4})
p, k = v6(B, A, 58, i)
emit('ipv6 icmpv6 echo reply', 10, p, merge(k, ik, {'ip.protocol': 58, 'ip6.nexthdr': 58}))

i, ik = icmp(1, 4, b'\0\0\0\0' + b'y' * 40, v6=True)
p, k = v6(B, A, 58, i)
emit('ipv6 icmpv6 port unreachable', 10, p, merge(k, ik, {'ip.protocol': 58, 'ip6.nexthdr': 58}))

u, uk = udp(7000, 7001, b'F' * 16, ulen=3000)
fr = struct.pack('!BBHI', 17, 0, 0 | 1, 0xabcdef01)
p, k = v6(A, B, 44, fr + u)
emit('ipv6 first fragment keeps udp keys', 10, p,
     merge(k, uk, {'ip.protocol': 17, 'ip6.nexthdr': 17, 'ip6.fragoff': 0,
                   'ip6.fragid': 0xabcdef01}))

fr = struct.pack('!BBHI', 17, 0, (154 << 3) | 0, 0xabcdef01)
p, k = v6(A, B, 44, fr + b'G' * 32)
emit('ipv6 non-first fragment: no ip.protocol, no transport keys', 10, p,
     merge(k, {'ip6.nexthdr': 17, 'ip6.fragoff': 1232, 'ip6.fragid': 0xabcdef01}))

hop = struct.pack('!BB', 44, 0) + b'\x01\x04\0\0\0\0'
fr = struct.pack('!BBHI', 6, 0, (10 << 3) | 1, 99)
p, k = v6(A, B, 0, hop + fr + b'H' * 24)
emit('ipv6 hop-by-hop then middle fragment', 10, p,
     merge(k, {'ip6.nexthdr': 6, 'ip6.fragoff': 80, 'ip6.fragid': 99}))

t, tk = tcp(1, 2, 3, 4, 0x10)
ah = struct.pack('!BBHII', 6, 4, 0, 0x3003, 1) + b'\xcc' * 12
p, k = v6(A, B, 51, ah + t)
emit('ipv6 ah then tcp', 10, p,
     merge(k, tk, {'ip.protocol': 6, 'ip6.nexthdr': 6, 'ahesp.spi': 0x3003}))

e = struct.pack('!II', 0x4004, 2) + b'\xdd' * 24
p, k = v6(A, B, 50, e)
emit('ipv6 esp', 10, p, merge(k, {'ip.protocol': 50, 'ip6.nexthdr': 50, 'ahesp.spi': 0x4004}))

p, k = v6(A, B, 59, b'')
emit('ipv6 no next header', 10, p, merge(k, {'ip.protocol': 59, 'ip6.nexthdr': 59}))

s = struct.pack('!HHII', 9, 10, 1, 0x0badf00d)
p, k = v6(A, B, 132, s)
emit('ipv6 sctp', 10, p, merge(k, {'ip.protocol': 132, 'ip6.nexthdr': 132,
                                    'sctp.sport': 9, 'sctp.dport': 10,
                                    'sctp.csum': 0x0badf00d}))

# --- bridge ---
arp = struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + bytes.fromhex('020000000001') + \
    ip4('10.0.0.1') + bytes.fromhex('000000000000') + ip4('10.0.0.2')
emit('bridge arp request', 7, arp,
     {'arp.hwtype': 1, 'arp.protocoltype': 0x0800, 'arp.operation': 1,
      'arp.shwaddr': '02:00:00:00:00:01', 'arp.saddr': '10.0.0.1',
      'arp.dhwaddr': '00:00:00:00:00:00', 'arp.daddr': '10.0.0.2'}, proto=0x0806)

u, uk = udp(68, 67, b'bootp')
p, k = v4('0.0.0.0', '255.255.255.255', 17, u)
emit('bridge ipv4 udp', 7, p, merge(k, uk), proto=0x0800)

i, ik = icmp(135, 0, b'\0\0\0\0' + ip6(B), v6=True)
p, k = v6('fe80::1', 'ff02::1:ff00:2', 58, i, hlim=255)
emit('bridge ipv6 neighbour solicitation', 7, p,
     merge(k, ik, {'ip.protocol': 58, 'ip6.nexthdr': 58}), proto=0x86dd)

emit('bridge unknown ethertype', 7, b'\x01\x02\x03\x04' * 10, {}, proto=0x88cc)

print('# SPDX-License-Identifier: GPL-2.0-or-later')
print('# Generated by gen.py: crafted packets and every key BASE must produce for each;')
print('# a key not listed must be absent. Blocks: name, family, proto, hex lines, key=value.')
print()
print('\n'.join(out))
