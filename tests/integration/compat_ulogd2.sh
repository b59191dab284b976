#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Side by side with netfilter's ulogd2 2.0.8 (Debian's /usr/sbin/ulogd and its plugins): the same
# packets reach both daemons through their own NFLOG groups; JSON objects must be equal key by key
# and LOGEMU lines equal but for the time and host, except the ulogd2 bugs named below.
. "${ULOG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need ip iptables ip6tables jq ping nc
[ -x /usr/sbin/ulogd ] || { skip "compat_ulogd2: Debian's ulogd2 is not installed"; exit 0; }
[ -x "$ULOGD" ] || { skip "compat_ulogd2: $ULOGD not built"; exit 0; }
U2LIB=/usr/lib/x86_64-linux-gnu/ulogd

# ulogd2 2.0.8 bugs, each a key whose value ulogd2 gets wrong; we print the right one.
#   tcp.offset    BASE byte-swaps the 4-bit data offset (ntohs(doff)): always 0 in ulogd2
#   tcp.reserved  same with the reserved bits (ntohs(res1))
#   icmp.csum, icmpv6.csum  BASE stores the checksum without ntohs: byte-swapped in ulogd2
#                 (checked below: ours = ulogd2's with its two bytes swapped)
#   timestamp     on a UTC host ulogd2 drops the "+0000" offset (an '=' for '==' in its
#                 time-zone cache); checked separately below: ours = ulogd2's + "+0000"
U2_BUGS=(tcp.offset tcp.reserved icmp.csum icmpv6.csum timestamp)
# Keys that differ by design, not by bug:
#   oob.group          each daemon reads its own group
#   oob.seq.local/global  ours numbers packets by default (gap detection); ulogd2 only on request
#   oob.time.sec/usec  when the kernel leaves the timestamp out (OUTPUT path, or no socket
#                      asked for receive timestamps) each daemon stamps its own receive
#                      time: equal when the kernel gave one, else close; the kernel holds a
#                      group's messages up to its 1 s flush timeout (iptables-nft rules have
#                      no per-rule threshold), and each group's timer fires on its own,
#                      so the two receive times may be up to ~1 s apart
BY_DESIGN=(oob.group oob.seq.local oob.seq.global oob.time.sec oob.time.usec)

ns=$(netns_new compat) || exit 1
peer=$(netns_new compatpeer) || exit 1
read -r vns vpeer < <(netns_pair "$ns" "$peer" 10.99.7.1 10.99.7.2 fd99:7::1 fd99:7::2) || exit 1
T=$T_TMP

# The kernel's own ND and MLD messages come at times of its choosing, maybe
# while only one daemon has bound its groups: they are not logged at all.
for chain in INPUT OUTPUT; do
	for t in 130 131 132 133 134 135 136 143; do
		ip netns exec "$ns" ip6tables -A $chain -p ipv6-icmp --icmpv6-type $t -j ACCEPT ||
			{ fail "compat: load ND/MLD rules"; exit 1; }
	done
done
# Four groups: 31/32 for ulogd2 (LOGEMU stack, JSON stack), 33/34 for ours.
for ipt in iptables ip6tables; do
	for chain in INPUT OUTPUT; do
		for g in 31 32 33 34; do
			ip netns exec "$ns" $ipt -A $chain ! -i lo -j NFLOG --nflog-group $g \
				--nflog-prefix "cmp $chain" 2>/dev/null ||
			ip netns exec "$ns" $ipt -A $chain ! -o lo -j NFLOG --nflog-group $g \
				--nflog-prefix "cmp $chain" || { fail "compat: load NFLOG rules"; exit 1; }
		done
	done
done

write_conf() { # FILE LOGFILE GROUP_EMU GROUP_JSON EMUFILE JSONFILE PLUGINS...
	local f=$1 log=$2 ge=$3 gj=$4 emu=$5 json=$6 p
	shift 6
	{
		echo "[global]"
		echo "logfile=\"$log\""
		echo "loglevel=3"
		for p in "$@"; do echo "plugin=\"$p\""; done
		echo "stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU"
		echo "stack=log2:NFLOG,base2:BASE,ifi2:IFINDEX,ip2str2:IP2STR,print2:PRINTPKT,json1:JSON"
		echo "[log1]"; echo "group=$ge"
		echo "[log2]"; echo "group=$gj"
		echo "[emu1]"; echo "file=\"$emu\""; echo "sync=1"
		echo "[json1]"; echo "file=\"$json\""; echo "sync=1"
	} >"$f"
}
U2_PLUGINS=()
for p in inppkt_NFLOG raw2packet_BASE filter_IFINDEX filter_IP2STR filter_PRINTPKT output_LOGEMU output_JSON; do
	U2_PLUGINS+=("$U2LIB/ulogd_$p.so")
