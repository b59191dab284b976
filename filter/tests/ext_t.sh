#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Extension tables (filter/ext/*.t, format in filter/ext/README.md), three ways:
#  1. tests/tools/extcheck: every rule row through the extension modules alone;
#  2. the kernel: every row restored by iptables-legacy-restore in a throw-away
#     namespace and read back with iptables-legacy-save, so the data cannot drift
#     from what iptables really does (rows that load are batched per table);
#  3. nfctl: the same rows restored and saved by our own restore/save.
# Usage: ext_t.sh [NAME...]   (default: every .t file)
. "${ULOG_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$ULOG_TOP" || exit 1
NFCTL=$ULOG_TOP/$BUILD/nfctl
EXTCHECK=$ULOG_TOP/$BUILD/tests/tools/extcheck

# Build the test tool against the current libraries.
build_extcheck() {
	local san=""
	[ -f "$BUILD/libfilter.a" ] && [ -f "$BUILD/libulog.a" ] || return 1
	case "$BUILD" in *asan*) san="-fsanitize=address,undefined -fno-omit-frame-pointer" ;; esac
	mkdir -p "$(dirname "$EXTCHECK")"
	[ "$EXTCHECK" -nt tests/tools/extcheck.c ] && [ "$EXTCHECK" -nt "$BUILD/libfilter.a" ] && return 0
	${CC:-gcc} -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -I. \
		$san -o "$EXTCHECK" tests/tools/extcheck.c "$BUILD/libfilter.a" "$BUILD/libulog.a" -lm
}

