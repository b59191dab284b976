# SPDX-License-Identifier: GPL-2.0-or-later
# Shell helpers for tests: reporting and throw-away network namespaces.
# Source it: . "$ULOG_TOP/tests/lib.sh"
ULOG_TOP=${ULOG_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
BUILD=${BUILD:-build-asan}
ULOGD=$ULOG_TOP/$BUILD/ulogd
T_FAILS=0

ok()   { echo "ok $*"; }
fail() { echo "not ok $*"; T_FAILS=$((T_FAILS + 1)); }
skip() { echo "skip $*"; }
# check NAME CMD...: ok if CMD succeeds.
check() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n"; fi; }
# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" == "$3" ]; then ok "$1"; else echo "# $1: got '$2', want '$3'"; fail "$1"; fi
}

# A scratch folder removed at exit.
T_TMP=$(mktemp -d /tmp/ulogtest.XXXXXX)
chmod 755 "$T_TMP"
T_NETNS=()
T_PIDS=()
t_cleanup() {
	local p n
	for p in "${T_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${T_PIDS[@]}"; do wait "$p" 2>/dev/null; done
	# netns_new runs in $(...) subshells: their names are in $T_TMP/.netns
	[ -f "$T_TMP/.netns" ] && mapfile -t -O "${#T_NETNS[@]}" T_NETNS <"$T_TMP/.netns"
	for n in "${T_NETNS[@]}"; do ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null; ip netns del "$n" 2>/dev/null; done
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT

# netns_new NAME: creates a namespace with a unique name (printed) and loopback up.
# Every namespace is isolated: no veth leg is left in the root namespace.
netns_new() {
	local n="ut-$1-$$-$RANDOM"
	ip netns add "$n" || return 1
	ip -n "$n" link set lo up
	T_NETNS+=("$n")
	echo "$n" >>"$T_TMP/.netns"
	echo "$n"
}

# netns_pair A B ADDR_A ADDR_B [ADDR6_A ADDR6_B]: a veth between namespaces A and B.
netns_pair() {
	local a=$1 b=$2 va="v$RANDOM" vb="v$RANDOM"
	ip link add "$va" netns "$a" type veth peer name "$vb" netns "$b" || return 1
	ip -n "$a" addr add "$3/24" dev "$va"
	ip -n "$b" addr add "$4/24" dev "$vb"
	if [ -n "${5:-}" ]; then
		ip -n "$a" addr add "$5/64" dev "$va" nodad
		ip -n "$b" addr add "$6/64" dev "$vb" nodad
	fi
	ip -n "$a" link set "$va" up
	ip -n "$b" link set "$vb" up
	echo "$va $vb"
}

# router_triple TAG N: a client C, a router R and a server S namespace (names from TAG), C-R on
# r0/c0 with 10.N.1.0/24 and fdN:1::/64, R-S on r1/s0 with 10.N.2.0/24 and fdN:2::/64 (R has
# .1/::1 on both), C and S routed through R, R forwarding with conntrack accounting; sets C R S
# and inC inR inS ("ip netns exec NS"). Returns 1 if a namespace or link cannot be made.
router_triple() {
	local t=$1 n=$2 x
	C=$(netns_new "${t}c") && R=$(netns_new "${t}r") && S=$(netns_new "${t}s") || return 1
	ip link add r0 netns "$R" type veth peer name c0 netns "$C" &&
		ip link add r1 netns "$R" type veth peer name s0 netns "$S" || return 1
	ip -n "$C" addr add "10.$n.1.2/24" dev c0; ip -n "$R" addr add "10.$n.1.1/24" dev r0
	ip -n "$S" addr add "10.$n.2.2/24" dev s0; ip -n "$R" addr add "10.$n.2.1/24" dev r1
	for x in "$C c0" "$R r0" "$R r1" "$S s0"; do set -- $x; ip -n "$1" link set "$2" up; done
	ip -n "$C" addr add "fd$n:1::2/64" dev c0 nodad; ip -n "$R" addr add "fd$n:1::1/64" dev r0 nodad
	ip -n "$S" addr add "fd$n:2::2/64" dev s0 nodad; ip -n "$R" addr add "fd$n:2::1/64" dev r1 nodad
	ip -n "$C" route add default via "10.$n.1.1"
	ip -n "$S" route add default via "10.$n.2.1"
	ip -n "$C" -6 route add default via "fd$n:1::1"
	ip -n "$S" -6 route add default via "fd$n:2::1"
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
		net.netfilter.nf_conntrack_acct=1
	inC="ip netns exec $C"; inR="ip netns exec $R"; inS="ip netns exec $S"
}

# capture_start NAME NS: tcpdump on every interface of namespace NS into $T_TMP/r.pcap (sets PCAP
# and T_CAPTURE, its pid), back once it listens; 1 after "not ok NAME: tcpdump did not start".
capture_start() {
	PCAP=$T_TMP/r.pcap
	ip netns exec "$2" tcpdump -i any -U -B 16384 -n -w "$PCAP" 2>"$T_TMP/tcpdump.err" &
	T_CAPTURE=$!
	T_PIDS+=("$T_CAPTURE")
	wait_for 5 grep -qs "listening on" "$T_TMP/tcpdump.err" || { fail "$1: tcpdump did not start"; return 1; }
	sleep 0.2
}

# kernel_snapshot NS FAMILY...: a second after the traffic, namespace NS's counters of each FAMILY
# (4, 6: ip(6)tables-legacy-save -c without comments) into $T_TMP/kernel.save, the time into
# T_UNTIL, its conntrack table (conntrack -L, sorted) into $T_TMP/kernel.ct; then stops the
# capture_start capture once its ring has handed over what it holds (1 s timeout).
kernel_snapshot() {
	local ns=$1 f; shift
	sleep 1
	for f in "$@"; do ip netns exec "$ns" "ip${f/4/}tables-legacy-save" -c; done | grep -v '^#' >"$T_TMP/kernel.save"
	T_UNTIL=$(date +%s.%N)
	for f in "$@"; do ip netns exec "$ns" conntrack -L -f "ipv$f"; done 2>/dev/null | sort >"$T_TMP/kernel.ct"
	sleep 1.5
	kill -INT "$T_CAPTURE"; wait "$T_CAPTURE" 2>/dev/null
}

# nfcore_replay NAME TAG NFCORE_ARGS...: replays the capture $PCAP through $NFCORE with
# NFCORE_ARGS (--rules, --host ...) plus --acct --from $T_FROM --until $T_UNTIL; writes its output
# to $T_TMP/oursTAG.txt, its ip(6)tables-save -c sections to oursTAG.save and its conntrack -L
# section, sorted, to oursTAG.ct. Returns 1 after "not ok NAME: nfcore failed: ..." if it fails.
nfcore_replay() {
	local name=$1 o=$T_TMP/ours$2; shift 2
	"$NFCORE" --replay "$PCAP" "$@" --acct --from "$T_FROM" --until "$T_UNTIL" >"$o.txt" 2>"$o.err" ||
		{ fail "$name: nfcore failed: $(cat "$o.err")"; return 1; }
	awk '/^# ip6?tables-save -c/{f=1;next} /^#/{f=0} f' "$o.txt" >"$o.save"
	awk '/^# conntrack -L/{f=1;next} /^#/{f=0} f' "$o.txt" | sort >"$o.ct"
}

# nfcore_compare NAME NFCORE_ARGS...: nfcore_replay NAME "" NFCORE_ARGS..., then "ok"/"not ok NAME:"
# for its counters against the kernel's ($T_TMP/kernel.save, iptables-save -c without comments)
# and for its conntrack table against the kernel's ($T_TMP/kernel.ct, conntrack -L) with the
# timeouts (field 3) left out; a difference follows as "# " lines (< kernel, > nfcore).
# Returns 1 if nfcore failed or either differs.
nfcore_compare() {
	local name=$1 k=$T_TMP/kernel rc=0 f; shift
	nfcore_replay "$name" "" "$@" || return 1
	if diff "$k.save" "$T_TMP/ours.save" >"$T_TMP/save.diff"; then
		ok "$name: every rule and policy counter equals the kernel's ($(grep -c '^\[' "$k.save") rules)"
	else
		fail "$name: counters differ from the kernel's (< kernel, > nfcore)"; rc=1
		sed 's/^/# /' "$T_TMP/save.diff"
	fi
	for f in kernel ours; do awk '{ $3 = "-"; print }' "$T_TMP/$f.ct" | sort >"$T_TMP/$f.ctn"; done
	if diff "$k.ctn" "$T_TMP/ours.ctn" >"$T_TMP/ct.diff"; then
		ok "$name: the same conntrack table ($(wc -l <"$k.ct") entries)"
	else
		fail "$name: conntrack tables differ (< kernel, > nfcore)"; rc=1
		sed 's/^/# /' "$T_TMP/ct.diff"
	fi
	return $rc
}

# need CMD...: skip the whole test (exit 0) if a command is missing.
need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || { skip "$(basename "$0"): $c not installed"; exit 0; }
	done
}

# wait_for SECONDS CMD...: polls CMD until it succeeds.
wait_for() {
	local t=$1 i; shift
	for ((i = 0; i < t * 20; i++)); do "$@" && return 0; sleep 0.05; done
	return 1
}

t_done() { [ "$T_FAILS" -eq 0 ]; }
