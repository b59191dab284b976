# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: the router's own packets (OUTPUT, and through lo to INPUT): "DST HEX UID GID"
# lines sent through raw sockets owned by UID:GID, in order. Each socket's mark tells the owner
# apart in the capture: 0x7e57 | index << 16, the index counting owners as they first appear
# (written to argv[3], one "UID:GID" a line; index 0 is root's, 0:0).
# owned_socket() is also used by tests/integration/ct_proof_send.py.
import ctypes, os, socket, sys, time
PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP = 28, 4
libc = ctypes.CDLL(None, use_errno=True)


def owned_socket(family, uid, gid):
    """A raw IP socket (IPPROTO_RAW) created with effective ids UID:GID, capabilities kept."""
    libc.prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP, 0, 0, 0)
    os.setegid(gid)
    os.seteuid(uid)
    try:
        return socket.socket(family, socket.SOCK_RAW, socket.IPPROTO_RAW)
    finally:
        os.seteuid(0)
        os.setegid(0)


def sock_of(fam, owners, socks, uid, gid):
    """A raw socket created with effective ids UID:GID, marked by owner."""
    if (uid, gid) not in owners:
        owners.append((uid, gid))
    if (uid, gid) not in socks:
        s = owned_socket(fam, uid, gid)
        s.setsockopt(socket.SOL_SOCKET, 36, 0x7e57 | owners.index((uid, gid)) << 16)     # SO_MARK
        socks[(uid, gid)] = s
    return socks[(uid, gid)]


if __name__ == '__main__':
    fam = socket.AF_INET6 if sys.argv[2] == '6' else socket.AF_INET
    owners, socks = [(0, 0)], {}
    for line in open(sys.argv[1]):
        dst, hexs, uid, gid = line.split()
        s = sock_of(fam, owners, socks, int(uid), int(gid))
        try:
            s.sendto(bytes.fromhex(hexs), (dst, 0))
        except OSError:
            pass
        time.sleep(0.0005)
    with open(sys.argv[3], 'w') as f:
        f.write(''.join('%d:%d\n' % o for o in owners))
