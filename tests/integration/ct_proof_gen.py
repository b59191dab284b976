# SPDX-License-Identifier: GPL-2.0-or-later
# ct_proof's packet generator: one packet per rule of an iptables-save file, aimed at what the
# rule and the rules that jump to its chain match (interfaces, addresses, protocol, ports, ICMP
# type, TCP flags, source MAC, address ranges); rules that want ESTABLISHED get a primer packet
# in the other direction first, rules that want INVALID a SYN+FIN.
# The filter table also gets rule_coverage.sh's packets (filter/tests/coverage_gen.py, imported:
# coverage_lines below); each generator finds rules the other misses.
# Some forwarded packets are followed by whole traffic (ct_proof_flows.py): the rest of the TCP
# connection, a mid-stream pickup, a fragmented UDP datagram.
# argv: rules ifmap(name=dev,...) addrs-out [4|6] [canon-filter whole-dump prefix routes-out
#       unreach-out]  -> stdout lines, sent in this order:
#   "how dev src dst proto sport dport type code tcpflags mac idx [hex [uid:gid]]"
#   how: pout/pin (primers, by the host/the peer), in (peer), out (host); hex: the packet itself
#   (else made from the fields); idx: the rule's index among the file's -A lines; uid:gid: the
#   host sends it through a socket of that user (root's if absent).
# addrs-out gets "dev address" lines: destinations of INPUT rules the host must own;
# routes-out `ip -batch` lines (routes to the sinks); unreach-out "idx table chain n reason"
# lines (filter rules, and nat rules if canon-filter.nat holds the canonical nat table, that
# coverage_shadow.py proves unreachable).
# argv: --ifaces canon-filter [4|6] whole-dump prefix -> the interfaces coverage_gen.py uses
import contextlib, io, ipaddress, os, runpy, shlex, struct, sys
from ct_proof_flows import with_flows
# --- rule_coverage.sh's knowledge (filter/tests/coverage_gen.py, imported): its packets for the
# filter table, made into real traffic: its conntrack entries become primer packets (the
# entry's first packet, and its answer when the rule's packet goes the same way), its routes
# and local addresses are set up in H, its socket owners kept; packets it could only make with
# a mark, or to a multicast group H has not joined, are left out.
COV_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'filter', 'tests')


def coverage_plan(canon, fam, whole, prefix):
    """coverage_gen.py run on the canonical filter table CANON: its module globals."""
    sys.dont_write_bytecode = True
    argv, sys.argv = sys.argv, ['coverage_gen.py', canon, prefix, fam, whole]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return runpy.run_path(os.path.join(COV_DIR, 'coverage_gen.py'), run_name='coverage_gen')
    finally:
        sys.argv = argv


def fields(hexs):
    """(src, dst, proto, sport, dport, type, code, flags) of an IP packet given in hex."""
    b = bytes.fromhex(hexs)
    if b[0] >> 4 == 6:
        src, dst = (str(ipaddress.ip_address(b[o:o + 16])) for o in (8, 24))
        proto, off = b[6], 40
        if proto == 43:
            proto, off = b[40], 48
    else:
        src, dst = (str(ipaddress.ip_address(b[o:o + 4])) for o in (12, 16))
        proto, off = b[9], (b[0] & 15) * 4
    l4 = b[off:]
    if proto in (6, 17, 132, 136) and len(l4) >= 4:
        sp, dp = struct.unpack('!HH', l4[:4])
        return src, dst, proto, sp, dp, 0, 0, l4[13] if proto == 6 and len(l4) > 13 else 0
    if proto in (1, 58) and len(l4) >= 2:
        return src, dst, proto, 0, 0, l4[0], l4[1], 0
    return src, dst, proto, 0, 0, 0, 0, 0


def ct_packet(cov, e, forward):
    """The packet of conntrack entry E (proto src dst sport/id dport), FORWARD=False: its answer."""
    p, s, d, sp, dp = e
    s, d = ipaddress.ip_address(s), ipaddress.ip_address(d)
    echo = 128 if V6 else 8
    if p in (1, 58):
        icmp = (echo, 0) if forward else (echo + 1 if V6 else 0, 0)
        return cov['packet'](s if forward else d, d if forward else s, p, 0, 0, 2, icmp, sp).hex()
    if forward:
        return cov['packet'](s, d, p, sp, dp, 2, None).hex()
    return cov['packet'](d, s, p, dp, sp, 0x12, None).hex()


