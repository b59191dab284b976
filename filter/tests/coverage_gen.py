# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: canonical filter table -> interfaces, routes, local addresses, conntrack entries, packets.
import ipaddress, random, shlex, socket, struct, sys
random.seed(7)
text = open(sys.argv[1]).read()
out = sys.argv[2]
V6 = len(sys.argv) > 3 and sys.argv[3] == '6'
chains, builtin = {}, set()
for line in text.splitlines():
    if line.startswith(':'):
        f = line[1:].split()
        chains[f[0]] = []
        if f[1] != '-':
            builtin.add(f[0])
    elif line.startswith('-A '):
        t = shlex.split(line)
        r = {'c': {}, 'tgt': None, 'goto': False, 'matches': [], 'cond': [], 'n': len(chains[t[1]]) + 1}
        i, inv, mod = 2, False, None
        while i < len(t):
            w = t[i]
            if w == '!':
                inv = True; i += 1; continue
            if w in ('-j', '-g'):
                r['tgt'] = t[i + 1]; r['goto'] = w == '-g'; i += 2; break
            if w == '-m':
                r['matches'].append(t[i + 1]); mod = t[i + 1]; i += 2; inv = False; continue
            if w == '-f':
                r['c'].setdefault('frag', []).append(inv); r['cond'].append((None, '-f', (), inv))
                i += 1; inv = False; continue
            vals = []
            j = i + 1
            while j < len(t) and not (t[j].startswith('-') and len(t[j]) > 1 and not t[j][1].isdigit()) and t[j] != '!':
                vals.append(t[j]); j += 1
            r['c'].setdefault(w, []).append((vals, inv))
            r['cond'].append((mod if w not in ('-s', '-d', '-i', '-o', '-p') else None, w, tuple(vals), inv))
            i, inv = j, False
        chains[t[1]].append(r)

# rules no packet can reach, with the proof (coverage_shadow.py); the raw table of the whole
# dump (argv[4]) tells whether anything is left untracked
sys.dont_write_bytecode = True      # no __pycache__ in the source tree
sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
import coverage_shadow
whole = open(sys.argv[4]).read() if len(sys.argv) > 4 else ''
unreach = coverage_shadow.unreachable(chains, builtin, V6, 'NOTRACK' in whole or '--notrack' in whole or '-j CT' in whole)

# paths of jump rules from a built-in chain to each chain (a few per chain: a rule may
# need a path whose jumps agree with its own protocol or interfaces)
paths = {}
for b in ('FORWARD', 'INPUT', 'OUTPUT'):
    if b not in chains:
        continue
    todo = [(b, [])]
    seen = {}
    while todo:
        c, p = todo.pop(0)
        if seen.get(c, 0) >= 12 or len(p) > 12:
            continue
        seen[c] = seen.get(c, 0) + 1
        paths.setdefault(c, []).append((b, p))
        for r in chains[c]:
            if r['tgt'] in chains and r['tgt'] not in builtin and r['tgt'] not in [x['tgt'] for x in p]:
                todo.append((r['tgt'], p + [r]))

ICMP = {'echo-reply': 0, 'destination-unreachable': 3, 'network-unreachable': 3, 'host-unreachable': 3,
        'protocol-unreachable': 3, 'port-unreachable': 3, 'fragmentation-needed': 3, 'source-quench': 4,
        'redirect': 5, 'echo-request': 8, 'router-advertisement': 9, 'router-solicitation': 10,
        'time-exceeded': 11, 'ttl-exceeded': 11, 'ttl-zero-during-transit': 11, 'parameter-problem': 12,
        'timestamp-request': 13, 'timestamp-reply': 14, 'address-mask-request': 17, 'address-mask-reply': 18,
        'any': 8}
ICMP6 = {'destination-unreachable': 1, 'no-route': 1, 'communication-prohibited': 1, 'address-unreachable': 1,
         'port-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'ttl-exceeded': 3,
         'parameter-problem': 4, 'echo-request': 128, 'echo-reply': 129, 'router-solicitation': 133,
         'router-advertisement': 134, 'neighbour-solicitation': 135, 'neighbor-solicitation': 135,
         'neighbour-advertisement': 136, 'neighbor-advertisement': 136, 'redirect': 137}
PROTO = {'tcp': 6, 'udp': 17, 'icmp': 1, 'gre': 47, 'esp': 50, 'ah': 51, 'sctp': 132, 'all': 0,
         'ipv6-icmp': 58, 'icmpv6': 58}
