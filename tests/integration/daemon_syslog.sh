#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# logfile="syslog": daemon messages reach /dev/log with facility daemon and ulogd2's levels.
# Runs in a private mount namespace whose /dev holds only null and our receiver's socket.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need cc python3 unshare mknod
[ -x "$ULOGD" ] || { fail "daemon_syslog: $ULOGD not built"; exit 1; }

D=$T_TMP
test_plugins_build || exit 1
cat >"$D/s.conf" <<EOT
[global]
logfile="syslog"
loglevel=5
plugin="$D/ulog_TICK.so"
plugin="$D/ulog_TFILE.so"
stack=tick1:TICK,out1:TFILE
[out1]
file="$D/out"
EOT
cat >"$D/recv.py" <<'EOT'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
open(sys.argv[2], "w").close()
with open(sys.argv[1], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(65536) + b"\n")
EOT

unshare -m --propagation private bash -c '
	set -e
	mount -t tmpfs -o mode=755 tmpfs /dev
	mknod -m 666 /dev/null c 1 3
	mknod -m 444 /dev/urandom c 1 9
	python3 "$1/recv.py" "$1/syslog" "$1/ready" & rpid=$!
	for i in $(seq 100); do [ -e "$1/ready" ] && break; sleep 0.05; done
	"$2" -c "$1/s.conf" & upid=$!
	echo "$upid" >"$1/upid"
	sleep 0.5
	kill -USR1 "$upid"; sleep 0.3
	kill -TERM "$upid"; wait "$upid"; echo $? >"$1/rc"
	kill "$rpid"
' _ "$D" "$ULOGD"

upid=$(cat "$D/upid" 2>/dev/null)
check_eq "syslog: exit 0" "$(cat "$D/rc" 2>/dev/null)" 0
# <29> = facility daemon (3 << 3) | notice (5)
check "syslog: notice with pid tag" grep -q "^<29>.* ulogd\[$upid\]: signal received, writing statistics" "$D/syslog"
check "syslog: statistics" grep -q "^<29>.* ulogd\[$upid\]: stats: tick1 (TICK): records=[1-9]" "$D/syslog"
check "syslog: terminal signal" grep -q "ulogd\[$upid\]: Terminal signal received, exiting" "$D/syslog"
check "syslog: info suppressed at loglevel 5" sh -c "! grep -q '^<30>' '$D/syslog'"
t_done