def moved(cov, hexs, a, b):
    """The packet HEXS with address A replaced by B in its source and destination, checksums
    made again by coverage_gen's csum (None for a packet this cannot redo: extension headers,
    fragments)."""
    _csum = cov['csum']
    p = bytearray(bytes.fromhex(hexs))
    a, b = ipaddress.ip_address(a).packed, ipaddress.ip_address(b).packed
    v6 = p[0] >> 4 == 6
    so, do, hl = (8, 24, 40) if v6 else (12, 16, (p[0] & 15) * 4)
    proto = p[6] if v6 else p[9]
    if proto not in (6, 17, 1, 58) or not v6 and p[6:8] != b'\0\0' and p[6:8] != b'\x40\0':
        return None
    for o in (so, do):
        if p[o:o + len(a)] == a:
            p[o:o + len(a)] = b
    if not v6:
        p[10:12] = b'\0\0'
        p[10:12] = struct.pack('!H', _csum(bytes(p[:hl])))
    off = {6: 16, 17: 6, 58: 2}.get(proto)
    if off is not None:
        l4 = p[hl:]
        l4[off:off + 2] = b'\0\0'
        src, dst = bytes(p[so:so + len(a)]), bytes(p[do:do + len(a)])
        ph = src + dst + (struct.pack('!IxxxB', len(l4), proto) if v6 else struct.pack('!BBH', 0, proto, len(l4)))
        c = _csum(ph + bytes(l4)) or (0xffff if proto == 17 else 0)
        l4[off:off + 2] = struct.pack('!H', c)
        p[hl:] = l4
    return p.hex()


def coverage_lines(cov, rules, local, taken, routes_out):
    """ct_proof lines from coverage_gen's plan, and the routes to the sinks it needs (written to
    ROUTES_OUT as `ip -batch` lines). TAKEN: the sources of this generator's arriving packets
    and their interfaces: a route coverage_gen wants elsewhere for one of them would fail their
    reverse-path check, so the packets that need it are left out."""
    idx, n = {}, {}
    for g, (t, c, _) in enumerate(rules):
        if t == 'filter':
            idx[(c, n.get(c, 0))] = g
            n[c] = n.get(c, 0) + 1
    devs = set(names)
    side = {d: o for d, o in cov['routes'].items() if taken.get(d, o) == o}   # address -> its interface
    lines, done = [], set()
    # source-specific routes: `ip rule from S to D lookup T` with D's route in table T (nfcore
    # reads them with --host of `ip -j rule` and the tables' routes)
    policy = {(s, d): o for s, d, o in cov['prules'] if o in devs}
    pinned = set()
    allpol = {(s, d) for s, d, _ in cov['prules']}
    mcast_ok = ('ff02::1',) if V6 else ('224.0.0.1', '255.255.255.255')

    def line(how, dev, hexs, mac, g, owner='-'):
        s, d, p, sp, dp, ty, co, fl = fields(hexs)
        return (how, dev, s, d, p, sp, dp, ty, co, fl, mac, g, hexs) + ((owner,) if owner not in ('-', '0:0') else ())

    for c, i, pk, rep, ents in cov['plan']:
        g = idx.get((c, i))
        if g is None:
            continue
        out, ok = [], True
        for x in pk:
            if x[0] == '-':                 # the host's own, from a socket of uid:gid
                out.append(('out', '-', x[2], '-', '%d:%d' % (x[3], x[4])))
            else:
                if x[0] not in devs or x[1].startswith('02:6d:'):
                    ok = False
                out.append(('in', x[0], x[2], x[1], '-'))
        pol = [fields(h)[:2] for _, _, h, _, _ in out if fields(h)[:2] in policy]
        for how, dev, hexs, _, _ in out:
            s, d = fields(hexs)[:2]
            a = ipaddress.ip_address(d)
            if a.is_multicast and d not in mcast_ok:
                ok = False
            # IPv6 link-local sources to be forwarded: the kernel refuses them before FORWARD
            # (coverage_shadow.py proves those rules unreachable); nfcore forwards them
            if V6 and how == 'in' and ipaddress.ip_address(s).is_link_local and d not in local and not a.is_multicast:
                ok = False
            if cov['routes'].get(d) and d not in side or how == 'in' and side.get(s, dev) != dev or \
                    (s, d) in allpol and (s, d) not in policy:
                ok = False
        if not ok:
            continue
        pinned.update((s, d, policy[(s, d)]) for s, d in pol)
        first = out[0]
        s0, d0 = fields(first[2])[:2]
        # the first packet's side, and the side its answer comes from: H if its destination
        # is H's, else the sink behind the route to it
        here = ('pout', '-', first[4]) if first[0] == 'out' else ('pin', first[1], '-')
        mine = d0 in local or ipaddress.ip_address(d0).is_loopback
        sink = policy.get((s0, d0), side.get(d0))
        other = ('pout', '-', '-') if mine else ('pin', sink if sink in devs else names[0], '-')
        for e in ents:
            e = tuple(str(v) if k in (1, 2) else v for k, v in enumerate(e))
            if e in done:
                continue
            done.add(e)
            same = e[1] == s0
            a, b = (here, other) if same else (other, here)
            lines.append(line(a[0], a[1], ct_packet(cov, e, True), '-', g, a[2]))
            if same:
                lines.append(line(b[0], b[1], ct_packet(cov, e, False), '-', g, b[2]))
        for _ in range(rep):
            lines.extend(line(how, dev, hexs, mac, g, ow) for how, dev, hexs, mac, ow in out)
    dev_no = {k: j for j, k in enumerate(names)}
    with open(routes_out, 'w') as f:
        gw = '2001:db8:201:%d::2' if V6 else '10.201.%d.2'
        plen = 128 if V6 else 32
        for d, o in side.items():
            if o in dev_no:
                print('route replace %s/%d via %s' % (d, plen, gw % dev_no[o]), file=f)
        for k, (s, d, o) in enumerate(sorted(pinned)):
            print('rule add from %s to %s lookup %d pref %d' % (s, d, 100 + dev_no[o], 1000 + k), file=f)
            print('route replace %s/%d via %s table %d' % (d, plen, gw % dev_no[o], 100 + dev_no[o]), file=f)
    return lines, side


