# SPDX-License-Identifier: GPL-2.0-or-later
# ct_proof's packet generator: one packet per rule of an iptables-save file, aimed at what the
# rule and the rules that jump to its chain match (interfaces, addresses, protocol, ports, ICMP
# type, TCP flags, source MAC, address ranges); rules that want ESTABLISHED get a primer packet
# in the other direction first, rules that want INVALID a SYN+FIN.
# argv: rules ifmap(name=dev,...) addrs-out  -> stdout lines
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
PROTO = {'tcp': 6, 'udp': 17, 'icmp': 1, 'udplite': 136, 'sctp': 132, 'gre': 47, 'esp': 50, 'ah': 51}
FLAGS = {'FIN': 1, 'SYN': 2, 'RST': 4, 'PSH': 8, 'ACK': 16, 'URG': 32, 'ALL': 63, 'NONE': 0}
BUILTIN = ('PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING')
path, ifmap, addrs_out = sys.argv[1], dict(x.split('=') for x in sys.argv[2].split(',')), sys.argv[3]
names = list(ifmap.values())

def addr(k, host): return '10.201.%d.%d' % (names.index(k), host)
def first_host(spec):
    net = ipaddress.ip_network(spec, strict=False)
    return str(net.network_address if net.prefixlen >= 31 else net.network_address + 1)
def port(v):
    v = v.split(',')[0].split(':')[0]
    return int(v) if v.isdigit() else None
def martian(a):
    ip = ipaddress.ip_address(a)
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
            elif t in ('-s', '--source') and v[:1].isdigit(): r['src'] = v.split(',')[0]
            elif t in ('-d', '--destination') and v[:1].isdigit(): r['dst'] = v.split(',')[0]
            elif t in ('-p', '--protocol'): r['proto'] = v
            elif t in ('--dport', '--destination-port', '--dports'): r['dport'] = port(v)
            elif t in ('--sport', '--source-port', '--sports'): r['sport'] = port(v)
            elif t == '--icmp-type': r['icmp'] = v
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
            if root == 'INPUT' and not dst.startswith('10.201.') and r['dst'] not in fwd_dsts and not martian(dst):
                local.setdefault(dst, k)
        elif r.get('dtype') == 'BROADCAST':
            dst = addr(k, 255)
        elif r.get('dtype') == 'MULTICAST':
            dst = '224.0.0.1'
        elif root == 'FORWARD' or 'out' in r or root == 'POSTROUTING':
            o = iface(r['out']) if 'out' in r else None
            dst = addr(o, 2) if o and o != k else '10.202.%d.9' % (n % 250)
        else:
            dst = addr(k, 1)
    if martian(src) or dst.startswith('127.') or dst.startswith('0.') or \
            how == 'in' and (src.startswith('10.201.') and src.endswith('.1') or src in local):
        continue
    ty, co = ICMP.get(r.get('icmp', ''), (8, 0))
    if r.get('icmp', '').replace('/', '').isdigit():
        ty, co = (int(x) for x in (r['icmp'].split('/') + ['0'])[:2])
    sp, dp = r.get('sport') or 40000 + n % 20000, r.get('dport') or 1000 + n % 5000
    fl = r.get('flags', 2)
    if prime:
        if proto == 1:
            ty, co = 0, 0
        if how == 'out':
            out.append(('in', k, dst, src, proto, dp, sp, 8, 0, 2, '-', n))
        elif root in ('INPUT', 'PREROUTING') and 'out' not in r and dst == addr(k, 1) or dst in local:
            out.append(('pout', k, dst, src, proto, dp, sp, 8, 0, 2, '-', n))
        else:
            o = iface(r['out']) if 'out' in r and iface(r['out']) else k
            out.append(('pin', o, dst, src, proto, dp, sp, 8, 0, 2, '-', n))
        if 'flags' not in r:
            fl = 0x12
    out.append((how, k, src, dst, proto, sp, dp, ty, co, fl, r.get('mac', '-') if how == 'in' else '-', n))
for x in out:
    print(*x)
with open(addrs_out, 'w') as f:
    for a, k in local.items():
        print(k, a, file=f)