MARTIAN = [ipaddress.ip_network(n) for n in (
    ('::/126', 'ff00::/8', 'fe80::/10', '::ffff:0:0/96', 'fd64::/16') if V6 else
    ('0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/3', '100.64.0.0/10'))]
ICMPP = 58 if V6 else 1
NOCT6 = (130, 131, 132, 133, 134, 135, 136, 143)     # conntrack leaves these untracked
serial = [0]

def nxt():
    serial[0] += 1
    return serial[0]

def cons(rules, key):
    res = []
    for r in rules:
        for k in key:
            res += r['c'].get(k, [])
    return res

def proto_num(name):
    """The protocol number of NAME (a name or a number), or None."""
    if name not in PROTO:
        try:
            PROTO[name] = int(name) if name.isdigit() else socket.getprotobyname(name)
        except OSError:
            return None
    return PROTO[name]

def pick_addr(cs, pool, used, linklocal=False, lo=False, mcast=False):
    nets = [(ipaddress.ip_network(v[0], strict=False), inv) for v, inv in cs]
    pos = sorted([n for n, inv in nets if not inv], key=lambda n: -n.prefixlen)
    for _ in range(64):
        if lo and not pos:
            a = ipaddress.ip_address(pool)
        elif pos:
            n = pos[0]
            host = int(n.network_address) + (random.randrange(n.num_addresses) if n.num_addresses > 2 else 0)
            a = ipaddress.ip_address(host)
        else:
            a = ipaddress.ip_address(int(ipaddress.ip_address(pool)) + nxt())
        if a.version != (6 if V6 else 4):
            return None
        if lo and not pos:
            pass
        elif any(a in m for m in MARTIAN) and not (lo and a.is_loopback) and not (linklocal and a.is_link_local) \
                and not (mcast and a.is_multicast and not a in ipaddress.ip_network('224.0.0.0/24')):
            continue
        if all((a in n) != inv for n, inv in nets) and str(a) not in used:
            return a
    return None

def pick_iface(cs, default, alt):
    pos = [v[0] for v, inv in cs if not inv]
    neg = [v[0] for v, inv in cs if inv]
    def ok(name):
        def m(p):
            return name.startswith(p[:-1]) if p.endswith('+') else name == p
        return all(m(p) for p in pos) and not any(m(p) for p in neg)
    cands = [p if not p.endswith('+') else (p[:-1] + '0')[:15] for p in pos] + [default, alt]
    for c in cands:
        if c and c != '+0' and ok(c):
            return c
    return None

def ranges(vals):
    res = []
    for part in ','.join(vals).split(','):
        a, _, b = part.partition(':')
        res.append((int(a or 0), int(b or a or 65535) if _ else int(a)))
    return res

def pick_port(cs):
    sets = [(ranges(v), inv) for v, inv in cs]
    cands = [lo for s, inv in sets if not inv for lo, hi in s] + [random.randrange(1024, 65000) for _ in range(20)]
    for p in cands:
        if all(any(lo <= p <= hi for lo, hi in s) != inv for s, inv in sets):
            return p
    return None

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def pick_mark(cs):
    """A packet mark that satisfies the mark matches CS ("VALUE[/MASK]", negated or not)."""
    conds = []
    for v, inv in cs:
        val, _, mask = v[0].partition('/')
        conds.append((int(val, 0), int(mask, 0) if mask else 0xffffffff, inv))
    for m in [val for val, mask, inv in conds if not inv] + [0, 0x1]:
        if all(((m & mask) == val) != inv for val, mask, inv in conds):
            return m
    return None

def pick_id(cs):
    """A uid or gid that satisfies the owner match's ranges CS (0, root's, when free)."""
    sets = [([tuple(int(x) for x in (p + '-' + p if '-' not in p else p).split('-'))], inv)
            for v, inv in cs for p in v[:1]]
    for i in [lo for s, inv in sets if not inv for lo, hi in s] + [0, 4242, 65533]:
        if all(any(lo <= i <= hi for lo, hi in s) != inv for s, inv in sets):
            return i
    return None