def screens(path, v6):
    """What raw and mangle PREROUTING let in, per interface they name: {iface: (allowed, denied)}
    from chains entered with `-i IFACE -j CHAIN` alone whose rules are `-s NET`/`--src-range`
    RETURN/ACCEPT (allowed: once a rule without conditions drops, only those) or `-s NET -j DROP`
    (denied). Sources outside them are changed (sources_screened)."""
    table, jumps, chains = None, {}, {}
    for l in open(path):
        if l.startswith('*'):
            table = l[1:].strip()
        if table not in ('raw', 'mangle') or not l.startswith('-A '):
            continue
        t = shlex.split(l)
        c, tgt = t[1], t[t.index('-j') + 1] if '-j' in t else None
        cond = [x for x in t[2:] if x not in ('-j', tgt, '-m', 'iprange')]
        if c == 'PREROUTING' and len(cond) == 2 and cond[0] == '-i':
            jumps.setdefault(cond[1], []).append(tgt)
        else:
            chains.setdefault(c, []).append((cond, tgt))
    res = {}
    for k, targets in jumps.items():
        allowed, denied, strict = [], [], False
        for ch in targets:
            for cond, tgt in chains.get(ch, []):
                if not cond and tgt == 'DROP':
                    strict = True
                    break
                if len(cond) != 2 or cond[0] not in ('-s', '--src-range'):
                    continue
                a, _, b = cond[1].partition('-')
                try:
                    net = (ipaddress.ip_address(a), ipaddress.ip_address(b)) if b else \
                        ipaddress.ip_network(a, strict=False)
                except ValueError:
                    continue
                if (net[0].version if b else net.version) != (6 if v6 else 4):
                    continue
                if tgt in ('RETURN', 'ACCEPT'):
                    allowed.append(net)
                elif tgt == 'DROP' and not b:
                    denied.append(net)
        res[k] = (allowed if strict else None, denied)
    return res


def _inside(a, nets):
    a = ipaddress.ip_address(a)
    return any(n[0] <= a <= n[1] if isinstance(n, tuple) else a in n for n in nets)


