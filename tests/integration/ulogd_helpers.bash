# SPDX-License-Identifier: GPL-2.0-or-later
# Shared scaffolding of the ulogd integration tests (sourced after tests/lib.sh; not a test itself:
# tests/run.sh runs only *.sh). Uses $T_TMP, $ULOGD, T_PIDS from tests/lib.sh.

# nflog_bound NS GROUP: true once GROUP has a line in the namespace's nfnetlink_log table.
nflog_bound() { ip netns exec "$1" awk -v g="$2" '$1 == g {f = 1} END {exit !f}' /proc/net/netfilter/nfnetlink_log; }

# nflog_conf NAME GROUP NFLOG_LINES JSON_LINES: writes $T_TMP/NAME.conf, a stack
# NFLOG -> BASE -> IP2STR -> JSON logging to NAME.log (loglevel 1) and writing NAME.json;
# the two LINES arguments (newline-separated, may be empty) go into [log1] and [json1].
nflog_conf() {
	cat >"$T_TMP/$1.conf" <<EOF
[global]
logfile="$T_TMP/$1.log"
loglevel=1
stack=log1:NFLOG,base1:BASE,ip2str1:IP2STR,json1:JSON

[log1]
group=$2
$3

[json1]
file="$T_TMP/$1.json"
$4
EOF
}

# nflog_start NS NAME GROUP: runs ulogd on $T_TMP/NAME.conf in NS, sets $pid, waits until
# GROUP is bound; on a timeout prints NAME.log and returns 1.
nflog_start() {
	ip netns exec "$1" "$ULOGD" -c "$T_TMP/$2.conf" &
	pid=$!
	T_PIDS+=("$pid")
	wait_for 10 nflog_bound "$1" "$3" && return 0
	cat "$T_TMP/$2.log"
	return 1
}

# nflog_stats NAME GROUP: sends SIGUSR1 to $pid and prints its latest NFLOG statistics line.
nflog_stats() {
	kill -USR1 "$pid"
	wait_for 5 grep -q "NFLOG group $2: packets=" "$T_TMP/$1.log"
	grep "NFLOG group $2: packets=" "$T_TMP/$1.log" | tail -n 1
}

# stat_field NAME < line: the number after " NAME=" in a statistics line.
stat_field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }

# test_plugins_build: builds the test plugins ulog_TICK.so and ulog_TFILE.so (daemon_plugin.c)
# into $T_TMP; returns 1 (after a fail line) if the compiler fails.
test_plugins_build() {
	local p
	for p in TICK TFILE; do
		cc -std=gnu11 -fPIC -shared -I"$ULOG_TOP" -DTEST_$p -o "$T_TMP/ulog_$p.so" \
			"$ULOG_TOP/tests/integration/daemon_plugin.c" || { fail "build test plugin $p"; return 1; }
	done
}