def packet(src, dst, proto, sport, dport, flags, icmp, ident=None, ttl=64, inner=None, rt=None):
    """An IPv4/IPv6 packet; an ICMP error carries INNER (the packet it reports) instead of
    the echo's identifier and data."""
    if proto == 6:
        l4 = struct.pack('!HHIIBBHHH', sport, dport, nxt(), 0 if not flags & 16 else 1, 5 << 4, flags, 64240, 0, 0)
    elif proto == 17:
        l4 = struct.pack('!HHHH', sport, dport, 12, 0) + b'cov\n'
    elif proto in (1, 58):
        t, c = icmp
        l4 = struct.pack('!BBHHH', t, c, 0, (ident if ident is not None else nxt()) & 0xffff, 1) + b'coverage'
        if inner is not None:
            l4 = struct.pack('!BBHI', t, c, 0, 0) + inner
        if proto == 1:
            l4 = l4[:2] + struct.pack('!H', csum(l4)) + l4[4:]
    else:
        l4 = bytes(8)
    if proto in (6, 17, 58) and (V6 or proto != 58):
        if V6:
            ph = src.packed + dst.packed + struct.pack('!IxxxB', len(l4), proto)
        else:
            ph = src.packed + dst.packed + struct.pack('!BBH', 0, proto, len(l4))
        c = csum(ph + l4)
        off = 16 if proto == 6 else 6 if proto == 17 else 2
        l4 = l4[:off] + struct.pack('!H', c or 0xffff) + l4[off + 2:]
    if V6 and rt is not None:      # a routing header (type, segments left) without addresses
        l4 = struct.pack('!BBBBI', proto, 0, rt[0], rt[1], 0) + l4
        return struct.pack('!IHBB16s16s', 6 << 28, len(l4), 43, ttl, src.packed, dst.packed) + l4
    if V6:
        return struct.pack('!IHBB16s16s', 6 << 28, len(l4), proto, ttl, src.packed, dst.packed) + l4
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(l4), nxt() & 0xffff, 0, ttl, proto, 0, src.packed, dst.packed)
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + l4

def tcp_flag_choices(cs):
    names = {'FIN': 1, 'SYN': 2, 'RST': 4, 'PSH': 8, 'ACK': 16, 'URG': 32, 'ALL': 63, 'NONE': 0}
    bits = lambda s: sum(names[x] for x in s.split(',') if x in names)
    return [f for f in (2, 16, 18, 1, 4, 17, 0, 24, 41, 63)
            if all(((f & bits(v[0])) == bits(v[1])) != inv for v, inv in cs if len(v) == 2)]

routes, locals_, pkts, ifaces = {}, set(), [], {'in0', 'out0'}
prules, psrc, ctent, marks, groups, mroutes = [], set(), [], {}, set(), []
stats = {'rules': 0, 'made': 0}
# per rule made: (chain, index, packets, repeats, the conntrack entries they need), for
# tests/integration/ct_proof_gen.py, which imports this file to make real traffic of them
plan = []

# variants of the packet choices (rotations of protocol, ICMP type and TCP flags lists): a
# rule without conditions of its own (a chain's last DROP) gets one packet of each, so that
# some get past the rules above it
VAR = (0, 0, 0)
VARIANTS = [(0, 0, 0), (1, 0, 0), (2, 0, 0), (2, 1, 0), (2, 2, 0), (0, 0, 1)]

def rot(lst, k):
    """lst rotated left by k."""
    k = k % len(lst) if lst else 0
    return lst[k:] + lst[:k]