def sources_screened(lines, scr, ifmap, cov, local, keep):
    """LINES with the sources of arriving packets that raw/mangle PREROUTING would drop by their
    source alone (anti-spoofing, bogon lists: screens()) changed, everywhere they appear, to
    addresses those rules let in; the packets of the rules in KEEP (raw's and mangle's own) and
    the packets they share a source with keep theirs."""
    if not scr:
        return lines
    dev_of = {}
    for k, x in ifmap.items():
        for i in scr:
            if k == i or i.endswith('+') and k.startswith(i[:-1]):
                dev_of.setdefault(x, scr[i])
    used, new = set(local) | {x[2] for x in lines if x[11] in keep}, {}
    clean = ipaddress.ip_network('2001:db8:2500::/48' if V6 else '25.0.0.0/8')
    for x in lines:
        if x[0] not in ('in', 'pin') or x[1] not in dev_of or x[2] in new or x[2] in used:
            continue
        allowed, denied = dev_of[x[1]]
        s = x[2]
        if (allowed is None or _inside(s, allowed)) and not _inside(s, denied) or \
                ipaddress.ip_address(s).is_link_local:
            continue
        cands = []
        for n in allowed or [clean]:
            lo, hi = n if isinstance(n, tuple) else (n.network_address + 1, n.broadcast_address - 1)
            cands.append((lo, hi))
        for lo, hi in cands:
            a = lo
            while a <= hi and (str(a) in used or _inside(a, denied)):
                a += 1
            if a <= hi:
                new[s] = str(a)
                used.add(str(a))
                break
    if not new:
        return lines
    res = []
    for x in lines:
        s, d = new.get(x[2], x[2]), new.get(x[3], x[3])
        if (s, d) == (x[2], x[3]):
            res.append(x)
        elif len(x) > 12:
            h = x[12]
            for a in {x[2], x[3]} & set(new):
                h = moved(cov, h, a, new[a]) if h else None
            if h:
                res.append(x[:2] + (s, d) + x[4:12] + (h,) + x[13:])
        else:
            res.append(x[:2] + (s, d) + x[4:])
    return res


def nat_unreachable(canon, whole, prefix):
    """coverage_shadow.py's proofs for the canonical nat table CANON (if there): nat chains
    see a connection's first packet only, NEW (RELATED too when the ruleset names a helper;
    automatic helpers are off)."""
    if not os.path.exists(canon) or not os.path.getsize(canon):
        return {}
    g = coverage_plan(canon, '6' if V6 else '4', whole, prefix)
    text = open(whole).read()
    return g['coverage_shadow'].unreachable(g['chains'], g['builtin'], V6, False,
                                            {'NEW', 'RELATED'} if 'helper' in text else {'NEW'})


def one_owner(lines):
    """LINES without the rules' packets sent by a socket of another user than root from an
    address the host also sends from as another user: nfcore learns a packet's owner from its
    source address (--owner UID:GID@ADDR, the 14th field)."""
    owner = {}
    for x in lines:
        if x[0] in ('out', 'pout'):
            owner.setdefault(x[2], set()).add(x[13] if len(x) > 13 else '0:0')
    rest = {x[11] for x in lines if len(x) > 13 and len(owner[x[2]]) > 1}
    return [x for x in lines if x[11] not in rest]


ICMP = {'echo-request': (8, 0), 'echo-reply': (0, 0), 'destination-unreachable': (3, 0),
        'port-unreachable': (3, 3), 'host-unreachable': (3, 1), 'network-unreachable': (3, 0),
        'fragmentation-needed': (3, 4), 'source-quench': (4, 0), 'time-exceeded': (11, 0),
        'parameter-problem': (12, 0), 'redirect': (5, 0), 'timestamp-request': (13, 0),
        'timestamp-reply': (14, 0), 'router-advertisement': (9, 0), 'router-solicitation': (10, 0),
        'any': (8, 0), 'ping': (8, 0), 'pong': (0, 0), 'ttl-exceeded': (11, 0),
        'address-mask-request': (17, 0), 'address-mask-reply': (18, 0)}
