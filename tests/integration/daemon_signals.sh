#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The daemon's life: --check, plugin .so loading, pidfile, log format, SIGHUP reopen, SIGUSR1 stats,
# SIGTERM/SIGINT exit 0 with outputs flushed, -d daemon mode, command-line options.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need cc
[ -x "$ULOGD" ] || { fail "daemon_signals: $ULOGD not built"; exit 1; }

D=$T_TMP
test_plugins_build || exit 1

conf() {   # conf FILE OUT LOG [extra global lines]
	cat >"$1" <<EOT
[global]
logfile="$3"
loglevel=1
plugin="$D/ulog_TICK.so"
plugin="$D/ulog_TFILE.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_output_PGSQL.so"
$4
stack=tick1:TICK,out1:TFILE

[tick1]
interval=10 # ms
prefix="hello world"

[out1]
file="$2"
EOT
}

lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
has_lines() { [ "$(lines "$1")" -ge "$2" ]; }   # has_lines FILE N

# --check: builds and prints the stack, exit 0; a broken one names file:line, exit 1.
conf "$D/ok.conf" "$D/out" "$D/log"
out=$("$ULOGD" -c "$D/ok.conf" --check 2>&1); rc=$?
check_eq "check: exit 0" "$rc" 0
check "check: prints the stack" grep -q "tick1:TICK -> out1:TFILE" <<<"$out"
check "check: prints slots" grep -q "in  oob.prefix .*slot 1 .*from tick1" <<<"$out"
check "check: prints options given" grep -q 'opt prefix  *"hello world"$' <<<"$out"
check "check: prints the output's file option" grep -q 'opt file  *"'"$D"'/out"$' <<<"$out"
sed 's/^interval=10.*/interval=0/' "$D/ok.conf" >"$D/bad.conf"
out=$("$ULOGD" -c "$D/bad.conf" --check 2>&1); rc=$?
check_eq "check: bad value exit 1" "$rc" 1
check "check: bad value names file:line" grep -q "$D/bad.conf:11: .*interval.*out of range" <<<"$out"
out=$("$ULOGD" -c "$D/missing.conf" --check 2>&1); rc=$?
check_eq "check: missing config exit 1" "$rc" 1
# plugin files: wrong ABI, the same plugin twice, not a plugin at all
cc -std=gnu11 -fPIC -shared -I"$ULOG_TOP" -DTEST_TICK -DTICK_ABI=99 -o "$D/ulog_TICKBAD.so" \
	"$ULOG_TOP/tests/integration/daemon_plugin.c"
sed "s|ulog_TICK.so|ulog_TICKBAD.so|" "$D/ok.conf" >"$D/abi.conf"
out=$("$ULOGD" -c "$D/abi.conf" --check 2>&1); rc=$?
check_eq "check: plugin ABI mismatch exit 1" "$rc" 1
check "check: ABI mismatch names file:line" grep -q "$D/abi.conf:4: .*ABI 99" <<<"$out"
cp "$D/ulog_TICK.so" "$D/ulog_TICK2.so"
sed "s|^plugin=\"$D/ulog_TFILE.so\"|plugin=\"$D/ulog_TICK2.so\"|" "$D/ok.conf" >"$D/dup.conf"
out=$("$ULOGD" -c "$D/dup.conf" --check 2>&1); rc=$?
check "check: same plugin twice names file:line" grep -q "$D/dup.conf:5: .*TICK is already loaded" <<<"$out"
sed "s|^plugin=\"$D/ulog_TFILE.so\"|plugin=\"/lib/x86_64-linux-gnu/libm.so.6\"|" "$D/ok.conf" >"$D/notplugin.conf"
out=$("$ULOGD" -c "$D/notplugin.conf" --check 2>&1); rc=$?
check "check: a library without descriptor names file:line" grep -q "$D/notplugin.conf:5: .*no ulog_plugin_descriptor" <<<"$out"

