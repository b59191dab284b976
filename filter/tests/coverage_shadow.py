# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: rules no packet can reach, each with its proof (coverage_gen.py writes them).
# A rule counts as unreachable only for one of these reasons:
#  - its chain is not reached by any jump from a built-in chain;
#  - it needs lo as in/out interface and only FORWARD reaches its chain (Linux never forwards
#    what lo received, and never forwards out of lo);
#  - it needs an IPv6 link-local source and only FORWARD reaches its chain (ip6_forward()
#    refuses such packets before the FORWARD hook; the test still sends them);
#  - earlier terminating rules of its chain catch every packet it could match: each such rule
#    has no stateful match and its conditions, apart from the conntrack state, are a subset of
#    this rule's (the same module, option, values and negation), and the conntrack states they
#    accept together cover every state this rule's packets can have. Between them and the rule
#    no rule may change the packet (MARK and the like, directly or in a called chain). A jump
#    to a chain that never returns (_ends) terminates like ACCEPT;
#  - no conntrack state its packets can have gets to it: the states entering a user chain are
#    those its jumps let through (after what earlier rules of their chains caught), and the
#    kernel's conntrack decides some (ICMP types, SYN+ACK; see _states).
import ipaddress

TERMINAL = {'ACCEPT', 'DROP', 'REJECT', 'RETURN'}
SAFE = TERMINAL | {'LOG', 'NFLOG', 'ULOG'}
STATEFUL = {'limit', 'hashlimit', 'recent', 'connlimit', 'statistic', 'quota', 'quota2', 'connbytes',
            'time', 'nth', 'random', 'set'}
STATES = {'NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED'}
ICMP_ERR = {'1': {'3', '4', '5', '11', '12'}, '58': {'1', '2', '3', '4'}}
ICMP_NAMES = {'destination-unreachable': '3', 'source-quench': '4', 'redirect': '5', 'time-exceeded': '11',
              'parameter-problem': '12', 'packet-too-big': '2'}
NDP6 = {'130', '131', '132', '133', '134', '135', '136', '143'}
ENTRY_STATES = None     # the states packets entering a built-in chain can have (None: STATES)


def _linklocal_src(r):
    """True when r's packets must come from a link-local address (fe80::/10)."""
    for c in r['cond']:
        if c[1] == '-s' and not c[3] and c[2]:
            net = ipaddress.ip_network(c[2][0], strict=False)
            if net.version == 6 and net.subnet_of(ipaddress.ip_network('fe80::/10')):
                return True
    return False


def _roots(chains, builtin):
    """Per chain, the built-in chains from which some jump sequence reaches it."""
    roots = {c: set() for c in chains}
    for b in builtin:
        todo, seen = [b], {b}
        while todo:
            c = todo.pop()
            roots[c].add(b)
            for r in chains[c]:
                t = r['tgt']
                if t in chains and t not in builtin and t not in seen:
                    seen.add(t)
                    todo.append(t)
    return roots


def _safe_chain(chains, c, memo):
    """True when chain c and all it calls only accept, drop, return or log (never change a packet)."""
    if c in memo:
        return memo[c]
    memo[c] = False
    ok = True
    for r in chains[c]:
        t = r['tgt']
        if t is None or t in SAFE:
            continue
        if t in chains:
            ok = ok and _safe_chain(chains, t, memo)
        else:
            ok = False
    memo[c] = ok
    return ok


def _ends(chains, c, memo):
    """True when chain c never returns: a rule without conditions ends it (ACCEPT, DROP,
    REJECT, or a jump to such a chain) and no rule before it may return or go to another chain."""
    key = ('ends', c)
    if key in memo:
        return memo[key]
    memo[key] = False
    res = False
    for r in chains[c]:
        t = r['tgt']
        if r['goto'] or t == 'RETURN':
            break
        if not r['cond'] and (t in ('ACCEPT', 'DROP', 'REJECT') or (t in chains and _ends(chains, t, memo))):
            res = True
            break
    memo[key] = res
    return res


def _icmp_states(proto, t, v6):
    """The conntrack states an ICMP packet of type t can have (nf_conntrack_proto_icmp*.c):
    requests start flows, replies only answer them, errors are RELATED or INVALID, neighbour
    discovery and MLD are left untracked, anything else is INVALID."""
    if proto == '58':
        if t in NDP6:
            return {'UNTRACKED'}
        if t in ICMP_ERR['58']:
            return {'RELATED', 'INVALID'}
        return {'NEW', 'ESTABLISHED', 'INVALID'} if t in ('128', '139') else \
            {'ESTABLISHED', 'INVALID'} if t in ('129', '140') else {'INVALID'}
    if t in ICMP_ERR['1']:
        return {'RELATED', 'INVALID'}
    return {'NEW', 'ESTABLISHED', 'INVALID'} if t in ('8', '13', '15', '17') else \
        {'ESTABLISHED', 'INVALID'} if t in ('0', '14', '16', '18') else {'INVALID'}


def _flags_need(c, bit):
    """True when tcp-flags condition c requires flag bit set."""
    mask, comp = c[2][0].split(','), c[2][1].split(',')
    return not c[3] and (bit in mask or 'ALL' in mask) and (bit in comp or 'ALL' in comp)


