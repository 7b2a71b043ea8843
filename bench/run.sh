#!/bin/sh
# /test/benchrun/run.sh: the guest's half of `make bench` (tools/bench),
# started by /test/run when the kernel command line says
# tern.mode=test tern.suite=benchrun.  From the command line:
#   tern.bench=PROG:NAME,...   the in-guest benchmarks to run, in order
#                              (/bench/PROG NAME; bench/*.c)
#   tern.bench.time=SECS       each timed loop's length (bench.h's -t)
#   tern.bench.host=BYTES      then serve the host's benchmarks: busybox
#                              httpd on port 80 with a 1 MiB file, a sink
#                              on 5001 and a source of BYTES on 5002, until
#                              the host connects to 5003
# Every figure is a BENCH line (bench/bench.h) on the console, each
# benchmark after a BENCH-START line (where tools/bench's profiler splits);
# first the memory left free after the boot (BENCHMEM lines).
list= host= opt=
for a in $(cat /proc/cmdline); do
	case "$a" in
	tern.bench=*) list=$(echo "${a#*=}" | tr ',' ' ') ;;
	tern.bench.host=*) host=${a#*=} ;;
	tern.bench.time=*) opt="-t ${a#*=}" ;;
	esac
done
ifconfig lo 127.0.0.1 up
cd /tmp || exit 1
awk '/^(MemTotal|MemFree|MemAvailable):/ { print "BENCHMEM", $1, $2 }' /proc/meminfo
for pn in $list; do
	echo "BENCH-START ${pn#*:}"
	/bench/"${pn%%:*}" $opt "${pn#*:}"
done
[ -n "$host" ] || exit 0

# The host's benchmarks: the data is random, its digests go to the host
# on the READY line, and the host compares what it fetched or sent.
mkdir -p /tmp/www
head -c 1048576 /dev/urandom > /tmp/www/f.bin
head -c "$host" /dev/urandom > /tmp/out.bin
cat > /tmp/bench-sink <<'SINK'
#!/bin/sh
cat > /tmp/in.bin
echo RECEIVED
sha256sum /tmp/in.bin | cut -d' ' -f1
rm -f /tmp/in.bin
SINK
chmod +x /tmp/bench-sink
httpd -f -p 80 -h /tmp/www & web=$!
nc -l -p 5001 -e /tmp/bench-sink > /dev/null 2>&1 & sink=$!
nc -l -p 5002 < /tmp/out.bin > /dev/null 2>&1 & src=$!
sleep 1
echo "BENCH-START host"
# The TCP and IP counters before and after the host's transfers (the
# profiler's evidence: segments each way, retransmissions).
sed 's/^/SNMP-BEFORE /' /proc/net/snmp
echo "BENCH-HOST READY $(sha256sum /tmp/www/f.bin | cut -d' ' -f1)" \
	"$(sha256sum /tmp/out.bin | cut -d' ' -f1)"
# Bounded: the host connects here when it is done (or gave up).
timeout 300 nc -l -p 5003 < /dev/null > /dev/null 2>&1
kill "$web" "$sink" "$src" 2>/dev/null
echo "BENCH-HOST DONE"
sed 's/^/SNMP-AFTER /' /proc/net/snmp
exit 0
