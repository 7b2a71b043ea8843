# dhcp.sh - busybox's own network tools against the kernel: udhcpc gets
# QEMU's lease (10.0.2.15/24 from 10.0.2.2, no router and no DNS server
# under restrict=on) through a script of ours, then ifconfig, route -n,
# netstat -tuan and arp -n print the resulting state, and ping reaches
# 127.0.0.1, the guest's own address and the gateway.
#
# Every check gets a fresh lease first: interface state outlives a check.
group=dhcp
. /test/check.sh

leases=$workdir/leases
script=$workdir/udhcpc.script

# A udhcpc script as distributions ship one, without resolv.conf: records
# each event's environment in $leases/<event>, configures the interface.
cat > "$script" <<'EOF'
#!/bin/sh
env | sort > "$LEASES/$1"
case "$1" in
deconfig)
	ifconfig "$interface" 0.0.0.0
	;;
bound|renew)
	ifconfig "$interface" "$ip" netmask "$subnet" \
		${broadcast:+broadcast "$broadcast"}
	for r in $router; do
		route add default gw "$r" dev "$interface"
	done
	;;
esac
exit 0
EOF
chmod 755 "$script"

# Where the kernel has IPv6 (Linux) it is turned off, so that no inet6
# lines or IPv6 sockets appear in what the checks compare.
quiet_ipv6() {
	for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 \
		 /proc/sys/net/ipv6/conf/default/disable_ipv6; do
		[ -e "$f" ] && echo 1 > "$f"
	done
	return 0
}

# eth0 down without an address, then up, and udhcpc -n -q with our script.
lease() {
	quiet_ipv6
	ifconfig eth0 0.0.0.0 down && ifconfig lo up && ifconfig eth0 up || {
		echo "ifconfig failed"; return 1; }
	rm -rf "$leases" && mkdir -p "$leases"
	# -n: fail if no lease, -q: quit once bound; udhcpc does not bring
	# the interface up, and loops for ever on a down one (hence timeout).
	LEASES=$leases timeout 30 udhcpc -i eth0 -n -q -s "$script" \
		> "$workdir/udhcpc.out" 2>&1 || {
		echo "udhcpc failed: $(tail -n 1 "$workdir/udhcpc.out")"
		return 1
	}
}

# want for multi-line text: the failure message is one line ('|' for '\n').
want_text() {
	[ "$2" = "$3" ] && return 0
	echo "$1: got '$(printf %s "$2" | tr '\n' '|')'," \
		"want '$(printf %s "$3" | tr '\n' '|')'"
	return 1
}

# The value of VAR in the environment udhcpc gave the script for EVENT.
lease_var() {
	sed -n "s/^$2=//p" "$leases/$1"
}

udhcpc_lease() {
	lease || return 1
	want "events" "$(ls "$leases" | tr '\n' ' ')" "bound deconfig " || return 1
	want "ip" "$(lease_var bound ip)" 10.0.2.15 || return 1
	want "subnet" "$(lease_var bound subnet)" 255.255.255.0 || return 1
	want "mask" "$(lease_var bound mask)" 24 || return 1
	want "serverid" "$(lease_var bound serverid)" 10.0.2.2 || return 1
	want "lease" "$(lease_var bound lease)" 86400 || return 1
	want "router" "$(lease_var bound router)" "" || return 1
	want "dns" "$(lease_var bound dns)" "" || return 1
	want "interface" "$(lease_var bound interface)" eth0
}