# Command line.
"$ULOGD" -h | grep -q -- "--configfile"; check_eq "cli: -h" "$?" 0
"$ULOGD" -V | grep -q "ulogd Version"; check_eq "cli: -V" "$?" 0
"$ULOGD" --bogus >/dev/null 2>&1; check_eq "cli: unknown option exit 1" "$?" 1
"$ULOGD" -i "$D/ulog_TICK.so" | grep -q "Var: interval (Integer, Default: 20, Range: 1..60000)"
check_eq "cli: -i on a plugin file" "$?" 0
"$ULOGD" -i NO_SUCH_PLUGIN >/dev/null 2>&1; check_eq "cli: -i unknown plugin exit 1" "$?" 1

# Foreground run with a pidfile.
"$ULOGD" -c "$D/ok.conf" -p "$D/pid" &
pid=$!
check "run: pidfile written" wait_for 10 test -s "$D/pid"
check_eq "run: pidfile holds the pid" "$(cat "$D/pid" 2>/dev/null)" "$pid"
check_eq "run: pidfile mode 0644" "$(stat -c %a "$D/pid" 2>/dev/null)" 644
check "run: output lines arrive (flushed by batch or timer)" wait_for 10 has_lines "$D/out" 5
check_eq "run: output file mode 0640" "$(stat -c %a "$D/out")" 640
check "run: records carry the quoted prefix" grep -q "^hello world [0-9]" "$D/out"
check "log: ulogd2 line format" grep -Eq \
	'^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4} <[1-8]> [a-z_]+\.c:[0-9]+ ' "$D/log"
check "log: unused ulogd2 plugin we lack is only a notice" grep -q "<5> .*PGSQL" "$D/log"

# SIGHUP: rotated files are reopened.
mv "$D/out" "$D/out.1"; mv "$D/log" "$D/log.1"
kill -HUP "$pid"
check "hup: output file reopened" wait_for 10 has_lines "$D/out" 2
check "hup: log file reopened" wait_for 10 grep -q "signal received" "$D/log"

# SIGUSR1: statistics in the daemon log, from the core and from the input.
kill -USR1 "$pid"
check "usr1: per-instance counts" wait_for 10 grep -q "stats: tick1 (TICK): records=[1-9][0-9]* errors=0" "$D/log"
check "usr1: output counts" grep -q "stats: out1 (TFILE): records=[1-9]" "$D/log"
check "usr1: input's own report" grep -q "TICK tick1: emitted [1-9]" "$D/log"

# SIGTERM: exit 0, everything flushed, pidfile removed.
kill -TERM "$pid"; wait "$pid"; rc=$?
check_eq "term: exit 0" "$rc" 0
check "term: pidfile removed" test ! -e "$D/pid"
check "term: logged" grep -q "Terminal signal received, exiting" "$D/log"
last=$(tail -n 1 "$D/out" | awk '{print $3}')
n=$(cat "$D/out.1" "$D/out" | wc -l)
check_eq "term: every record written before exit (last counter = lines)" "$last" "$n"

# SIGINT: the same.
rm -f "$D/out"
"$ULOGD" -c "$D/ok.conf" &
pid=$!
wait_for 10 has_lines "$D/out" 1
kill -INT "$pid"; wait "$pid"; rc=$?
check_eq "int: exit 0" "$rc" 0

# -l overrides loglevel: nothing below error level.
: >"$D/log"
"$ULOGD" -c "$D/ok.conf" -l 7 &
pid=$!
sleep 0.3
kill -TERM "$pid"; wait "$pid"
check "loglevel: -l 7 drops notices" sh -c "! grep -q '<[1-5]>' '$D/log'"

# -v copies the file log to stderr.
"$ULOGD" -v -c "$D/ok.conf" 2>"$D/verbose.err" &
pid=$!
wait_for 10 grep -q "entering main loop" "$D/verbose.err"
kill -TERM "$pid"; wait "$pid"
check "verbose: stderr has the log lines" grep -q "<3> main.c:[0-9]* initialization finished" "$D/verbose.err"
check "verbose: the file has them too" grep -q "initialization finished" "$D/log"

