#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG set-up against the kernel: a second daemon on a bound group is told "group N is already
# bound"; another namespace may bind the same group; attach_conntrack is refused by this kernel,
# said once, and logging goes on; group 0 binds the families as ulogd2 does.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ulogd_helpers.bash"
need iptables-legacy ping jq
[ -x "$ULOGD" ] || { skip "nflog_bound: $ULOGD not built"; exit 0; }

N=$(netns_new nfbound) && M=$(netns_new nfbound2) || { fail "nflog_bound: namespaces"; exit 1; }
G=9
# conf NAME GROUP EXTRA: writes $T_TMP/NAME.conf logging to NAME.log and NAME.json
conf() { nflog_conf "$1" "$2" "netlink_qthreshold=1
$3" "sync=1"; }

conf first $G "attach_conntrack=1"
ip netns exec "$N" "$ULOGD" -c "$T_TMP/first.conf" &
T_PIDS+=($!)
wait_for 10 nflog_bound "$N" $G || { fail "nflog_bound: first daemon did not bind"; cat "$T_TMP/first.log"; exit 1; }

conf second $G ""
timeout 10 ip netns exec "$N" "$ULOGD" -c "$T_TMP/second.conf" 2>"$T_TMP/second.err"
rc=$?
check "nflog_bound: second daemon on the same group fails (exit $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
check "nflog_bound: it says \"group $G is already bound\"" grep -q "group $G is already bound" "$T_TMP/second.err"
check "nflog_bound: not a bare permission error" \
	bash -c "! grep -qi 'operation not permitted' '$T_TMP/second.err'"

conf other $G ""
ip netns exec "$M" "$ULOGD" -c "$T_TMP/other.conf" &
T_PIDS+=($!)
check "nflog_bound: the same group binds in another namespace" wait_for 10 nflog_bound "$M" $G

check_eq "nflog_bound: attach_conntrack refusal said once" \
	"$(grep -c "attach_conntrack is not supported" "$T_TMP/first.log")" 1
ip netns exec "$N" iptables-legacy -A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group $G
ip netns exec "$N" ping -q -c 2 -i 0.1 127.0.0.1 >/dev/null
wait_for 5 test -s "$T_TMP/first.json"
sleep 0.3
check_eq "nflog_bound: logging goes on without conntrack" "$(wc -l <"$T_TMP/first.json")" 2
check_eq "nflog_bound: no ct key" "$(jq -r 'has("ct")' "$T_TMP/first.json" | sort -u)" false
flags=$(ip netns exec "$N" awk -v g=$G '$1 == g' /proc/net/netfilter/nfnetlink_log)
echo "# nfnetlink_log: $flags"

# group 0: the families are (un)bound first, as ulogd2 does; the kernel accepts that
Z=$(netns_new nfbound0)
conf zero 0 ""
ip netns exec "$Z" "$ULOGD" -c "$T_TMP/zero.conf" &
T_PIDS+=($!)
check "nflog_bound: group 0 binds (families bound first)" wait_for 10 nflog_bound "$Z" 0
t_done
