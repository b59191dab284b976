# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: IPv4 multicast routes in the router namespace, so that packets to a group
# are forwarded (FORWARD) from one of the ruleset's interfaces to another. Lines of argv[1]:
# "SRC GROUP IN OUT". Holds the multicast routing socket open (the routes live as long as it
# does) until stdin closes; prints "ready" once they are in place.
import socket, struct, sys
MRT_INIT, MRT_ADD_VIF, MRT_ADD_MFC, VIFF_USE_IFINDEX = 200, 202, 204, 8
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, MRT_INIT, struct.pack('i', 1))
vifs = {}

def vif(name):
    """The virtual interface number of interface NAME, added on first use."""
    if name not in vifs:
        vifs[name] = len(vifs)
        s.setsockopt(socket.IPPROTO_IP, MRT_ADD_VIF, struct.pack('HBBIiI', vifs[name], VIFF_USE_IFINDEX, 1, 0,
                                                                  socket.if_nametoindex(name), 0))
    return vifs[name]

for line in open(sys.argv[1]):
    src, grp, inn, outn = line.split()
    ttls = bytearray(32)
    parent, out = vif(inn), vif(outn)
    ttls[out] = 1
    s.setsockopt(socket.IPPROTO_IP, MRT_ADD_MFC, struct.pack('4s4sH32sIIIi', socket.inet_aton(src),
                 socket.inet_aton(grp), parent, bytes(ttls), 0, 0, 0, 0))
print('ready', flush=True)
sys.stdin.read()
