#!/bin/sh
# The guest's half of test/suites/guest-e2e.sh: busybox's network applets
# through QEMU's user network (restrict=on).  That suite boots with
#   tern.net=dhcp          /init ran udhcpc (its output: /tmp/udhcpc.log)
#   tern.e2e=user          this script runs (it skips otherwise)
#   tern.e2e.sha256=HEX    the digest of the host's 64 MiB data.bin
# and forwards 10.0.2.100:80 and :443 to its host HTTP and HTTPS servers,
# and host ports to the guest's 80 (httpd), 5001 and 5002 (nc).
#
# Guest-side checks print PLAN/PASS/FAIL here (test/guest/check.sh: all
# declared first, then run in order); the host's transfers (its client
# against httpd and the two nc listeners) start when the check
# servers-started has printed the line E2E-SERVING, and the host reports
# them.  Lines starting "# " are notes (timings) the host passes on.
e2e= sha=
for a in $(cat /proc/cmdline); do
	case "$a" in
	tern.e2e=*) e2e=${a#*=} ;;
	tern.e2e.sha256=*) sha=${a#*=} ;;
	esac
done
if [ "$e2e" != user ]; then
	echo "# e2e-user: not booted by test/suites/guest-e2e.sh (tern.e2e=user): nothing to do"
	exit 0
fi
group=e2e-user
. /test/check.sh
BYTES=67108864
GW=10.0.2.2
ME=10.0.2.15
HOSTSRV=10.0.2.100
mkdir -p /tmp/www

# secs_since START: whole seconds elapsed (for the timing notes).
secs_since() { echo $(($(date +%s) - $1)); }

dhcp_lease() {
	cat /tmp/udhcpc.log
	grep -q "lease of $ME obtained" /tmp/udhcpc.log ||
		{ echo "no lease of $ME in udhcpc's output"; return 1; }
}

if_state() {
	e=$(ifconfig eth0) && l=$(ifconfig lo) || return 1
	echo "$e"
	echo "$l"
	echo "$e" | grep -Eq "inet addr:$ME +Bcast:10\.0\.2\.255 +Mask:255\.255\.255\.0" ||
		{ echo "eth0's address line: $(echo "$e" | grep 'inet addr')"; return 1; }
	echo "$e" | grep -q 'HWaddr 52:54:00:12:34:56' ||
		{ echo "eth0's MAC: $(echo "$e" | grep HWaddr)"; return 1; }
	# RUNNING (carrier) may come later than the lease: Linux under TCG
	# has shown eth0 without it here and with it seconds later.
	echo "$e" | grep -Eq '^ +UP BROADCAST (RUNNING )?MULTICAST +MTU:1500 ' ||
		{ echo "eth0's flags: $(echo "$e" | grep MTU)"; return 1; }
	rx=$(echo "$e" | sed -n 's/.*RX packets:\([0-9]*\).*/\1/p')
	tx=$(echo "$e" | sed -n 's/.*TX packets:\([0-9]*\).*/\1/p')
	[ "${rx:-0}" -gt 0 ] && [ "${tx:-0}" -gt 0 ] ||
		{ echo "eth0's counters: RX packets '$rx', TX packets '$tx'"; return 1; }
	echo "$l" | grep -Eq 'inet addr:127\.0\.0\.1 +Mask:255\.0\.0\.0' ||
		{ echo "lo's address line: $(echo "$l" | grep 'inet addr')"; return 1; }
	echo "$l" | grep -Eq '^ +UP LOOPBACK RUNNING' ||
		{ echo "lo's flags: $(echo "$l" | grep MTU)"; return 1; }
}

# QEMU's restricted network leases no router and no DNS server: the
# table is the subnet's route alone, and resolv.conf stays unwritten.
routes_from_lease() {
	r=$(route -n 2>&1) || { echo "$r"; return 1; }
	echo "$r"
	rows=$(echo "$r" | sed 1,2d)
	want='10.0.2.0 0.0.0.0 255.255.255.0 U 0 0 0 eth0'
	got=$(echo "$rows" | tr -s ' ')
	want "route -n rows" "$got" "$want" || return 1
	[ ! -e /etc/resolv.conf ] || { echo "resolv.conf written: $(cat /etc/resolv.conf)"; return 1; }
}

# The script with a lease that has routers and DNS servers, as a
# distribution's DHCP server would give: default routes, resolv.conf.
script_router_dns() {
	interface=eth0 ip=$ME subnet=255.255.255.0 broadcast=10.0.2.255 \
		router="$GW" dns="10.0.2.3 10.0.2.4" domain=tern.test \
		/etc/udhcpc/default.script bound || return 1
	r=$(route -n) && c=$(cat /etc/resolv.conf) || return 1
	echo "$r"
	echo "$c"
	route del default gw "$GW" dev eth0 || return 1
	rm -f /etc/resolv.conf
	echo "$r" | tr -s ' ' | grep -qx "0.0.0.0 $GW 0.0.0.0 UG 0 0 0 eth0" ||
		{ echo "no default route via $GW"; return 1; }
	want resolv.conf "$(echo $c)" "search tern.test nameserver 10.0.2.3 nameserver 10.0.2.4"
}

ping3() {
	p=$(ping -c 3 -w 15 "$1" 2>&1)
	echo "$p"
	echo "$p" | grep -q '^3 packets transmitted, 3 packets received, 0% packet loss' ||
		{ echo "ping $1: $(echo "$p" | tail -n 1)"; return 1; }
}
ping_lo() { ping3 127.0.0.1; }
ping_me() { ping3 "$ME"; }
ping_gw() { ping3 "$GW"; }

# After the ping: the gateway's entry, with slirp's MAC for 10.0.2.2.
arp_gateway() {
	a=$(arp -n) || return 1
	echo "$a"
	echo "$a" | grep -Eq "^\? \($GW\) at 52:55:0a:00:02:02 \[ether\] +on eth0$" ||
		{ echo "no entry for $GW at 52:55:0a:00:02:02 on eth0 in arp -n"; return 1; }
}

wget_http() {
	t=$(date +%s)
	wget -q -O /tmp/www/data.bin "http://$HOSTSRV/data.bin" || return 1
	s=$(sha256sum /tmp/www/data.bin | cut -d' ' -f1)
	echo "# e2e-user: wget http 64 MiB + sha256sum in $(secs_since "$t") s" > /dev/console
	n=$(wc -c < /tmp/www/data.bin)
	want size "$n" "$BYTES" && want sha256 "$s" "$sha"
}

wget_https() {
	t=$(date +%s)
	s=$(wget -q -O - "https://$HOSTSRV/data.bin" | sha256sum | cut -d' ' -f1)
	echo "# e2e-user: wget https 64 MiB + sha256sum in $(secs_since "$t") s" > /dev/console
	want sha256 "$s" "$sha"
}

# busybox dnsd in the guest answers from its own table; nslookup asks it
# over loopback and over eth0's address.
nslookup_dnsd() {
	for server in 127.0.0.1 $ME; do
		# -type=a: dnsd answers only A (and PTR) questions.
		r=$(nslookup -type=a www.tern.test "$server" 2>&1)
		echo "$r"
		echo "$r" | grep -q "^Address: $HOSTSRV\$" || {
			echo "nslookup via $server: no 'Address: $HOSTSRV':" \
				"$(echo "$r" | grep . | tail -n 1) (dnsd: $(tail -n 1 /tmp/dnsd.log))"
			return 1
		}
	done
}

# The listeners the host will use, and dnsd, as netstat -tuan sees them
# (IPv6 wildcard where the kernel has IPv6: busybox tries it first).
netstat_state() {
	n=$(netstat -tuan) || return 1
	echo "$n"
	for port in 80 5001 5002; do
		echo "$n" | grep -Eq "^tcp6? +0 +0 (0\.0\.0\.0|::):$port +(0\.0\.0\.0|::):\* +LISTEN *\$" ||
			{ echo "no LISTEN on port $port"; return 1; }
	done
	echo "$n" | grep -Eq "^udp +0 +0 0\.0\.0\.0:53 +0\.0\.0\.0:\* *\$" ||
		{ echo "no UDP socket on port 53"; return 1; }
}

# Started before the checks that use them, so they listen by then (nc
# and dnsd from a check's subshell live on; their PIDs go to files).
start_servers() {
	echo "www.tern.test $HOSTSRV" > /tmp/dnsd.conf
	dnsd -c /tmp/dnsd.conf -p 53 > /tmp/dnsd.log 2>&1 &
	echo $! > /tmp/e2e-dnsd.pid
	httpd -p 80 -h /tmp/www || return 1
	cat > /tmp/e2e-sink <<'SINK'
#!/bin/sh
# nc -e runs this with the connection as stdin and stdout: read to the
# end, answer the digest.
sha256sum | cut -d' ' -f1
SINK
	chmod +x /tmp/e2e-sink
	nc -l -p 5001 -e /tmp/e2e-sink > /dev/null 2>&1 &
	echo $! > /tmp/e2e-sink.pid
	nc -l -p 5002 < /tmp/www/data.bin > /dev/null 2>&1 &
	echo $! > /tmp/e2e-source.pid
	sleep 1
	for f in dnsd sink source; do
		kill -0 "$(cat /tmp/e2e-$f.pid)" ||
			{ echo "$f exited at once: $(cat /tmp/dnsd.log)"; return 1; }
	done
}

# The host fetches from httpd, then sends to 5001, then reads from 5002;
# each nc ends with its connection.  Bounded: 180 s in all (on Linux
# the three take 20 to 60 s, idle or loaded build machine).
host_transfers() {
	kill "$(cat /tmp/e2e-dnsd.pid)" 2>/dev/null
	echo E2E-SERVING > /dev/console
	sink=$(cat /tmp/e2e-sink.pid) source=$(cat /tmp/e2e-source.pid)
	n=0
	while { kill -0 "$sink" || kill -0 "$source"; } 2>/dev/null && [ $n -lt 180 ]; do
		sleep 1
		n=$((n + 1))
	done
	for p in "$sink" "$source"; do
		if kill -0 "$p" 2>/dev/null; then
			kill "$p"
			echo "an nc listener (pid $p) was never used up (host side failed?)"
			return 1
		fi
	done
}

check dhcp-lease-10.0.2.15 dhcp_lease
check ifconfig-eth0-lo if_state
check route-n-from-lease routes_from_lease
check udhcpc-script-router-dns script_router_dns
check ping-127.0.0.1 ping_lo
check ping-own-address ping_me
check ping-gateway-10.0.2.2 ping_gw
check arp-n-gateway arp_gateway
check wget-http-64MiB-sha256 wget_http
check wget-https-64MiB-sha256 wget_https
check servers-started start_servers
check nslookup-dnsd nslookup_dnsd
check netstat-tuan-listeners netstat_state
check nc-listeners-served host_transfers
finish
