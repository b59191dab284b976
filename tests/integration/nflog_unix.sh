#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NFLOG over nfcore's socket protocol (DESIGN: a SOCK_SEQPACKET unix socket carrying the same
# netlink messages): a stand-in producer answers the config requests with acks and sends packet
# messages with a sequence gap; the daemon logs them, counts the gap, and unbinds on exit.
. "$(dirname "$0")/../lib.sh"
need python3 jq
[ -x "$ULOGD" ] || { skip "nflog_unix: $ULOGD not built"; exit 0; }

cat >"$T_TMP/producer.py" <<'EOF'
import socket, struct, sys
path, log, mode = sys.argv[1], open(sys.argv[2], "w"), sys.argv[3]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
srv.bind(path)
srv.listen(1)
c, _ = srv.accept()

def attr(t, v):
    n = 4 + len(v)
    return struct.pack("=HH", n, t) + v + b"\0" * (-n % 4)

def packet(group, seq, prefix, sport):
    udp = struct.pack("!HHHH", sport, 2000, 10, 0) + b"hi"
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
    body = struct.pack("!BBH", socket.AF_INET, 0, group)
    body += attr(1, struct.pack("!HBB", 0x0800, 1, 0))          # NFULA_PACKET_HDR
    body += attr(10, prefix.encode() + b"\0")                   # NFULA_PREFIX
    body += attr(12, struct.pack("!I", seq))                    # NFULA_SEQ
    body += attr(9, ip)                                         # NFULA_PAYLOAD
    return struct.pack("=IHHII", 16 + len(body), 0x0400, 0, 0, 0) + body

while True:
    d = c.recv(65536)
    if not d:
        break
    off = 0
    while off + 20 <= len(d):
        n, typ, flags, seq, pid = struct.unpack_from("=IHHII", d, off)
        fam, ver, group = struct.unpack_from("!BBH", d, off + 16)
        a, words = off + 20, ["type=%x" % typ, "family=%d" % fam, "group=%d" % group]
        cmd = None
        while a + 4 <= off + n:
            al, at = struct.unpack_from("=HH", d, a)
            v = d[a + 4:a + al]
            if at == 1:
                cmd = v[0]
                words.append("cmd=%d" % cmd)
            elif at == 2:
                rng, cm = struct.unpack("!IB", v[:5])
                words.append("mode=%d/%d" % (cm, rng))
            elif at in (3, 4, 5):
                words.append("%s=%d" % ({3: "nlbufsiz", 4: "timeout", 5: "qthresh"}[at],
                                        struct.unpack("!I", v)[0]))
            elif at == 6:
                words.append("flags=%d" % struct.unpack("!H", v)[0])
            a += (al + 3) & ~3
        log.write(" ".join(words) + "\n")
        log.flush()
        err = -1 if (mode == "eperm" and cmd == 1) else 0      # -EPERM: group taken
        if flags & 4:
            c.send(struct.pack("=IHHII", 36, 2, 0, seq, pid) + struct.pack("=i", err) + d[off:off + 16])
        if cmd == 1 and err == 0:
            c.send(packet(group, 0, "unix-a", 1000) + packet(group, 1, "unix-b", 1001))
            c.send(packet(group, 3, "unix-c", 1003))
        off += (n + 3) & ~3
EOF

# producer NAME MODE: starts the stand-in at $T_TMP/NAME.sock
producer() {
	python3 "$T_TMP/producer.py" "$T_TMP/$1.sock" "$T_TMP/$1.req" "$2" &
	T_PIDS+=($!)
	wait_for 5 test -S "$T_TMP/$1.sock"
}
conf() {
	cat >"$T_TMP/$1.conf" <<EOF
[global]
logfile="$T_TMP/$1.log"
loglevel=1
stack=log1:NFLOG,base1:BASE,ip2str1:IP2STR,json1:JSON

[log1]
group=5
unix_socket="$T_TMP/$1.sock"
netlink_qthreshold=4

[json1]
file="$T_TMP/$1.json"
sync=1
EOF
}