done
write_conf "$T/u2.conf" "$T/u2.log" 31 32 "$T/u2.emu" "$T/u2.json" "${U2_PLUGINS[@]}"
write_conf "$T/ours.conf" "$T/ours.log" 33 34 "$T/ours.emu" "$T/ours.json" "${U2_PLUGINS[@]}"

TZ=UTC ip netns exec "$ns" /usr/sbin/ulogd -c "$T/u2.conf" &
T_PIDS+=($!)
TZ=UTC ip netns exec "$ns" "$ULOGD" -c "$T/ours.conf" >"$T/ours.out" 2>&1 &
T_PIDS+=($!)
sleep 1
for p in "${T_PIDS[@]}"; do
	if ! kill -0 "$p" 2>/dev/null; then
		cat "$T/u2.log" "$T/ours.log" "$T/ours.out" 2>/dev/null | sed 's/^/# /'
		fail "compat: both daemons start"
		exit 1
	fi
done
ok "compat: both daemons start"

# Traffic: ICMP, TCP (handshake, data, close, and a refused port), UDP, over IPv4 and IPv6.
ip netns exec "$ns" nc -l -p 8080 >/dev/null &
T_PIDS+=($!)
ip netns exec "$ns" nc -6 -l -p 8086 >/dev/null &
T_PIDS+=($!)
sleep 0.3
ip netns exec "$peer" ping -c 2 -i 0.2 -W 1 10.99.7.1 >/dev/null
ip netns exec "$peer" ping -6 -c 2 -i 0.2 -W 1 fd99:7::1 >/dev/null
echo hello | ip netns exec "$peer" nc -N -w 1 10.99.7.1 8080
echo hello6 | ip netns exec "$peer" nc -6 -N -w 1 fd99:7::1 8086
ip netns exec "$peer" nc -z -w 1 10.99.7.1 9 2>/dev/null
ip netns exec "$peer" nc -u -w 1 10.99.7.1 5353 </dev/null <<<"udp-data" 2>/dev/null
ip netns exec "$peer" nc -6 -u -w 1 fd99:7::1 5353 <<<"udp6-data" 2>/dev/null
ip netns exec "$ns" ping -c 1 -s 1400 -M do -W 1 10.99.7.2 >/dev/null
# fragments, TOS, ICMP errors coming in, TCP resets
ip netns exec "$peer" ping -c 1 -s 3000 -Q 0xb8 -W 1 10.99.7.1 >/dev/null
ip netns exec "$peer" ping -6 -c 1 -s 3000 -W 1 fd99:7::1 >/dev/null
ip netns exec "$ns" nc -u -w 1 10.99.7.2 7777 <<<"x" 2>/dev/null
ip netns exec "$ns" nc -6 -u -w 1 fd99:7::2 7777 <<<"x" 2>/dev/null
ip netns exec "$ns" nc -z -w 1 10.99.7.2 9 2>/dev/null
sleep 1.5

n_u2=$(wc -l <"$T/u2.json" 2>/dev/null || echo 0)
n_ours=$(wc -l <"$T/ours.json" 2>/dev/null || echo 0)
check_eq "compat: same number of JSON records" "$n_ours" "$n_u2"
check "compat: at least 20 records" test "$n_u2" -ge 20

