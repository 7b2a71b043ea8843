#!/usr/bin/env python3
"""Write the seed corpora test/fuzz/corpus/<target>/ (committed).

Each seed is a short, hand-described record stream in the format the
target's header comment documents, so fuzzing starts from inputs that
already reach deep paths (a valid ARP exchange, a fragmented datagram,
an echo request, an ICMP error quoting our socket, a UDP datagram per
socket).  Run from the repository root: test/fuzz/make-seeds.py
"""
import os
import struct

OUR_MAC = bytes([2, 0, 0, 0, 0, 1])
PEER_MAC = bytes([2, 0, 0, 0, 0, 2])
OUR_IP = bytes([192, 0, 2, 1])
PEER_IP = bytes([192, 0, 2, 2])


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip(proto, payload, src=PEER_IP, dst=OUR_IP, ident=1, frag=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, 64,
                    proto, 0, src, dst)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(sport, dport, data, src=PEER_IP, dst=OUR_IP):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    ph = src + dst + struct.pack("!BBH", 0, 17, len(u))
    c = csum(ph + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def icmp_echo(n):
    body = struct.pack("!BBHHH", 8, 0, 0, 0x1234, 1) + bytes(i & 0xFF for i in range(n))
    return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def eth(typ, payload, dst=OUR_MAC):
    return dst + PEER_MAC + struct.pack("!H", typ) + payload


def arp(op, sha, sip, tha, tip):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, sip, tha, tip)


def frame_rec(op, frame):
    return bytes([op]) + struct.pack("!H", len(frame)) + frame


seeds = {}

# fuzz_eth: op, u16 length, frame.
req = arp(1, PEER_MAC, PEER_IP, bytes(6), OUR_IP)
seeds["eth"] = {
    "arp-request": frame_rec(0, eth(0x0806, req, dst=b"\xff" * 6)),
    "udp-echo": frame_rec(0, eth(0x0800, ip(17, udp(5000, 7, b"hello")))),
    "ping": frame_rec(0, eth(0x0800, ip(1, icmp_echo(56)))),
    "tcp-syn": frame_rec(0, eth(0x0800, ip(6, struct.pack("!HHIIBBHHH", 4000, 80, 1, 0,
                                                         0x50, 2, 8192, 0, 0)))),
    "clock": bytes([0xc0 | 40]) + frame_rec(1, eth(0x0800, ip(17, udp(1, 9, b"x")))),
}

# fuzz_arp: op 0 = flags + 28 bytes; 2 = send needing ARP; 3 = clock.
seeds["arp"] = {
    "request-for-us": bytes([0x00, 0x01 | 0x04 | 0x08]) + req,
    "reply": bytes([0x80, 0x01 | 0x02]) + arp(2, bytes([2, 0, 0, 0, 0, 3]),
                                              bytes([192, 0, 2, 3]), OUR_MAC, OUR_IP),
    "resolve": bytes([2, 0x80, 3, 5]) +
               bytes([0x80, 0x01 | 0x02 | 0x10]) + arp(2, bytes([2, 0, 0, 0, 0, 3]),
                                                       bytes([192, 0, 2, 3]), OUR_MAC, OUR_IP),
    "resolve-fails": bytes([2, 0x81, 3, 20, 3, 40, 3, 255]),
    "short": bytes([1, 10]) + req[:10],
}

# fuzz_ipv4: op 0 = sel, u16 off, u16 len, payload (fragment).
def frag(sel, off, data, op=0x40 | 0x20):
    return bytes([op & ~3, sel]) + struct.pack("!HH", off, len(data)) + data

