#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Live NFLOG benchmark: ulogd2 2.0.8 (Debian's /usr/sbin/ulogd, the baseline) against our ulogd,
# one after the other on the same generated traffic, with the same two stacks and options:
#   json: NFLOG,BASE,IFINDEX,IP2STR,JSON          emu: NFLOG,BASE,IFINDEX,IP2STR,PRINTPKT,LOGEMU
# Two throw-away namespaces joined by a veth; bench/udpblast in the client sends UDP to port 9 of
# the server (IPv4 and IPv6 in turn), where an NFLOG rule logs it and a DROP rule ends it.
# Per run: packets the rules counted, lines the daemon wrote, lost = counted - written, and the
# daemon's CPU time (sum of its threads' /proc schedstat run time, ns resolution) from after
# start-up to after the queue drained, per written line; load pps is the rate udpblast reached;
# wait ms is how long the daemon waited for a CPU held by other tasks (schedstat run_delay):
# on a shared machine, loss in the flood phase follows it.
# Each cell is the median of RUNS runs (the order of the daemons alternates between runs;
# VERBOSE=1 prints every run). Two phases:
#   paced: RATE packets/s (default 50,000), N packets: CPU per packet; nothing should be lost
#   flood: udpblast flat out, FLOOD_N packets (default 1,000,000), json stack: what each daemon loses
# Same options for both daemons (see bench/README.md): 8 MiB socket buffer (maxsize 16 MiB),
# netlink_qthreshold=64, netlink_qtimeout=5, seq_local=1, seq_global=1, bufsize 150000,
# outputs buffered (sync=0) to files on tmpfs.
# Usage: bench/ulogd_vs_ulogd2.sh [RUNS]    env: N RATE FLOOD_N BUILD ULOGD2, KEEP=1 keeps the files,
# ULOG_NFLOG_EXTRA='opt=v\nopt=v' sets options of our daemon's [log1] only (experiments).
# PERF=DIR also records `perf record -g` of each run into DIR/PHASE.DAEMON.STACK.data (slower).
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
RUNS=${1:-3}
N=${N:-250000}
RATE=${RATE:-50000}
FLOOD_N=${FLOOD_N:-1000000}
ULOGD2=${ULOGD2:-/usr/sbin/ulogd}
U2LIB=${U2LIB:-/usr/lib/x86_64-linux-gnu/ulogd}
make -s BUILD="$BUILD" "$BUILD/ulogd" "$BUILD/bench/udpblast" "$BUILD/bench/nflog_floor" || exit 1
ULOG=$PWD/$BUILD/ulogd
BLAST=$PWD/$BUILD/bench/udpblast
FLOOR=$PWD/$BUILD/bench/nflog_floor
[ -x "$ULOGD2" ] || { echo "bench: $ULOGD2 (ulogd2) missing"; exit 1; }
ipt=iptables-legacy ip6t=ip6tables-legacy
command -v $ipt >/dev/null || { ipt=iptables ip6t=ip6tables; }

