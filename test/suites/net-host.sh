#!/usr/bin/env bash
# Tern's stack against Linux's over a real link (DESIGN §3, §5).
#
# The suite creates a network namespace with a TAP device "tap0"; Linux's
# side of the link is tap0 itself (192.0.2.1/24, RFC 5737 TEST-NET-1,
# inside the namespace only), Tern's stack runs in the user-space program
# ternhost attached to the same TAP device (192.0.2.2).  Everything is
# removed on exit; every process started here is stopped by its PID.
#
# Impairments (loss, reordering, duplication, corruption, delay) come from
# ternhost's seeded impairment layer, applied in both directions (delay:
# stack -> Linux only, so the round trip is 100 ms).  The build machines'
# kernels have no netem, and nftables is no substitute for Linux -> stack
# loss: its output and netdev-egress hooks see TCP's GSO super-packets
# before segmentation, and a drop there comes back to TCP as a local
# transmit error it simply retries (measured: 5% `numgen random` drops on
# tap0's egress hit 13 packets of ~46 KB in a 16 MiB transfer, and Linux
# counted 3 retransmissions).  So ternhost's seeded impairment layer makes
# the Linux -> stack losses too, on its receive side: real losses on the
# wire as Linux's TCP sees them, and replayable.  Every impaired check
# prints its seed; replay with NET_HOST_SEED=<seed>.
#
# NET_HOST_MIB (default 64) sets the bulk transfer size; NET_HOST_BIN
# another ternhost (make net-host-asan).
set -uo pipefail
O=${O:-build}
BIN=${NET_HOST_BIN:-$O/net-host/ternhost}   # or the ASan build (mk/net-host.mk)
PEER=test/net-host/peer.py
NS=tern-nh-$$
LINUX_IP=192.0.2.1
STACK_IP=192.0.2.2
STACK_MAC=02:00:00:00:00:02
LINUX_IP6=2001:db8::1
STACK_IP6=2001:db8::2
STACK_LL6=fe80::ff:fe00:2
SEED=${NET_HOST_SEED:-$((RANDOM * 32768 + RANDOM))}
MIB=${NET_HOST_MIB:-64}
BYTES=$((MIB * 1024 * 1024))
# Logs of this run (another run of the suite may be going on).
LOG=$O/net-host/logs/$$
find "$O/net-host/logs" -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null
mkdir -p "$LOG"
. test/lib/procs.sh    # start_bg, stop_bg, run, flat (inside $NS)

