#!/usr/bin/env bash
# The whole kernel path (driver, bottom half, timers, sockets) against
# Linux's stack over a real link, clean and with 1% loss: the guest in
# QEMU on a TAP device inside a network namespace made here, never the
# user network, nothing leaving the namespace.  Runs on KERNEL=tern and
# KERNEL=linux (the oracle).
#
#   namespace tern-e2e-PID (removed at the end, even on failure):
#     veth0 198.51.100.1/24 (RFC 5737 TEST-NET-2: exists only here)
#       = Linux's stack, test/net-host/peer.py
#     veth1 + tap0 in bridge br0; QEMU on tap0 (vnet_hdr=off)
#       guest eth0 198.51.100.2/24 (tern.net=), test/guest/e2e-link/
#
# Loss: the build machines' kernels have no netem (and no tc gact), so the
# 1% comes from nftables on the bridge's forward hook (numgen random),
# i.e. on the wire between the two stacks, both directions.  Dropping on
# veth0 or tap0 egress instead would be a local transmit failure Linux's
# TCP simply retries, not a loss.  veth0 has gso_max_segs 1 so Linux sends
# one segment per packet and a drop is one frame; the suite checks that no
# frame on the wire was bigger than the MTU.
#
# Per condition (clean, 1% loss), 64 MiB each way in each role, every
# transfer checked by SHA-256:
#   tern-client-send   guest nc -> peer.py sink (the peer answers its digest)
#   tern-client-recv   peer.py source -> guest nc (the guest's digest)
#   tern-server-recv   peer.py send -> guest nc -ll sink (answers its digest)
#   tern-server-send   guest nc -ll source -> peer.py recv
# Needs root (or the rights) for ip netns, TAP, bridge and nftables; skips
# with a reason otherwise.
#
# Run time under TCG: about 90 s on Tern and 85 s on Linux on an idle
# build machine (boot, 64 MiB made in the guest, 8 transfers of 64 MiB at
# 4-15 s each); up to 260 s measured with other QEMU runs loading both
# cores.
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
S=e2e-link
BYTES=$((64 * 1024 * 1024))
LINUX_IP=198.51.100.1
GUEST_IP=198.51.100.2
LOG=$O/e2e/$S-$KERNEL.$$
find "$O/e2e" -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null
mkdir -p "$LOG"
NS=tern-e2e-$$
. tools/suite-lib.sh
. test/lib/procs.sh
. test/e2e/guest.sh

