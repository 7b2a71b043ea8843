#!/bin/sh
# The guest's half of test/suites/guest-e2e-link.sh: the kernel on a TAP
# link inside a network namespace, Linux's own stack as the peer.  That
# suite boots with
#   tern.net=198.51.100.2/24   /init configured eth0 (no DHCP on the link)
#   tern.e2e=link              this script runs (it skips otherwise)
# Here: 64 MiB of random data in /tmp/data, then three busybox nc servers
# that live until the host says quit (each connection runs a script):
#   5000  control: one line from the host, its output back:
#           send PORT   nc to PORT on the peer from /tmp/data; the output
#                       is the peer's answer (its SHA-256 of what came)
#           recv PORT   nc to PORT on the peer, "BYTES" sent first; the
#                       output is the SHA-256 of what came back
#           hello       answers "hello" (the host's first contact; the
#                       guest stops waiting after 60 s without it)
#           quit        ends this script
#   5001  sink: reads to the end, answers the SHA-256
#   5002  source: reads one line, sends /tmp/data
# The line "E2E-DATA <sha256>" gives the host /tmp/data's digest, then
# "E2E-READY" says the servers listen.  The host judges the transfers.
e2e=
for a in $(cat /proc/cmdline); do
	case "$a" in tern.e2e=*) e2e=${a#*=} ;; esac
done
if [ "$e2e" != link ]; then
	echo "# e2e-link: not booted by test/suites/guest-e2e-link.sh (tern.e2e=link): nothing to do"
	exit 0
fi
group=e2e-link
. /test/check.sh
PEER=198.51.100.1
BYTES=67108864

cat > /tmp/e2e-ctl <<CTL
#!/bin/sh
read -r cmd port
case "\$cmd" in
send) nc $PEER "\$port" < /tmp/data ;;
recv) echo $BYTES | nc $PEER "\$port" | sha256sum | cut -d' ' -f1 ;;
hello) touch /tmp/e2e-hello; echo hello ;;
quit) touch /tmp/e2e-quit; echo bye ;;
*) echo "unknown command \$cmd" ;;
esac
CTL
cat > /tmp/e2e-sink <<'SINK'
#!/bin/sh
sha256sum | cut -d' ' -f1
SINK
# Reads the request line first: closing with unread data would reset
# the connection.
cat > /tmp/e2e-source <<'SOURCE'
#!/bin/sh
read -r _
dd if=/tmp/data bs=64k 2>/dev/null
SOURCE
chmod +x /tmp/e2e-ctl /tmp/e2e-sink /tmp/e2e-source

# The servers start first, so they listen long before the host hears
# E2E-READY (nc from a check's subshell lives on; PIDs in a file).
start_servers() {
	# -ll: keep listening, one -e child per connection.
	nc -ll -p 5000 -e /tmp/e2e-ctl > /dev/null 2>&1 &
	echo $! > /tmp/e2e-pids
	nc -ll -p 5001 -e /tmp/e2e-sink > /dev/null 2>&1 &
	echo $! >> /tmp/e2e-pids
	nc -ll -p 5002 -e /tmp/e2e-source > /dev/null 2>&1 &
	echo $! >> /tmp/e2e-pids
	sleep 1
	for p in $(cat /tmp/e2e-pids); do
		kill -0 "$p" || { echo "an nc server exited at once"; return 1; }
	done
}
make_data() {
	dd if=/dev/urandom of=/tmp/data bs=64k count=1024 2>&1 || return 1
	want size "$(wc -c < /tmp/data)" "$BYTES" || return 1
	echo "E2E-DATA $(sha256sum /tmp/data | cut -d' ' -f1)" > /dev/console
	echo E2E-READY > /dev/console
}
# Bounded: the host says hello within 60 s of E2E-READY (or it cannot
# reach the guest, and there is nothing to wait for); its transfers then
# take 1 to 4 minutes on Linux (idle or loaded build machine); the suite
# raises /test/run's limit to 800 s.
wait_quit() {
	n=0
	while [ ! -e /tmp/e2e-hello ] && [ $n -lt 60 ]; do
		sleep 1
		n=$((n + 1))
	done
	while [ -e /tmp/e2e-hello ] && [ ! -e /tmp/e2e-quit ] && [ $n -lt 720 ]; do
		sleep 1
		n=$((n + 1))
	done
	kill $(cat /tmp/e2e-pids) 2>/dev/null
	[ -e /tmp/e2e-hello ] || { echo "the host never reached the control server"; return 1; }
	[ -e /tmp/e2e-quit ] || { echo "no quit from the host after ${n} s"; return 1; }
}

check servers-started start_servers
check data-64MiB make_data
check host-said-quit wait_quit
finish
