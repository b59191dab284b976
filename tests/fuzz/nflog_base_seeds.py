#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Seeds for the nflog_base fuzzer from an NFLOG capture (tests/data/pcap/nflog.pcap): each record
# as a netlink NFULNL_MSG_PACKET message (a DLT_NFLOG record is nfgenmsg + attributes), each
# record as it is, and all messages in one buffer as one recv would return them.
# Usage: tests/fuzz/nflog_base_seeds.py [PCAP] [OUTDIR]
import os
import struct
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
pcap = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "tests/data/pcap/nflog.pcap")
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(top, "tests/fuzz/corpus/nflog_base")

data = open(pcap, "rb").read()
magic = struct.unpack("<I", data[:4])[0]
end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
linktype = struct.unpack(end + "I", data[20:24])[0]
assert linktype == 239, "not an NFLOG capture"
off, recs = 24, []
while off + 16 <= len(data):
    _, _, caplen, _ = struct.unpack(end + "IIII", data[off:off + 16])
    recs.append(data[off + 16:off + 16 + caplen])
    off += 16 + caplen

NFULA_MSG_PACKET = 4 << 8
msgs = []
for i, r in enumerate(recs):
    body = r + b"\0" * (-len(r) % 4)
    msg = struct.pack("=IHHII", 16 + len(body), NFULA_MSG_PACKET, 0, 0, 0) + body
    msgs.append(msg)
    open(os.path.join(out, "nl-%02d" % i), "wb").write(msg)
    open(os.path.join(out, "rec-%02d" % i), "wb").write(r)
open(os.path.join(out, "nl-all"), "wb").write(b"".join(msgs))
print("%d records -> %s" % (len(recs), out))
