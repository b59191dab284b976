#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The daemon's scheduling: SCHED_RR at the highest priority once started (as ulogd2 2.0.8 sets
# itself), checked with chrt -p and /proc/PID/sched; --no-realtime keeps the policy it started
# with; without CAP_SYS_NICE the failure is logged and the daemon runs on.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need cc chrt setpriv
[ -x "$ULOGD" ] || { fail "daemon_sched: $ULOGD not built"; exit 1; }

D=$T_TMP
test_plugins_build || exit 1
RR_MAX=$(chrt -m | awk '/SCHED_RR/ { sub(/.*\//, ""); print $NF }')

conf() {   # conf NAME: a TICK -> TFILE stack writing $D/NAME.out, logging to $D/NAME.log
	cat >"$D/$1.conf" <<EOT
[global]
logfile="$D/$1.log"
loglevel=1
plugin="$D/ulog_TICK.so"
plugin="$D/ulog_TFILE.so"
stack=tick1:TICK,out1:TFILE

[tick1]
interval=10 # ms

[out1]
file="$D/$1.out"
EOT
}

lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
has_lines() { [ "$(lines "$1")" -ge "$2" ]; }   # has_lines FILE N
policy() { chrt -p "$1" | sed -n 's/.*scheduling policy: //p'; }
prio() { chrt -p "$1" | sed -n 's/.*scheduling priority: //p'; }
proc_policy() { awk '$1 == "policy" { print $3 }' "/proc/$1/sched"; }

# run NAME [PREFIX...] -- [ULOGD ARGS...]: starts the daemon, waits for its first records.
run() {
	local name=$1 pre=()
	shift
	while [ "$1" != -- ]; do pre+=("$1"); shift; done
	shift
	conf "$name"
	"${pre[@]}" "$ULOGD" -c "$D/$name.conf" "$@" &
	PID=$!
	T_PIDS+=("$PID")
	wait_for 10 has_lines "$D/$name.out" 3
}

stop() { kill -TERM "$PID"; wait "$PID"; }

# Default: SCHED_RR, the highest priority, logged.
run rr -- || fail "rr: no records"
check_eq "default: chrt -p shows SCHED_RR" "$(policy "$PID")" SCHED_RR
check_eq "default: priority is the highest ($RR_MAX)" "$(prio "$PID")" "$RR_MAX"
check_eq "default: /proc/PID/sched policy 2 (SCHED_RR)" "$(proc_policy "$PID")" 2
stop
check_eq "default: exit 0" "$?" 0
check "default: logged" grep -q "scheduling: SCHED_RR, priority $RR_MAX" "$D/rr.log"

# --no-realtime: the policy it was started with.
run other -- --no-realtime || fail "no-realtime: no records"
check_eq "--no-realtime: SCHED_OTHER" "$(policy "$PID")" SCHED_OTHER
check_eq "--no-realtime: /proc/PID/sched policy 0" "$(proc_policy "$PID")" 0
stop
check_eq "--no-realtime: exit 0" "$?" 0
run batch chrt -b 0 -- --no-realtime || fail "no-realtime batch: no records"
check_eq "--no-realtime keeps SCHED_BATCH it was started with" "$(policy "$PID")" SCHED_BATCH
stop

# Without CAP_SYS_NICE (and RLIMIT_RTPRIO 0): logged, not fatal.
run nocap setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice prlimit --rtprio=0 -- ||
	fail "no CAP_SYS_NICE: no records"
check_eq "no CAP_SYS_NICE: runs on with SCHED_OTHER" "$(policy "$PID")" SCHED_OTHER
stop
check_eq "no CAP_SYS_NICE: exit 0" "$?" 0
check "no CAP_SYS_NICE: failure logged" \
	grep -q "cannot set SCHED_RR scheduling: Operation not permitted; running on without it" \
	"$D/nocap.log"
t_done
