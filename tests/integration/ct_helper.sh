#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The FTP, TFTP, IRC, SANE and Amanda conntrack helpers against the kernel: a router namespace R
# between a client C and a server S assigns them with `-t raw ... -j CT --helper NAME`, lets
# expected connections through only as RELATED to a master with that helper (`-m conntrack
# --ctstate RELATED -m helper --helper ftp`), ESTABLISHED, new control connections, and drops
# the rest. Small python programs exchange files over FTP in passive (PASV, EPSV) and active
# (PORT, EPRT) mode, answer a TFTP read request from another port, connect back to an IRC DCC
# SEND offer, fetch a SANE scan and an Amanda dump (IPv4 and IPv6 but IRC), while tcpdump
# captures R. The capture replayed through nfcore with the same rulesets and R's
# `ip -j addr`/`ip -j route` must give every rule and policy the kernel's counters and the same
# conntrack table (helper=NAME and use= on the masters, the expected connections present).
. "$(dirname "$0")/../lib.sh"
need iptables-legacy iptables-legacy-restore iptables-legacy-save conntrack tcpdump nc python3
NFCORE=$ULOG_TOP/$BUILD/nfcore
[ -x "$NFCORE" ] || { skip "ct_helper: $NFCORE not built"; exit 0; }

router_triple h 81 || { fail "ct_helper: namespaces"; exit 1; }

cat >"$T_TMP/rules.v4" <<'RULES'
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
-A PREROUTING -p udp -m udp --dport 69 -j CT --helper tftp
-A PREROUTING -p tcp -m tcp --dport 6667 -j CT --helper irc
-A PREROUTING -p tcp -m tcp --dport 6566 -j CT --helper sane
-A PREROUTING -p udp -m udp --dport 10080 -j CT --helper amanda
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper ftp
-A FORWARD -m helper ! --helper ""
-A FORWARD -m helper --helper ftp-21
-A FORWARD -m helper --helper ft
-A FORWARD -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED -m helper --helper tftp -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED -m helper --helper irc -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED -m helper --helper sane -j ACCEPT
-A FORWARD -m conntrack --ctstate RELATED -m helper --helper amanda -j ACCEPT
-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
-A FORWARD -i r0 -o r1 -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT
-A FORWARD -i r0 -o r1 -p udp -m udp --dport 69 -j ACCEPT
-A FORWARD -i r0 -o r1 -p tcp -m tcp --dport 6667 -m conntrack --ctstate NEW -j ACCEPT
-A FORWARD -i r0 -o r1 -p tcp -m tcp --dport 6566 -m conntrack --ctstate NEW -j ACCEPT
-A FORWARD -i r0 -o r1 -p udp -m udp --dport 10080 -j ACCEPT
-A FORWARD -j DROP
COMMIT
RULES
sed -e 's/^:INPUT DROP/:INPUT ACCEPT/' -e '/CT --helper irc/d' "$T_TMP/rules.v4" >"$T_TMP/rules.v6"   # irc: IPv4 only
$inR iptables-legacy-restore <"$T_TMP/rules.v4" && $inR ip6tables-legacy-restore <"$T_TMP/rules.v6" ||
	{ fail "ct_helper: the kernel refuses the ruleset"; exit 1; }
$inR ip -j addr >"$T_TMP/addr.json"
{ $inR ip -j route; $inR ip -j -6 route; } | tr -d '\n' | sed 's/\]\[/,/' >"$T_TMP/route.json"

cat >"$T_TMP/ftp.py" <<'PY'
# A tiny FTP server and client: `server IP` serves one
# control connection (PASV, EPSV, PORT, EPRT, RETR of 3000 bytes, active data from port 20);
# `client SERVER MYIP MODE,...` logs in and fetches once in each mode (PASV, EPSV, PORT, EPRT);
# `tftpd IP` answers one read request from another port, `tftp SERVER MYIP` sends it;
# `ircd IP` connects back to a DCC SEND offer, `irc SERVER MYIP` makes one; `saned IP`
# answers SANE_NET_START with a data port, `sane SERVER` asks and reads the scan; `amandad IP`
# answers a request with a CONNECT line and sends on DATA, `amanda SERVER` reads it.
import ftplib
import socket
import struct
import sys


def fam(ip):
    return socket.AF_INET6 if ':' in ip else socket.AF_INET


