# ip.sh - busybox `ip` (which speaks rtnetlink for addresses, routes and
# neighbours, and reads links through RTM_GETLINK) against the kernel:
# each check brings eth0 to a known state with `ip` alone, runs ip
# commands and compares their output with what Linux prints, after
# masking what legitimately differs (qdisc names, neighbour states).
#
# The only network is QEMU's restricted user network: 10.0.2.2 is the
# gateway, the guest takes 10.0.2.15/24; nothing else is ever addressed.
group=ip
. /test/check.sh

# want for multi-line text: the failure message is one line ('|' for '\n').
want_text() {
	[ "$2" = "$3" ] && return 0
	echo "$1: got '$(printf %s "$2" | tr '\n' '|')'," \
		"want '$(printf %s "$3" | tr '\n' '|')'"
	return 1
}

# Linux's IPv6 off (Tern has none), so no inet6 lines or routes appear.
quiet_ipv6() {
	for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 \
		 /proc/sys/net/ipv6/conf/default/disable_ipv6 \
		 /proc/sys/net/ipv6/conf/lo/disable_ipv6 \
		 /proc/sys/net/ipv6/conf/eth0/disable_ipv6; do
		[ -e "$f" ] && echo 1 > "$f"
	done
	return 0
}

# eth0 from nothing: down, no address; then 10.0.2.15/24, up, default
# route through QEMU's gateway -- all by `ip`.
setup() {
	quiet_ipv6
	ip link set lo up || return 1
	ip link set eth0 down || return 1
	ip link set eth0 mtu 1500 || return 1
	# Deleting a primary takes its secondaries along, which can make a
	# flush trip over one already gone: flush until nothing is left.
	ip addr flush dev eth0 2> /dev/null || ip addr flush dev eth0 || return 1
	want "flushed" "$(ip -4 addr show dev eth0 | grep -c inet)" 0 || return 1
	ip addr add 10.0.2.15/24 dev eth0 || { echo "addr add failed"; return 1; }
	ip link set eth0 up || return 1
	carrier || return 1
	ip route add default via 10.0.2.2 || { echo "route add failed"; return 1; }
}

# Linux's link watcher reports the carrier a moment after `up`: wait
# for it (at most 5 s).
carrier() {
	i=0
	while ip link show eth0 | grep -q NO-CARRIER; do
		i=$((i + 1))
		[ $i -le 50 ] || { echo "no carrier"; return 1; }
		sleep 0.1
	done
}

# qdisc names are the queueing layer's, which Tern does not have.
mask() {
	sed -e 's/qdisc [a-z_]* /qdisc Q /'
}

ip_link_show() {
	setup || return 1
	want_text "ip link" "$(ip link show | mask)" \
"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc Q state UNKNOWN qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc Q state UP qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff"
}

ip_addr_show() {
	setup || return 1
	want_text "ip addr" "$(ip addr show | mask)" \
"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc Q state UNKNOWN qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc Q state UP qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
    inet 10.0.2.15/24 scope global eth0
       valid_lft forever preferred_lft forever"
}

ip_addr_add_del() {
	setup || return 1
	ip addr add 10.0.2.16/24 brd + dev eth0 label eth0:1 || return 1
	ip addr add 10.0.2.99/32 dev eth0 || return 1
	want_text "added" "$(ip -4 addr show dev eth0 | mask)" \
"2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc Q state UP qlen 1000
    inet 10.0.2.15/24 scope global eth0
       valid_lft forever preferred_lft forever
    inet 10.0.2.99/32 scope global eth0
       valid_lft forever preferred_lft forever
    inet 10.0.2.16/24 brd 10.0.2.255 scope global secondary eth0:1
       valid_lft forever preferred_lft forever" || return 1
	ip addr add 10.0.2.99/32 dev eth0 2> err && { echo "added twice"; return 1; }
	want "twice" "$(cat err)" "ip: RTNETLINK answers: File exists" || return 1
	ip addr del 10.0.2.16/24 dev eth0 || return 1
	ip addr del 10.0.2.99/32 dev eth0 || return 1
	ip addr del 10.0.2.99/32 dev eth0 2> err && { echo "deleted twice"; return 1; }
	want "gone" "$(cat err)" "ip: RTNETLINK answers: Address not available" || return 1
	want_text "after" "$(ip -4 addr show dev eth0 | mask)" \
"2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc Q state UP qlen 1000
    inet 10.0.2.15/24 scope global eth0
       valid_lft forever preferred_lft forever"
}

ip_route_show() {
	setup || return 1
	want_text "main" "$(ip route show)" \
"default via 10.0.2.2 dev eth0 
10.0.2.0/24 dev eth0 scope link  src 10.0.2.15 " || return 1
	want_text "local" "$(ip route show table local)" \
"local 10.0.2.15 dev eth0 scope host  src 10.0.2.15 
broadcast 10.0.2.255 dev eth0 scope link  src 10.0.2.15 
local 127.0.0.0/8 dev lo scope host  src 127.0.0.1 
local 127.0.0.1 dev lo scope host  src 127.0.0.1 
broadcast 127.255.255.255 dev lo scope link  src 127.0.0.1 "
}