payload = udp(5000, 7, bytes(range(256)) * 8)[:1200]
seeds["ipv4"] = {
    "two-fragments": frag(0x40, 0, payload[:600]) + frag(0x00, 75, payload[600:]),
    "reverse-order": frag(0x00, 75, payload[600:]) + frag(0x40, 0, payload[:600]),
    "overlap-dup": frag(0x40, 0, payload[:600]) + bytes([2]) + frag(0x00, 70, payload[560:]),
    "timeout": frag(0x41, 0, payload[:600]) + bytes([3, 200]),
    "flood-big": bytes([0x82]) + struct.pack("!H", 300) + bytes([5]),
    "raw-with-options": bytes([0x81]) + struct.pack("!H", 32) +
                        bytes([0x46, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0]) + PEER_IP + OUR_IP +
                        bytes([1, 1, 1, 0]) + udp(5000, 7, b"")[:8],
}

# fuzz_icmp: 0 = u16 len + message; 1 = error about us; 2 = echo.
seeds["icmp"] = {
    "echo": bytes([2]) + struct.pack("!H", 56) + b"\x12\x34\x00\x01",
    "big-echo": bytes([2]) + struct.pack("!H", 4000) + b"\x12\x34\x00\x02",
    "port-unreach-udp": bytes([1, 0x00, 3]) + struct.pack("!H", 0) + bytes([0]) + bytes(4),
    "frag-needed-tcp": bytes([1, 0x23, 4]) + struct.pack("!H", 1200) + bytes([0]) + bytes(4),
    "timestamp": bytes([0]) + struct.pack("!H", 12) + bytes([13, 0, 0, 0, 0, 1, 0, 1]) + bytes(12),
}

# fuzz_udp: 0 = sel, u16 port, u16 len, payload; 1 = app call.
def dgram(sel, port, data, op=0):
    return bytes([op, sel]) + struct.pack("!HH", port, len(data)) + data

seeds["udp"] = {
    "to-echo": dgram(0x20, 0, b"ping") + bytes([1, 0]) + struct.pack("!H", 100),
    "to-connected": dgram(0x24 | 2, 0, b"reply") + bytes([1, 2]) + struct.pack("!H", 100),
    "broadcast": dgram(0x08 | 1, 0, b"bcast"),
    "unbound-port": dgram(0x03, 9999, b"nobody"),
    "send-big": bytes([1, 0x08 | (0 << 5)]) + struct.pack("!H", 4000),
}

# fuzz_ipv6: 0 = sel, next header, hop limit, u16 len, payload (op 0x80:
# ICMPv6 checksum fixed up); 2 = fragment; 3 = clock; 4 = send.
OUR6 = bytes.fromhex("20010db8000000000000000000000001")
def pkt6(sel, nh, hops, payload, op=0x80):
    return bytes([op, sel, nh, hops]) + struct.pack("!H", len(payload)) + payload
def icmp6(typ, body):
    return bytes([typ, 0, 0, 0]) + body
def frag6(sel, off, data):
    return bytes([0x82, sel]) + struct.pack("!HH", off, len(data)) + data
prefix_opt = (bytes([3, 4, 64, 0xC0]) + struct.pack("!III", 86400, 14400, 0) +
              bytes.fromhex("20010db8000200000000000000000000"))
seeds["ipv6"] = {
    "echo": pkt6(0x00, 58, 64, icmp6(128, b"\x00\x42\x00\x01" + bytes(range(56)))),
    "ns-for-us": pkt6(0x58, 58, 255, icmp6(135, bytes(4) + OUR6 + bytes([1, 1]) + PEER_MAC)),
    "ra-slaac": pkt6(0x57, 58, 255, icmp6(134, bytes([64, 0]) + struct.pack("!HII", 1800, 0, 0) +
                                          prefix_opt)) + bytes([3, 40]),
    "dstopt-10": pkt6(0x00, 60, 64, bytes([58, 0, 0x9E, 2, 0, 0, 1, 0]) +
                      icmp6(128, b"\x00\x42\x00\x02")),
    "fragments": frag6(0x03, 0, bytes([128, 0, 0, 0, 0, 0x42, 0, 3]) + bytes(8)) +
                 frag6(0x01, 16, bytes(8)),
    "send-big": bytes([4, 0]) + struct.pack("!H", 2999) + bytes([3, 8]),
}