def make(base, path, r):
    """A packet for rule r reached through path, or None; records its route."""
    rs = path + [r]
    if cons(rs, ['frag']):
        return None
    pc = cons(rs, ['-p', '--ctproto'])
    pos = [proto_num(v[0]) for v, inv in pc if not inv]
    neg = [proto_num(v[0]) for v, inv in pc if inv]
    cand = pos[:1] or rot([p for p in (6, 17, ICMPP) if p not in neg], VAR[0])
    if not cand or None in pos + neg or (pos and any(p != pos[0] for p in pos)) or cand[0] in neg:
        return None
    proto = cand[0] or 6
    inn = '-' if base == 'OUTPUT' else pick_iface(cons(rs, ['-i']), 'in0', 'in1')
    outn = '-' if base == 'INPUT' else pick_iface(cons(rs, ['-o']), 'out0', 'out1')
    # loopback: the router's own packets to itself (OUTPUT -o lo, then INPUT -i lo)
    lo = 'lo' in (inn, outn)
    if not inn or not outn or (lo and base == 'FORWARD') or (base == 'OUTPUT' and cons(rs, ['--mac-source'])):
        return None
    if lo and (base == 'INPUT' and outn not in ('-', 'lo') or base == 'OUTPUT' and outn != 'lo' or
               cons(rs, ['--mac-source'])):
        return None
    linklocal = True     # FORWARD too: the kernel refuses them there (coverage_shadow.py)
    src = pick_addr(cons(rs, ['-s', '--ctorigsrc']), 'fd18::' if V6 else '198.18.0.0', set(), linklocal)
    taken = set(routes) if base == 'INPUT' or lo else locals_
    dpool = ('fd19::' if V6 else '198.19.0.0') if base != 'INPUT' else ('fd13::' if V6 else '203.0.113.0')
    if lo:
        dpool = '::1' if V6 else '127.0.0.1'
    dtypes = [v[0] for v, inv in cons(rs, ['--dst-type']) if not inv]
    dnets = [ipaddress.ip_network(v[0], strict=False) for v, inv in cons(rs, ['-d']) if not inv]
    group = None
    if base == 'INPUT' and not V6 and not lo and 'BROADCAST' in dtypes and not dnets:
        dst = ipaddress.ip_address('255.255.255.255')
    elif base == 'INPUT' and not V6 and not lo and 'MULTICAST' in dtypes and not dnets:
        dst = ipaddress.ip_address('224.0.0.1')          # all hosts: every interface has joined it
    elif base == 'INPUT' and not V6 and not lo and dnets and dnets[0].prefixlen == 32 and \
            dnets[0].network_address.is_multicast:
        dst = group = dnets[0].network_address       # a group the router joins on the in interface
    else:
        # FORWARD to a multicast group: forwarded by a multicast route (coverage_mroute.py)
        mc = base == 'FORWARD' and not V6 and bool(dnets) and dnets[0].network_address.is_multicast
        dst = pick_addr(cons(rs, ['-d', '--ctorigdst']), dpool, taken, linklocal, lo, mc)
    if src is None or dst is None:
        return None
    mark = pick_mark([(c[2], c[3]) for x in rs for c in x['cond'] if c[0] == 'mark' and c[1] == '--mark'])
    if mark is None or (mark and (base == 'OUTPUT' or lo or cons(rs, ['--mac-source']))):
        return None
    sport = pick_port(cons(rs, ['--sport', '--sports', '--source-port', '--source-ports', '--ctorigsrcport']))
    dport = pick_port(cons(rs, ['--dport', '--dports', '--destination-port', '--destination-ports',
                                '--ctorigdstport']))
    echo = 128 if V6 else 8
    icmps = rot([(echo, 0), (echo + 1 if V6 else 0, 0), (1 if V6 else 3, 3)], VAR[1])
    for v, inv in cons(rs, ['--icmp-type', '--icmpv6-type']):
        t = v[0]
        if inv:
            icmps = [i for i in icmps if i[0] != ((ICMP6 if V6 else ICMP).get(t, -1) if not t[0].isdigit()
                                                  else int(t.split('/')[0]))] or icmps
        elif '/' in t:
            icmps = [tuple(int(x) for x in t.split('/'))]
        elif t.isdigit():
            icmps = [(int(t), 0)]
        else:
            icmps = [((ICMP6 if V6 else ICMP).get(t, echo), 0)]
    if None in (sport, dport):
        return None
    # TCP flags and ICMP type: the first choice that satisfies --tcp-flags and the state rules
    states = cons(rs, ['--state', '--ctstate'])
    found = None
    for flags in rot(tcp_flag_choices(cons(rs, ['--tcp-flags'])), VAR[2]) if proto == 6 else [2]:
        for icmp in icmps if proto in (1, 58) else [(echo, 0)]:
            if proto == 6:
                ct = 'new' if flags in (2, 34, 16, 48, 24, 56) else 'invalid'
            elif proto == 1:
                ct = 'new' if icmp[0] in (8, 13, 15, 17) else 'invalid'
            elif proto == 58:
                ct = 'untracked' if icmp[0] in NOCT6 else 'new' if icmp[0] in (128, 139) else 'invalid'
            else:
                ct = 'new'
            if not any((ct.upper() in v[0].split(',')) == inv for v, inv in states):
                found = (flags, icmp)
                break
        if found:
            break
    ident = inner = None
    errs = [i for i in icmps if i[0] in ((1, 2, 3, 4) if V6 else (3, 4, 5, 11, 12))]
    if not found and not any(('RELATED' in v[0].split(',')) == inv for v, inv in states) and errs and \
       (proto == ICMPP or (not pos and ICMPP not in neg)):
        # RELATED: an ICMP error about a UDP flow from dst (a conntrack entry), sent to dst
        proto, icmp, w = ICMPP, errs[0], ipaddress.ip_address(('fd20::' if V6 else '198.51.100.0')) + nxt()
        a, b = random.randrange(1024, 65000), random.randrange(1024, 65000)
        inner = packet(dst, w, 17, a, b, 0, None)[:48 if V6 else 28]
        ctent.append((17, str(dst), str(w), a, b))
        found = (2, icmp)
    if not found:
        # a conntrack entry that has seen its reply: the packet is ESTABLISHED (an echo reply
        # answers an entry for the request the other way)
        fl = [f for f in (16, 24, 17, 4) if f in tcp_flag_choices(cons(rs, ['--tcp-flags']))]
        reply = 129 if V6 else 0
        ic = [i for i in icmps if i[0] in (echo, reply)]
        if any(('ESTABLISHED' in v[0].split(',')) == inv for v, inv in states) or proto not in (6, 17, ICMPP) \
           or (proto == 6 and not fl) or (proto == ICMPP and not ic):
            return established(base, rs, proto, src, dst, sport, dport, icmps, inn, outn, states) \
                if not lo else None
        flags, icmp, ident = (fl or [16])[0], (ic or [(echo, 0)])[0], nxt() & 0xffff
        if proto != ICMPP:
            e = (proto, str(src), str(dst), sport, dport)
        else:
            e = (proto, str(src), str(dst), ident, 0) if icmp[0] == echo else (proto, str(dst), str(src), ident, 0)
        if e not in ctent:
            ctent.append(e)
        found = (flags, icmp)
    flags, icmp = found
    owner = (pick_id(cons(rs, ['--uid-owner'])), pick_id(cons(rs, ['--gid-owner'])))
    if None in owner or (owner != (0, 0) and base != 'OUTPUT' and not lo):
        return None
    ttl = 64
    for v, inv in cons(rs, ['--ttl-eq', '--hl-eq']):
        ttl = int(v[0]) if not inv else 63
    mac = '02:00:00:00:00:01'
    for v, inv in cons(rs, ['--mac-source']):
        mac = v[0] if not inv else '02:00:00:00:00:02'
    if mark:
        mac = '02:6d:' + ':'.join('%02x' % b for b in struct.pack('!I', mark))
        marks[mac] = mark
    rt = None
    for v, inv in cons(rs, ['--rt-type']):
        rt = (int(v[0]) if not inv else 2, 0)
    for v, inv in cons(rs, ['--rt-segsleft']):
        if rt and not inv:
            rt = (rt[0], int(v[0].split(':')[0]))
    pk = packet(src, dst, proto, sport, dport, flags, icmp, ident, ttl, inner, rt).hex()
    if lo:
        if not dst.is_loopback:
            locals_.add(str(dst))
        return ('-', str(dst), pk, owner[0], owner[1])
    if base == 'FORWARD' and dst.is_multicast:
        if inn == outn or (str(src), str(dst)) in [m[:2] for m in mroutes]:
            return None
        mroutes.append((str(src), str(dst), inn, outn))
        ifaces.add(outn)
    elif base != 'INPUT':
        if str(dst) in routes and routes[str(dst)] != outn:
            # the destination leaves elsewhere: a source-specific route for this packet
            if str(src) in psrc:
                return None
            psrc.add(str(src))
            prules.append((str(src), str(dst), outn))
        else:
            routes[str(dst)] = outn
        ifaces.add(outn)
    elif group:
        groups.add((inn, str(group)))
    elif not (dst.is_multicast or str(dst) == '255.255.255.255'):
        locals_.add(str(dst))
    if base == 'OUTPUT':
        return ('-', str(dst), pk, owner[0], owner[1])
    ifaces.add(inn)
    return (inn, mac, pk)

