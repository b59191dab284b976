# SPDX-License-Identifier: GPL-2.0-or-later
# How late the kernel's conntrack ran after ct_proof's capture stamped the packet (ns).
# `dump FAM`, run in the namespace (nf_conntrack_timestamp=1): each entry's original tuple, its
# start (ktime at confirmation, ns) and original-direction packet count, from ctnetlink.
# `lag STARTS MERGED SHIFT`: for the entries of one arriving packet (one in the kernel's count,
# one with that tuple in the merged capture, whose times are SHIFT ns early), the largest
# start - capture time; prints "LAG_NS SAMPLES" (0 0 without samples). The capture stamps an
# arrival when the veth queues it (netdev_tstamp_prequeue), conntrack runs when the backlog is
# processed, later under load: entries expire that much later in the kernel than in nfcore.
import ipaddress, socket, struct, sys

CTNL_GET, NLM_F_DUMP_REQ = 1 << 8 | 1, 0x301      # IPCTNL_MSG_CT_GET; NLM_F_REQUEST | NLM_F_DUMP
CTA_TUPLE_ORIG, CTA_COUNTERS_ORIG, CTA_TIMESTAMP = 1, 9, 20


def nlattrs(b):
    """(type, payload) of each netlink attribute in @b."""
    o = 0
    while o + 4 <= len(b):
        ln, ty = struct.unpack('=HH', b[o:o + 4])
        if ln < 4:
            return
        yield ty & 0x3fff, b[o + 4:o + ln]
        o += (ln + 3) & ~3


def tuple_of(b):
    """CTA_TUPLE_* as (proto, src, dst, sport or ICMP id, dport or ICMP type)."""
    ip, pr = {}, {}
    for ty, v in nlattrs(b):
        for k, a in nlattrs(v):
            (ip if ty == 1 else pr)[k] = a
    addr = lambda *ks: next((str(ipaddress.ip_address(ip[k])) for k in ks if k in ip), '-')
    port = lambda *ks: next((struct.unpack('!H', pr[k][:2])[0] for k in ks if k in pr), 0)
    kind = next((pr[k][0] for k in (5, 8) if k in pr), None)   # CTA_PROTO_ICMP(V6)_TYPE
    return (pr.get(1, b'\0')[0], addr(1, 3), addr(2, 4), port(2, 4, 7),
            kind if kind is not None else port(3))


def entry(b):
    e = {'start': 0, 'pkts': 0}
    for ty, v in nlattrs(b):
        if ty == CTA_TUPLE_ORIG:
            e['tuple'] = tuple_of(v)
        elif ty == CTA_COUNTERS_ORIG:
            e['pkts'] = next((struct.unpack('!Q', a)[0] for k, a in nlattrs(v) if k == 1), 0)
        elif ty == CTA_TIMESTAMP:
            e['start'] = next((struct.unpack('!Q', a)[0] for k, a in nlattrs(v) if k == 1), 0)
    return e


def dump(fam):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)    # NETLINK_NETFILTER
    s.send(struct.pack('=IHHII', 20, CTNL_GET, NLM_F_DUMP_REQ, 1, 0) +
           struct.pack('BBH', socket.AF_INET6 if fam == '6' else socket.AF_INET, 0, 0))
    while True:
        data, o = s.recv(1 << 20), 0
        while o + 16 <= len(data):
            ln, ty = struct.unpack('=IH', data[o:o + 6])
            if ty in (2, 3):             # NLMSG_ERROR, NLMSG_DONE
                return
            e = entry(data[o + 20:o + ln])
            if 'tuple' in e:
                print(*e['tuple'], e['start'], e['pkts'])
            o += (ln + 3) & ~3


def arrivals(path, shift):
    """(tuple, time) of each arriving packet of the merged capture (Linux cooked v2, ns)."""
    with open(path, 'rb') as f:
        f.read(24)
        while len(h := f.read(16)) == 16:
            s, ns, incl, _ = struct.unpack('<IIII', h)
            d = f.read(incl)
            if d[10] == 4 or struct.unpack('!I', d[4:8])[0] == 1:     # outgoing, lo
                continue
            ip = d[20:]
            if ip[0] >> 4 == 4:
                p, src, dst, l4 = ip[9], ip[12:16], ip[16:20], ip[(ip[0] & 15) * 4:]
            else:
                p, src, dst, l4 = ip[6], ip[8:24], ip[24:40], ip[40:]
            if p in (6, 17, 132) and len(l4) >= 4:
                sp, dp = struct.unpack('!HH', l4[:4])
            elif p in (1, 58) and len(l4) >= 8:
                sp, dp = struct.unpack('!H', l4[4:6])[0], l4[0]
            else:
                continue
            yield ((p, str(ipaddress.ip_address(src)), str(ipaddress.ip_address(dst)), sp, dp),
                   s * 10**9 + ns + shift)


def lag(starts, merged, shift):
    seen = {}
    for t, ts in arrivals(merged, shift):
        seen.setdefault(t, []).append(ts)
    best, n = 0, 0
    for l in open(starts):
        f = l.split()
        t, start, pkts = (int(f[0]), f[1], f[2], int(f[3]), int(f[4])), int(f[5]), int(f[6])
        if start and pkts == 1 and len(seen.get(t, ())) == 1:
            best, n = max(best, start - seen[t][0]), n + 1
    print(best, n)


if __name__ == '__main__':
    if sys.argv[1] == 'dump':
        dump(sys.argv[2])
    else:
        lag(sys.argv[2], sys.argv[3], int(sys.argv[4]))