TMPROOT=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && TMPROOT=/dev/shm
TMP=$(mktemp -d "$TMPROOT/ulogbench-nflog.XXXXXX")
chmod 755 "$TMP"
CLI=ulogbench-cli-$$ SRV=ulogbench-srv-$$
GROUP=5
# Daemon and load on different CPUs when there are two or more (less run-to-run noise).
PIN_DAEMON='' PIN_BLAST=''
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	PIN_DAEMON="taskset -c 1" PIN_BLAST="taskset -c 0"
fi
# ulogd2 2.0.8 makes itself SCHED_RR at the highest priority when it starts; ULOG_SCHED=rr (the
# default) runs ours under the same policy so that both get the CPU the same way, =none runs ours
# as it starts itself.
ULOG_SCHED=${ULOG_SCHED:-rr}
ULOG_CHRT=
[ "$ULOG_SCHED" = rr ] && ULOG_CHRT="chrt -r $(chrt -m | awk '/SCHED_RR/ { sub(/.*\//, ""); print $NF }')"
DPID=
cleanup() {
	[ -n "$DPID" ] && kill "$DPID" 2>/dev/null && wait "$DPID" 2>/dev/null
	ip netns del "$CLI" 2>/dev/null
	ip netns del "$SRV" 2>/dev/null
	[ -n "${KEEP:-}" ] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT

setup_netns() {
	ip netns add "$CLI" && ip netns add "$SRV" || return 1
	ip link add b0 netns "$CLI" type veth peer name b1 netns "$SRV" || return 1
	ip -n "$CLI" link set lo up && ip -n "$SRV" link set lo up
	ip -n "$CLI" addr add 10.97.0.1/24 dev b0
	ip -n "$SRV" addr add 10.97.0.2/24 dev b1
	ip -n "$CLI" addr add fd00:97::1/64 dev b0 nodad
	ip -n "$SRV" addr add fd00:97::2/64 dev b1 nodad
	ip -n "$CLI" link set b0 up && ip -n "$SRV" link set b1 up
	local t
	for t in $ipt $ip6t; do
		ip netns exec "$SRV" $t-restore <<-RULES || return 1
		*filter
		:INPUT ACCEPT [0:0]
		-A INPUT -p udp --dport 9 -j NFLOG --nflog-group $GROUP --nflog-prefix bench
		-A INPUT -p udp --dport 9 -j DROP
		COMMIT
		RULES
	done
	# resolve neighbours once so that no packet of a run waits on ARP/NDP
	ip netns exec "$CLI" ping -q -c 1 -w 5 10.97.0.2 >/dev/null &&
		ip netns exec "$CLI" ping -q -6 -c 1 -w 5 fd00:97::2 >/dev/null
}

# nflog_section: the NFLOG options both daemons get.
nflog_section() {
	cat <<-CONF
	[log1]
	group=$GROUP
	bufsize=150000
	seq_local=1
	seq_global=1
	netlink_socket_buffer_size=8388608
	netlink_socket_buffer_maxsize=16777216
	netlink_qthreshold=64
	netlink_qtimeout=5
	CONF
}

# write_conf DAEMON STACK OUT: the config of DAEMON (ulogd2|ulog) for STACK (json|emu) writing to OUT.
write_conf() {
	local daemon=$1 stack=$2 out=$3 p
	{
		echo "[global]"
		echo "logfile=\"$TMP/$daemon.log\""
		echo "loglevel=5"
		if [ "$daemon" = ulogd2 ]; then
			for p in inppkt_NFLOG raw2packet_BASE filter_IFINDEX filter_IP2STR filter_PRINTPKT \
				 output_JSON output_LOGEMU; do
				echo "plugin=\"$U2LIB/ulogd_$p.so\""
			done
		fi
		case $stack in
		json) echo "stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,out1:JSON" ;;
		emu)  echo "stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,out1:LOGEMU" ;;
		esac
		echo
		if [ "$daemon" = ulog ] && [ -n "${ULOG_NFLOG_EXTRA:-}" ]; then
			printf '%b\n' "$ULOG_NFLOG_EXTRA" >"$TMP/extra"
			nflog_section | grep -v -F -f <(sed 's/=.*/=/' "$TMP/extra")
			cat "$TMP/extra"
		else
			nflog_section
		fi
		echo
		echo "[out1]"
		echo "file=\"$out\""
		echo "sync=0"
	} >"$TMP/$daemon.conf"
}

# cpu_ns PID [FIELD]: run time (FIELD 1) or time spent waiting for a CPU (FIELD 2) of all of
# PID's threads so far, in ns (0 if it is gone).
cpu_ns() {
	cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk -v f="${2:-1}" '{ s += $f } END { printf("%d\n", s) }'
}

# bound: true once group $GROUP has a listener in the server namespace.
bound() {
	ip netns exec "$SRV" cat /proc/net/netfilter/nfnetlink_log 2>/dev/null |
		awk -v g="$GROUP" '$1 == g { f = 1 } END { exit !f }'
}

# counted: packets the two NFLOG rules matched since the last zeroing.
counted() {
	{ ip netns exec "$SRV" $ipt -L INPUT -v -x -n; ip netns exec "$SRV" $ip6t -L INPUT -v -x -n; } |
		awk '/NFLOG/ { s += $1 } END { print s + 0 }'
}