def _states(r, v6, notrack, sure=False):
    """The conntrack states r's packets can have (its own state matches, its ICMP type, and a
    SYN+ACK never starts a flow: tcp_new() refuses it, also for an expected connection).
    SURE: the states for which r's state matches surely match (SNAT/DNAT, states of the
    connection's NAT, count only then: a packet may have them or not)."""
    s = set(STATES)
    proto = [c[2][0] for c in r['cond'] if c[1] == '-p' and not c[3] and c[2]]
    proto = {'icmp': '1', 'ipv6-icmp': '58', 'icmpv6': '58', 'tcp': '6'}.get(proto[0], proto[0]) if proto else None
    types = [c[2][0].split('/')[0] for c in r['cond'] if c[1] in ('--icmp-type', '--icmpv6-type') and not c[3]]
    types = [ICMP_NAMES.get(t, t) for t in types]
    if proto in ('1', '58') and types and types[0].isdigit():
        s &= _icmp_states(proto, types[0], v6)
    if proto == '6' and any(c[1] == '--tcp-flags' and len(c[2]) == 2 and _flags_need(c, 'SYN') and
                            _flags_need(c, 'ACK') for c in r['cond']):
        s -= {'NEW', 'RELATED'}
    untracked = notrack or (v6 and (proto in (None, '58') and not (types and types[0] not in NDP6)))
    if not untracked:
        s.discard('UNTRACKED')
    for c in r['cond']:
        if c[1] in ('--state', '--ctstate'):
            vs = set(c[2][0].split(',')) if c[2] else set()
            if c[3]:
                s -= vs if not (sure and vs - STATES) else set(STATES)
            elif sure or not vs - STATES:
                s &= vs
    return s


def _plain(r):
    """r's conditions other than the conntrack state, or None if r has a stateful match."""
    if any(m in STATEFUL for m in r['matches']):
        return None
    return {c for c in r['cond'] if c[1] not in ('--state', '--ctstate')}


def _covered(chains, rules, i, v6, notrack, memo):
    """(states caught by earlier terminating rules of rules before rule i whose other
    conditions are a subset of rule i's, their numbers), or None if an earlier rule may change
    the packet."""
    mine = set(rules[i]['cond'])
    covered, by = set(), []
    for j in range(i - 1, -1, -1):
        e = rules[j]
        t = e['tgt']
        if not (t in TERMINAL or e['goto'] or t is None or t in SAFE or (t in chains and _safe_chain(chains, t, memo))):
            return None                     # e may change the packet: nothing before it counts
        if not (t in TERMINAL or e['goto'] or (t in chains and _ends(chains, t, memo))):
            continue
        cond = _plain(e)
        if cond is None or not cond <= mine:
            continue
        covered |= _states(e, v6, notrack, True) if any(c[1] in ('--state', '--ctstate') for c in e['cond']) else STATES
        by.append(e['n'])
    return covered, by


def _at(chains, builtin, c, i, v6, notrack, memo, entry):
    """The conntrack states a packet can have when it reaches rule i of chain c (before its
    own matches)."""
    cov = _covered(chains, chains[c], i, v6, notrack, memo)
    return _entry(chains, builtin, c, v6, notrack, memo, entry) - (cov[0] if cov else set())


def _entry(chains, builtin, c, v6, notrack, memo, entry):
    """The conntrack states of packets entering chain c: all for a built-in chain, else the
    union over the rules that jump to it."""
    if c in builtin:
        return set(STATES if ENTRY_STATES is None else ENTRY_STATES)
    if c not in entry:
        entry[c] = set()                    # a loop (refused by the kernel anyway) adds nothing
        s = set()
        for c2, rules in chains.items():
            for i, r in enumerate(rules):
                if r['tgt'] == c:
                    s |= _at(chains, builtin, c2, i, v6, notrack, memo, entry) & _states(r, v6, notrack)
        entry[c] = s
    return entry[c]


def _shadow(chains, builtin, c, i, v6, notrack, memo, entry):
    """Why rule i of chain c can never be reached, or None."""
    rules = chains[c]
    need = _states(rules[i], v6, notrack) & _entry(chains, builtin, c, v6, notrack, memo, entry)
    cov = _covered(chains, rules, i, v6, notrack, memo)
    if not need:
        return 'no conntrack state its packets can have reaches it'
    if cov and need <= cov[0]:
        by = cov[1]
        return 'caught by earlier rule%s %s' % ('s' if len(by) > 1 else '', ','.join(map(str, sorted(by))))
    return None


def unreachable(chains, builtin, v6, notrack, states=None):
    """{(chain, index): reason} for every rule no packet can reach. STATES: the conntrack states
    packets can have at all in this table (None: any; a nat table sees only a connection's
    first packet, NEW, or RELATED for an expected one: tests/integration/ct_proof_gen.py)."""
    global ENTRY_STATES
    if states is not None:
        saved, ENTRY_STATES = ENTRY_STATES, set(states)
        try:
            return unreachable(chains, builtin, v6, notrack)
        finally:
            ENTRY_STATES = saved
    roots, memo, entry, res = _roots(chains, builtin), {}, {}, {}
    for c, rules in chains.items():
        for i, r in enumerate(rules):
            key = (c, r['n'])
            lo = any(x[1] in ('-i', '-o') and x[2] == ('lo',) and not x[3] for x in r['cond'])
            if not roots[c]:
                res[key] = 'chain not reached from a built-in chain'
            elif lo and roots[c] == {'FORWARD'}:
                res[key] = 'lo in FORWARD'
            elif v6 and roots[c] == {'FORWARD'} and _linklocal_src(r):
                res[key] = 'link-local source in FORWARD'
            else:
                why = _shadow(chains, builtin, c, i, v6, notrack, memo, entry)
                if why:
                    res[key] = why
    return res