ICMP6 = {'echo-request': (128, 0), 'echo-reply': (129, 0), 'destination-unreachable': (1, 0),
         'port-unreachable': (1, 4), 'no-route': (1, 0), 'address-unreachable': (1, 3),
         'packet-too-big': (2, 0), 'time-exceeded': (3, 0), 'ttl-zero-during-transit': (3, 0),
         'parameter-problem': (4, 0), 'bad-header': (4, 0), 'unknown-header-type': (4, 1),
         'unknown-option': (4, 2), 'router-solicitation': (133, 0), 'router-advertisement': (134, 0),
         'neighbour-solicitation': (135, 0), 'neighbor-solicitation': (135, 0),
         'neighbour-advertisement': (136, 0), 'neighbor-advertisement': (136, 0), 'redirect': (137, 0),
         'ping': (128, 0), 'pong': (129, 0), 'any': (128, 0)}
PROTO = {'tcp': 6, 'udp': 17, 'icmp': 1, 'udplite': 136, 'sctp': 132, 'gre': 47, 'esp': 50, 'ah': 51,
         'ipv6-icmp': 58, 'icmpv6': 58}
FLAGS = {'FIN': 1, 'SYN': 2, 'RST': 4, 'PSH': 8, 'ACK': 16, 'URG': 32, 'ALL': 63, 'NONE': 0}
BUILTIN = ('PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING')
if sys.argv[1] == '--ifaces':
    V6 = sys.argv[3] == '6'
    for k in sorted(coverage_plan(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])['ifaces']):
        print(k)
    sys.exit(0)
path, ifmap, addrs_out = sys.argv[1], dict(x.split('=') for x in sys.argv[2].split(',')), sys.argv[3]
names = list(dict.fromkeys(ifmap.values()))
V6 = len(sys.argv) > 4 and sys.argv[4] == '6'
NET = '2001:db8:201:' if V6 else '10.201.'

def addr(k, host):
    if V6:
        return str(ipaddress.ip_address('2001:db8:201:%d::%x' % (names.index(k), host)))
    return '10.201.%d.%d' % (names.index(k), host)
