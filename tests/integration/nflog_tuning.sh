#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG queue and buffer options against the kernel: netlink_qthreshold/netlink_qtimeout batch
# many messages per datagram and nothing is lost; netlink_socket_buffer_maxsize grows the socket
# buffer after an overrun; numeric_label reaches raw.label.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need iptables-legacy ping jq
[ -x "$ULOGD" ] || { skip "nflog_tuning: $ULOGD not built"; exit 0; }

N=$(netns_new nftune) || { fail "nflog_tuning: namespace"; exit 1; }
G=11
ipt="ip netns exec $N iptables-legacy"
$ipt -A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group $G

# daemon NAME EXTRA...: starts ulogd with NFLOG options EXTRA, sets $pid
daemon() {
	local name=$1; shift
	nflog_conf "$name" $G "$(printf '%s\n' "$@")" ""
	nflog_start "$N" "$name" $G || { fail "nflog_tuning: $name: daemon did not bind"; exit 1; }
}
stats() { nflog_stats "$1" $G; }
field() { stat_field "$1"; }
# rcvbuf: the receive buffer (ss's skmem rb) of the daemon's nfnetlink socket
rcvbuf() { ip netns exec "$N" ss -f netlink -a -m -p |
	awk -v p="ulogd/$pid " 'index($0, p) && match($0, /rb[0-9]+/) {print substr($0, RSTART + 2, RLENGTH - 2)}'; }
stop() { kill -TERM "$pid"; wait "$pid"; wait_for 5 bash -c "! ip netns exec $N grep -q '^ *$G ' /proc/net/netfilter/nfnetlink_log"; }

# batching: 16 messages per datagram or 50 ms
daemon batch netlink_qthreshold=16 netlink_qtimeout=5 numeric_label=42 netlink_socket_buffer_size=1048576
# SO_RCVBUFFORCE: the kernel doubles the value; 1 MiB is above net.core.rmem_max (208 KiB)
check_eq "nflog_tuning: netlink_socket_buffer_size applied as written (rb = 2 x 1048576)" \
	"$(rcvbuf)" 2097152
check_eq "nflog_tuning: kernel flush timeout set" \
	"$(ip netns exec "$N" awk -v g=$G '$1 == g {print $6}' /proc/net/netfilter/nfnetlink_log)" 5
ip netns exec "$N" ping -q -f -c 500 127.0.0.1 >/dev/null
counted=$($ipt -L INPUT -v -x -n | awk '/NFLOG/ {print $1}')
all_in() { [ "$(stats batch | field packets)" -ge "$counted" ]; }
wait_for 5 all_in
line=$(stats batch)
echo "# counted=$counted $line"
check_eq "nflog_tuning: batched: every packet logged" "$(echo "$line" | field packets)" "$counted"
check_eq "nflog_tuning: batched: nothing lost" "$(echo "$line" | field lost)" 0
stop
check_eq "nflog_tuning: raw.label from numeric_label" \
	"$(jq -r '."raw.label"' "$T_TMP/batch.json" | sort -u)" 42
check_eq "nflog_tuning: sequence numbers contiguous" \
	"$(jq -r '."oob.seq.local"' "$T_TMP/batch.json" | awk 'NR > 1 && $1 != p + 1 {b++} {p = $1} END {print b + 0}')" 0

# growth: 4 KiB buffer, may grow to 64 KiB after an overrun
daemon grow netlink_qthreshold=1 netlink_socket_buffer_size=4096 netlink_socket_buffer_maxsize=65536
kill -STOP "$pid"
ip netns exec "$N" ping -q -f -c 300 127.0.0.1 >/dev/null
kill -CONT "$pid"
check "nflog_tuning: overrun grows the socket buffer to 8192" \
	wait_for 5 grep -q "socket buffer raised to 8192 bytes" "$T_TMP/grow.log"
check_eq "nflog_tuning: the grown buffer is on the socket (rb = 2 x 8192)" "$(rcvbuf)" 16384
stop

# SIGTERM drains: the kernel holds up to 100 messages for 60 s; the unbind at exit flushes
# them to the socket and the daemon writes them before it exits
daemon drain netlink_qthreshold=100 netlink_qtimeout=6000
ip netns exec "$N" ping -q -c 5 -i 0.05 127.0.0.1 >/dev/null
sleep 0.3
check_eq "nflog_tuning: drain: nothing written while the kernel queues" \
	"$(cat "$T_TMP/drain.json" 2>/dev/null | wc -l)" 0
stop
check_eq "nflog_tuning: drain: SIGTERM wrote the 5 queued packets" "$(wc -l <"$T_TMP/drain.json")" 5
t_done