# run_one DAEMON STACK COUNT RATE: prints "counted logged cpu_ns load_pps wait_ns", or fails.
run_one() {
	local daemon=$1 stack=$2 count=$3 rate=$4 out="$TMP/out.$2" args c0 c1 prev i n
	rm -f "$out" "$TMP/$daemon.log"
	case $daemon in
	ulogd2) write_conf "$daemon" "$stack" "$out"; args="$ULOGD2 -c $TMP/$daemon.conf" ;;
	ulog)   write_conf "$daemon" "$stack" "$out"; args="$ULOG_CHRT $ULOG -c $TMP/$daemon.conf" ;;
	# the floor gets our daemon's kernel settings: nlbufsiz (150000 - 1024) / 2, 8 MiB buffer
	floor)  args="$ULOG_CHRT $FLOOR $GROUP $out 64 5 74488 8388608" ;;
	esac
	# shellcheck disable=SC2086
	ip netns exec "$SRV" $PIN_DAEMON $args >"$TMP/$daemon.stderr" 2>&1 &
	DPID=$!
	for ((i = 0; i < 100; i++)); do bound && break; sleep 0.05; done
	if ! bound || ! kill -0 "$DPID" 2>/dev/null; then
		echo "FAIL: $daemon did not bind group $GROUP: $(tail -n 3 "$TMP/$daemon.log" "$TMP/$daemon.stderr" 2>/dev/null | tr '\n' ' ')" >&2
		return 1
	fi
	sleep 0.2
	ip netns exec "$SRV" $ipt -Z INPUT && ip netns exec "$SRV" $ip6t -Z INPUT
	c0=$(cpu_ns "$DPID") w0=$(cpu_ns "$DPID" 2)
	local perf_pid=
	if [ -n "${PERF:-}" ]; then
		perf record -q --call-graph dwarf -F 4000 -o "$PERF/$PHASE.$daemon.$stack.data" -p "$DPID" 2>/dev/null &
		perf_pid=$!
		sleep 0.5
	fi
	ip netns exec "$CLI" $PIN_BLAST "$BLAST" "$count" "$rate" 9 10.97.0.2 fd00:97::2 >"$TMP/blast" ||
		{ echo "FAIL: udpblast: $(cat "$TMP/blast")" >&2; return 1; }
	# drained: the kernel queue timeout has passed and the CPU time stood still 3 polls in a row
	sleep 0.2
	prev=-1 n=0
	for ((i = 0; i < 300 && n < 3; i++)); do
		c1=$(cpu_ns "$DPID")
		if [ "$c1" = "$prev" ]; then n=$((n + 1)); else n=0; fi
		prev=$c1
		sleep 0.1
	done
	c=$(counted) w1=$(cpu_ns "$DPID" 2)
	[ -n "$perf_pid" ] && kill -INT "$perf_pid" && wait "$perf_pid"
	kill -TERM "$DPID"
	wait "$DPID"
	DPID=
	[ -f "$out" ] || { echo "FAIL: $daemon wrote no $out: $(tail -n 3 "$TMP/$daemon.log" | tr '\n' ' ')" >&2; return 1; }
	local logged
	if [ "$daemon" = floor ]; then logged=$(cat "$out"); else logged=$(wc -l <"$out"); fi
	echo "$c $logged $((c1 - c0)) $(awk '{ printf("%d", $6 > 0 ? $2 / $6 : 0) }' "$TMP/blast") $((w1 - w0))"
}

# median LIST
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# phase NAME COUNT RATE STACK...: RUNS runs of each daemon per stack; prints one row per pair.
phase() {
	local name=$1 count=$2 rate=$3 stack d r line
	shift 3
	PHASE=$name
	for stack in "$@"; do
		declare -A cnt=() lg=() lost=() cpu=() pps=() wait=()
		for ((r = 0; r < RUNS; r++)); do
			local order="ulogd2 ulog floor"
			((r % 3 == 1)) && order="ulog floor ulogd2"
			((r % 3 == 2)) && order="floor ulogd2 ulog"
			for d in $order; do
				line=$(run_one "$d" "$stack" "$count" "$rate") || return 1
				read -r c l ns lp wn <<<"$line"
				cnt[$d]+=" $c" lg[$d]+=" $l" lost[$d]+=" $((c - l))" pps[$d]+=" $lp"
				wait[$d]+=" $((wn / 1000000))"
				[ -n "${VERBOSE:-}" ] && echo "# run $r $name $stack $d: counted $c logged $l cpu_ns $ns load_pps $lp wait_ms $((wn / 1000000))" >&2
				cpu[$d]+=" $(awk -v ns="$ns" -v l="$l" 'BEGIN { printf("%.4f", l ? ns / 1000 / l : 0) }')"
			done
		done
		for d in ulogd2 ulog floor; do
			# shellcheck disable=SC2086
			c=$(median ${cnt[$d]}) l=$(median ${lg[$d]}) u=$(median ${cpu[$d]})
			printf '%-6s %-5s %-7s %9d %9d %9d %12.3f %10d %8d\n' "$name" "$stack" "$d" "$c" "$l" \
				"$(median ${lost[$d]})" "$u" "$(median ${pps[$d]})" "$(median ${wait[$d]})"
			eval "cpu_$d=$u"
		done
		# shellcheck disable=SC2154
		awk -v a="$cpu_ulogd2" -v b="$cpu_ulog" -v f="$cpu_floor" -v s="$stack" -v n="$name" \
			'BEGIN { printf("%-6s %-5s ratio ulogd2/ulog CPU per packet: %.2f  (above the floor: ulogd2 %.2f, ulog %.2f us)\n",
			         n, s, b > 0 ? a / b : 0, a - f, b - f) }'
		unset cnt lg lost cpu pps wait
	done
}

setup_netns || { echo "bench: namespace setup failed"; exit 1; }
echo "ulogd_vs_ulogd2: median of $RUNS runs; paced $N packets at $RATE/s, flood $FLOOD_N packets;" \
	"ulog scheduling: ${ULOG_CHRT:-as it sets itself} (ulogd2 sets SCHED_RR max itself)"
printf '%-6s %-5s %-7s %9s %9s %9s %12s %10s %8s\n' phase stack daemon packets logged lost "cpu us/pkt" "load pps" "wait ms"
phase paced "$N" "$RATE" json emu || exit 1
phase flood "$FLOOD_N" 0 json || exit 1