files=()
if [ $# -gt 0 ]; then
	for n in "$@"; do files+=("filter/ext/$n.t"); done
else
	files=(filter/ext/*.t)
fi

# Files whose every extension has a -L printer (listing compared with -n), and those
# without addresses in their rows (listing compared without -n as well):
LIST_OK="NOTRACK tcp udp state conntrack multiport mac limit comment mark connmark pkttype length hl ttl
	REJECT LOG MARK CONNMARK recent iprange addrtype owner icmp icmp6 CT NFLOG set rpfilter
	TRACE CHECKSUM TCPMSS MASQUERADE REDIRECT SNAT DNAT NETMAP NFQUEUE TOS DSCP dscp
	connlimit physdev esp ah sctp rt frag ipv6header string time policy hashlimit tos"
LIST_NAMES_OK="tcp udp icmp state limit comment mac mark connmark pkttype length
	hl ttl REJECT LOG MARK CONNMARK sctp TCPMSS CHECKSUM NFQUEUE NFLOG CT icmp6 multiport NOTRACK"

# 1. the modules alone (with packet rows on a simulated clock when the pkt tool builds)
PKT=$ULOG_TOP/$BUILD/tests/tools/pkt
mkdir -p "$(dirname "$PKT")"
${CC:-gcc} -std=gnu11 -O1 -Wall -Wextra -Werror -o "$PKT" tests/tools/pkt.c || PKT=""
if build_extcheck; then
	EXTCHECK_PKT=$PKT "$EXTCHECK" "${files[@]}" || true
else
	fail "ext_t: cannot build $EXTCHECK (build $BUILD first)"
fi

# ipsets NS: the sets set.t names (extcheck loads the same ones).
ipsets() {
	command -v ipset >/dev/null || return 0
	ip netns exec "$1" ipset create t4 hash:ip 2>/dev/null
	ip netns exec "$1" ipset add t4 10.77.0.1 2>/dev/null
	ip netns exec "$1" ipset create n4 hash:net 2>/dev/null
	ip netns exec "$1" ipset add n4 10.77.0.0/30 2>/dev/null
	ip netns exec "$1" ipset create t6 hash:ip family inet6 2>/dev/null
	ip netns exec "$1" ipset add t6 fd77::1 2>/dev/null
}

# cases FILE: one line per (row, chain): FAM<TAB>TABLE<TAB>CHAIN<TAB>RULE<TAB>EXPECTED
cases() {
	awk -F';' -v OFS='\t' '
		/^#/ || /^$/ || /^>/ { next }
		/^-[46]$/ { fam = substr($0, 2); next }
		/^\*/ { table = substr($0, 2); next }
		/^:/ { chains = substr($0, 2); next }
		{
			rule = $1; want = substr($0, length($1) + 2)
			if (want == "=") want = rule
			n = split(chains, c, ",")
			for (i = 1; i <= n; i++) print (fam ? fam : 4), (table ? table : "filter"), c[i], rule, want
		}' "$1"
}

# run_ok KIND FAM TABLE: restores every loading row of the batch file, compares saves.
# KIND is "kernel" or "nfctl"; batch rows are in $T_TMP/batch (CHAIN<TAB>RULE<TAB>WANT).
run_ok() {
	local kind=$1 fam=$2 table=$3 ipt=iptables f6="" ns chain rule want got
	[ "$fam" = 6 ] && ipt=ip6tables f6=-6
	{ echo "*$table"; awk -F'\t' '{ print "-A " $1 " " $2 }' "$T_TMP/batch"; echo COMMIT; } >"$T_TMP/in"
	if [ "$kind" = kernel ]; then
		ip netns exec "$EXTNS" $ipt-legacy -t "$table" -F 2>/dev/null
		ip netns exec "$EXTNS" $ipt-legacy-restore -n <"$T_TMP/in" 2>"$T_TMP/err" &&
			ip netns exec "$EXTNS" $ipt-legacy-save -t "$table" >"$T_TMP/save"
	else
		rm -f "$T_TMP/state"
		"$NFCTL" $f6 --state "$T_TMP/state" restore <"$T_TMP/in" 2>"$T_TMP/err" &&
			"$NFCTL" $f6 --state "$T_TMP/state" save -t "$table" >"$T_TMP/save"
	fi || { echo "# $kind: batch $fam/$table of $CUR failed: $(head -n 2 "$T_TMP/err" | tr '\n' ' ')"
		fail "$kind $CUR $fam/$table: batch restore"; return; }
	# the -L -n form, kept for the listing comparison
	mkdir -p "$T_TMP/lists"
	if [ "$kind" = kernel ]; then
		ip netns exec "$EXTNS" $ipt-legacy -t "$table" -L -n >"$T_TMP/lists/$CUR.$fam.$table.kernel" 2>&1
		case " $(echo $LIST_NAMES_OK) " in *" $CUR "*)
			ip netns exec "$EXTNS" $ipt-legacy -t "$table" -L >"$T_TMP/lists/$CUR.$fam.$table.names.kernel" 2>&1 ;;
		esac
	else
		"$NFCTL" $f6 --state "$T_TMP/state" -t "$table" -L -n >"$T_TMP/lists/$CUR.$fam.$table.nfctl" 2>&1
		"$NFCTL" $f6 --state "$T_TMP/state" -t "$table" -L >"$T_TMP/lists/$CUR.$fam.$table.names.nfctl" 2>&1
	fi
	# the n-th rule of a chain in the batch is the n-th -A of that chain in the save
	awk -F'\t' 'NR == FNR { if ($0 ~ /^-A /) { split($0, w, " "); c = w[2];
			sub("^-A " c " ", ""); got[c, ++n[c]] = $0 } next }
		{ k[$1]++; g = got[$1, k[$1]];
		  if (g != $3) { printf "# %s %s: %s\n#   got:  %s\n#   want: %s\n", kind, $1, $2, g, $3; bad++ } }
		END { exit bad ? 1 : 0 }' kind="$kind" "$T_TMP/save" "$T_TMP/batch" &&
		ok "$kind $CUR $fam/$table: $(wc -l <"$T_TMP/batch") rows save as expected" ||
		fail "$kind $CUR $fam/$table: save differs"
}

# run_fail KIND FAM TABLE CHAIN RULE WANT: the row must be refused, with iptables' message.
run_fail() {
	local kind=$1 fam=$2 table=$3 chain=$4 rule=$5 want=$6 ipt=iptables f6="" rc msg
	[ "$fam" = 6 ] && ipt=ip6tables f6=-6
	printf '*%s\n-A %s %s\nCOMMIT\n' "$table" "$chain" "$rule" >"$T_TMP/in"
	if [ "$kind" = kernel ]; then
		ip netns exec "$EXTNS" $ipt-legacy -t "$table" -F 2>/dev/null
		ip netns exec "$EXTNS" $ipt-legacy-restore -n <"$T_TMP/in" 2>"$T_TMP/err"
	else
		rm -f "$T_TMP/state"
		"$NFCTL" $f6 --state "$T_TMP/state" restore <"$T_TMP/in" 2>"$T_TMP/err"
	fi
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "# $kind $fam/$table/$chain: $rule: accepted, want $want"
		return 1
	fi
	if grep -q "line 3 failed" "$T_TMP/err"; then
		msg="FAIL;@commit"
	else
		msg="FAIL;$(head -n 1 "$T_TMP/err" | sed -E 's/^ip6?tables-restore v[0-9.]+ \(legacy\): //')"
	fi
	case "$want" in
	FAIL) return 0 ;;
	"$msg") return 0 ;;
	esac
	echo "# $kind $fam/$table/$chain: $rule"
	echo "#   got:  $msg"
	echo "#   want: $want"
	return 1
}

