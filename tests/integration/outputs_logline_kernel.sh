#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lib/logline's kernel dialect against the kernel itself: the LOG target logs packets in a
# namespace (host-wide net.netfilter.nf_log_all_netns=1, restored after), tcpdump captures the same
# packets, and the printer run over the capture must give the kernel's lines, with and without
# --log-tcp-sequence --log-tcp-options --log-ip-options.
. "${ULOG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need ip iptables ip6tables tcpdump ping nc dmesg
TOOL=$ULOG_TOP/$BUILD/tests/logline_kernel
[ -x "$TOOL" ] || { skip "outputs_logline_kernel: $TOOL not built"; exit 0; }
SYSCTL=/proc/sys/net/netfilter/nf_log_all_netns
[ -w "$SYSCTL" ] || { skip "outputs_logline_kernel: cannot set nf_log_all_netns"; exit 0; }
dmesg >/dev/null 2>&1 || { skip "outputs_logline_kernel: dmesg not readable"; exit 0; }

old_sysctl=$(cat "$SYSCTL")
restore() { echo "$old_sysctl" >"$SYSCTL"; t_cleanup; }
trap restore EXIT
echo 1 >"$SYSCTL"

ns=$(netns_new klog) || exit 1
peer=$(netns_new klogpeer) || exit 1
read -r vns vpeer < <(netns_pair "$ns" "$peer" 10.99.9.1 10.99.9.2 fd99:9::1 fd99:9::2) || exit 1
T=$T_TMP
tag="ulk$$r$RANDOM"

for ipt in iptables ip6tables; do
	if [ $ipt = iptables ]; then sel=(); else sel=(-p ipv6-icmp --icmpv6-type echo-request); fi
	ip netns exec "$ns" $ipt -A INPUT "${sel[@]}" -j LOG --log-prefix "$tag-a: "
	ip netns exec "$ns" $ipt -A INPUT "${sel[@]}" -j LOG --log-prefix "$tag-b: " \
		--log-tcp-sequence --log-tcp-options --log-ip-options
	[ $ipt = ip6tables ] && {
		ip netns exec "$ns" $ipt -A INPUT -p tcp -j LOG --log-prefix "$tag-a: "
		ip netns exec "$ns" $ipt -A INPUT -p tcp -j LOG --log-prefix "$tag-b: " \
			--log-tcp-sequence --log-tcp-options --log-ip-options
	}
done

# OUTPUT: what the namespace sends back (no MAC part in the kernel's line)
ip netns exec "$ns" iptables -A OUTPUT -o "$vns" -j LOG --log-prefix "$tag-o: "
ip netns exec "$ns" ip6tables -A OUTPUT -o "$vns" -p tcp -j LOG --log-prefix "$tag-o: "
ip netns exec "$ns" ip6tables -A OUTPUT -o "$vns" -p ipv6-icmp --icmpv6-type echo-reply \
	-j LOG --log-prefix "$tag-o: "

ip netns exec "$ns" tcpdump -i "$vns" -Q in -U -w "$T/in.pcap" \
	'ip or (ip6 and (tcp or (icmp6 and ip6[40] == 128)))' 2>"$T/tcpdump.err" &
tcpd=$!
T_PIDS+=($tcpd)
ip netns exec "$ns" tcpdump -i "$vns" -Q out -U -w "$T/out.pcap" \
	'ip or (ip6 and (tcp or (icmp6 and ip6[40] == 129)))' 2>"$T/tcpdump-out.err" &
