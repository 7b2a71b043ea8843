#!/usr/bin/env bash
# In-guest suite: NETLINK_ROUTE (test/guest/netlink/): the socket's
# semantics and messages in C, busybox `ip` against Linux's output, and
# musl's getifaddrs/if_nameindex; booted on $KERNEL with the virtio-net
# card on QEMU's restricted user network (tools/qemu-run --net).
#
# For the check that `ip` alone makes eth0 carry TCP, a host HTTP server
# on 127.0.0.1 serves one small file, reached from the guest as
# 10.0.2.100:80 through QEMU's guestfwd (tools/guestfwd-connect).
O=${O:-build}
www=$(mktemp -d)
printf 'netlink says hello\n' > "$www/hello.txt"
python3 test/e2e/serve.py http "$www" > "$www.log" 2>&1 &
server=$!
cleanup() {
	kill "$server" 2> /dev/null
	wait "$server" 2> /dev/null
	rm -rf "$www" "$www.log"
}
trap cleanup EXIT
port=
for _ in $(seq 100); do
	port=$(awk '/^listening/ { print $2; exit }' "$www.log")
	[ -n "$port" ] && break
	sleep 0.05
done
# Without the server the guest's check fails (it finds no 10.0.2.100).
if [ -n "$port" ]; then
	export GUEST_QEMU_ARGS="--guestfwd tcp:10.0.2.100:80-127.0.0.1:$port"
fi
GUEST_NET=1 tools/guest-suite netlink 300
