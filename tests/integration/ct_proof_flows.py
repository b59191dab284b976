# SPDX-License-Identifier: GPL-2.0-or-later
# Whole flows for ct_proof (imported by ct_proof_gen.py): after the first SYN the generator aims
# at a forwarded TCP rule, the rest of that connection (SYN/ACK from the destination's side,
# ACK, data both ways, FIN both ways, last ACK) with consistent sequence numbers; a mid-stream
# pickup (data on a tuple no SYN opened, and its answer); and after a forwarded UDP packet a
# datagram too large for one frame, in two fragments. Lines as the generator prints them, with
# the packet's bytes as hex (ct_proof_send.py sends those as they are).
import ipaddress, socket, struct

SYN, ACK, FIN, PSH = 2, 16, 1, 8


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return (~s) & 0xffff


def ip_packet(src, dst, proto, body, ident=7, frag=None):
    """An IPv4 or IPv6 packet around BODY; FRAG = (offset_bytes, more) makes a fragment."""
    if ':' in src:
        s6, d6 = socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)
        if frag:
            body = struct.pack('!BBHI', proto, 0, frag[0] | frag[1], ident) + body
            proto = 44
        return struct.pack('!IHBB16s16s', 0x60000000, len(body), proto, 64, s6, d6) + body
    off = (frag[0] // 8) | (0x2000 if frag[1] else 0) if frag else 0
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(body), ident, off, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + body


def pseudo(src, dst, proto, n):
    if ':' in src:
        return socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + \
            struct.pack('!IxxxB', n, proto)
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, proto, n)


def tcp(src, dst, sp, dp, seq, ack, flags, data=b''):
    h = struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 5 << 4, flags, 1000, 0, 0) + data
    h = h[:16] + struct.pack('!H', csum(pseudo(src, dst, 6, len(h)) + h)) + h[18:]
    return ip_packet(src, dst, 6, h)


def udp_fragments(src, dst, sp, dp, n=1600):
    """A UDP datagram of N payload bytes as two fragments (the first 1024 bytes of it, the rest)."""
    data = bytes(i & 0xff for i in range(n))
    u = struct.pack('!HHHH', sp, dp, 8 + n, 0) + data
    u = u[:6] + struct.pack('!H', csum(pseudo(src, dst, 17, len(u)) + u) or 0xffff) + u[8:]
    return [ip_packet(src, dst, 17, u[:1024], 99, (0, True)), ip_packet(src, dst, 17, u[1024:], 99, (1024, False))]


def conversation(src, dst, sp, dp):
    """The packets after a SYN of seq 1000 (ct_proof_send.py's), with their direction
    (True: from the source's side)."""
    d = b'0123456789'
    return [(False, tcp(dst, src, dp, sp, 5000, 1001, SYN | ACK)),
            (True, tcp(src, dst, sp, dp, 1001, 5001, ACK)),
            (True, tcp(src, dst, sp, dp, 1001, 5001, PSH | ACK, d)),
            (False, tcp(dst, src, dp, sp, 5001, 1011, PSH | ACK, d)),
            (True, tcp(src, dst, sp, dp, 1011, 5011, FIN | ACK)),
            (False, tcp(dst, src, dp, sp, 5011, 1012, FIN | ACK)),
            (True, tcp(src, dst, sp, dp, 1012, 5012, ACK))]


def pickup(src, dst, sp, dp):
    """Data on a tuple no SYN opened (loose pickup), and its answer."""
    return [(True, tcp(src, dst, sp, dp, 70000, 9000, PSH | ACK, b'mid')),
            (False, tcp(dst, src, dp, sp, 9000, 70003, ACK))]


def with_flows(out, reply_dev, is_local, limit=6):
    """OUT with whole flows after up to LIMIT forwarded TCP SYNs and UDP packets (distinct rules)
    that arrive from a peer; REPLY_DEV(address): the interface the destination's answers
    arrive on, or None; IS_LOCAL(address): the host's own."""
    res, tcp_n, udp_n, seen = [], 0, 0, set()
    for x in out:
        res.append(x)
        how, dev, src, dst, proto, sp, dp, fl, g = x[0], x[1], x[2], x[3], int(x[4]), int(x[5]), int(x[6]), int(x[9]), x[11]
        if how != 'in' or x[10] != '-' or len(x) > 13 or g in seen or is_local(dst):
            continue
        a, b = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if a.is_multicast or b.is_multicast or a.is_link_local or b.is_link_local or a.is_unspecified:
            continue
        back = reply_dev(dst)
        if not back:
            continue
        if proto == 6 and fl == SYN and sp and dp and tcp_n < limit:
            tcp_n += 1
            flows = conversation(src, dst, sp, dp) + pickup(src, dst, sp ^ 0x4000 or 1, dp)
        elif proto == 17 and sp and dp and udp_n < limit:
            udp_n += 1
            flows = [(True, f) for f in udp_fragments(src, dst, sp, dp)]
        else:
            continue
        seen.add(g)
        for fwd, pkt in flows:
            l4 = 40 if ':' in src else 20
            s, d = (src, dst) if fwd else (dst, src)
            ports = struct.unpack('!HH', pkt[l4:l4 + 4]) if proto == 6 else (sp, dp) if fwd else (dp, sp)
            res.append(('fin', dev if fwd else back, s, d, proto, ports[0], ports[1], 0, 0,
                        pkt[l4 + 13] if proto == 6 else 0, '-', g, pkt.hex()))
    return res