# check_file KIND FILE
check_file() {
	local kind=$1 f=$2 fam table chain rule want key prev="" nbad=0 nfail=0
	CUR=$(basename "$f" .t)
	cases "$f" >"$T_TMP/cases"
	# loading rows, batched per family and table
	for key in $(awk -F'\t' '$5 !~ /^FAIL/ { print $1 "/" $2 }' "$T_TMP/cases" | sort -u); do
		fam=${key%%/*} table=${key#*/}
		awk -F'\t' -v OFS='\t' -v f="$fam" -v t="$table" '$1 == f && $2 == t && $5 !~ /^FAIL/ { print $3, $4, $5 }' \
			"$T_TMP/cases" >"$T_TMP/batch"
		run_ok "$kind" "$fam" "$table"
	done
	# refused rows, one by one
	while IFS=$'\t' read -r fam table chain rule want; do
		case "$want" in FAIL*) ;; *) continue ;; esac
		nfail=$((nfail + 1))
		run_fail "$kind" "$fam" "$table" "$chain" "$rule" "$want" || nbad=$((nbad + 1))
	done <"$T_TMP/cases"
	if [ "$nfail" -gt 0 ]; then
		[ "$nbad" -eq 0 ] && ok "$kind $CUR: $nfail refused rows refused alike" ||
			fail "$kind $CUR: $nbad of $nfail refused rows differ"
	fi
}

# packets FILE: the packet rows: for every rule row followed by ">SPEC;match|nomatch"
# rows, the rule is loaded in the receiving namespace (first PREROUTING or INPUT
# chain of its section), each packet is sent from the other namespace over a veth
# and match is read from the rule's counter; the reference evaluator (nfctl eval)
# must say the same. Lines: FAM TABLE CHAIN RULE<TAB>SPEC<TAB>WANT
packet_rows() {
	awk -F';' -v OFS='\t' '
		/^#/ || /^$/ { next }
		/^-[46]$/ { fam = substr($0, 2); next }
		/^\*/ { table = substr($0, 2); next }
		/^:/ { chain = ""; n = split(substr($0, 2), c, ",");
		       for (i = 1; i <= n; i++) if (c[i] == "PREROUTING" || c[i] == "INPUT") { chain = c[i]; break }
		       next }
		/^>/ { if (rule != "" && chain != "") print (fam ? fam : 4), (table ? table : "filter"), chain, rule, substr($1, 2), $2, $3
		       else print "SKIP", $0
		       next }
		{ rule = ($2 ~ /^FAIL/) ? "" : $1; ruleline = NR }' "$1"
}

# kernel_count FAM TABLE CHAIN: packets counted by the first rule of CHAIN in B.
kernel_count() {
	local ipt=iptables
	[ "$1" = 6 ] && ipt=ip6tables
	ip netns exec "$NS_B" $ipt-legacy-save -c -t "$2" | awk -v c="$3" '$2 == "-A" && $3 == c {
		sub(/^\[/, "", $1); split($1, a, ":"); print a[1]; exit }'
}

