#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# One NFLOG instance in two stacks: one nfnetlink socket, every packet reaches both outputs;
# SIGUSR1 statistics count the packets per instance.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy ping jq
[ -x "$ULOGD" ] || { fail "daemon_shared: $ULOGD not built"; exit 1; }
for p in NFLOG BASE IFINDEX IP2STR PRINTPKT LOGEMU JSON; do
	"$ULOGD" -i "$p" >/dev/null 2>&1 || { skip "daemon_shared: no plugin $p yet"; exit 0; }
done

D=$T_TMP
ns=$(netns_new shared) || { fail "daemon_shared: netns"; exit 1; }
G=11
ip netns exec "$ns" iptables-legacy -A OUTPUT -o lo -p icmp --icmp-type echo-request \
	-j NFLOG --nflog-group $G --nflog-prefix shared
cat >"$D/s.conf" <<EOT
[global]
logfile="$D/log"
loglevel=3
stack=log1:NFLOG,base1:BASE,ip2str1:IP2STR,json1:JSON
stack=log1:NFLOG,base2:BASE,ifi2:IFINDEX,ip2str2:IP2STR,print2:PRINTPKT,emu2:LOGEMU
[log1]
group=$G
[json1]
file="$D/out.json"
[emu2]
file="$D/out.log"
EOT

ip netns exec "$ns" "$ULOGD" -c "$D/s.conf" &
pid=$!
T_PIDS+=("$pid")
check "shared: started" wait_for 10 grep -q "entering main loop" "$D/log"

# nfnetlink (protocol 12) sockets held by the daemon: exactly one.
inodes=$(ip netns exec "$ns" awk '$2 == 12 { print $10 }' /proc/net/netlink)
n=0
for fd in /proc/"$pid"/fd/*; do
	ino=$(readlink "$fd" | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p')
	[ -n "$ino" ] && grep -qx "$ino" <<<"$inodes" && n=$((n + 1))
done
check_eq "shared: one nfnetlink socket for two stacks" "$n" 1

ip netns exec "$ns" ping -c 4 -i 0.2 -W 1 127.0.0.1 >/dev/null 2>&1
check "shared: 4 packets in the JSON stack" wait_for 10 sh -c "[ \$(grep -c shared '$D/out.json' 2>/dev/null) -ge 4 ]"
check "shared: 4 packets in the LOGEMU stack" wait_for 10 sh -c "[ \$(grep -c shared '$D/out.log' 2>/dev/null) -ge 4 ]"
check_eq "shared: JSON lines are objects with the prefix" \
	"$(jq -r 'select(."oob.prefix" == "shared") | ."ip.protocol"' "$D/out.json" 2>/dev/null | sort -u)" 1
check "shared: LOGEMU lines carry the interface" grep -q 'shared.*OUT=lo ' "$D/out.log"

kill -USR1 "$pid"
check "shared: statistics count the input once per packet" \
	wait_for 10 grep -q "stats: log1 (NFLOG): records=4 " "$D/log"
check "shared: each output counted its records" grep -q "stats: json1 (JSON): records=4 " "$D/log"
check "shared: second stack's output too" grep -q "stats: emu2 (LOGEMU): records=4 " "$D/log"
kill -TERM "$pid"; wait "$pid"; rc=$?
check_eq "shared: exit 0" "$rc" 0
t_done