cleanup() {
	stop_all_bg
	ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

nsx() { ip netns exec "$NS" "$@"; }

# Every check, declared before anything runs.
. tools/suite-lib.sh
plan net-host/ping/linux-to-stack net-host/ping/linux-to-stack-4000-bytes \
	net-host/arp/linux-learned-stack-mac net-host/arp/arping-stack \
	net-host/udp/linux-to-stack-512 net-host/udp/linux-to-stack-4000 \
	net-host/tcp/conns/stack-server-1000-sequential net-host/tcp/conns/stack-server-200-concurrent \
	net-host/ping/stack-to-linux-4000-bytes net-host/arp/stack-resolved-linux-mac \
	net-host/udp/stack-to-linux-512 net-host/udp/stack-to-linux-4000 \
	net-host/tcp/conns/stack-client-1000-sequential net-host/tcp/conns/stack-client-200-concurrent \
	net-host/ping6/linux-to-stack net-host/ping6/linux-to-stack-4000-bytes \
	net-host/ping6/linux-to-stack-link-local net-host/nd/linux-learned-stack-mac
for c in none/linux-to-stack none/stack-server-to-linux none/stack-to-linux \
	none/linux-to-stack-client loss1/linux-to-stack loss1/stack-to-linux \
	loss5/linux-to-stack loss5/stack-to-linux loss5/corruption-dropped-by-checksum \
	delay/linux-to-stack delay/stack-to-linux; do
	plan "net-host/tcp/$c"
done

if [ ! -x "$BIN" ]; then
	fail_rest "$BIN not built (make net-host)"
	exit 1
fi
# Capability probe: try what the suite needs (as root, or with the
# rights).  Without them every check is a SKIP, which fails the run
# unless test/allowed-skips.txt allows it (never under CI=true).
if ! err=$(ip netns add "$NS" 2>&1); then
	skip_rest "cannot create a network namespace: $err"
	exit 0
fi
if ! err=$(ip -n "$NS" tuntap add dev tap0 mode tap 2>&1); then
	skip_rest "cannot create a TAP device in the namespace: $err"
	exit 0
fi
ip -n "$NS" link set lo up
ip -n "$NS" addr add "$LINUX_IP/24" dev tap0
# IPv6: 2001:db8::1/64 (RFC 3849, inside the namespace only), no DAD on
# Linux's side; the stack is 2001:db8::2 and fe80::ff:fe00:2 (EUI-64 of
# its MAC) once its own DAD has passed.
ip -n "$NS" addr add "$LINUX_IP6/64" dev tap0 nodad
# A longer queue toward the TAP fd: ternhost reads in batches.
ip -n "$NS" link set tap0 txqueuelen 4000 up
LINUX_MAC=$(nsx cat /sys/class/net/tap0/address)

result_line() { grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT [a-z]* //'; }

check_run() {
	local check=$1
	shift
	if run "${check//\//_}" "$@" && grep -q '^RESULT ok' <<< "$out"; then
		pass net-host/$check "$(result_line)"
	else
		fail net-host/$check "$(flat "$out")"
	fi
}

# ---- the stack as the responder -----------------------------------------
if ! start_bg serve serving "$BIN" --time 600 serve; then
	fail_rest "ternhost serve did not start: $(tail -5 "$LOG/serve.log")"
	exit 1
fi
SERVE=$started_pid

if run ping-l2s 20 ping -c 3 -W 2 "$STACK_IP"; then
	pass net-host/ping/linux-to-stack
else
	fail net-host/ping/linux-to-stack "$(flat "$(tail -3 <<< "$out")")"
fi
# 4000 bytes: fragmented by Linux, reassembled by the stack, and the
# reply fragmented by the stack, reassembled by Linux.
if run ping-l2s-4000 20 ping -c 3 -W 2 -s 4000 "$STACK_IP" && grep -q '^4008 bytes from' <<< "$out"; then
	pass net-host/ping/linux-to-stack-4000-bytes
else
	fail net-host/ping/linux-to-stack-4000-bytes "$(flat "$(tail -3 <<< "$out")")"
fi
neigh=$(nsx ip neigh show "$STACK_IP" dev tap0)
if grep -qi "lladdr $STACK_MAC" <<< "$neigh"; then
	pass net-host/arp/linux-learned-stack-mac "($neigh)"
else
	fail net-host/arp/linux-learned-stack-mac "ip neigh says '$neigh'"
fi
if ! command -v arping > /dev/null; then
	skip net-host/arp/arping-stack "arping not installed (iputils-arping)"
elif run arping 15 arping -c 3 -w 10 -I tap0 "$STACK_IP" && grep -qi "\[$STACK_MAC\]" <<< "$out"; then
	pass net-host/arp/arping-stack "$(grep -m1 -i 'reply' <<< "$out")"
else
	fail net-host/arp/arping-stack "$(flat "$(tail -3 <<< "$out")")"
fi
# IPv6 (RFC 8200, RFC 4443, RFC 4861): the first pings wait out the
# stack's DAD (RFC 4862 §5.4: up to 1 s delay + 1 s RetransTimer).
for try in 1 2 3 4 5; do
	run ping6-l2s 20 ping -6 -c 3 -W 2 "$STACK_IP6" && break
	sleep 1
done
if grep -q ' 0% packet loss' <<< "$out"; then
	pass net-host/ping6/linux-to-stack "$(grep -m1 'rtt' <<< "$out")"
else
	fail net-host/ping6/linux-to-stack "$(flat "$(tail -3 <<< "$out")")"
fi
# Fragmented by Linux, reassembled by the stack and back (RFC 8200 §4.5).
if run ping6-l2s-4000 20 ping -6 -c 3 -W 2 -s 4000 "$STACK_IP6" && grep -q '^4008 bytes from' <<< "$out"; then
	pass net-host/ping6/linux-to-stack-4000-bytes
else
	fail net-host/ping6/linux-to-stack-4000-bytes "$(flat "$(tail -3 <<< "$out")")"
fi
if run ping6-l2s-ll 20 ping -6 -c 3 -W 2 "$STACK_LL6%tap0" && grep -q ' 0% packet loss' <<< "$out"; then
	pass net-host/ping6/linux-to-stack-link-local
else
	fail net-host/ping6/linux-to-stack-link-local "$(flat "$(tail -3 <<< "$out")")"
fi
neigh=$(nsx ip -6 neigh show "$STACK_IP6" dev tap0)
if grep -qi "lladdr $STACK_MAC" <<< "$neigh"; then
	pass net-host/nd/linux-learned-stack-mac "($neigh)"
else
	fail net-host/nd/linux-learned-stack-mac "ip -6 neigh says '$neigh'"
fi
check_run udp/linux-to-stack-512 30 python3 "$PEER" udp "$STACK_IP" 7 512 100
check_run udp/linux-to-stack-4000 30 python3 "$PEER" udp "$STACK_IP" 7 4000 50
check_run tcp/conns/stack-server-1000-sequential 120 python3 "$PEER" conns "$STACK_IP" 5003 1000 1
check_run tcp/conns/stack-server-200-concurrent 120 python3 "$PEER" conns "$STACK_IP" 5003 200 200
stop_bg "$SERVE"

# ---- the stack as the initiator ------------------------------------------
check_run ping/stack-to-linux-4000-bytes 30 "$BIN" --time 20 ping "$LINUX_IP" 4000 3
if grep -qi "^neigh $LINUX_IP lladdr $LINUX_MAC" <<< "$out"; then
	pass net-host/arp/stack-resolved-linux-mac "($LINUX_MAC)"
else
	fail net-host/arp/stack-resolved-linux-mac "want $LINUX_MAC, got '$(grep '^neigh' <<< "$out")'"
fi
if start_bg udp-echo listening python3 "$PEER" udp-echo 9000; then
	UDPECHO=$started_pid
	check_run udp/stack-to-linux-512 30 "$BIN" --time 25 udp "$LINUX_IP" 9000 512 100
	check_run udp/stack-to-linux-4000 30 "$BIN" --time 25 udp "$LINUX_IP" 9000 4000 50
	stop_bg "$UDPECHO"
else
	fail net-host/udp/stack-to-linux-512 "Linux UDP echo server did not start"
	fail net-host/udp/stack-to-linux-4000 "Linux UDP echo server did not start"
fi
if start_bg tcp-echo listening python3 "$PEER" echo 9003; then
	TCPECHO=$started_pid
	check_run tcp/conns/stack-client-1000-sequential 120 "$BIN" --time 110 conns "$LINUX_IP" 9003 1000 1
	check_run tcp/conns/stack-client-200-concurrent 120 "$BIN" --time 110 conns "$LINUX_IP" 9003 200 200
	stop_bg "$TCPECHO"
else
	fail net-host/tcp/conns/stack-client-1000-sequential "Linux TCP echo server did not start"
	fail net-host/tcp/conns/stack-client-200-concurrent "Linux TCP echo server did not start"
fi

# ---- bulk TCP under impairments -------------------------------------------
# Each case: Linux -> stack (Linux client to the stack's sink, the stack
# as server) and stack -> Linux (the stack as client to Linux's sink);
# the unimpaired case also runs the two other role/direction pairs.
# Each transfer is bounded by `limit` seconds; throughput is printed,
# never asserted.

# wscale_ok LOGTEXT FIELD: the window grew past 64 KiB with scaling on.
wscale_ok() {
	local line snd rcv wnd
	line=$(grep -m1 -o 'snd_wscale [0-9]* rcv_wscale [0-9]* max_snd_wnd [0-9]* max_rcv_wnd [0-9]*' <<< "$1")
	read -r _ snd _ rcv _ swnd _ rwnd <<< "$line"
	[ -n "$line" ] || return 1
	[ "$snd" -gt 0 ] && [ "$rcv" -gt 0 ] || return 1
	wnd=$swnd
	[ "$2" = rcv ] && wnd=$rwnd
	[ "$wnd" -gt 65535 ]
}

bulk_case() {
	local name=$1 limit=$2 desc=$3 roles=$4
	shift 4
	local imp=("$@") seed=$SEED
	local tag="$desc, seed $seed"
	[ ${#imp[@]} = 0 ] && tag=$desc

	# Linux -> stack, the stack serving.
	if ! start_bg "serve-$name" serving "$BIN" --time $((limit * 2 + 30)) --seed "$seed" "${imp[@]}" serve; then
		fail net-host/tcp/$name/linux-to-stack "ternhost did not start"
		return
	fi
	local srv=$started_pid
	if run "tcp-$name-l2s" "$limit" python3 "$PEER" send "$STACK_IP" 5001 "$BYTES" &&
	   grep -q '^RESULT ok' <<< "$out"; then
		local extra=""
		if [ "$name" = delay ]; then
			if wscale_ok "$(cat "$LOG/serve-$name.log")" rcv; then
				extra=" (window scaling: $(grep -m1 -o 'rcv_wscale [0-9]* .*max_rcv_wnd [0-9]*' "$LOG/serve-$name.log"))"
			else
				fail net-host/tcp/$name/linux-to-stack "window did not scale past 64 KiB: $(grep -m1 tcp_info "$LOG/serve-$name.log")"
				extra=skip
			fi
		fi
		[ "$extra" != skip ] && pass net-host/tcp/$name/linux-to-stack "$(result_line), SHA-256 verified [$tag]$extra"
	else
		fail net-host/tcp/$name/linux-to-stack "[$tag]: $(result_line || true) $(flat "$(tail -2 "$LOG/tcp-$name-l2s.log")") (limit ${limit}s)"
	fi
	if [ "$roles" = all ]; then
		if run "tcp-$name-s2l-server" "$limit" python3 "$PEER" recv "$STACK_IP" 5002 "$BYTES" &&
		   grep -q '^RESULT ok' <<< "$out"; then
			local theirs ours
			theirs=$(grep -m1 -o 'sha256 [0-9a-f]*' <<< "$out" | cut -d' ' -f2)
			ours=$(grep -m1 -o '^source: sent [0-9]* bytes sha256 [0-9a-f]*' "$LOG/serve-$name.log" | awk '{print $6}')
			if [ -n "$theirs" ] && [ "$theirs" = "$ours" ]; then
				pass net-host/tcp/$name/stack-server-to-linux "$(result_line), SHA-256 verified [$tag]"
			else
				fail net-host/tcp/$name/stack-server-to-linux "digest Linux $theirs, stack $ours"
			fi
		else
			fail net-host/tcp/$name/stack-server-to-linux "$(result_line || true) (limit ${limit}s)"
		fi
	fi
	stop_bg "$srv"

	# Stack -> Linux, the stack connecting.
	if ! start_bg "sink-$name" listening python3 "$PEER" sink 9001; then
		fail net-host/tcp/$name/stack-to-linux "Linux sink did not start"
		return
	fi
	local sink=$started_pid
	if run "tcp-$name-s2l" "$limit" "$BIN" --time $((limit - 5)) --seed "$seed" "${imp[@]}" send "$LINUX_IP" 9001 "$BYTES" &&
	   grep -q '^RESULT ok' <<< "$out"; then
		if [ "$name" = delay ] && ! wscale_ok "$out" snd; then
			fail net-host/tcp/$name/stack-to-linux "window did not scale past 64 KiB: $(grep -m1 tcp_info <<< "$out")"
		else
			local extra=""
			[ "$name" = delay ] && extra=" (window scaling: $(grep -m1 -o 'snd_wscale [0-9]* .*max_snd_wnd [0-9]*' <<< "$out"))"
			pass net-host/tcp/$name/stack-to-linux "$(result_line), SHA-256 verified [$tag]$extra"
		fi
	else
		fail net-host/tcp/$name/stack-to-linux "[$tag]: $(result_line || true) $(grep -m1 '^tcp_info' <<< "$out") (limit ${limit}s)"
	fi
	stop_bg "$sink"

	if [ "$roles" = all ]; then
		if start_bg "source-$name" listening python3 "$PEER" source 9002; then
			local src=$started_pid
			if run "tcp-$name-l2s-client" "$limit" "$BIN" --time $((limit - 5)) "${imp[@]}" recv "$LINUX_IP" 9002 "$BYTES" &&
			   grep -q '^RESULT ok' <<< "$out"; then
				local ours theirs
				ours=$(grep -m1 '^received' <<< "$out" | awk '{print $5}')
				sleep 0.2
				theirs=$(grep -m1 -o 'sha256 [0-9a-f]*' "$LOG/source-$name.log" | cut -d' ' -f2)
				if [ -n "$ours" ] && [ "$ours" = "$theirs" ]; then
					pass net-host/tcp/$name/linux-to-stack-client "$(result_line), SHA-256 verified [$tag]"
				else
					fail net-host/tcp/$name/linux-to-stack-client "digest stack $ours, Linux $theirs"
				fi
			else
				fail net-host/tcp/$name/linux-to-stack-client "$(result_line || true) (limit ${limit}s)"
			fi
			stop_bg "$src"
		else
			fail net-host/tcp/$name/linux-to-stack-client "Linux source did not start"
		fi
	fi
}

# Corrupted frames must have been thrown away by checksums on both sides
# (the SHA-256 checks above show none got through).
corrupt_check() {
	local sum_stack=0 sum_linux n
	for f in "$LOG/serve-loss5.log" "$LOG/tcp-loss5-s2l.log"; do
		for n in $(grep -m1 '^stack drops' "$f" 2>/dev/null | grep -oE '(Errors|Pkts) [0-9]+' | awk '{print $2}'); do
			sum_stack=$((sum_stack + n))
		done
	done
	sum_linux=$(nsx nstat -asz IpInHdrErrors IpExtInCsumErrors TcpInCsumErrors 2>/dev/null |
		awk '/^[A-Z]/ {s += $2} END {print s + 0}')
	local injected
	injected=$(grep -ho 'corrupt=[0-9]*' "$LOG/serve-loss5.log" "$LOG/tcp-loss5-s2l.log" 2>/dev/null | tr '\n' ' ')
	if [ "$sum_stack" -gt 0 ] && [ "$sum_linux" -gt 0 ]; then
		pass net-host/tcp/loss5/corruption-dropped-by-checksum "stack dropped $sum_stack, Linux $sum_linux (injected: $injected)"
	else
		fail net-host/tcp/loss5/corruption-dropped-by-checksum "stack dropped $sum_stack, Linux $sum_linux (injected: $injected)"
	fi
}

echo "# net-host: impairment seed $SEED (replay: NET_HOST_SEED=$SEED), $MIB MiB per transfer" >&2
bulk_case none 60 "no impairment" all
bulk_case loss1 120 "1% loss both ways" two --loss 1
bulk_case loss5 150 "5% loss, 10% reordering, 1% duplication, 1% corruption both ways" two \
	--loss 5 --reorder 10 --dup 1 --corrupt 1
corrupt_check
bulk_case delay 120 "100 ms delay, 1 MiB socket buffers" two --delay 100 --buf 1048576
exit 0
