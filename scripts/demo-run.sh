#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The demo: two throw-away namespaces, NFLOG rules for accepted and dropped traffic with
# distinct prefixes, known traffic, ulogd writing LOGEMU and JSON; prints a summary and
# exits non-zero if what was logged does not match what was sent. Cleans up after itself.
# Usage: scripts/demo-run.sh [BUILD_DIR]
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
ulogd=$top/$build/ulogd
dir=$(mktemp -d /tmp/ulog-demo.XXXXXX)
chmod 755 "$dir"
cli=ulogdemo-cli-$$ srv=ulogdemo-srv-$$
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	ip netns del "$cli" 2>/dev/null
	ip netns del "$srv" 2>/dev/null
	[ -n "${DEMO_KEEP:-}" ] && echo "kept $dir" || rm -rf "$dir"
}
trap cleanup EXIT
ipt=iptables-legacy ip6t=ip6tables-legacy
command -v $ipt >/dev/null || { ipt=iptables ip6t=ip6tables; }

# Two namespaces joined by one veth; neither has a route out.
ip netns add "$cli" && ip netns add "$srv" || exit 1
ip link add d0 netns "$cli" type veth peer name d1 netns "$srv" || exit 1
for ns in "$cli" "$srv"; do ip -n "$ns" link set lo up; done
ip -n "$cli" addr add 10.99.0.1/24 dev d0
ip -n "$srv" addr add 10.99.0.2/24 dev d1
ip -n "$cli" addr add fd00:99::1/64 dev d0 nodad
ip -n "$srv" addr add fd00:99::2/64 dev d1 nodad
ip -n "$cli" link set d0 up
ip -n "$srv" link set d1 up

ip netns exec "$srv" $ipt-restore <<'RULES' || exit 1
*filter
:INPUT ACCEPT [0:0]
-A INPUT -p icmp --icmp-type echo-request -j NFLOG --nflog-group 7 --nflog-prefix "ACCEPT ping"
-A INPUT -p tcp --dport 8080 --syn -j NFLOG --nflog-group 7 --nflog-prefix "ACCEPT tcp"
-A INPUT -p udp --dport 9999 -j NFLOG --nflog-group 7 --nflog-prefix "DROP udp"
-A INPUT -p udp --dport 9999 -j DROP
COMMIT
RULES
ip netns exec "$srv" $ip6t-restore <<'RULES' || exit 1
*filter
:INPUT ACCEPT [0:0]
-A INPUT -p ipv6-icmp --icmpv6-type echo-request -j NFLOG --nflog-group 7 --nflog-prefix "ACCEPT ping6"
COMMIT
RULES

cat > "$dir/ulogd.conf" <<CONF
[global]
logfile="$dir/ulogd.log"
loglevel=3
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,json1:JSON

[log1]
group=7

[emu1]
file="$dir/syslogemu.log"

[json1]
file="$dir/ulogd.json"
CONF

ip netns exec "$srv" "$ulogd" -c "$dir/ulogd.conf" &
pid=$!
for _ in $(seq 100); do grep -q . "$dir/ulogd.log" 2>/dev/null && break; sleep 0.05; done
sleep 0.3
kill -0 "$pid" 2>/dev/null || { echo "demo: ulogd did not start:"; cat "$dir/ulogd.log"; exit 1; }

# Known traffic.
declare -A sent=(["ACCEPT ping"]=5 ["ACCEPT ping6"]=3 ["ACCEPT tcp"]=4 ["DROP udp"]=6)
ip netns exec "$cli" ping -q -c 5 -i 0.05 10.99.0.2 >/dev/null
ip netns exec "$cli" ping -q -6 -c 3 -i 0.05 fd00:99::2 >/dev/null
# No listener: each SYN is answered by a RST, so each attempt sends exactly one SYN.
for i in 1 2 3 4; do ip netns exec "$cli" bash -c 'exec 3<>/dev/tcp/10.99.0.2/8080' 2>/dev/null; done
for i in 1 2 3 4 5 6; do ip netns exec "$cli" bash -c 'echo demo >/dev/udp/10.99.0.2/9999'; done

sleep 0.5
[ -n "${DEMO_DEBUG:-}" ] && ip netns exec "$srv" $ipt -L INPUT -v -x -n && ip netns exec "$srv" $ip6t -L INPUT -v -x -n
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=

status=0
[ "$rc" -eq 0 ] || { echo "demo: ulogd exited $rc"; status=1; }
printf '%-14s %6s %8s %6s  %s\n' prefix sent logemu json fields
for p in "ACCEPT ping" "ACCEPT ping6" "ACCEPT tcp" "DROP udp"; do
	n_emu=$(grep -c "$p IN=" "$dir/syslogemu.log" 2>/dev/null)
	n_json=$(jq -c --arg p "$p" 'select(."oob.prefix" == $p)' "$dir/ulogd.json" 2>/dev/null | wc -l)
	case $p in
	"ACCEPT ping")  want='."src_ip"=="10.99.0.1" and ."dest_ip"=="10.99.0.2" and ."icmp.type"==8' ;;
	"ACCEPT ping6") want='."src_ip"=="fd00:99::1" and ."dest_ip"=="fd00:99::2" and ."icmpv6.type"==128' ;;
	"ACCEPT tcp")   want='."dest_port"==8080 and ."tcp.syn"==1 and ."oob.in"=="d1"' ;;
	"DROP udp")     want='."dest_port"==9999 and ."ip.protocol"==17' ;;
	esac
	n_ok=$(jq -c --arg p "$p" "select(.\"oob.prefix\" == \$p) | select($want)" "$dir/ulogd.json" 2>/dev/null | wc -l)
	fields=ok
	[ "$n_ok" -eq "${sent[$p]}" ] || { fields="MISMATCH ($n_ok match)"; status=1; }
	[ "$n_emu" -eq "${sent[$p]}" ] && [ "$n_json" -eq "${sent[$p]}" ] || status=1
	printf '%-14s %6d %8d %6d  %s\n' "$p" "${sent[$p]}" "$n_emu" "$n_json" "$fields"
done
if [ $status -ne 0 ]; then
	echo "demo: FAILED: logged does not match sent"
	echo "--- ulogd.log"; tail -n 20 "$dir/ulogd.log"
	echo "--- syslogemu.log"; head -n 5 "$dir/syslogemu.log"
	echo "--- ulogd.json"; head -n 3 "$dir/ulogd.json"
else
	echo "demo: OK: every packet sent was logged once, with the right fields"
	echo "--- a LOGEMU line:"; grep -m1 "ACCEPT tcp" "$dir/syslogemu.log"
	echo "--- a JSON object:"; jq -c 'select(."oob.prefix"=="DROP udp")' "$dir/ulogd.json" | head -n 1
fi
exit $status