for target, items in seeds.items():
    d = os.path.join("test/fuzz/corpus", target)
    os.makedirs(d, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)

# fuzz_tcp and fuzz_cpio: a few structured starting points too.
d = "test/fuzz/corpus/tcp"
os.makedirs(d, exist_ok=True)
def seg(target, flags, mode, seq, ack, win, opts=b"", data=b""):
    return (bytes([target & 3, target, flags, mode]) + struct.pack("!IIH", seq, ack, win) +
            bytes([len(opts)]) + opts + bytes([len(data)]) + data)
tcp_seeds = {
    "syn-to-listener": seg(0, 0x02, 0, 5000, 0, 65535, bytes([2, 4, 5, 0xb4, 1, 3, 3, 7])),
    "data-in-window": seg(1, 0x18, 3, 0, 0, 65535, b"", b"hello world"),
    "fin": seg(1, 0x11, 3, 0, 0, 65535),
    "clock-and-send": bytes([4, 50, 5, 0, 10, 4, 0x80 | 4, 200]),
    "rst-closing": seg(2, 0x04, 3, 0, 0, 0),
}
for name, data in tcp_seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

d = "test/fuzz/corpus/cpio"
os.makedirs(d, exist_ok=True)
def newc(name, data, mode=0o100644, ino=1):
    nm = name.encode() + b"\0"
    hdr = b"070701" + b"".join(b"%08X" % v for v in
                               (ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nm), 0))
    out = hdr + nm
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)
with open(os.path.join(d, "two-files"), "wb") as f:
    f.write(newc("dir", b"", 0o40755, 1) + newc("dir/file", b"content\n", 0o100644, 2) +
            newc("TRAILER!!!", b"", 0, 0))
with open(os.path.join(d, "symlink"), "wb") as f:
    f.write(newc("link", b"target", 0o120777, 3) + newc("TRAILER!!!", b"", 0, 0))

# fuzz_bpf: flags byte, instruction count - 1, 8-byte instructions
# (code, jt, jf, k little-endian), then the packet buffer.
d = "test/fuzz/corpus/bpf"
os.makedirs(d, exist_ok=True)
def bpf(flags, insns, packet):
    out = bytes([flags, len(insns) - 1])
    for code, jt, jf, k in insns:
        out += struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)
    return out + packet
SKF_AD_OFF, SKF_NET_OFF, SKF_LL_OFF = -0x1000, -0x100000, -0x200000
dhcp_ip = ip(17, udp(67, 68, b"\x02\x01\x06\x00" + bytes(40)), src=PEER_IP, dst=bytes([255] * 4))
dhcp_frame = eth(0x0800, dhcp_ip, dst=b"\xff" * 6)
udhcpc = [(0x30, 0, 0, 9), (0x15, 0, 6, 17), (0x28, 0, 0, 6), (0x45, 4, 0, 0x1FFF),
          (0xB1, 0, 0, 0), (0x48, 0, 0, 2), (0x15, 0, 1, 68), (0x06, 0, 0, 0x7FFFFFFF),
          (0x06, 0, 0, 0)]
udp67 = [(0x28, 0, 0, 12), (0x15, 0, 6, 0x86DD), (0x30, 0, 0, 20), (0x15, 0, 15, 17),
         (0x28, 0, 0, 54), (0x15, 12, 0, 67), (0x28, 0, 0, 56), (0x15, 10, 11, 67),
         (0x15, 0, 10, 0x800), (0x30, 0, 0, 23), (0x15, 0, 8, 17), (0x28, 0, 0, 20),
         (0x45, 6, 0, 0x1FFF), (0xB1, 0, 0, 14), (0x48, 0, 0, 14), (0x15, 2, 0, 67),
         (0x48, 0, 0, 16), (0x15, 0, 1, 67), (0x06, 0, 0, 0x40000), (0x06, 0, 0, 0)]