check_packets() {
	local f=$1 fam table chain rule spec want ipt prev="" n before after got hex eval_in sent
	local kfail=0 efail=0 total=0 etotal=0 ekernel=0
	CUR=$(basename "$f" .t)
	packet_rows "$f" >"$T_TMP/prows"
	[ -s "$T_TMP/prows" ] || return 0
	if grep -q '^SKIP' "$T_TMP/prows"; then
		echo "# $CUR: packet rows outside a PREROUTING/INPUT section or after a FAIL row are skipped"
	fi
	: >"$T_TMP/eval_in"
	: >"$T_TMP/eval_want"
	while IFS=$'\t' read -r fam table chain rule spec want only; do
		[ "$fam" = SKIP ] && continue
		ipt=iptables
		[ "$fam" = 6 ] && ipt=ip6tables
		if [ "$prev" != "$fam|$table|$chain|$rule" ]; then
			flush_eval
			prev="$fam|$table|$chain|$rule"
			ip netns exec "$NS_B" iptables-legacy -t "$table" -F 2>/dev/null
			ip netns exec "$NS_B" ip6tables-legacy -t "$table" -F 2>/dev/null
			printf '*%s\n-A %s %s\nCOMMIT\n' "$table" "$chain" "$rule" |
				ip netns exec "$NS_B" $ipt-legacy-restore -n ||
				{ fail "packets $CUR: kernel refused $rule"; continue; }
			EV_FAM=$fam EV_TABLE=$table EV_CHAIN=$chain EV_RULE=$rule
		fi
		# "sleep=SECONDS" in a spec waits before sending (rate matches)
		if [[ " $spec " == *" sleep="* ]]; then
			sleep "$(sed -E 's/.*sleep=([0-9.]+).*/\1/' <<<"$spec")"
			spec=$(sed -E 's/ ?sleep=[0-9.]+//' <<<"$spec")
		fi
		sent=""
		# ";eval" rows give facts the kernel cannot be given (a fixed time): not sent
		if [ "$only" != eval ]; then
			total=$((total + 1))
			before=$(kernel_count "$fam" "$table" "$chain")
			sent=$(date +%s%N)
			# shellcheck disable=SC2086
			ip netns exec "$NS_A" "$PKT" send "$VA" "$MAC_B" -$fam $spec || { fail "packets $CUR: cannot send $spec"; continue; }
			sleep 0.02
			after=$(kernel_count "$fam" "$table" "$chain")
			got=nomatch
			[ "${after:-0}" -gt "${before:-0}" ] && got=match
			if [ "$got" != "$want" ]; then
				echo "# kernel $CUR: $rule: $spec: $got, want $want"
				kfail=$((kfail + 1))
			fi
		fi
		etotal=$((etotal + 1))
		[ "$only" = kernel ] && ekernel=$((ekernel + 1))
		# shellcheck disable=SC2086
		hex=$("$PKT" hex -$fam $spec)
		echo "$chain $VB - $hex $(eval_facts "$spec" "$sent")" >>"$T_TMP/eval_in"
		echo "$want $spec" >>"$T_TMP/eval_want"
	done <"$T_TMP/prows"
	flush_eval
	if [ "$total" -gt 0 ]; then
		[ "$kfail" -eq 0 ] && ok "kernel packets $CUR: $total packets as the .t says" ||
			fail "kernel packets $CUR: $kfail of $total packets differ"
	fi
	[ "$etotal" -eq 0 ] && [ "$EV_FAILS" -eq 0 ] && return 0
	[ "$EV_FAILS" -eq 0 ] && ok "eval packets $CUR: reference evaluator agrees on $etotal packets ($ekernel ;kernel)" ||
		fail "eval packets $CUR: $EV_FAILS packets differ"
	EV_FAILS=0
}

# eval_facts SPEC SENT: the words that give nfctl eval the facts the kernel had for the
# packet: the sender's MAC (fixed by the test), the send time (SENT, ns; a spec's own
# ts= wins), and the spec's ct=, tz= and sp= words.
eval_facts() {
	local w out="mac=$MAC_A"
	for w in $1; do
		case "$w" in ts=*|tz=*|ct=*|sp=*) out="$out $w" ;; esac
	done
	[[ " $1" == *" ts="* || "$1" == ts=* || -z "$2" ]] || out="$out ts=$2"
	echo "$out"
}