cleanup() {
	stop_guest
	stop_all_bg
	ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
nsx() { ip netns exec "$NS" "$@"; }
start=$(date +%s)

CONDS="clean loss1"
ROLES="tern-client-send tern-client-recv tern-server-recv tern-server-send"
# The host's checks; the guest declares its own (test/guest/e2e-link/).
for c in $CONDS; do
	for r in $ROLES wire; do plan "$S.$c.$r"; done
done
plan $S.done

# ---- the link ------------------------------------------------------------
# Without the rights (root) every check is a SKIP, which fails the run
# unless test/allowed-skips.txt allows it (never under CI=true).
if ! err=$(ip netns add "$NS" 2>&1); then
	skip_rest "cannot create a network namespace: $err"
	exit 0
fi
if ! err=$( { ip -n "$NS" tuntap add dev tap0 mode tap &&
	ip -n "$NS" link add br0 type bridge &&
	ip -n "$NS" link add veth0 type veth peer name veth1 &&
	ip -n "$NS" link set veth1 master br0 &&
	ip -n "$NS" link set tap0 master br0 &&
	ip -n "$NS" link set veth0 gso_max_segs 1 &&
	ip -n "$NS" addr add "$LINUX_IP/24" dev veth0 &&
	for l in lo veth0 veth1 tap0 br0; do ip -n "$NS" link set "$l" up || exit 1; done; } 2>&1); then
	skip_rest "cannot build the link (TAP, bridge, veth) in the namespace: $err"
	exit 0
fi

# set_wire PERCENT: the bridge drops PERCENT% of the frames it forwards
# (0: none); counters for frames above the MTU, drops, and the rest.
set_wire() {
	local drop=
	[ "$1" != 0 ] && drop="numgen random mod 100 < $1 counter drop"
	nsx nft -f - <<-NFT
	table bridge e2e_wire
	delete table bridge e2e_wire
	table bridge e2e_wire {
		chain wire {
			type filter hook forward priority 0; policy accept;
			meta length > 1500 counter
			$drop
			counter
		}
	}
	NFT
}
# wire_counts: "OVERSIZE DROPPED PASSED" frames since set_wire.
wire_counts() {
	local c
	c=$(nsx nft list chain bridge e2e_wire wire | grep -o 'counter packets [0-9]*' | awk '{print $3}')
	set -- $c
	if [ $# = 3 ]; then echo "$1 $2 $3"; else echo "$1 0 $2"; fi
}
if ! err=$(set_wire 0 2>&1); then
	skip_rest "cannot install the nftables bridge rules: $err"
	exit 0
fi

# ---- the guest -------------------------------------------------------------
# TERN_TEST_LIMIT (init's environment, as on Linux): /test/run's limit
# for the guest script, which lives as long as the host's transfers.
boot_guest "$S" 900 "tern.net=$GUEST_IP/24 tern.e2e=link TERN_TEST_LIMIT=800" \
	--tap "$NS:tap0" || exit 1
if ! wait_console '^E2E-READY$' 300; then
	for c in $CONDS; do
		for r in $ROLES wire; do fail "$S.$c.$r" "the guest never got ready (E2E-READY)"; done
	done
	wait_guest 5 || stop_guest
	guest_results $S.done
	exit 0
fi
gsha=$(_console | awk '/^E2E-DATA / { print $2; exit }')

# NS makes run and start_bg work inside the namespace (test/lib/procs.sh).
# ask LINE: the guest's control server runs LINE; its answer in $out.
ask() { run "ask-$cond-${1%% *}" 200 python3 test/e2e/serve.py ask "$GUEST_IP" 5000 "$1"; }

answer() { head -n 1 <<< "$out"; }
secs() { awk '/^seconds/ { print $2 }' <<< "$out"; }
peer_sha() { grep -m1 -o 'sha256 [0-9a-f]*' "$LOG/$1.log" | cut -d' ' -f2; }

# First contact (bounded, 3 tries over about 30 s): without it every
# transfer would only time out.  The guest stops waiting for the host
# 60 s after E2E-READY without it, and powers off.
cond=first
for try in 1 2 3; do
	ask hello && [ "$(answer)" = hello ] && break
	sleep 5
done
if [ "$(answer)" != hello ]; then
	for c in $CONDS; do
		for r in $ROLES wire; do
			fail "$S.$c.$r" "the guest's control server at $GUEST_IP:5000 never answered: $(flat "$(tail -n 1 <<< "$out")")"
		done
	done
	wait_guest 120
	guest_results $S.done
	exit 0
fi

for cond in $CONDS; do
	case $cond in
	clean) set_wire 0; tag="no loss" ;;
	loss1) set_wire 1; tag="1% loss both ways" ;;
	esac
	r=tern-client-send
	if start_bg "sink-$cond" listening python3 test/net-host/peer.py sink 9001 &&
	   ask "send 9001" && [ "$(answer)" = "$gsha" ]; then
		pass "$S.$cond.$r" "64 MiB in $(secs) s, SHA-256 verified [$tag]"
	else
		fail "$S.$cond.$r" "peer answered '$(flat "$(answer)")', guest's data $gsha [$tag]"
	fi
	stop_bg "$started_pid"
	r=tern-client-recv
	if start_bg "source-$cond" listening python3 test/net-host/peer.py source 9002 &&
	   ask "recv 9002" && sleep 0.2 && [ "$(answer)" = "$(peer_sha "source-$cond")" ]; then
		pass "$S.$cond.$r" "64 MiB in $(secs) s, SHA-256 verified [$tag]"
	else
		fail "$S.$cond.$r" "guest's digest '$(flat "$(answer)")', peer sent $(peer_sha "source-$cond") [$tag]"
	fi
	stop_bg "$started_pid"
	r=tern-server-recv
	if run "send-$cond" 200 python3 test/net-host/peer.py send "$GUEST_IP" 5001 "$BYTES" &&
	   grep -q '^RESULT ok' <<< "$out"; then
		pass "$S.$cond.$r" "$(grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT ok send //'), SHA-256 verified [$tag]"
	else
		fail "$S.$cond.$r" "$(flat "$(tail -n 1 <<< "$out")") [$tag]"
	fi
	r=tern-server-send
	if run "recv-$cond" 200 python3 test/net-host/peer.py recv "$GUEST_IP" 5002 "$BYTES" &&
	   [ "$(awk '/^sha256/ { print $2 }' <<< "$out")" = "$gsha" ]; then
		pass "$S.$cond.$r" "$(grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT ok recv //'), SHA-256 verified [$tag]"
	else
		fail "$S.$cond.$r" "$(flat "$(tail -n 1 <<< "$out")"), guest's data $gsha [$tag]"
	fi
	read -r big dropped passed <<< "$(wire_counts)"
	if [ "$big" != 0 ]; then
		fail "$S.$cond.wire" "$big frames above the MTU crossed the bridge (a drop would not be one frame)"
	elif [ "$cond" = loss1 ] && [ "$dropped" = 0 ]; then
		fail "$S.$cond.wire" "no frame was dropped ($passed passed)"
	else
		pass "$S.$cond.wire" "$passed frames forwarded, $dropped dropped, none above the MTU"
	fi
done
ask quit
wait_guest 60
guest_results $S.done
echo "$S on $KERNEL: $(($(date +%s) - start)) s, logs in $LOG" >&2
exit 0