tcpo=$!
T_PIDS+=($tcpo)
wait_for 5 grep -q listening "$T/tcpdump.err" || { fail "klog: tcpdump starts"; exit 1; }
wait_for 5 grep -q listening "$T/tcpdump-out.err" || { fail "klog: tcpdump starts"; exit 1; }
ip netns exec "$ns" nc -l -p 8080 >/dev/null &
T_PIDS+=($!)
sleep 0.3
ip netns exec "$peer" ping -c 2 -i 0.2 -W 1 10.99.9.1 >/dev/null
ip netns exec "$peer" ping -c 1 -s 1000 -Q 0xb8 -W 1 10.99.9.1 >/dev/null
echo data | ip netns exec "$peer" nc -N -w 1 10.99.9.1 8080
ip netns exec "$peer" nc -z -w 1 10.99.9.1 9 2>/dev/null
ip netns exec "$ns" nc -u -w 1 10.99.9.2 7777 <<<"x" 2>/dev/null   # an ICMP error comes back in
ip netns exec "$peer" ping -6 -c 2 -i 0.2 -W 1 fd99:9::1 >/dev/null
ip netns exec "$peer" nc -6 -z -w 1 fd99:9::1 9 2>/dev/null
# TRACE (iptables-legacy's raw table): one ping of a size of its own
have_trace=0
if command -v iptables-legacy >/dev/null &&
	ip netns exec "$ns" iptables-legacy -t raw -A PREROUTING -p icmp -m length --length 805 -j TRACE &&
	ip netns exec "$ns" iptables-legacy -A INPUT -p icmp -j ACCEPT; then
	have_trace=1
	ip netns exec "$peer" ping -c 1 -s 777 -W 1 10.99.9.1 >/dev/null
fi
sleep 0.5
kill -INT "$tcpd" "$tcpo"
wait "$tcpd" "$tcpo" 2>/dev/null

for v in a b o; do
	flags=0 pcap=$T/in.pcap in=$vns out=-
	[ $v = b ] && flags=0x07
	[ $v = o ] && pcap=$T/out.pcap in=- out=$vns
	dmesg | grep -F "$tag-$v: " | sed -e 's/^\[[^]]*\] //' -e 's/ *$//' >"$T/kernel.$v"
	"$TOOL" "$pcap" "$in" "$out" "$flags" "$tag-$v: " | sed -e 's/ *$//' >"$T/ours.$v"
	n=$(wc -l <"$T/kernel.$v")
	check "klog $v: the kernel logged at least 10 packets ($n)" test "$n" -ge 10
	if cmp -s "$T/kernel.$v" "$T/ours.$v"; then
		ok "klog $v: our lines equal the kernel's LOG lines"
	else
		diff "$T/kernel.$v" "$T/ours.$v" | head -20 | sed 's/^/# /'
		fail "klog $v: our lines equal the kernel's LOG lines"
	fi
done
if [ "$have_trace" = 1 ]; then
	dmesg | grep -F "TRACE: " | grep -F " IN=$vns OUT= " | sed -e 's/^\[[^]]*\] //' -e 's/ *$//' >"$T/trace.k"
	"$TOOL" "$T/in.pcap" "$vns" - 0x0f "" | grep -F " LEN=805 " | sed -e 's/ *$//' >"$T/trace.o"
	n=$(wc -l <"$T/trace.k")
	check "klog trace: the kernel traced the packet through 2 rules or more ($n)" test "$n" -ge 2
	bad=0
	while IFS= read -r line; do
		[ "${line#TRACE: *:*:*:* }" = "$(cat "$T/trace.o")" ] || { echo "# $line"; bad=1; }
		[[ "$line" =~ ^TRACE:\ [a-z]+:[A-Z]+:(rule|return|policy):[0-9]+\  ]] || bad=1
	done <"$T/trace.k"
	check_eq "klog trace: TRACE lines equal ours after their TRACE: prefix" "$bad" 0
else
	skip "klog trace: iptables-legacy TRACE not available"
fi
check "klog: an ICMP error with its quoted packet was compared" grep -q 'TYPE=3 CODE=3 \[SRC=' "$T/ours.a"
check "klog: TCP options were compared" grep -q 'OPT (' "$T/ours.b"
check "klog: IPv6 was compared" grep -q 'SRC=fd99:0009:' "$T/ours.a"
check "klog: OUTPUT lines have no MAC part" grep -q "IN= OUT=$vns SRC=" "$T/ours.o"
t_done
