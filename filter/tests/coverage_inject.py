# SPDX-License-Identifier: GPL-2.0-or-later
# rule_coverage.sh: "IN MAC HEX" lines -> Ethernet frames sent on the sink-side peer of IN.
import socket, sys, time
peer = dict(l.split() for l in open(sys.argv[2]))
rmac = dict(l.split() for l in open(sys.argv[3]))
socks = {}
for line in open(sys.argv[1]):
    inn, mac, hexs = line.split()
    p = peer[inn]
    if p not in socks:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((p, 0))
        socks[p] = s
    pkt = bytes.fromhex(hexs)
    frame = bytes.fromhex(rmac[inn].replace(':', '')) + bytes.fromhex(mac.replace(':', '')) + \
        (b'\x86\xdd' if pkt[0] >> 4 == 6 else b'\x08\x00') + pkt
    socks[p].send(frame)
    time.sleep(0.0005)
