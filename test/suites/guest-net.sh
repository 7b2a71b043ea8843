#!/usr/bin/env bash
# In-guest suite: the socket checks of test/guest/net/, booted on $KERNEL
# with a NIC (virtio-net on QEMU's restricted user network).
GUEST_NET=1 exec tools/guest-suite net 900