def serve(ip):
    ls = socket.socket(fam(ip))
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((ip, 21))
    ls.listen(1)
    c, _ = ls.accept()
    rd = c.makefile('rb')
    say = lambda s: c.sendall((s + '\r\n').encode())
    say('220 ready')
    mode = None
    for raw in rd:
        line = raw.decode().strip()
        verb, _, arg = line.partition(' ')
        verb = verb.upper()
        if verb in ('PASV', 'EPSV'):
            pl = socket.socket(fam(ip))
            pl.bind((ip, 0))
            pl.listen(1)
            p = pl.getsockname()[1]
            mode = ('p', pl)
            if verb == 'PASV':
                say('227 Entering Passive Mode (%s,%d,%d).' % (ip.replace('.', ','), p >> 8, p & 255))
            else:
                say('229 Entering Extended Passive Mode (|||%d|)' % p)
        elif verb == 'PORT':
            n = [int(x) for x in arg.split(',')]
            mode = ('a', ('.'.join(map(str, n[:4])), n[4] * 256 + n[5]))
            say('200 PORT ok')
        elif verb == 'EPRT':
            f = arg.split(arg[0])
            mode = ('a', (f[2], int(f[3])))
            say('200 EPRT ok')
        elif verb == 'RETR':
            say('150 here it comes')
            if mode[0] == 'p':
                d, _ = mode[1].accept()
                mode[1].close()
            else:
                d = socket.socket(fam(ip))
                d.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                d.bind((ip, 20))
                d.connect(mode[1])
            d.sendall(b'x' * 3000)
            d.close()
            say('226 done')
        elif verb == 'QUIT':
            say('221 bye')
            break
        else:
            say({'USER': '331 password', 'PASS': '230 in'}.get(verb, '200 ok'))
    c.close()


def tftpd(ip):
    s = socket.socket(fam(ip), socket.SOCK_DGRAM)
    s.bind((ip, 69))
    _, peer = s.recvfrom(600)
    t = socket.socket(fam(ip), socket.SOCK_DGRAM)
    t.bind((ip, 0))
    t.settimeout(5)
    t.sendto(b'\x00\x03\x00\x01' + b'y' * 508, peer)
    t.recvfrom(100)


def tftp(server, me):
    c = socket.socket(fam(me), socket.SOCK_DGRAM)
    c.settimeout(5)
    c.bind((me, 0))
    c.sendto(b'\x00\x01file\x00octet\x00', (server, 69))
    d, peer = c.recvfrom(600)
    c.sendto(b'\x00\x04\x00\x01', peer)
    print(len(d))


def ircd(ip):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((ip, 6667))
    ls.listen(1)
    c, _ = ls.accept()
    for raw in c.makefile('rb'):
        line = raw.decode().strip()
        if line.startswith('NICK'):
            c.sendall(b':srv 001 alice :welcome\r\n')
        elif '\x01DCC SEND' in line:
            f = line.strip('\x01').split()
            host = socket.inet_ntoa(int(f[-3]).to_bytes(4, 'big'))
            d = socket.create_connection((host, int(f[-2])), timeout=5)
            d.sendall(b'abc')
            d.close()
        elif line.startswith('QUIT'):
            break
    c.close()


def irc(server, me):
    c = socket.create_connection((server, 6667), timeout=5)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    rd = c.makefile('rb')
    c.sendall(b'NICK alice\r\n')
    rd.readline()
    ls = socket.socket()
    ls.bind((me, 0))
    ls.listen(1)
    ls.settimeout(5)
    ip = int.from_bytes(socket.inet_aton(me), 'big')
    c.sendall(b'PRIVMSG bob :\x01DCC SEND f.txt %d %d 3\x01\r\n' % (ip, ls.getsockname()[1]))
    d, _ = ls.accept()
    got = b''
    while True:
        b = d.recv(100)
        if not b:
            break
        got += b
    d.close()
    c.sendall(b'QUIT :bye\r\n')
    c.close()
    print(len(got))


def saned(ip):
    ls = socket.socket(fam(ip))
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((ip, 6566))
    ls.listen(1)
    c, _ = ls.accept()
    c.recv(8)
    dl = socket.socket(fam(ip))
    dl.bind((ip, 0))
    dl.listen(1)
    c.sendall(struct.pack('!IHHII', 0, 0, dl.getsockname()[1], 0x1234, 0))
    d, _ = dl.accept()
    d.sendall(b'scan')
    d.close()
    c.recv(8)
    c.close()