# logfile="stderr" and "stdout": the same lines on the stream, nothing written to a file.
for target in stderr stdout; do
	sed "s|^logfile=.*|logfile=\"$target\"|" "$D/ok.conf" >"$D/$target.conf"
	(cd "$D" && exec "$ULOGD" -c "$target.conf") >"$D/$target.1" 2>"$D/$target.2" &
	pid=$!
	[ $target = stderr ] && stream="$D/$target.2" || stream="$D/$target.1"
	check "logfile=$target: ulogd2 lines on $target" wait_for 10 grep -Eq \
		'^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4} <3> main.c:[0-9]+ initialization finished' "$stream"
	kill -TERM "$pid"; wait "$pid"
	check "logfile=$target: no file named $target" test ! -e "$D/$target"
done

# Output errors: a full disk (/dev/full) counts every failed flush in the statistics, but
# logs only the 1st, 2nd, 4th, 8th, ... failure.
sed "s|^file=.*|file=\"/dev/full\"|" "$D/ok.conf" >"$D/full.conf"
: >"$D/log"
"$ULOGD" -c "$D/full.conf" &
pid=$!
sleep 1.5
kill -USR1 "$pid"
wait_for 10 grep -q "stats: out1 (TFILE)" "$D/log"
kill -TERM "$pid"; wait "$pid"
errs=$(sed -n 's/.*stats: out1 (TFILE): records=[0-9]* errors=\([0-9]*\).*/\1/p' "$D/log")
fails=$(grep -c "out1 (TFILE): flush failed: No space left on device" "$D/log")
check "full disk: every failed flush counted (errors=$errs)" test "${errs:-0}" -ge 20
check "full disk: failures logged at powers of two only ($fails lines)" \
	test "$fails" -ge 1 -a "$fails" -le 12

# An unwritable logfile stops start-up with a message.
sed "s|^logfile=.*|logfile=\"$D/no/such/dir/log\"|" "$D/ok.conf" >"$D/nolog.conf"
out=$("$ULOGD" -c "$D/nolog.conf" 2>&1); rc=$?
check_eq "logfile: unwritable exit 1" "$rc" 1
check "logfile: unwritable named" grep -q "can't open logfile '$D/no/such/dir/log'" <<<"$out"

# -d: returns once started, keeps running in the background.
"$ULOGD" -d -c "$D/ok.conf" -p "$D/dpid"; rc=$?
check_eq "daemon: parent exits 0 once ready" "$rc" 0
dpid=$(cat "$D/dpid" 2>/dev/null)
check "daemon: child running" kill -0 "${dpid:-0}"
check_eq "daemon: new session" "$(ps -o sid= -p "${dpid:-0}" | tr -d ' ')" "${dpid:-x}"
kill -TERM "${dpid:-0}"
check "daemon: exits on SIGTERM" wait_for 10 sh -c "! kill -0 ${dpid:-0} 2>/dev/null"
check "daemon: pidfile removed" wait_for 5 test ! -e "$D/dpid"
# relative pidfile and logfile keep working after the daemon moved to "/"
sed "s|^logfile=.*|logfile=\"rel.log\"|" "$D/ok.conf" >"$D/rel.conf"
(cd "$D" && "$ULOGD" -d -c rel.conf -p rel.pid); rc=$?
check_eq "daemon: relative paths, started" "$rc" 0
rpid=$(cat "$D/rel.pid" 2>/dev/null)
mv "$D/rel.log" "$D/rel.log.1" 2>/dev/null
kill -HUP "${rpid:-0}"
check "daemon: relative logfile reopened in its own directory" wait_for 10 test -s "$D/rel.log"
kill -TERM "${rpid:-0}"
check "daemon: relative pidfile removed" wait_for 10 test ! -e "$D/rel.pid"
# a daemon whose start fails reports it through the parent's status
sed "s|^file=.*|file=\"$D/no/such/dir/out\"|" "$D/ok.conf" >"$D/nostart.conf"
"$ULOGD" -d -c "$D/nostart.conf" 2>/dev/null; rc=$?
check_eq "daemon: failed start exits 1" "$rc" 1
check "daemon: failed start logged" grep -q "error starting out1 (TFILE)" "$D/log"
t_done
