#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's main job under the sanitizer build: what was logged must match what was sent.
. "$(dirname "$0")/../lib.sh"
need iptables-legacy jq ping
out=$("$ULOG_TOP/scripts/demo-run.sh" "$BUILD" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
check_eq "demo exits 0" "$rc" 0
check "demo reports every prefix matched" grep -q '^demo: OK' <<<"$out"
t_done