def sane(server):
    c = socket.create_connection((server, 6566), timeout=5)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.sendall(struct.pack('!II', 7, 1))
    port = struct.unpack('!IHH', c.recv(16)[:8])[2]
    d = socket.create_connection((server, port), timeout=5)
    got = d.recv(100)
    d.close()
    c.sendall(struct.pack('!II', 10, 0))
    c.close()
    print(len(got))


def amandad(ip):
    s = socket.socket(fam(ip), socket.SOCK_DGRAM)
    s.bind((ip, 10080))
    _, peer = s.recvfrom(600)
    ls = [socket.socket(fam(ip)) for _ in range(3)]
    for x in ls:
        x.bind((ip, 0))
        x.listen(1)
    ports = [x.getsockname()[1] for x in ls]
    s.sendto(b'Amanda 2.6 REP HANDLE 000 SEQ 1\nCONNECT DATA %d MESG %d INDEX %d\n' % tuple(ports),
             peer)
    d, _ = ls[0].accept()
    d.sendall(b'dump')
    d.close()


def amanda(server):
    c = socket.socket(fam(server), socket.SOCK_DGRAM)
    c.settimeout(5)
    c.sendto(b'Amanda 2.6 REQ HANDLE 000 SEQ 1\nSERVICE sendbackup\n', (server, 10080))
    rep = c.recvfrom(600)[0].decode()
    port = int(rep.split('DATA ')[1].split()[0])
    d = socket.create_connection((server, port), timeout=5)
    got = d.recv(100)
    d.close()
    print(len(got))


def fetch(f, conn):
    f.sendcmd('RETR file')
    d = conn()
    got = 0
    while True:
        b = d.recv(4096)
        if not b:
            break
        got += len(b)
    d.close()
    f.voidresp()
    return got


def client(server, me, modes):
    f = ftplib.FTP()
    f.connect(server, 21, timeout=5)
    f.login('user', 'pass')
    total = 0
    if 'PASV' in modes:
        h, p = ftplib.parse227(f.sendcmd('PASV'))
        total += fetch(f, lambda: socket.create_connection((h, p), timeout=5))
    if 'EPSV' in modes:
        p = int(f.sendcmd('EPSV').split('|')[3])
        total += fetch(f, lambda: socket.create_connection((server, p), timeout=5))
    for verb in [m for m in modes if m in ('PORT', 'EPRT')]:
        ls = socket.socket(fam(me))
        ls.bind((me, 0))
        ls.listen(1)
        ls.settimeout(5)
        port = ls.getsockname()[1]
        if verb == 'PORT':
            f.sendport(me, port)
        else:
            f.sendeprt(me, port)
        total += fetch(f, lambda: ls.accept()[0])
        ls.close()
    f.quit()
    print(total)