producer ok ok
conf ok
"$ULOGD" -c "$T_TMP/ok.conf" &
pid=$!
T_PIDS+=($pid)
lines() { [ -f "$T_TMP/ok.json" ] && wc -l <"$T_TMP/ok.json" || echo 0; }
three() { [ "$(lines)" -ge 3 ]; }
wait_for 10 three
check_eq "nflog_unix: three packets logged" "$(lines)" 3
check_eq "nflog_unix: prefixes, ports and addresses" \
	"$(jq -r '[."oob.prefix", .src_ip, .dest_ip, .src_port, .dest_port, ."oob.seq.local"] | @tsv' "$T_TMP/ok.json" | tr '\t\n' ' ;')" \
	"unix-a 10.0.0.1 10.0.0.2 1000 2000 0;unix-b 10.0.0.1 10.0.0.2 1001 2000 1;unix-c 10.0.0.1 10.0.0.2 1003 2000 3;"
kill -USR1 "$pid"
wait_for 5 grep -q "NFLOG group 5: packets=" "$T_TMP/ok.log"
check "nflog_unix: the missing sequence number counts as lost" \
	grep -q "NFLOG group 5: packets=3 lost=1 gaps=1" "$T_TMP/ok.log"
kill -TERM "$pid"
wait "$pid"
check_eq "nflog_unix: daemon exits 0" "$?" 0
check_eq "nflog_unix: bind request: group, copy mode, queue threshold, sequence flags" \
	"$(grep -m1 'cmd=1' "$T_TMP/ok.req")" "type=401 family=0 group=5 cmd=1 mode=2/65535 qthresh=4 nlbufsiz=74488 flags=3"
check "nflog_unix: unbind request on exit" wait_for 5 grep -q "group=5 cmd=2" "$T_TMP/ok.req"

# bind=1: the IPv4, IPv6 and bridge families are unbound, then bound, before the group
# (ulogd2's order); unbind=0 leaves the unbind out
fams() { grep -o 'family=[0-9]* group=0 cmd=[34]' "$T_TMP/$1.req" | sed 's/ group=0//' | tr '\n' ';'; }
for v in "1 1" "1 0"; do
	set -- $v
	n=bind$1$2
	producer $n ok
	conf $n
	sed -i "s/^netlink_qthreshold=4\$/bind=$1\nunbind=$2/" "$T_TMP/$n.conf"
	"$ULOGD" -c "$T_TMP/$n.conf" &
	pid=$!
	T_PIDS+=($pid)
	wait_for 10 grep -q "cmd=1" "$T_TMP/$n.req"
	kill -TERM "$pid"; wait "$pid"
done
producer noseq ok
conf noseq
sed -i 's/^netlink_qthreshold=4$/seq_local=0\nseq_global=0/' "$T_TMP/noseq.conf"
"$ULOGD" -c "$T_TMP/noseq.conf" &
pid=$!
T_PIDS+=($pid)
wait_for 10 grep -q "cmd=1" "$T_TMP/noseq.req"
kill -TERM "$pid"; wait "$pid"
check "nflog_unix: seq_local=0 seq_global=0: no sequence flags asked" \
	grep -q "group=5 cmd=1 .*flags=0$" "$T_TMP/noseq.req"
check_eq "nflog_unix: bind=1: families unbound and bound first" "$(fams bind11)" \
	"family=2 cmd=4;family=2 cmd=3;family=10 cmd=4;family=10 cmd=3;family=7 cmd=4;family=7 cmd=3;"
check_eq "nflog_unix: bind=1 unbind=0: families bound only" "$(fams bind10)" \
	"family=2 cmd=3;family=10 cmd=3;family=7 cmd=3;"

producer taken eperm
conf taken
timeout 10 "$ULOGD" -c "$T_TMP/taken.conf" 2>"$T_TMP/taken.err"
rc=$?
check "nflog_unix: EPERM on bind fails the start (rc $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
check "nflog_unix: and says \"group 5 is already bound\"" grep -q "group 5 is already bound" "$T_TMP/taken.err"
conf none
timeout 10 "$ULOGD" -c "$T_TMP/none.conf" 2>"$T_TMP/none.err"
check "nflog_unix: a missing socket is an error naming it" grep -q "cannot connect to $T_TMP/none.sock" "$T_TMP/none.err"
t_done
