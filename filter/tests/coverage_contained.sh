# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: DESIGN's "Test traffic stays inside", checked before anything is sent.
# coverage_contained NS...: succeeds when every given namespace has only lo and veth links
# whose peers sit in one of the given namespaces, and none has a default route.
coverage_contained() {
	local ns peer id
	for ns in "$@"; do
		[ -z "$(ip -n "$ns" -4 route show default)" ] && [ -z "$(ip -n "$ns" -6 route show default)" ] ||
			{ echo "# $ns has a default route"; return 1; }
		if ip -n "$ns" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep -vx lo |
			while read -r l; do ip -n "$ns" -d -o link show "$l" | grep -q ' veth ' || echo "$l"; done | grep -q .; then
			echo "# $ns has a link that is not a veth"; return 1
		fi
		for id in $(ip -n "$ns" -j link show type veth | python3 -c \
			'import json, sys; print(" ".join(str(l.get("link_netnsid", "none")) for l in json.load(sys.stdin)))'); do
			peer=$(ip -n "$ns" netns list-id | awk -v i="$id" '$2 == i { print $NF }' | tr -d ')')
			case " $* " in *" $peer "*) ;; *) echo "# $ns: a veth's peer is outside the test (nsid $id)"; return 1 ;; esac
		done
	done
}