def route(src, dst, outn):
    """Sends dst out of outn (or, if dst already leaves elsewhere, this src's packets to it)."""
    if str(dst) in routes and routes[str(dst)] != outn:
        if str(src) in psrc:
            return False
        psrc.add(str(src))
        prules.append((str(src), str(dst), outn))
    else:
        routes[str(dst)] = outn
    ifaces.add(outn)
    return True

def established(base, rs, proto, src, dst, sport, dport, icmps, inn, outn, states):
    """A rule that needs ESTABLISHED traffic (FORWARD): the flow's first packet the other
    way, then the answer that matches the rule."""
    if base != 'FORWARD' or not any(('ESTABLISHED' in v[0].split(',')) != inv for v, inv in states):
        return None
    if any(('ESTABLISHED' in v[0].split(',')) == inv for v, inv in states):
        return None
    flags, oflags, icmp, oicmp = 18, 2, None, None
    if proto == 6 and 18 not in tcp_flag_choices(cons(rs, ['--tcp-flags'])):
        return None
    if proto in (1, 58):
        rep_t = 129 if V6 else 0
        if not any(i[0] == rep_t for i in icmps):
            return None
        icmp, oicmp = (rep_t, 0), (128 if V6 else 8, 0)
    if str(src) in locals_ or not route(dst, src, inn) or not route(src, dst, outn):
        return None
    ifaces.add(inn)
    ident = nxt()
    orig = packet(dst, src, proto, dport, sport, oflags, oicmp, ident)
    reply = packet(src, dst, proto, sport, dport, flags, icmp, ident)
    return [(outn, '02:00:00:00:00:03', orig.hex()), (inn, '02:00:00:00:00:01', reply.hex())]

