#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG batch size against the kernel: with netlink_qthreshold=64 the kernel sends 64 packets per
# datagram (its nlbufsiz raised; sizes above 128 KiB would be ignored and leave ~15 per
# datagram), and a threshold of 1000 with the default bufsize cuts no datagram (the kernel may
# fill twice the nlbufsiz asked for).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need iptables-legacy ping strace
[ -x "$ULOGD" ] || { skip "nflog_batch: $ULOGD not built"; exit 0; }

N=$(netns_new nfbatch) || { fail "nflog_batch: namespace"; exit 1; }
G=12
ipt="ip netns exec $N iptables-legacy"
$ipt -A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group $G

stop() { kill -TERM "$pid"; wait "$pid"; wait_for 5 bash -c "! ip netns exec $N grep -q '^ *$G ' /proc/net/netfilter/nfnetlink_log"; }
counted() { $ipt -L INPUT -v -x -n | awk '/NFLOG/ {print $1}'; }

# 64 per datagram: 640 packets in at most 640 / 64 + a few partial flushes
nflog_conf q64 $G "$(printf '%s\n' netlink_qthreshold=64 netlink_qtimeout=100 netlink_socket_buffer_size=4194304)" ""
nflog_start "$N" q64 $G || { fail "nflog_batch: q64: daemon did not bind"; exit 1; }
strace -q -f -e trace=recvfrom -o "$T_TMP/q64.strace" -p "$pid" &
spid=$!
T_PIDS+=("$spid")
sleep 0.5
$ipt -Z INPUT
ip netns exec "$N" ping -q -f -c 640 127.0.0.1 >/dev/null
sleep 1.5
kill -INT "$spid"
wait "$spid" 2>/dev/null
datagrams=$(grep -c 'recvfrom(.*= [1-9]' "$T_TMP/q64.strace")
echo "# q64: $(counted) packets in $datagrams datagrams"
check "nflog_batch: qthreshold 64: at most 20 datagrams for 640 packets (got $datagrams)" \
	test "$datagrams" -ge 1 -a "$datagrams" -le 20
stop
check_eq "nflog_batch: qthreshold 64: every packet written" "$(wc -l <"$T_TMP/q64.json")" "$(counted)"

# 1000 per datagram with the default bufsize: nothing cut, nothing lost
nflog_conf q1000 $G "$(printf '%s\n' netlink_qthreshold=1000 netlink_qtimeout=10 netlink_socket_buffer_size=8388608)" ""
nflog_start "$N" q1000 $G || { fail "nflog_batch: q1000: daemon did not bind"; exit 1; }
$ipt -Z INPUT
ip netns exec "$N" ping -q -f -c 3000 127.0.0.1 >/dev/null
sleep 0.5
line=$(nflog_stats q1000 $G)
echo "# q1000: counted=$(counted) $line"
check_eq "nflog_batch: qthreshold 1000: every packet logged" "$(echo "$line" | stat_field packets)" "$(counted)"
check_eq "nflog_batch: qthreshold 1000: no datagram cut (errors)" "$(echo "$line" | stat_field errors)" 0
check_eq "nflog_batch: qthreshold 1000: nothing lost" "$(echo "$line" | stat_field lost)" 0
check "nflog_batch: qthreshold 1000: no 'cut to bufsize' line" bash -c "! grep -q 'cut to bufsize' '$T_TMP/q1000.log'"
stop
t_done
