#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -u USER: the daemon runs as USER once every instance has started, keeping CAP_NET_ADMIN only.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need cc
[ -x "$ULOGD" ] || { fail "daemon_privs: $ULOGD not built"; exit 1; }
getent passwd nobody >/dev/null || { skip "daemon_privs: no user nobody"; exit 0; }
uid=$(id -u nobody) gid=$(id -g nobody)

D=$T_TMP
test_plugins_build || exit 1
cat >"$D/u.conf" <<EOT
[global]
logfile="$D/log"
loglevel=3
plugin="$D/ulog_TICK.so"
plugin="$D/ulog_TFILE.so"
stack=tick1:TICK,out1:TFILE
[out1]
file="$D/out"
EOT

# LeakSanitizer reads /proc/self/task at exit, which a process that changed
# its uid may not open (not dumpable): leak checks are off for -u runs only.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

status() { awk -v k="$2:" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "/proc/$1/status"; }

"$ULOGD" -c "$D/u.conf" -u nobody &
pid=$!
check "privs: running" wait_for 10 grep -q "entering main loop" "$D/log"
check_eq "privs: uid (real, effective, saved, fs)" "$(status "$pid" Uid | tr -s '\t ' ' ')" "$uid $uid $uid $uid"
check_eq "privs: gid" "$(status "$pid" Gid | tr -s '\t ' ' ')" "$gid $gid $gid $gid"
# CAP_NET_ADMIN is bit 12.
check_eq "privs: CapEff is CAP_NET_ADMIN only" "$(status "$pid" CapEff)" 0000000000001000
check_eq "privs: CapPrm is CAP_NET_ADMIN only" "$(status "$pid" CapPrm)" 0000000000001000
check_eq "privs: no inheritable caps" "$(status "$pid" CapInh)" 0000000000000000
check "privs: logged the change" grep -q "Changing UID / GID" "$D/log"
check "privs: files opened before the drop keep working" wait_for 10 sh -c "[ \$(wc -l < '$D/out') -ge 3 ]"
kill -TERM "$pid"; wait "$pid"; rc=$?
check_eq "privs: SIGTERM exit 0 as nobody" "$rc" 0

"$ULOGD" -c "$D/u.conf" -u no_such_user_here >/dev/null 2>&1; rc=$?
check_eq "privs: unknown user exit 1" "$rc" 1

# With the real NFLOG input: the netlink socket opened as root keeps working after the drop.
have() { "$ULOGD" -i "$1" >/dev/null 2>&1; }
if have NFLOG && have JSON && have BASE && command -v iptables-legacy >/dev/null; then
	ns=$(netns_new privs) || { fail "privs: netns"; exit 1; }
	cat >"$D/n.conf" <<EOT
[global]
logfile="$D/nlog"
loglevel=3
stack=log1:NFLOG,base1:BASE,json1:JSON
[log1]
group=7
netlink_qthreshold=1
netlink_socket_buffer_size=262144
netlink_socket_buffer_maxsize=1048576
[json1]
file="$D/out.json"
sync=1
EOT
	ip netns exec "$ns" iptables-legacy -A OUTPUT -p icmp -j NFLOG --nflog-group 7 --nflog-prefix privs
	ip netns exec "$ns" "$ULOGD" -c "$D/n.conf" -u nobody &
	npid=$!
	T_PIDS+=("$npid")
	if wait_for 10 grep -q "entering main loop" "$D/nlog"; then
		check_eq "privs nflog: CapEff" "$(status "$npid" CapEff)" 0000000000001000
		ip netns exec "$ns" ping -c 3 -i 0.2 -W 1 127.0.0.1 >/dev/null 2>&1
		check "privs nflog: packets logged after the drop" \
			wait_for 10 sh -c "[ \$(grep -c privs '$D/out.json' 2>/dev/null) -ge 3 ]"
		# growing the buffer past net.core.rmem_max (208 KiB) needs CAP_NET_ADMIN
		kill -STOP "$npid"
		ip netns exec "$ns" ping -q -f -c 4000 -s 300 127.0.0.1 >/dev/null 2>&1
		kill -CONT "$npid"
		check "privs nflog: an overrun after the drop grows the buffer to 524288" \
			wait_for 10 grep -q "socket buffer raised to 524288 bytes" "$D/nlog"
		check_eq "privs nflog: the socket has it (ss rb = 2 x 524288)" "$(ip netns exec "$ns" \
			ss -f netlink -a -m -p | awk -v p="ulogd/$npid " 'index($0, p) && match($0, /rb[0-9]+/) {
			print substr($0, RSTART + 2, RLENGTH - 2)}')" 1048576
	else
		fail "privs nflog: daemon started"
		cat "$D/nlog"
	fi
	kill -TERM "$npid"; wait "$npid"
	check_eq "privs nflog: exit 0" "$?" 0
else
	skip "privs nflog: needs NFLOG, BASE, JSON plugins and iptables-legacy"
fi
t_done