# The first lines of `ifconfig eth0` and `ifconfig lo`, and the shape of
# the counter lines.
ifconfig_state() {
	lease || return 1
	ifconfig eth0 > out || return 1
	want "line 1" "$(sed -n 1p out)" \
		"eth0      Link encap:Ethernet  HWaddr 52:54:00:12:34:56  " ||
		return 1
	want "line 2" "$(sed -n 2p out)" \
		"          inet addr:10.0.2.15  Bcast:10.0.2.255  Mask:255.255.255.0" ||
		return 1
	want "line 3" "$(sed -n 3p out)" \
		"          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1" ||
		return 1
	sed -n 4p out | grep -qE '^          RX packets:[1-9][0-9]* errors:0 dropped:0 overruns:0 frame:0$' ||
		{ echo "line 4: $(sed -n 4p out)"; return 1; }
	sed -n 5p out | grep -qE '^          TX packets:[1-9][0-9]* errors:0 dropped:0 overruns:0 carrier:0$' ||
		{ echo "line 5: $(sed -n 5p out)"; return 1; }
	want "line 6" "$(sed -n 6p out)" "          collisions:0 txqueuelen:1000 " ||
		return 1
	sed -n 7p out | grep -qE '^          RX bytes:[1-9][0-9]* \([0-9.]+ [KMG]?i?B\)  TX bytes:[1-9][0-9]* \([0-9.]+ [KMG]?i?B\)$' ||
		{ echo "line 7: $(sed -n 7p out)"; return 1; }
	want "lines" "$(wc -l < out)" 8 || return 1
	ifconfig lo > out || return 1
	want "lo line 1" "$(sed -n 1p out)" "lo        Link encap:Local Loopback  " ||
		return 1
	want "lo line 2" "$(sed -n 2p out)" \
		"          inet addr:127.0.0.1  Mask:255.0.0.0" || return 1
	want "lo line 3" "$(sed -n 3p out)" \
		"          UP LOOPBACK RUNNING  MTU:65536  Metric:1"
}

route_n() {
	lease || return 1
	header="Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface"
	subnet="10.0.2.0        0.0.0.0         255.255.255.0   U     0      0        0 eth0"
	want_text "route -n" "$(route -n)" "$header
$subnet" || return 1
	route add default gw 10.0.2.2 || return 1
	want_text "with a default route" "$(route -n)" "$header
0.0.0.0         10.0.2.2        0.0.0.0         UG    0      0        0 eth0
$subnet" || return 1
	route del default gw 10.0.2.2 || return 1
	want_text "after route del" "$(route -n)" "$header
$subnet"
}

# Waits (at most 10 s) until netstat -tuan shows a line matching $1.
wait_netstat() {
	i=0
	while [ $i -lt 100 ]; do
		netstat -tuan 2>/dev/null | grep -q "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "netstat never showed $1"
	return 1
}

# A TCP listener (httpd) and a UDP server (dnsd), both on 127.0.0.1.
netstat_tuan() {
	lease || return 1
	echo "tern.test 10.0.2.15" > dnsd.conf
	httpd -f -p 127.0.0.1:8080 -h "$PWD" & hpid=$!
	dnsd -c dnsd.conf -i 127.0.0.1 -p 5353 > /dev/null 2>&1 & dpid=$!
	wait_netstat "127.0.0.1:8080" && wait_netstat "127.0.0.1:5353"
	rc=$?
	# /proc/net/tcp6 and udp6 may be missing (no IPv6): stderr ignored.
	netstat -tuan > out 2> /dev/null
	kill "$hpid" "$dpid"
	wait "$hpid" "$dpid" 2> /dev/null
	[ "$rc" = 0 ] || return 1
	want_text "netstat -tuan" "$(cat out)" "Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       
tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN      
udp        0      0 127.0.0.1:5353          0.0.0.0:*                           "
}

arp_n() {
	lease || return 1
	want "arp -n before" "$(arp -n)" "" || return 1
	ping -c 1 -W 5 10.0.2.2 > /dev/null || { echo "ping failed"; return 1; }
	want "arp -n" "$(arp -n)" \
		"? (10.0.2.2) at 52:55:0a:00:02:02 [ether]  on eth0"
}

# ping -c 3 ADDR TTL: three replies with that TTL, no loss.
ping3() {
	ping -c 3 "$1" > out 2>&1 || { echo "ping $1: $(tail -n 1 out)"; return 1; }
	want "replies" "$(grep -c "^64 bytes from $1: seq=[0-2] ttl=$2 time=" out)" 3 ||
		return 1
	want "summary" "$(grep transmitted out)" \
		"3 packets transmitted, 3 packets received, 0% packet loss"
}

ping_loopback() {
	lease || return 1
	ping3 127.0.0.1 64
}

ping_self() {
	lease || return 1
	ping3 10.0.2.15 64
}

ping_gateway() {
	lease || return 1
	ping3 10.0.2.2 255
}

check udhcpc_lease udhcpc_lease
check ifconfig_state ifconfig_state
check route_n route_n
check netstat_tuan netstat_tuan
check arp_n arp_n
check ping_loopback ping_loopback
check ping_self ping_self
check ping_gateway ping_gateway
finish