# host_facts NS: NS's local table (its local, broadcast and multicast addresses: addrtype)
# and main-table unicast routes (rpfilter's reverse lookup) as nfctl eval's --host file.
host_facts() {
	{ ip -n "$1" -4 -j route show table local; ip -n "$1" -6 -j route show table local; } |
		jq -r '.[] | select(.type == "local" or .type == "broadcast" or .type == "multicast") |
			"\(.type) \(.dst) \(.dev)"'
	{ ip -n "$1" -4 -j route; ip -n "$1" -6 -j route; } | jq -r '.[] | select(.dev) |
		select((.type // "unicast") == "unicast") | "route \(.dst) \(.dev)"'
}

# flush_eval: the packets collected for one rule through nfctl eval; a rule
# without a target gets "-j DROP", so the verdict tells match from no match.
EV_FAILS=0
flush_eval() {
	local f6="" rule=$EV_RULE verdicts want spec i=0 v
	[ -s "$T_TMP/eval_in" ] || return 0
	[ "$EV_FAM" = 6 ] && f6=-6
	if [[ " $rule " == *" -j "* ]]; then
		echo "# eval $CUR: $rule has a target: verdict not comparable, skipped"
	else
		rm -f "$T_TMP/estate" "$T_TMP/estate.sets"
		printf '*%s\n-A %s %s -j DROP\nCOMMIT\n' "$EV_TABLE" "$EV_CHAIN" "$rule" |
			NFCTL_SETS=$T_TMP/bsets.save "$NFCTL" $f6 --state "$T_TMP/estate" restore 2>"$T_TMP/eerr" ||
			{ echo "# eval $CUR: nfctl restore: $(head -n1 "$T_TMP/eerr")"; EV_FAILS=$((EV_FAILS + 1)); }
		mapfile -t verdicts < <("$NFCTL" $f6 --state "$T_TMP/estate" eval -t "$EV_TABLE" \
			--host "$T_TMP/bhost" <"$T_TMP/eval_in")
		while read -r want spec; do
			v=${verdicts[$i]:-none}
			i=$((i + 1))
			case "$v/$want" in DROP/match|ACCEPT/nomatch) continue ;; esac
			echo "# eval $CUR: $rule: $spec: verdict $v, want $want"
			EV_FAILS=$((EV_FAILS + 1))
		done <"$T_TMP/eval_want"
	fi
	: >"$T_TMP/eval_in"
	: >"$T_TMP/eval_want"
}

# 2. the kernel
if command -v iptables-legacy-restore >/dev/null && command -v ip >/dev/null; then
	EXTNS=$(netns_new extt) || { fail "ext_t: netns"; exit 1; }
	ipsets "$EXTNS"
	command -v ipset >/dev/null && ip netns exec "$EXTNS" ipset save >"$T_TMP/ipsets.save" 2>/dev/null
	for f in "${files[@]}"; do check_file kernel "$f"; done
else
	skip "ext_t kernel: iptables-legacy not installed"
fi

# 5. (after nfctl) listing: every rule line of iptables -L -n must be the kernel's
# (the extension part comes from the -L printers). Files whose extensions all have one:
list_text() {
	grep -v '^Chain \|^target ' "$1" | grep .
}
check_lists() {
	local k n name bad=0 total=0
	for k in "$T_TMP"/lists/*.kernel; do
		[ -e "$k" ] || continue
		name=$(basename "$k" .kernel)
		case " $(echo $LIST_OK) " in *" ${name%%.*} "*) ;; *) continue ;; esac
		n=${k%.kernel}.nfctl
		[ -f "$n" ] || continue
		total=$((total + 1))
		if [ -f "$n" ] && diff <(list_text "$k") <(list_text "$n") >"$T_TMP/ldiff"; then
			continue
		fi
		bad=$((bad + 1))
		echo "# -L $name:"
		head -n 6 "$T_TMP/ldiff" | sed 's/^/#   /'
	done
	[ "$total" -eq 0 ] && return
	[ "$bad" -eq 0 ] && ok "listing: -L -n extension text as the kernel's ($total tables)" ||
		fail "listing: $bad of $total tables differ in -L -n"
}

# 4. packets through the kernel and the reference evaluator
if grep -q '^>' "${files[@]}" && command -v iptables-legacy-restore >/dev/null && [ -x "$NFCTL" ] &&
   [ -n "$PKT" ]; then
	NS_A=$(netns_new exta) && NS_B=$(netns_new extb) || { fail "ext_t: netns"; exit 1; }
	read -r VA VB < <(netns_pair "$NS_A" "$NS_B" 10.77.0.1 10.77.0.2 fd77::1 fd77::2)
	# the sender's MAC is fixed, so mac rows can name it
	MAC_A=02:00:00:00:77:01
	ip -n "$NS_A" link set "$VA" address $MAC_A
	MAC_B=$(ip -n "$NS_B" -o link show "$VB" | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
	ipsets "$NS_B"
	# the receiver's facts for nfctl eval: its sets and its addresses and routes
	: >"$T_TMP/bsets.save"
	command -v ipset >/dev/null && ip netns exec "$NS_B" ipset save >"$T_TMP/bsets.save" 2>/dev/null
	host_facts "$NS_B" >"$T_TMP/bhost"
	for f in "${files[@]}"; do grep -q '^>' "$f" && check_packets "$f"; done
else
	skip "ext_t packets: no packet rows, iptables-legacy or nfctl missing"
fi

# 3. nfctl
if [ -x "$NFCTL" ]; then
	for f in "${files[@]}"; do
		if [ "$(basename "$f")" = set.t ]; then
			# the kernel's own sets, as `ipset save` prints them
			[ -s "$T_TMP/ipsets.save" ] || { skip "nfctl set: no ipset save text"; continue; }
			NFCTL_SETS=$T_TMP/ipsets.save check_file nfctl "$f"
			continue
		fi
		check_file nfctl "$f"
	done
	check_lists
else
	skip "ext_t nfctl: $NFCTL not built"
fi
t_done