# remote destinations (forwarded by the default route): outside the private ranges rulesets'
# bogon lists drop
def remote(n, net=202):
    return str(ipaddress.ip_address('2001:db8:%d:%d::9' % (net, n % 250))) if V6 else '25.%d.%d.%d' % (net, n % 250, 9 + n // 250 % 240)
def is_addr(v):
    return v[:1].isdigit() and (':' in v.split('/')[0]) == V6 or V6 and v[:1] in 'abcdef:' and ':' in v
def first_host(spec):
    net = ipaddress.ip_network(spec, strict=False)
    return str(net.network_address if net.prefixlen >= net.max_prefixlen - 1 else net.network_address + 1)
def port(v):
    v = v.split(',')[0].split(':')[0]
    return int(v) if v.isdigit() else None
def martian(a):
    ip = ipaddress.ip_address(a)
    if V6:
        return ip.is_loopback or ip.is_multicast or ip.is_link_local or ip.is_unspecified
    return ip.is_loopback or ip.is_multicast or a.startswith('0.') or a.endswith('.255') or a == '255.255.255.255'
def iface(v):
    return ifmap.get(v) or ifmap.get(v.rstrip('+') + '+') or (names[0] if v.endswith('+') else None)
def flags(v):
    return sum(FLAGS.get(x, 0) for x in v.split(','))

def parse(tok):
    """The match fields of one rule (negated ones left out) and its jump target."""
    r, i, neg = {}, 2, False
    while i < len(tok):
        t, v = tok[i], tok[i + 1] if i + 1 < len(tok) else ''
        if t == '!':
            neg = True; i += 1; continue
        if not neg:
            if t in ('-i', '--in-interface'): r['in'] = v
            elif t in ('-o', '--out-interface'): r['out'] = v
            elif t in ('-s', '--source') and is_addr(v): r['src'] = v.split(',')[0]
            elif t in ('-d', '--destination') and is_addr(v): r['dst'] = v.split(',')[0]
            elif t in ('-p', '--protocol', '--ctproto'): r['proto'] = v
            elif t == '--ctorigsrcport': r['sport'] = port(v)
            elif t == '--ctorigdstport': r['dport'] = port(v)
            elif t == '--ctorigsrc' and is_addr(v): r['src'] = v
            elif t == '--ctorigdst' and is_addr(v): r['dst'] = v
            elif t in ('--dport', '--destination-port', '--dports'): r['dport'] = port(v)
            elif t in ('--sport', '--source-port', '--sports'): r['sport'] = port(v)
            elif t in ('--icmp-type', '--icmpv6-type'): r['icmp'] = v
            elif t == '--syn': r['flags'] = 2
            elif t == '--tcp-flags': r['flags'] = flags(tok[i + 2] if i + 2 < len(tok) else ''); i += 1
            elif t in ('--state', '--ctstate'): r['state'] = v.split(',')
            elif t == '--mac-source': r['mac'] = v
            elif t == '--src-range': r['src'] = v.split('-')[0]
            elif t == '--dst-range': r['dst'] = v.split('-')[0]
            elif t == '--dst-type': r['dtype'] = v
            elif t in ('-j', '-g', '--jump', '--goto'): r['target'] = v
        elif t == '--syn':
            r['flags'] = 16
        neg = False; i += 1
    return r

rules, table = [], None
for line in open(path):
    line = line.strip()
    if line.startswith('*'):
        table = line[1:]
    if not line.startswith('-A '):
        continue
    try:
        tok = shlex.split(line)
    except ValueError:
        tok = None
    rules.append((table, tok[1] if tok else None, parse(tok) if tok else None))
# how each user chain is reached: the fields of the rules that jump there, from a built-in chain
reach = {(t, c): ({}, c) for t, c, _ in rules if c in BUILTIN}
changed = True
while changed:
    changed = False
    for t, c, r in rules:
        if r and (t, c) in reach and 'target' in r and (t, r['target']) not in reach and \
                any(x[0] == t and x[1] == r['target'] for x in rules):
            f, root = reach[(t, c)]
            g = dict(f); g.update({k: v for k, v in r.items() if k != 'target'})
            reach[(t, r['target'])] = (g, root); changed = True
fwd_dsts = {r.get('dst') for t, c, r in rules if r and c == 'FORWARD'}
local, out = {}, []
for n, (t, c, own) in enumerate(rules):
    if own is None or (t, c) not in reach:
        continue
    base, root = reach[(t, c)]
    r = dict(base); r.update(own)
    st = r.get('state', [])
    prime = bool(st) and 'NEW' not in st and ('ESTABLISHED' in st or 'RELATED' in st)
    invalid = st == ['INVALID']
    if invalid and r.get('proto', 'tcp') == 'tcp':
        r['proto'], r['flags'] = 'tcp', 3
    if V6 and r.get('proto') == 'icmp':
        r['proto'] = 'icmpv6'
    proto = PROTO.get(r.get('proto', 'udp'), int(r['proto']) if r.get('proto', '').isdigit() else 17)
    if root == 'OUTPUT' or root == 'POSTROUTING' and 'in' not in r:
        how, k = 'out', iface(r['out']) if 'out' in r else names[0]
        if not k:
            continue
        src = r.get('src') and first_host(r['src']) or addr(k, 1)
        dst = r.get('dst') and first_host(r['dst']) or addr(k, 2)
    else:
        how, k = 'in', iface(r['in']) if 'in' in r else names[0]
        if not k:
            continue
        src = r.get('src') and first_host(r['src']) or (remote(n, 203) if root == 'PREROUTING' else addr(k, 2))
        if 'dst' in r:
            dst = first_host(r['dst'])
            if root == 'INPUT' and not dst.startswith(NET) and r['dst'] not in fwd_dsts and not martian(dst):
                local.setdefault(dst, k)
        elif r.get('dtype') == 'BROADCAST' and not V6:
            dst = '255.255.255.255' if src == '0.0.0.0' else addr(k, 255)   # a DHCP request
        elif r.get('dtype') == 'MULTICAST':
            dst = 'ff02::1' if V6 else '224.0.0.1'
        elif root == 'FORWARD' or 'out' in r or root == 'POSTROUTING':
            o = iface(r['out']) if 'out' in r else None
            dst = addr(o, 2) if o and o != k else remote(n)
        elif root == 'PREROUTING' and r.get('dtype') != 'LOCAL':
            dst = remote(n)         # not H's own (10.201/16): bogon lists drop private destinations
        else:
            dst = addr(k, 1)
    if martian(src) and (src, dst) != ('0.0.0.0', '255.255.255.255') or dst.startswith('127.') or \
            dst.startswith('0.') or dst in ('::1', '::') or \
            how == 'in' and (src == addr(k, 1) or src in local):
        continue
    ty, co = (ICMP6 if V6 else ICMP).get(r.get('icmp', ''), (128, 0) if V6 else (8, 0))
    if r.get('icmp', '').replace('/', '').isdigit():
        ty, co = (int(x) for x in (r['icmp'].split('/') + ['0'])[:2])
    sp, dp = r.get('sport') or 40000 + n % 20000, r.get('dport') or 1000 + n % 5000
    fl = r.get('flags', 2)
    if prime:
        if proto in (1, 58):
            ty, co = (129, 0) if V6 else (0, 0)
        pt = 128 if V6 else 8
        if how == 'out':
            out.append(('in', k, dst, src, proto, dp, sp, pt, 0, 2, '-', n))
        elif root in ('INPUT', 'PREROUTING') and 'out' not in r and dst == addr(k, 1) or dst in local:
            out.append(('pout', k, dst, src, proto, dp, sp, pt, 0, 2, '-', n))
        else:
            o = iface(r['out']) if 'out' in r and iface(r['out']) else k
            out.append(('pin', o, dst, src, proto, dp, sp, pt, 0, 2, '-', n))
        if 'flags' not in r:
            fl = 0x12
    out.append((how, k, src, dst, proto, sp, dp, ty, co, fl, r.get('mac', '-') if how == 'in' else '-', n))
if len(sys.argv) > 5:
    cov = coverage_plan(sys.argv[5], '6' if V6 else '4', sys.argv[6], sys.argv[7])
    for a in sorted(cov['locals_']):
        local.setdefault(a, 'lo')
    mine = set(local) | {addr(k, 1) for k in names}
    # (only a reverse-path match cares where a source's route leads: rp_filter is off in H)
    taken = {x[2]: x[1] for x in out if x[0] in ('in', 'pin')} if 'rpfilter' in open(path).read() else {}
    extra, routed = coverage_lines(cov, rules, mine, taken, sys.argv[8])
    out = one_owner(sorted(out + extra, key=lambda x: x[11]))     # both: each finds rules the other misses
    out = sources_screened(out, screens(path, V6), ifmap, cov, mine,
                           {g for g, r in enumerate(rules) if r[0] in ('raw', 'mangle')})
    # a route back to each sink source through the interface it arrives on (rpfilter, and
    # the host's answers leave where the question came from)
    back, dev_no = set(routed), {k: j for j, k in enumerate(names)}
    with open(sys.argv[8], 'a') as f:
        for x in out:
            a = ipaddress.ip_address(x[2])
            if x[0] in ('in', 'pin') and x[2] not in back and x[2] not in mine and not x[2].startswith(NET) and \
                    not (a.is_multicast or a.is_loopback or a.is_link_local or a.is_unspecified) and x[1] in dev_no:
                back.add(x[2])
                print('route add %s/%d via %s' % (x[2], 128 if V6 else 32,
                                                  ('2001:db8:201:%d::2' if V6 else '10.201.%d.2') % dev_no[x[1]]), file=f)
    gidx, cnt = {}, {}
    for g, (t, c, _) in enumerate(rules):
        if t == 'filter':
            cnt[c] = cnt.get(c, 0) + 1
            gidx[(c, cnt[c])] = g
    with open(sys.argv[9], 'w') as f:
        for (c, k), why in sorted(cov['unreach'].items()):
            print(gidx.get((c, k), -1), 'filter', c, k, why, file=f)
        for (c, k), why in sorted(nat_unreachable(sys.argv[5] + '.nat', sys.argv[6], sys.argv[7]).items()):
            print(-1, 'nat', c, k, why, file=f)
    # whole connections, pickups and fragments after some forwarded packets (ct_proof_flows.py):
    # the answers arrive from the sink behind the route to the destination
    def reply_dev(d):
        if d in routed:
            return routed[d]
        if d.startswith(NET):     # H's subnet N (written in decimal digits, as setup() does)
            k = (d.split(':')[3] if V6 else d.split('.')[2]) or '0'
            return names[int(k)] if k.isdigit() and int(k) < len(names) else None
        return names[0]
    out = with_flows(out, reply_dev, lambda d: d in mine or ipaddress.ip_address(d).is_loopback)
for x in out:
    print(*x)
with open(addrs_out, 'w') as f:
    for a, k in local.items():
        print(k, a, file=f)
