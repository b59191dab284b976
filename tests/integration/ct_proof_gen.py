# SPDX-License-Identifier: GPL-2.0-or-later
# ct_proof's packet generator: one packet per rule of an iptables-save file, aimed at what the
# rule and the rules that jump to its chain match (interfaces, addresses, protocol, ports, ICMP
# type, TCP flags, source MAC, address ranges); rules that want ESTABLISHED get a primer packet
# in the other direction first, rules that want INVALID a SYN+FIN.
# argv: rules ifmap(name=dev,...) addrs-out [4|6]  -> stdout lines
#   "how dev src dst proto sport dport type code tcpflags mac idx"
#   how: pout/pin (primers, sent first by the host/the peer), in (peer), out (host)
# addrs-out gets "dev address" lines: destinations of INPUT rules the host must own.
import ipaddress, shlex, sys
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
path, ifmap, addrs_out = sys.argv[1], dict(x.split('=') for x in sys.argv[2].split(',')), sys.argv[3]
names = list(ifmap.values())
V6 = len(sys.argv) > 4 and sys.argv[4] == '6'
NET, REMOTE = ('2001:db8:201:', '2001:db8:202:') if V6 else ('10.201.', '10.202.')

def addr(k, host):
    if V6:
        return str(ipaddress.ip_address('2001:db8:201:%d::%x' % (names.index(k), host)))
    return '10.201.%d.%d' % (names.index(k), host)
def remote(n): return str(ipaddress.ip_address('2001:db8:202:%d::9' % (n % 250))) if V6 else '10.202.%d.9' % (n % 250)
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
        src = r.get('src') and first_host(r['src']) or addr(k, 2)
        if 'dst' in r:
            dst = first_host(r['dst'])
            if root == 'INPUT' and not dst.startswith(NET) and r['dst'] not in fwd_dsts and not martian(dst):
                local.setdefault(dst, k)
        elif r.get('dtype') == 'BROADCAST' and not V6:
            dst = addr(k, 255)
        elif r.get('dtype') == 'MULTICAST':
            dst = 'ff02::1' if V6 else '224.0.0.1'
        elif root == 'FORWARD' or 'out' in r or root == 'POSTROUTING':
            o = iface(r['out']) if 'out' in r else None
            dst = addr(o, 2) if o and o != k else remote(n)
        else:
            dst = addr(k, 1)
    if martian(src) or dst.startswith('127.') or dst.startswith('0.') or dst in ('::1', '::') or \
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
for x in out:
    print(*x)
with open(addrs_out, 'w') as f:
    for a, k in local.items():
        print(k, a, file=f)