ip_route_add_del() {
	setup || return 1
	ip route add 10.0.2.128/25 via 10.0.2.2 metric 7 || return 1
	ip route add 10.0.2.64/26 dev eth0 || return 1
	ip route add unreachable 10.0.2.32/27 || return 1
	want_text "added" "$(ip route show)" \
"default via 10.0.2.2 dev eth0 
10.0.2.0/24 dev eth0 scope link  src 10.0.2.15 
unreachable 10.0.2.32/27 
10.0.2.64/26 dev eth0 scope link 
10.0.2.128/25 via 10.0.2.2 dev eth0  metric 7 " || return 1
	ip route add 10.0.2.64/26 dev eth0 2> err && { echo "added twice"; return 1; }
	want "twice" "$(cat err)" "ip: RTNETLINK answers: File exists" || return 1
	ip route add 10.0.2.192/26 via 10.0.2.77 dev lo 2> err && { echo "bad gateway taken"; return 1; }
	want "bad gw" "$(cat err)" "ip: RTNETLINK answers: Network unreachable" || return 1
	ip route del 10.0.2.128/25 via 10.0.2.2 metric 7 || return 1
	ip route del 10.0.2.64/26 || return 1
	ip route del unreachable 10.0.2.32/27 || return 1
	ip route del 10.0.2.64/26 2> err && { echo "deleted twice"; return 1; }
	want "gone" "$(cat err)" "ip: RTNETLINK answers: No such process" || return 1
	want_text "after" "$(ip route show)" \
"default via 10.0.2.2 dev eth0 
10.0.2.0/24 dev eth0 scope link  src 10.0.2.15 "
}

ip_route_get() {
	setup || return 1
	want_text "gateway" "$(ip route get 10.0.2.2)" \
"10.0.2.2 dev eth0  src 10.0.2.15 " || return 1
	want_text "self" "$(ip route get 10.0.2.15)" \
"local 10.0.2.15 dev lo  src 10.0.2.15 " || return 1
	want_text "lo" "$(ip route get 127.0.0.1)" \
"local 127.0.0.1 dev lo  src 127.0.0.1 " || return 1
	ip route del default || return 1
	ip route get 10.0.3.1 2> err && { echo "no route, yet an answer"; return 1; }
	want "unreachable" "$(cat err)" "ip: RTNETLINK answers: Network unreachable"
}

ip_link_set() {
	setup || return 1
	ip link set eth0 mtu 1400 || return 1
	want_text "mtu" "$(ip link show eth0 | mask)" \
"2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc Q state UP qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff" || return 1
	ip link set eth0 down || return 1
	want_text "down" "$(ip link show eth0 | mask)" \
"2: eth0: <BROADCAST,MULTICAST> mtu 1400 qdisc Q state DOWN qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff" || return 1
	want_text "routes down" "$(ip route show)" "" || return 1
	ip link set eth0 up || return 1
	carrier || return 1
	want_text "routes up" "$(ip route show)" \
"10.0.2.0/24 dev eth0 scope link  src 10.0.2.15 " || return 1
	ip link set eth0 mtu 1500
}

# ARP through the gateway fills the neighbour table; states and the
# cache statistics move with time, so they are masked.
ip_neigh() {
	setup || return 1
	ping -c 1 -W 5 10.0.2.2 > /dev/null || { echo "ping failed"; return 1; }
	# (Only the gateway's entry: the wget of from_scratch may have left
	# one for 10.0.2.100.)
	want_text "neigh" "$(ip neigh show | grep '^10\.0\.2\.2 ' |
		sed -e 's/ ref [0-9]*//; s/ used [0-9/]* probes [0-9]*//; s/ [A-Z]*$/ STATE/')" \
"10.0.2.2 dev eth0 lladdr 52:55:0a:00:02:02 STATE" || return 1
	ip neigh flush dev eth0 || return 1
	ip neigh show | grep -q '^10\.0\.2\.2 .*lladdr' &&
		{ echo "still there: $(ip neigh show)"; return 1; }
	return 0
}

# From nothing to traffic with `ip` alone: the gateway answers ping,
# and a TCP connection reaches the suite's host server (QEMU's guestfwd
# makes it 10.0.2.100:80; test/suites/guest-netlink.sh).
ip_from_scratch() {
	setup || return 1
	ping -c 1 -W 5 10.0.2.2 > out || { echo "ping: $(tail -n 1 out)"; return 1; }
	grep -q '1 packets received' out || { echo "$(cat out)"; return 1; }
	want "wget" "$(timeout 30 wget -q -O - http://10.0.2.100/hello.txt 2>&1)" \
		"netlink says hello"
}

check from_scratch ip_from_scratch
check link_show ip_link_show
check addr_show ip_addr_show
check addr_add_del ip_addr_add_del
check route_show ip_route_show
check route_add_del ip_route_add_del
check route_get ip_route_get
check link_set ip_link_set
check neigh ip_neigh
finish
