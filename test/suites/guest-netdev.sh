#!/usr/bin/env bash
# In-guest suite: the programs of test/guest/netdev/ (interface, route and
# ARP ioctls, raw, ping and packet sockets, /proc/net, privilege, udhcpc),
# booted on $KERNEL with the virtio-net card on QEMU's restricted user
# network (tools/qemu-run --net: restrict=on, no host forwards).
GUEST_NET=1 exec tools/guest-suite netdev 600
