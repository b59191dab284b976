#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG keys side by side with ulogd2 2.0.8: the same packets logged to two groups, one read by
# Debian's ulogd2 and one by ours, both NFLOG -> BASE -> IP2STR -> JSON; every NFLOG key
# (oob.*, raw.*) that ulogd2 writes must have the same value here, record by record.
# Known differences: oob.seq.* (ours asks for sequence numbers by default); packets without a
# kernel timestamp (OUTPUT, or no socket asked for timestamps) carry each daemon's receive time,
# so the time keys are compared within 0.5 s.
. "$(dirname "$0")/../lib.sh"
need jq iptables-legacy ping nc
U2=/usr/sbin/ulogd
U2LIB=/usr/lib/x86_64-linux-gnu/ulogd
[ -x "$U2" ] && [ -f "$U2LIB/ulogd_output_JSON.so" ] || { skip "nflog_compat: ulogd2 2.0.8 with JSON not installed"; exit 0; }
[ -x "$ULOGD" ] || { skip "nflog_compat: $ULOGD not built"; exit 0; }

A=$(netns_new nfca) && B=$(netns_new nfcb) || { fail "nflog_compat: namespaces"; exit 1; }
read -r VA VB < <(netns_pair "$A" "$B" 10.80.0.1 10.80.0.2 fd80::1 fd80::2)
for g in 21 22; do
	ip netns exec "$B" iptables-legacy -A INPUT -m mark --mark 0 -j NFLOG --nflog-group $g --nflog-prefix "in $g"
	ip netns exec "$B" iptables-legacy -A OUTPUT -p udp -j NFLOG --nflog-group $g --nflog-prefix "out $g"
	ip netns exec "$B" ip6tables-legacy -A INPUT -j NFLOG --nflog-group $g --nflog-prefix "in6 $g"
done

cat >"$T_TMP/u2.conf" <<EOF
[global]
logfile="$T_TMP/u2.log"
loglevel=3
plugin="$U2LIB/ulogd_inppkt_NFLOG.so"
plugin="$U2LIB/ulogd_raw2packet_BASE.so"
plugin="$U2LIB/ulogd_filter_IP2STR.so"
plugin="$U2LIB/ulogd_output_JSON.so"
stack=log1:NFLOG,base1:BASE,ip2str1:IP2STR,json1:JSON

[log1]
group=21
netlink_qthreshold=1

[json1]
sync=1
file="$T_TMP/u2.json"
EOF
sed -e "s|$T_TMP/u2|$T_TMP/ours|g" -e 's/^group=21/group=22/' -e '/^plugin=/d' \
	"$T_TMP/u2.conf" >"$T_TMP/ours.conf"
ip netns exec "$B" "$U2" -c "$T_TMP/u2.conf" &
T_PIDS+=($!)
ip netns exec "$B" "$ULOGD" -c "$T_TMP/ours.conf" &
T_PIDS+=($!)
bound() { ip netns exec "$B" awk -v g="$1" '$1 == g {f = 1} END {exit !f}' /proc/net/netfilter/nfnetlink_log; }
wait_for 10 bound 21 && wait_for 10 bound 22 || { fail "nflog_compat: daemons did not bind"; cat "$T_TMP"/*.log; exit 1; }

ip netns exec "$A" ping -q -c 2 -i 0.1 10.80.0.2 >/dev/null
echo x | ip netns exec "$A" nc -u -w 1 -q 0 10.80.0.2 5700 2>/dev/null
ip netns exec "$A" nc -z -w 1 10.80.0.2 5701
ip netns exec "$A" ping -q -6 -c 2 -i 0.1 fd80::2 >/dev/null
echo y | ip netns exec "$B" nc -u -w 1 -q 0 10.80.0.1 5702 2>/dev/null

n() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
settled() { [ "$(n "$T_TMP/u2.json")" -gt 5 ] && [ "$(n "$T_TMP/u2.json")" = "$(n "$T_TMP/ours.json")" ]; }
wait_for 5 settled
sleep 0.5
check "nflog_compat: both logged the same number of packets ($(n "$T_TMP/u2.json"))" settled

# NFLOG keys of ulogd2's records, prefix group number dropped, one record per line, sorted keys
nflog_keys() {
	jq -cS 'with_entries(select((.key | test("^(oob|raw)\\.")) and (.key | test("^oob\\.seq") | not)))
		| ."oob.prefix" |= sub(" [0-9]+$"; "")' "$1"
}
nflog_keys "$T_TMP/u2.json" >"$T_TMP/u2.keys"
nflog_keys "$T_TMP/ours.json" >"$T_TMP/ours.all"
# compare only the keys ulogd2 wrote in each record
paste -d '\n' "$T_TMP/u2.keys" "$T_TMP/ours.all" | jq -cs '
	[range(0; length; 2) as $i | .[$i] as $a | .[$i + 1] as $b
	 | (($a."oob.time.sec" * 1000000 + $a."oob.time.usec") - ($b."oob.time.sec" * 1000000 + $b."oob.time.usec")) as $dt
	 | ($a | keys[]) as $k
	 | select($a[$k] != $b[$k] and (($k | test("^oob\\.time\\.")) and $dt * $dt < 250000000000 | not))
	 | {record: ($i / 2 + 1), key: $k, ulogd2: $a[$k], ours: $b[$k]}]
	| .[]' >"$T_TMP/diff"
head -n 10 "$T_TMP/diff" | sed 's/^/# /'
check_eq "nflog_compat: every NFLOG key value equals ulogd2's" "$(wc -l <"$T_TMP/diff")" 0
check_eq "nflog_compat: ours writes every NFLOG key ulogd2 writes" \
	"$(paste -d '\n' "$T_TMP/u2.keys" "$T_TMP/ours.all" | jq -cs '[range(0; length; 2) as $i | (.[$i] | keys) - (.[$i + 1] | keys) | .[]] | unique | join(",")' -r)" ""
t_done