if __name__ == '__main__':
    if sys.argv[1] == 'server':
        serve(sys.argv[2])
    elif sys.argv[1] == 'tftpd':
        tftpd(sys.argv[2])
    elif sys.argv[1] == 'tftp':
        tftp(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'amandad':
        amandad(sys.argv[2])
    elif sys.argv[1] == 'amanda':
        amanda(sys.argv[2])
    elif sys.argv[1] == 'saned':
        saned(sys.argv[2])
    elif sys.argv[1] == 'sane':
        sane(sys.argv[2])
    elif sys.argv[1] == 'ircd':
        ircd(sys.argv[2])
    elif sys.argv[1] == 'irc':
        irc(sys.argv[2], sys.argv[3])
    else:
        client(sys.argv[2], sys.argv[3], sys.argv[4].split(','))
PY

for n in "$C" "$R" "$S"; do ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0; done
sleep 3       # let the links' own chatter (MLD reports, DAD) die down
capture_start ct_helper "$R" || exit 1
$inR iptables-legacy -Z; $inR iptables-legacy -t raw -Z; $inR ip6tables-legacy -Z; $inR ip6tables-legacy -t raw -Z
T_FROM=$(date +%s.%N)

$inS python3 "$T_TMP/ftp.py" server 10.81.2.2 & T_PIDS+=($!)
sleep 0.5
got=$($inC python3 "$T_TMP/ftp.py" client 10.81.2.2 10.81.1.2 PASV,EPSV,PORT,EPRT 2>"$T_TMP/client.err")
check_eq "ct_helper: the client fetched 4 files through R (PASV, EPSV, PORT, EPRT)" "$got" 12000
[ "$got" = 12000 ] || sed 's/^/# /' "$T_TMP/client.err"
$inS python3 "$T_TMP/ftp.py" server fd81:2::2 & T_PIDS+=($!)
sleep 0.5
got=$($inC python3 "$T_TMP/ftp.py" client fd81:2::2 fd81:1::2 EPSV,EPRT 2>"$T_TMP/client6.err")
check_eq "ct_helper: IPv6: the client fetched 2 files through R (EPSV, EPRT)" "$got" 6000
[ "$got" = 6000 ] || sed 's/^/# /' "$T_TMP/client6.err"
for ip in "10.81.2.2 10.81.1.2" "fd81:2::2 fd81:1::2"; do
	set -- $ip
	$inS python3 "$T_TMP/ftp.py" tftpd "$1" & T_PIDS+=($!)
	sleep 0.3
	got=$($inC python3 "$T_TMP/ftp.py" tftp "$1" "$2" 2>&1)
	check_eq "ct_helper: TFTP read request to $1 answered from another port through R" "$got" 512
done
$inS python3 "$T_TMP/ftp.py" ircd 10.81.2.2 & T_PIDS+=($!)
sleep 0.3
got=$($inC python3 "$T_TMP/ftp.py" irc 10.81.2.2 10.81.1.2 2>&1)
check_eq "ct_helper: IRC DCC SEND: the peer's connection back to the client came through R" "$got" 3
for ip in 10.81.2.2 fd81:2::2; do
	$inS python3 "$T_TMP/ftp.py" saned "$ip" & T_PIDS+=($!)
	sleep 0.3
	got=$($inC python3 "$T_TMP/ftp.py" sane "$ip" 2>&1)
	check_eq "ct_helper: SANE_NET_START to $ip: the scan data connection came through R" "$got" 4
	$inS python3 "$T_TMP/ftp.py" amandad "$ip" & T_PIDS+=($!)
	sleep 0.3
	got=$($inC python3 "$T_TMP/ftp.py" amanda "$ip" 2>&1)
	check_eq "ct_helper: Amanda CONNECT from $ip: the DATA connection came through R" "$got" 4
done
$inC nc -z -w1 10.81.2.2 2121                                 # not expected: dropped
$inC nc -6 -z -w1 fd81:2::2 2121
kernel_snapshot "$R" 4 6

nfcore_compare ct_helper --rules "$T_TMP/rules.v4" --rules6 "$T_TMP/rules.v6" \
	--host "$T_TMP/addr.json" --host "$T_TMP/route.json"

# related NAME: the kernel's counters of `--ctstate RELATED -m helper --helper NAME`, IPv4 then IPv6
related() { grep -- "--ctstate RELATED -m helper --helper $1 -j" "$T_TMP/kernel.save" | sed 's/^\[\([0-9]*\):.*/\1/' | tr '\n' ' '; }
check_eq "ct_helper: the kernel let the data connections in as RELATED to ftp (4 IPv4, 2 IPv6)" "$(related ftp)" "4 2 "
check_eq "ct_helper: ... and the TFTP answers as RELATED to tftp (1 IPv4, 1 IPv6)" "$(related tftp)" "1 1 "
check_eq "ct_helper: ... and the DCC connection as RELATED to irc (IPv4)" "$(related irc)" "1 0 "
check_eq "ct_helper: ... and the SANE data connections as RELATED to sane (1 IPv4, 1 IPv6)" "$(related sane)" "1 1 "
check_eq "ct_helper: ... and the Amanda DATA connections as RELATED to amanda (1 IPv4, 1 IPv6)" "$(related amanda)" "1 1 "
check_eq "ct_helper: the kernel lists helper=ftp on the control connections" \
	"$(grep -c 'dport=21 .*helper=ftp' "$T_TMP/kernel.ct")" 2
[ -n "${CT_HELPER_KEEP:-}" ] && cp -r "$T_TMP" "$CT_HELPER_KEEP"
t_done
