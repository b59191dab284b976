# SPDX-License-Identifier: GPL-2.0-or-later
# Whole flows for ct_proof (imported by ct_proof_gen.py): after the first SYN the generator aims
# at a forwarded TCP rule, the rest of that connection (SYN/ACK from the destination's side,
# ACK, data both ways, FIN both ways, last ACK) with consistent sequence numbers; a mid-stream
# pickup (data on a tuple no SYN opened, and its answer); and after a forwarded UDP packet a
# datagram too large for one frame, in two fragments. Lines as the generator prints them, with
# the packet's bytes as hex (ct_proof_send.py sends those as they are). After a TCP SYN to or
# from the host: a connection between real TCP stacks, the host's and the peer's (tcpin/tcpout
# lines: ct_proof_send.py connects, sends data both ways and closes).
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


def plain(src, dst):
    """True if neither end is multicast, link-local or unspecified."""
    a, b = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    return not (a.is_multicast or b.is_multicast or a.is_link_local or b.is_link_local or a.is_unspecified)


def crafted(x, reply_dev, is_local):
    """The crafted packets after generator line X (a forwarded TCP SYN or UDP packet from a
    peer) with their interfaces, as (kind, [(dev, from_source_side, packet)]), or None."""
    how, dev, src, dst, proto, sp, dp, fl = x[0], x[1], x[2], x[3], int(x[4]), int(x[5]), int(x[6]), int(x[9])
    back = reply_dev(dst)
    if how != 'in' or x[10] != '-' or len(x) > 13 or is_local(dst) or not back or not sp or not dp:
        return None
    if proto == 6 and fl == SYN:
        return 'tcp', [(dev if f else back, f, p) for f, p in conversation(src, dst, sp, dp) +
                       pickup(src, dst, sp ^ 0x4000 or 1, dp)]
    if proto == 17:
        return 'udp', [(dev, True, f) for f in udp_fragments(src, dst, sp, dp)]
    return None


def stacks(x, reply_dev, is_local):
    """A connection between real TCP stacks after generator line X, a TCP SYN to the host from a
    peer (tcpin) or from the host to a peer (tcpout): the line, or None. The source port differs
    from X's (a new connection), the X side's address is added to the peer's interface."""
    how, dev, src, dst, proto, sp, dp, fl = x[0], x[1], x[2], x[3], int(x[4]), int(x[5]), int(x[6]), int(x[9])
    if proto != 6 or fl != SYN or not sp or not dp or len(x) > 13 or x[10] != '-':
        return None
    if how == 'in' and is_local(dst) and not is_local(src):
        kind, k = 'tcpin', dev
    elif how == 'out' and is_local(src) and not is_local(dst):
        kind, k = 'tcpout', reply_dev(dst)
    else:
        return None
    return (kind, k, src, dst, 6, sp ^ 0x2000 or 1, dp, 0, 0, SYN, '-', x[11]) if k else None


def with_flows(out, reply_dev, is_local, limit=6):
    """OUT with whole flows after the first lines of up to LIMIT rules of each kind: the rest of
    forwarded TCP connections, pickups and fragmented UDP datagrams crafted (fin lines), and
    connections between the host's TCP stack and a peer's (tcpin/tcpout lines). REPLY_DEV(address):
    the interface the address's packets arrive on, or None; IS_LOCAL(address): the host's own."""
    res, n, seen = [], {}, set()
    for x in out:
        res.append(x)
        if x[11] in seen or not plain(x[2], x[3]):
            continue
        made = crafted(x, reply_dev, is_local)
        if made and n.get(made[0], 0) < limit:
            n[made[0]] = n.get(made[0], 0) + 1
            seen.add(x[11])
            proto, l4 = int(x[4]), 40 if ':' in x[2] else 20
            for dev, fwd, pkt in made[1]:
                s, d = (x[2], x[3]) if fwd else (x[3], x[2])
                ports = struct.unpack('!HH', pkt[l4:l4 + 4]) if proto == 6 else (x[5], x[6])
                res.append(('fin', dev, s, d, proto, ports[0], ports[1], 0, 0,
                            pkt[l4 + 13] if proto == 6 else 0, '-', x[11], pkt.hex()))
            continue
        real = stacks(x, reply_dev, is_local)
        if real and n.get(real[0], 0) < limit:
            n[real[0]] = n.get(real[0], 0) + 1
            seen.add(x[11])
            res.append(real)
    return res