arp_prog = [(0x28, 0, 0, 12), (0x15, 0, 1, 0x806), (0x06, 0, 0, 0x40000), (0x06, 0, 0, 0)]
arp_frame = eth(0x0806, arp(1, PEER_MAC, PEER_IP, bytes(6), OUR_IP), dst=b"\xff" * 6)
headers = [(0x30, 0, 0, SKF_NET_OFF + 9), (0x02, 0, 0, 0), (0x28, 0, 0, SKF_LL_OFF + 12),
           (0x20, 0, 0, SKF_AD_OFF + 0), (0x20, 0, 0, SKF_AD_OFF + 8), (0x61, 0, 0, 0),
           (0x0C, 0, 0, 0), (0x20, 0, 0, SKF_AD_OFF + 40), (0x9C, 0, 0, 0), (0x16, 0, 0, 0)]
scratch = [(0x01, 0, 0, 3), (0x03, 0, 0, 15), (0x00, 0, 0, 100), (0x3C, 0, 0, 0),
           (0x61, 0, 0, 15), (0x84, 0, 0, 0), (0x2D, 1, 0, 0), (0x05, 0, 0, 0),
           (0x16, 0, 0, 0)]
bpf_seeds = {
    "udhcpc-dhcp-offer": bpf(0x44, udhcpc, dhcp_frame),
    "tcpdump-udp-port-67": bpf(0x40, udp67, dhcp_frame),
    "tcpdump-arp": bpf(0x40, arp_prog, arp_frame),
    "header-and-ancillary-loads": bpf(0x48, headers, dhcp_frame),
    "scratch-and-alu": bpf(0x00, scratch, b"\x45" + bytes(30)),
    "repaired-random": bpf(0x03, [(0x1234, 7, 9, 0xDEADBEEF), (0x99, 1, 1, 0x10),
                                 (0x60, 0, 0, 0x21), (0x2D, 3, 2, 5)], dhcp_frame),
}
for name, data in bpf_seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

# fuzz_packet: op (action << 5 | flags | socket), then the action's data
# (see its header comment).  Sockets: 0 RAW ETH_P_ALL eth0, 1 DGRAM
# ETH_P_IP, 2 RAW ETH_P_ARP lo, 3 DGRAM unhooked.
d = "test/fuzz/corpus/packet"
os.makedirs(d, exist_ok=True)
def pk_rx(frame, flags=0):
    return bytes([0 << 5 | flags]) + struct.pack("!H", len(frame)) + frame
def pk_tx(sock, data, addr=None):
    out = bytes([1 << 5 | (4 if addr else 0) | sock])
    if addr:
        alen, ifindex, proto, mac = addr
        out += bytes([alen, ifindex]) + struct.pack("!H", proto) + bytes([6]) + mac + bytes(2)
    return out + struct.pack("!H", len(data)) + data
def pk_recv(sock, peek=False):
    return bytes([3 << 5 | (4 if peek else 0) | sock])
def pk_filter(sock, insns):
    out = bytes([4 << 5 | sock, len(insns) - 1])
    for code, jt, jf, k in insns:
        out += struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)
    return out
def pk_mreq(sock, add, ifindex, typ, alen, addr=bytes(8)):
    return bytes([5 << 5 | (4 if add else 0) | sock, ifindex, typ, alen]) + addr
arp_reply = eth(0x0806, arp(2, PEER_MAC, PEER_IP, OUR_MAC, OUR_IP))
packet_seeds = {
    "dhcp-offer": pk_rx(dhcp_frame, 4) + pk_recv(1) + pk_recv(0),
    "arp-exchange": pk_tx(0, arp_frame) + pk_rx(arp_reply) + pk_recv(0) + pk_recv(0, True) +
                    pk_recv(0),
    "filter-arp-only": pk_filter(0, arp_prog) + pk_rx(dhcp_frame) + pk_rx(arp_reply) +
                       pk_recv(0) + pk_recv(0),
    "dgram-to-lo": pk_tx(2, b"\x45" + bytes(27), (20, 1, 0x0800, bytes(6))) + pk_recv(1) +
                   pk_recv(2),
    "raw-to-lo": pk_tx(2, bytes(12) + b"\x08\x06" + bytes(28)) + pk_recv(2),
    "memberships": pk_mreq(0, True, 2, 1, 0) +
                   pk_mreq(0, True, 2, 0, 6, b"\x01\x00\x5e\x00\x00\x01\x00\x00") +
                   pk_mreq(0, False, 2, 1, 0) + bytes([6 << 5 | 4 | 0]) + struct.pack("!H", 3),
    "bind-and-down": bytes([2 << 5 | 3, 2]) + struct.pack("!H", 0x0806) + pk_rx(arp_reply) +
                     bytes([7 << 5 | 4, 10]) + pk_recv(3) + bytes([7 << 5 | 4, 1]) + pk_recv(3),
}
for name, data in packet_seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

