#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG loss accounting: a tiny socket buffer, the daemon stopped (SIGSTOP) while a ping flood
# is logged, then SIGCONT and SIGUSR1: the lost count reported must equal the packets the
# rule counted minus the packets logged.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need iptables-legacy ping jq
[ -x "$ULOGD" ] || { skip "nflog_loss: $ULOGD not built"; exit 0; }

N=$(netns_new nfloss) || { fail "nflog_loss: namespace"; exit 1; }
G=3
ipt="ip netns exec $N iptables-legacy"
$ipt -A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group $G --nflog-prefix flood

nflog_conf ulogd $G "netlink_qthreshold=1
netlink_socket_buffer_size=4096" ""
nflog_start "$N" ulogd $G || { fail "nflog_loss: daemon did not bind group $G"; exit 1; }

counted() { $ipt -L INPUT -v -x -n | awk '/NFLOG/ {print $1}'; }
stats() { nflog_stats ulogd $G; }
field() { stat_field "$1"; }

ip netns exec "$N" ping -q -c 5 -i 0.05 127.0.0.1 >/dev/null
five() { [ "$(stats | field packets)" = 5 ]; }
wait_for 5 five
check_eq "nflog_loss: no loss before the stop" "$(stats | field lost)" 0

kill -STOP "$pid"
ip netns exec "$N" ping -q -f -c 2000 -s 200 127.0.0.1 >/dev/null
kill -CONT "$pid"
sleep 0.5
# a few more after the recovery, so that the last gap shows in the sequence
ip netns exec "$N" ping -q -c 3 -i 0.05 127.0.0.1 >/dev/null
sent=$(counted)
settled() { local s; s=$(stats); [ $(( $(echo "$s" | field packets) + $(echo "$s" | field lost) )) -ge "$sent" ]; }
wait_for 10 settled
line=$(stats)
echo "# counted=$sent $line"
logged=$(echo "$line" | field packets)
lost=$(echo "$line" | field lost)
enobufs=$(echo "$line" | field enobufs)
check "nflog_loss: the flood overran the buffer (lost $lost)" test "$lost" -gt 0
check "nflog_loss: ENOBUFS counted ($enobufs)" test "$enobufs" -gt 0
check_eq "nflog_loss: lost == counted - logged" "$lost" "$((sent - logged))"
check "nflog_loss: loss logged as a notice" grep -q "messages lost (sequence" "$T_TMP/ulogd.log"
kill -TERM "$pid"
wait "$pid"
check_eq "nflog_loss: daemon exits 0 on SIGTERM" "$?" 0
check_eq "nflog_loss: every logged packet reached the JSON file" \
	"$(jq -c 'select(."oob.prefix" == "flood")' "$T_TMP/ulogd.json" | wc -l)" "$logged"
t_done