def burst(r, opt):
    """The burst of r's rate match (iptables' default 5)."""
    b = [int(c[2][0]) for c in r['cond'] if c[1] == opt and c[2]]
    return b[0] if b else 5

def slow(c):
    """True for a rate of at most 20 a second: a train of packets sent 0.5 ms apart gets
    less than half a token back, so the limit's verdicts do not hang on the clock's grain."""
    num, _, unit = c[2][0].partition('/')
    per = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400}.get(unit[:1], 1)
    return int(num) / per <= 20

def repeats(rules, i):
    """How often rule i's packet is sent: past a slow rate limit (its own hashlimit-above,
    an earlier limit that lets packets by) or up to a recent hit count; at most 60."""
    r, n = rules[i], 1
    for c in r['cond']:
        if c[1] == '--hitcount' and not c[3]:
            n = max(n, int(c[2][0]) + 1)
        if c[1] == '--hashlimit-above' and not c[3] and slow(c):
            n = max(n, burst(r, '--hashlimit-burst') + 3)
    for e in rules[:i]:
        if e['tgt'] in ('ACCEPT', 'RETURN') and any(c[1] in ('--limit', '--hashlimit-upto') and not c[3] and slow(c)
                                                    for c in e['cond']):
            n = max(n, max(burst(e, '--limit-burst'), burst(e, '--hashlimit-burst')) + 3)
    return n if n <= 60 else 1

for c, rules in chains.items():
    for i, r in enumerate(rules):
        stats['rules'] += 1
        got = False
        for VAR in VARIANTS if not r['cond'] else VARIANTS[:1]:
            for base, path in paths.get(c, []):
                k0 = len(ctent)
                p = make(base, path, r)
                if p:
                    pkts.extend((p if isinstance(p, list) else [p]) * repeats(rules, i))
                    plan.append((c, i, p if isinstance(p, list) else [p], repeats(rules, i), ctent[k0:]))
                    got = True
                    break
        stats['made'] += got
with open(out + '.ifaces', 'w') as f:
    f.write('\n'.join(sorted(ifaces)) + '\n')
with open(out + '.routes', 'w') as f:
    f.write(''.join('%s %s\n' % kv for kv in routes.items()))
with open(out + '.prules', 'w') as f:
    f.write(''.join('%s %s %s\n' % p for p in prules))
with open(out + '.locals', 'w') as f:
    f.write(''.join('%s\n' % a for a in sorted(locals_)))
with open(out + '.packets', 'w') as f:
    f.write(''.join('%s %s %s\n' % p for p in pkts if p[0] != '-'))
with open(out + '.local', 'w') as f:      # sent by the router itself (OUTPUT)
    f.write(''.join('%s %s %d %d\n' % p[1:] for p in pkts if p[0] == '-'))
with open(out + '.unreach', 'w') as f:    # CHAIN INDEX REASON
    f.write(''.join('%s %d %s\n' % (c, n, why) for (c, n), why in sorted(unreach.items())))
with open(out + '.marks', 'w') as f:      # source MAC -> mark, set in mangle PREROUTING
    f.write(''.join('%s %d\n' % kv for kv in marks.items()))
with open(out + '.groups', 'w') as f:     # multicast groups the router joins: IFACE GROUP
    f.write(''.join('%s %s\n' % g for g in sorted(groups)))
with open(out + '.mroutes', 'w') as f:   # multicast routes: SRC GROUP IN OUT
    f.write(''.join('%s %s %s %s\n' % m for m in mroutes))
with open(out + '.ct', 'w') as f:         # conntrack entries that have seen their reply
    f.write(''.join('%d %s %s %d %d\n' % e for e in ctent))
print('%d %d' % (stats['rules'], stats['made']))
