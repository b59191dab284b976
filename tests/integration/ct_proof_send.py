# SPDX-License-Identifier: GPL-2.0-or-later
# ct_proof's sender: the generator's lines in their order, one every few milliseconds, far from
# any rate rule's threshold: in/pin/fin as Ethernet frames from the sink namespace's peer of the
# line's interface, out/pout from the host itself through a raw IP socket. Runs in the host's
# namespace; the peers' packet sockets are opened in the sink's (argv[2], a netns name) first.
# The host's packets are also written to a log ("nanoseconds hex-bytes" per line, the time
# taken just before sending). A line with a 13th field sends those bytes (hex) as the packet, a
# 14th (uid:gid) through a raw socket created by that user (coverage_local.owned_socket).
# tcpin/tcpout lines are connections between real TCP stacks: the sink's client to the host's
# server, or the host's client to the sink's server (the sink end's address is on the peer).
# argv: macs-file sink-netns [pace-ms [log]]
import ctypes, os, socket, struct, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'filter', 'tests'))
from coverage_local import owned_socket
CLONE_NEWNET = 0x40000000
macs = dict(l.split() for l in open(sys.argv[1]))
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

def made(f):
    """The IP packet of a generator line (without hex bytes)."""
    src, dst = f[2], f[3]
    proto, sp, dp, t, c, fl = (int(x) for x in f[4:10])
    body = l4(proto, src, dst, sp, dp, t, c, fl)
    if ':' in src:
        hl = 255 if proto == 58 and 133 <= t <= 137 else 64
        return struct.pack('!IHBB16s16s', 0x60000000, len(body), proto, hl, socket.inet_pton(socket.AF_INET6, src),
                           socket.inet_pton(socket.AF_INET6, dst)) + body
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst))
    return ip[:10] + struct.pack('!H', csum(ip)) + ip[12:] + body

def dst_mac(dst, hmac):
    """The frame's destination: broadcast (to H's subnets' broadcast addresses only: the kernel
    never forwards a frame sent to the broadcast MAC), the multicast group's MAC, or H's."""
    a = socket.inet_pton(socket.AF_INET6 if ':' in dst else socket.AF_INET, dst)
    if dst == '255.255.255.255' or dst.startswith('10.201.') and dst.endswith('.255'):   # H's subnets
        return b'\xff' * 6
    if len(a) == 4 and 224 <= a[0] <= 239:
        return b'\x01\x00\x5e' + bytes([a[1] & 0x7f]) + a[2:]
    if len(a) == 16 and a[0] == 0xff:
        return b'\x33\x33' + a[12:]
    return bytes.fromhex(hmac.replace(':', ''))

libc = ctypes.CDLL(None, use_errno=True)
home = open('/proc/self/ns/net')
sink = open('/var/run/netns/' + sys.argv[2])

def in_sink(*args):
    """A socket(*ARGS) of the sink namespace (a socket keeps the namespace it was made in)."""
    if libc.setns(sink.fileno(), CLONE_NEWNET):
        sys.exit('ct_proof_send: setns %s failed' % sys.argv[2])
    try:
        return socket.socket(*args)
    finally:
        if libc.setns(home.fileno(), CLONE_NEWNET):
            sys.exit('ct_proof_send: setns back failed')

peers = {}
for k, v in macs.items():
    peers[k] = in_sink(socket.AF_PACKET, socket.SOCK_RAW)
    peers[k].bind((v.split(',')[1], 0))
raw = {}

def converse(src, dst, sp, dp, client_in_sink):
    """A TCP connection SRC:SP -> DST:DP between the host's stack and the sink's (the client in
    the sink if CLIENT_IN_SINK): handshake, 10 bytes each way, the client's FIN, the server's.
    Refused or unanswered (the ruleset's choice) within 0.3 s: left as it is."""
    fam = socket.AF_INET6 if ':' in dst else socket.AF_INET
    srv = socket.socket(fam, socket.SOCK_STREAM) if client_in_sink else in_sink(fam, socket.SOCK_STREAM)
    cli = in_sink(fam, socket.SOCK_STREAM) if client_in_sink else socket.socket(fam, socket.SOCK_STREAM)
    try:
        for s in (srv, cli):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.settimeout(0.3)
        srv.bind((dst, dp))
        srv.listen(1)
        cli.bind((src, sp))
        cli.connect((dst, dp))
        conn, _ = srv.accept()
        with conn:
            conn.settimeout(0.3)
            for a, b, data in ((cli, conn, b'0123456789'), (conn, cli, b'abcdefghij')):
                time.sleep(pace)
                a.sendall(data)
                b.recv(64)
            time.sleep(pace)
            cli.shutdown(socket.SHUT_WR)
            conn.recv(64)
            time.sleep(pace)
        cli.recv(64)
    except OSError:
        pass
    finally:
        cli.close()
        srv.close()

def raw_socket(v6, owner):
    """The host's raw socket of the family, created by OWNER ("uid:gid")."""
    if (v6, owner) not in raw:
        uid, gid = (int(x) for x in owner.split(':'))
        raw[(v6, owner)] = owned_socket(socket.AF_INET6 if v6 else socket.AF_INET, uid, gid)
    return raw[(v6, owner)]

for line in sys.stdin:
    f = line.split()
    how, k, dst, mac = f[0], f[1], f[3], f[10]
    if how in ('tcpin', 'tcpout'):
        converse(f[2], dst, int(f[5]), int(f[6]), how == 'tcpin')
        time.sleep(pace)
        continue
    pkt = bytes.fromhex(f[12]) if len(f) > 12 else made(f)
    v6 = pkt[0] >> 4 == 6
    if how in ('in', 'pin', 'fin'):
        hmac, _, xmac = macs[k].split(',')
        if mac != '-':
            xmac = mac
        peers[k].send(dst_mac(dst, hmac) + bytes.fromhex(xmac.replace(':', '')) +
                      (b'\x86\xdd' if v6 else b'\x08\x00') + pkt)
    else:
        if log:
            print(time.time_ns(), pkt.hex(), file=log, flush=True)
        try:
            raw_socket(v6, f[13] if len(f) > 13 else '0:0').sendto(pkt, (dst, 0))
        except OSError:
            pass
    time.sleep(pace)
