#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# nfctl's iptables commands against iptables-legacy itself: the same command sequence runs in a
# fresh namespace and on an nfctl state file; after each step the exit code, the error text,
# iptables-save -c, -S and -L -n -v --line-numbers (and -x) must be identical.
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need iptables-legacy ip6tables-legacy ip
NFCTL=$ULOG_TOP/$BUILD/nfctl
[ -x "$NFCTL" ] || { fail "nfctl_commands: $NFCTL not built"; exit 1; }

# run_seq NAME FAMILY: commands from stdin, one per line (arguments split on spaces).
run_seq() {
	local name=$1 fam=$2 cmd=iptables ns step=0 line k_rc n_rc what
	[ "$fam" = -6 ] && cmd=ip6tables
	ns=$(netns_new nc) || { fail "$name: netns"; return; }
	rm -f "$T_TMP/st"
	while IFS= read -r line; do
		step=$((step + 1))
		# shellcheck disable=SC2086
		ip netns exec "$ns" $cmd-legacy $line >"$T_TMP/k.out" 2>"$T_TMP/k.err"
		k_rc=$?
		# shellcheck disable=SC2086
		"$NFCTL" $fam --state "$T_TMP/st" $line >"$T_TMP/n.out" 2>"$T_TMP/n.err"
		n_rc=$?
		sed -i "s/^$cmd-legacy/$cmd/; s/^$cmd-legacy v/$cmd v/" "$T_TMP/k.err"
		for what in "save -c" "-S" "-S -v" "-L -n -v --line-numbers" "-L -n -v -x" "-L -n" "-t nat -S"; do
			if [ "${what%% *}" = save ]; then
				ip netns exec "$ns" $cmd-legacy-save -c 2>&1 | grep -v '^#' >>"$T_TMP/k.out"
				"$NFCTL" $fam --state "$T_TMP/st" save -c 2>&1 | grep -v '^#' >>"$T_TMP/n.out"
			else
				# shellcheck disable=SC2086
				ip netns exec "$ns" $cmd-legacy $what >>"$T_TMP/k.out" 2>&1
				# shellcheck disable=SC2086
				"$NFCTL" $fam --state "$T_TMP/st" $what >>"$T_TMP/n.out" 2>&1
			fi
		done
		if [ "$k_rc" = "$n_rc" ] && cmp -s "$T_TMP/k.err" "$T_TMP/n.err" &&
		   cmp -s "$T_TMP/k.out" "$T_TMP/n.out"; then
			ok "$name step $step: $line"
		else
			echo "# $name step $step: $line: rc kernel=$k_rc nfctl=$n_rc"
			diff "$T_TMP/k.err" "$T_TMP/n.err" | head -n 6 | sed 's/^/# err /'
			diff "$T_TMP/k.out" "$T_TMP/n.out" | head -n 12 | sed 's/^/# out /'
			fail "$name step $step: $line"
		fi
	done
	ip netns del "$ns"
}

run_seq v4 "" <<'EOF'
-N web
-N zz
-A INPUT -s 10.0.0.0/8 -d 192.168.1.1 -i eth0 -j web
-A INPUT ! -s 1.2.3.4 -p udp -j ACCEPT
-I INPUT 2 -p icmp -f -j DROP
-I INPUT -o x -j ACCEPT
-A FORWARD ! -i eth+ -o wlan0 -p 47 -g zz
-A zz -j RETURN
-A web -p 6 -j ACCEPT
-A web
-R INPUT 1 -s 10.0.0.0/16 -d 192.168.1.1 -i eth0 -j web
-D INPUT -p icmp -f -j DROP
-D INPUT 5
-D INPUT 1
-P FORWARD DROP
-P web DROP
-P INPUT QUEUE
-X web
-E zz yy
-Z INPUT
-A OUTPUT -s 1.1.1.1,2.2.2.2 -d 3.3.3.3/24,4.4.4.4 -j ACCEPT
-F OUTPUT
-F
-X
-t nat -A POSTROUTING -o eth0 -j ACCEPT
-t nat -A PREROUTING -j DROP
-t nat -N x
-t nat -X x
-L nosuch
-A nosuch -j ACCEPT
-I INPUT 9 -j ACCEPT
-N lst
-A lst -p udplite -j ACCEPT
-A lst -p ipv6-icmp
-A lst ! -p sctp
-L lst -v
-t raw -A OUTPUT -j NOTRACK
-t raw -L OUTPUT -n
EOF

run_seq v6 -6 <<'EOF'
-N t6
-A INPUT -s 2001:db8::/32 -d ::1 -p ipv6-icmp -j ACCEPT
-A INPUT ! -s fe80::/10 -i lo -p 58 -j t6
-A t6 -p tcp -j DROP
-I t6 -p 17
-D t6 2
-N lst
-A lst -p ipv6-icmp -j ACCEPT
-A lst -p udplite
-A lst ! -p sctp -j t6
-A lst -p 200
-L lst -v
-L lst
-t raw -A PREROUTING -j NOTRACK
-t raw -A PREROUTING -p udp -j CT --notrack
-t raw -L -n -v
EOF
t_done
