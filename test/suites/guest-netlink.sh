#!/usr/bin/env bash
# In-guest suite: NETLINK_ROUTE (test/guest/netlink/): the socket's
# semantics and messages in C, busybox `ip` against Linux's output, and
# musl's getifaddrs/if_nameindex; booted on $KERNEL with the virtio-net
# card on QEMU's restricted user network (tools/qemu-run --net).
GUEST_NET=1 exec tools/guest-suite netlink 300