# netlink: an options byte (bit 0: a listener for notifications), then
# rtnetlink requests as a sendmsg carries them (little-endian headers).
d = "test/fuzz/corpus/netlink"
os.makedirs(d, exist_ok=True)
def nlmsg(typ, flags, payload, seq=1):
    body = struct.pack("<IHHII", 16 + len(payload), typ, flags | 1, seq, 0) + payload
    return body + bytes(-len(body) % 4)
def rta(typ, data):
    a = struct.pack("<HH", 4 + len(data), typ) + data
    return a + bytes(-len(a) % 4)
ifinfo = lambda index, flags=0, change=0: struct.pack("<BBHiII", 0, 0, 0, index, flags, change)
ifaddr = lambda plen, index: struct.pack("<BBBBI", 2, plen, 0, 0, index)
rtm = lambda dlen, table=254, proto=3, scope=0, typ=1: struct.pack(
    "<BBBBBBBBI", 2, dlen, 0, 0, table, proto, scope, typ, 0)
ndm = lambda index, state: struct.pack("<BBHiHBB", 2, 0, 0, index, state, 0, 1)
nl_seeds = {
    "dumps": nlmsg(18, 0x300, bytes([0])) + nlmsg(22, 0x300, bytes([2]), 2) +
             nlmsg(26, 0x300, bytes([2]), 3) + nlmsg(30, 0x300, bytes([2]), 4),
    "getlink-by-name": nlmsg(18, 4, ifinfo(0) + rta(3, b"eth0\0")),
    "setlink": nlmsg(19, 4, ifinfo(2, 0, 1) + rta(4, struct.pack("<I", 1400)) +
                     rta(3, b"net7\0") + rta(1, bytes([2, 0, 0, 0, 0, 9]))) +
               nlmsg(16, 4, ifinfo(2, 1, 1), 2),
    "addr-add-del": nlmsg(20, 0x604, ifaddr(24, 2) + rta(2, bytes([192, 0, 2, 9])) +
                          rta(3, b"eth0:1\0")) +
                    nlmsg(21, 4, ifaddr(24, 2) + rta(2, bytes([192, 0, 2, 9])), 2),
    "route-add-get-del": nlmsg(24, 0x604, rtm(24) + rta(1, bytes([198, 51, 100, 0])) +
                               rta(5, bytes([192, 0, 2, 2])) + rta(6, struct.pack("<I", 5)) +
                               rta(8, rta(2, struct.pack("<I", 1400)))) +
                         nlmsg(26, 0, rtm(0) + rta(1, bytes([198, 51, 100, 7])), 2) +
                         nlmsg(25, 4, rtm(24) + rta(1, bytes([198, 51, 100, 0])), 3),
    "neigh": nlmsg(28, 0x604, ndm(2, 0x80) + rta(1, bytes([192, 0, 2, 7])) +
                   rta(2, bytes([2, 0, 0, 0, 0, 7]))) +
             nlmsg(30, 0, ndm(2, 0) + rta(1, bytes([192, 0, 2, 7])), 2) +
             nlmsg(29, 4, ndm(2, 0) + rta(1, bytes([192, 0, 2, 7])), 3),
}
for name, data in nl_seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(bytes([1]) + data)
