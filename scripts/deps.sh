#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs (apt) what ulog's build and tests use. Idempotent: installs only what is missing.
set -e
PKGS="make gcc pkg-config git ca-certificates procps psmisc kmod
libmnl-dev libnetfilter-log-dev libnetfilter-conntrack-dev libnetfilter-acct-dev
libnetfilter-queue-dev libpcap-dev libjansson-dev libcap-dev libsqlite3-dev
clang libclang-rt-14-dev
iproute2 iptables nftables tcpdump tshark jq conntrack ipset iputils-ping
netcat-openbsd sqlite3 python3
ulogd2 ulogd2-json ulogd2-pcap ulogd2-sqlite3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
# The ulogd2 package would start a daemon that binds NFLOG group 0 in the root
# namespace; tests run their own, so keep package scripts from starting services.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq --no-install-recommends $missing >/dev/null