# JSON: every pair of lines, key by key.
drop='del(.'"$(IFS=,; echo "${U2_BUGS[*]}" | sed 's/\([^,]*\)/"\1"/g; s/,/, ./g')"', .'"$(IFS=,; echo "${BY_DESIGN[*]}" | sed 's/\([^,]*\)/"\1"/g; s/,/, ./g')"')'
bad=0 i=0 same_time=0
while IFS= read -r a && IFS= read -r b <&3; do
	i=$((i + 1))
	if ! jq -e . >/dev/null 2>&1 <<<"$b"; then
		echo "# line $i of ours is not JSON: $b"; bad=$((bad + 1)); continue
	fi
	# the packet time: the kernel's (equal) or each daemon's receive time (close)
	ua=$(jq -r '(."oob.time.sec" // 0) * 1000000 + (."oob.time.usec" // 0)' <<<"$a")
	ub=$(jq -r '(."oob.time.sec" // 0) * 1000000 + (."oob.time.usec" // 0)' <<<"$b")
	if [ "$ua" = "$ub" ]; then
		same_time=$((same_time + 1)); tdiff=0
	elif [ $((ua > ub ? ua - ub : ub - ua)) -lt 1500000 ]; then
		tdiff=1
	else
		echo "# line $i packet times $ua and $ub"; bad=$((bad + 1)); tdiff=1
	fi
	# ulogd2's checksum bug: the same value, bytes swapped
	for k in icmp.csum icmpv6.csum; do
		ca=$(jq -r --arg k "$k" '.[$k] // empty' <<<"$a")
		cb=$(jq -r --arg k "$k" '.[$k] // empty' <<<"$b")
		[ -z "$ca$cb" ] && continue
		if [ -z "$ca" ] || [ -z "$cb" ] || [ $(((ca >> 8) | ((ca & 255) << 8))) != "$cb" ]; then
			echo "# line $i $k: ours $cb, ulogd2 $ca (not byte-swapped)"; bad=$((bad + 1))
		fi
	done
	# The kernel reads the socket owner while the socket may be closing on
	# another CPU, so one rule's copy of a packet can carry UID/GID and the
	# next rule's not: the owner is compared only when both copies have it.
	if [ "$(jq 'has("oob.uid")' <<<"$a")" != "$(jq 'has("oob.uid")' <<<"$b")" ]; then
		owner='del(."oob.uid", ."oob.gid") | if has("print") then .print |= sub(" UID=[0-9]+ GID=[0-9]+"; "") else . end'
		a=$(jq -c "$owner" <<<"$a") b=$(jq -c "$owner" <<<"$b")
	fi
	da=$(jq -S -c "$drop" <<<"$a")
	db=$(jq -S -c "$drop" <<<"$b")
	if [ "$da" != "$db" ]; then
		echo "# line $i differs:"
		diff <(jq -S . <<<"$da") <(jq -S . <<<"$db") | sed 's/^/#   /' | head -20
		bad=$((bad + 1))
	fi
	ta=$(jq -r .timestamp <<<"$a") tb=$(jq -r .timestamp <<<"$b")
	case "$ta" in *+0000) want=$ta ;; *) want="$ta+0000" ;; esac
	if [ "$tdiff" = 0 ] && [ "$tb" != "$want" ]; then
		echo "# line $i timestamp: ours $tb, ulogd2 $ta"
		bad=$((bad + 1))
	elif [ "$tdiff" = 1 ] && [[ "$tb" != *+0000 ]]; then
		echo "# line $i timestamp without offset: $tb"
		bad=$((bad + 1))
	fi
done <"$T/u2.json" 3<"$T/ours.json"
check_eq "compat: JSON equal key by key (but ulogd2's named bugs)" "$bad" 0
check "compat: kernel timestamps equal in both ($same_time records)" test "$same_time" -gt 0

# The named bugs are real: ulogd2 prints tcp.offset 0 where ours has the header length.
off_u2=$(jq -s '[.[] | select(has("tcp.offset")) | ."tcp.offset"] | unique | join(",")' "$T/u2.json")
off_ours=$(jq -s '[.[] | select(has("tcp.offset")) | ."tcp.offset"] | unique | all(. >= 5)' "$T/ours.json")
check_eq "compat: ulogd2's tcp.offset is always 0" "$off_u2" '"0"'
check_eq "compat: our tcp.offset is the real data offset" "$off_ours" true

# LOGEMU: equal lines once "Mon DD HH:MM:SS host " is cut off.
n_e2=$(wc -l <"$T/u2.emu" 2>/dev/null || echo 0)
n_eo=$(wc -l <"$T/ours.emu" 2>/dev/null || echo 0)
check_eq "compat: same number of LOGEMU lines" "$n_eo" "$n_e2"
check "compat: LOGEMU lines present" test "$n_e2" -ge 20
cut -d' ' -f5- "$T/u2.emu" >"$T/u2.emu.cut"
cut -d' ' -f5- "$T/ours.emu" >"$T/ours.emu.cut"
# ulogd2 pads a one-digit day ("Nov  6"), which cut sees as one more field
if grep -qE '^[A-Z][a-z]{2}  [0-9] ' "$T/u2.emu"; then
	cut -d' ' -f6- "$T/u2.emu" >"$T/u2.emu.cut"
	cut -d' ' -f6- "$T/ours.emu" >"$T/ours.emu.cut"
fi
if cmp -s "$T/u2.emu.cut" "$T/ours.emu.cut"; then
	ok "compat: LOGEMU lines equal but for time and host"
else
	diff "$T/u2.emu.cut" "$T/ours.emu.cut" | head -20 | sed 's/^/# /'
	fail "compat: LOGEMU lines equal but for time and host"
fi
host=$(hostname | cut -d. -f1)
check "compat: LOGEMU lines start with time and host" \
	grep -qE "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} $host cmp " "$T/ours.emu"
if [ -n "${KEEP_COMPAT:-}" ]; then cp -r "$T" "$KEEP_COMPAT"; fi
t_done
