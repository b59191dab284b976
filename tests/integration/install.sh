#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make install puts binaries, plugins, man page and example config under PREFIX, and
# the installed daemon loads its installed plugin objects and example config.
. "$(dirname "$0")/../lib.sh"
dest=$T_TMP/root
make -s -C "$ULOG_TOP" BUILD="$BUILD" SAN=1 install DESTDIR="$dest" PREFIX=/usr >"$T_TMP/make.log" 2>&1
check_eq "install: make install succeeds" "$?" 0
for f in sbin/ulogd sbin/nfctl share/man/man8/ulogd.8 etc/ulogd.conf.example lib/ulog/ulog_JSON.so; do
	check "install: usr/$f" test -s "$dest/usr/$f"
done
check_eq "install: example config is 0640" "$(stat -c %a "$dest/usr/etc/ulogd.conf.example")" 640
check_eq "install: ulogd is executable" "$(stat -c %a "$dest/usr/sbin/ulogd")" 755
n_so=$(ls "$dest/usr/lib/ulog/"*.so | wc -l)
n_src=$(ls "$ULOG_TOP"/ulogd/input/*.c "$ULOG_TOP"/interpreters/*.c "$ULOG_TOP"/outputs/*.c | wc -l)
check_eq "install: one shared object per plugin" "$n_so" "$n_src"
cat >"$T_TMP/so.conf" <<EOT
[global]
logfile="stderr"
plugin="$dest/usr/lib/ulog/ulog_JSON.so"
stack=in1:PCAPIN,base1:BASE,json1:JSON
[in1]
file="$ULOG_TOP/tests/data/pcap/eth.pcap"
[json1]
file="$T_TMP/out.json"
EOT
check "install: installed daemon checks a config naming an installed plugin" \
	"$dest/usr/sbin/ulogd" --check -c "$T_TMP/so.conf"
check "install: installed example config passes --check" \
	"$dest/usr/sbin/ulogd" --check -c "$dest/usr/etc/ulogd.conf.example"
t_done
