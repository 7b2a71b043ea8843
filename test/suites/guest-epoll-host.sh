#!/usr/bin/env bash
# The guest-epoll echo server (test/guest/epoll/echoserver.h) driven from
# the host through QEMU's user network (restrict=on, host forwards bound
# to 127.0.0.1): the guest (test/guest/epoll-host/) serves on eth0, level-
# triggered on port 7000 and then edge-triggered on 7001; for each, the
# host's client (test/e2e/epoll_client.py) opens 200 connections at once
# through hostfwd and checks every byte echoed.  Runs on KERNEL=tern and
# KERNEL=linux (the oracle).  Every wait is bounded; QEMU is stopped by
# PID at the end.
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
S=epoll-host
N=200
LOG=$O/e2e/$S-$KERNEL.$$
find "$O/e2e" -mindepth 1 -maxdepth 1 -name "$S-*" -mmin +120 -exec rm -rf {} + 2>/dev/null
mkdir -p "$LOG"
. tools/suite-lib.sh
. test/lib/procs.sh
. test/e2e/guest.sh
plan $S.host-200-level-triggered $S.host-200-edge-triggered $S.done

cleanup() {
	stop_guest
	stop_all_bg
}
trap cleanup EXIT
trap 'exit 130' INT TERM

read -r h_lt h_et <<< "$(free_ports 2)"
boot_guest "$S" 300 "tern.net=dhcp" \
	--hostfwd "tcp:127.0.0.1:$h_lt-:7000" \
	--hostfwd "tcp:127.0.0.1:$h_et-:7001" || exit 1

# client CHECK HOSTPORT GUESTPORT: once the guest listens, run the host's
# client against it.
client() {
	local c=$S.$1
	if ! wait_console "^EPOLL-HOST-READY $3\$" 200; then
		fail "$c" "the guest never listened on $3 (EPOLL-HOST-READY); console log: $CONSOLE"
	elif run "client-$3" 150 python3 test/e2e/epoll_client.py "$2" "$N" &&
	     grep -q '^RESULT ok' <<< "$out"; then
		pass "$c" "$(grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT ok //')"
	else
		fail "$c" "$(flat "$(tail -n 1 <<< "$out")")"
	fi
}
client host-200-level-triggered "$h_lt" 7000
client host-200-edge-triggered "$h_et" 7001
wait_guest 120
guest_results $S.done
