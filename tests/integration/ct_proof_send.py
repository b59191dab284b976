# SPDX-License-Identifier: GPL-2.0-or-later
# ct_proof's sender: the generator's lines of one kind (argv[1]: in/pin as Ethernet frames from
# the sink namespace's peer interface, out/pout from the host itself through a raw IP socket),
# one every few milliseconds, far from any rate rule's threshold. The host's packets are also
# written to a log ("nanoseconds hex-bytes" per line, the time taken just before sending).
# argv: how macs-file [pace-ms [log]]
import socket, struct, sys, time
how, macs = sys.argv[1], dict(l.split() for l in open(sys.argv[2]))
pace = float(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.003
log = open(sys.argv[4], 'a') if len(sys.argv) > 4 else None

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def pseudo(src, dst, proto, n):
    if ':' in src:
        return socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + struct.pack('!IxxxB', n, proto)
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, proto, n)

def l4(proto, src, dst, sp, dp, t, c, fl):
    if proto == 6:
        h = struct.pack('!HHIIBBHHH', sp, dp, 1000, 1 if fl & 16 else 0, 5 << 4, fl, 1000, 0, 0)
    elif proto in (17, 136):
        h = struct.pack('!HHHH', sp, dp, 12, 0) + b'data'
    elif proto == 1:
        body = struct.pack('!HH', 77, 1) + b'x' * 16
        if t in (3, 4, 5, 11, 12):
            inner = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 1, 0, 64, 17, 0, socket.inet_aton(dst), socket.inet_aton(src))
            body = b'\0\0\0\0' + inner + struct.pack('!HHHH', 53, 33333, 8, 0)
        h = struct.pack('!BBH', t, c, 0) + body
        return h[:2] + struct.pack('!H', csum(h)) + h[4:]
    elif proto == 58:
        body = struct.pack('!HH', 77, 1) + b'x' * 16
        if t < 128:
            inner = struct.pack('!IHBB16s16s', 0x60000000, 8, 17, 64, socket.inet_pton(socket.AF_INET6, dst),
                                socket.inet_pton(socket.AF_INET6, src))
            body = b'\0\0\0\0' + inner + struct.pack('!HHHH', 53, 33333, 8, 0)
        elif t in (135, 136):
            body = b'\0\0\0\0' + socket.inet_pton(socket.AF_INET6, dst)
        h = struct.pack('!BBH', t, c, 0) + body
        return h[:2] + struct.pack('!H', csum(pseudo(src, dst, 58, len(h)) + h)) + h[4:]
    elif proto == 132:
        h = struct.pack('!HHII', sp, dp, 0, 0) + struct.pack('!BBH', 1, 0, 20) + b'\0' * 16
    else:
        h = b'\0' * 8
    if proto in (6, 17):
        ph = pseudo(src, dst, proto, len(h))
        o = 16 if proto == 6 else 6
        h = h[:o] + struct.pack('!H', csum(ph + h)) + h[o + 2:]
    return h

for line in sys.stdin:
    f = line.split()
    if f[0] != how:
        continue
    k, src, dst, mac = f[1], f[2], f[3], f[10]
    proto, sp, dp, t, c, fl = (int(x) for x in f[4:10])
    body = l4(proto, src, dst, sp, dp, t, c, fl)
    v6 = ':' in src
    if v6:
        hl = 255 if proto == 58 and 133 <= t <= 137 else 64
        ip = struct.pack('!IHBB16s16s', 0x60000000, len(body), proto, hl, socket.inet_pton(socket.AF_INET6, src),
                         socket.inet_pton(socket.AF_INET6, dst))
    else:
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst))
        ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    if how in ('in', 'pin'):
        hmac, xname, xmac = macs[k].split(',')
        if mac != '-':
            xmac = mac
        dmac = 'ff:ff:ff:ff:ff:ff' if dst.endswith('.255') else '01:00:5e:00:00:01' if dst == '224.0.0.1' else \
            '33:33:00:00:00:01' if dst == 'ff02::1' else hmac
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((xname, 0))
        s.send(bytes.fromhex(dmac.replace(':', '')) + bytes.fromhex(xmac.replace(':', '')) +
               (b'\x86\xdd' if v6 else b'\x08\x00') + ip + body)
    else:
        s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        if log:
            print(time.time_ns(), (ip + body).hex(), file=log, flush=True)
        try:
            s.sendto(ip + body, (dst, 0))
        except OSError:
            pass
    s.close()
    time.sleep(pace)
