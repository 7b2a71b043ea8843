#!/usr/bin/env bash
# End to end through QEMU's user network (restrict=on): busybox's applets
# in a guest booted once, against servers and clients on the host's
# 127.0.0.1.  Runs on KERNEL=tern and KERNEL=linux (the oracle).
#
#   host                                    guest (test/guest/e2e-user/)
#   test/e2e/serve.py http  127.0.0.1:P1 <- wget http://10.0.2.100/
#   test/e2e/serve.py https 127.0.0.1:P2 <- wget https://10.0.2.100/
#     (guestfwd, tools/guestfwd-connect)      (busybox's own TLS)
#   serve.py fetch  127.0.0.1:H1 ->           httpd -p 80
#   peer.py send    127.0.0.1:H2 ->           nc -l -p 5001 (answers SHA-256)
#   peer.py recv    127.0.0.1:H3 ->           nc -l -p 5002 < data.bin
#     (hostfwd)
# plus, in the guest alone: udhcpc's lease, ifconfig, route -n, netstat
# -tuan, arp -n, ping, dnsd + nslookup.  The 64 MiB data.bin is random,
# made here; the HTTPS server's certificate comes from a throwaway CA made
# here with openssl, under $O (never committed).  Every host process is
# stopped by PID at the end; every wait is bounded.
#
# Run time under TCG: about 85 s on Tern and 100 s on Linux on an idle
# build machine (64 MiB of random data and a certificate made, boot, 5
# transfers of 64 MiB, HTTPS the slowest at 30-40 s); up to 190 s measured
# with other QEMU runs loading both cores.
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
S=e2e-user
BYTES=$((64 * 1024 * 1024))
LOG=$O/e2e/$S-$KERNEL.$$
find "$O/e2e" -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null
mkdir -p "$LOG/www" "$LOG/tls"
. tools/suite-lib.sh
. test/lib/procs.sh
. test/e2e/guest.sh
# The host's checks; the guest declares its own (test/guest/e2e-user/).
plan $S.host-fetch-httpd-64MiB-sha256 $S.host-nc-to-guest-64MiB-sha256 \
	$S.host-nc-from-guest-64MiB-sha256 $S.done

cleanup() {
	stop_guest
	stop_all_bg
	# The data and the throwaway keys go; the logs stay for a while.
	rm -rf "$LOG/www" "$LOG/tls"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start=$(date +%s)

# ---- host side: data, certificate, servers --------------------------------
if ! head -c "$BYTES" /dev/urandom > "$LOG/www/data.bin"; then
	fail_rest "cannot write $LOG/www/data.bin"
	exit 1
fi
sha=$(sha256sum "$LOG/www/data.bin" | cut -d' ' -f1)
# A CA, and a server certificate for 10.0.2.100 signed by it.
if ! ( cd "$LOG/tls" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Tern e2e CA" \
		-keyout ca.key -out ca.crt &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=10.0.2.100" \
		-keyout server.key -out server.csr &&
	printf 'subjectAltName=IP:10.0.2.100\n' > ext &&
	openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
		-days 1 -extfile ext -out server.crt ) > "$LOG/openssl.log" 2>&1; then
	fail_rest "openssl: $(flat "$(tail -n 3 "$LOG/openssl.log")")"
	exit 1
fi
if ! start_bg http '^listening' python3 test/e2e/serve.py http "$LOG/www"; then
	fail_rest "the host HTTP server did not start: $(flat "$(cat "$LOG/http.log")")"
	exit 1
fi
http_port=$(awk '/^listening/ { print $2; exit }' "$LOG/http.log")
if ! start_bg https '^listening' python3 test/e2e/serve.py https "$LOG/www" \
		"$LOG/tls/server.crt" "$LOG/tls/server.key"; then
	fail_rest "the host HTTPS server did not start: $(flat "$(cat "$LOG/https.log")")"
	exit 1
fi
https_port=$(awk '/^listening/ { print $2; exit }' "$LOG/https.log")
read -r h_httpd h_sink h_source <<< "$(free_ports 3)"

# ---- the guest ------------------------------------------------------------
# TERN_TEST_LIMIT (init's environment, as on Linux): /test/run's limit
# for the guest script, which waits for the host's transfers.
boot_guest "$S" 700 "tern.net=dhcp tern.e2e=user tern.e2e.sha256=$sha TERN_TEST_LIMIT=600" \
	--hostfwd "tcp:127.0.0.1:$h_httpd-:80" \
	--hostfwd "tcp:127.0.0.1:$h_sink-:5001" \
	--hostfwd "tcp:127.0.0.1:$h_source-:5002" \
	--guestfwd "tcp:10.0.2.100:80-127.0.0.1:$http_port" \
	--guestfwd "tcp:10.0.2.100:443-127.0.0.1:$https_port" || exit 1

# ---- the host's half, once the guest serves ---------------------------------
if ! wait_console '^E2E-SERVING$' 500; then
	for c in host-fetch-httpd-64MiB-sha256 host-nc-to-guest-64MiB-sha256 host-nc-from-guest-64MiB-sha256; do
		fail "$S.$c" "the guest never reached its servers (E2E-SERVING)"
	done
else
	c=$S.host-fetch-httpd-64MiB-sha256
	if run httpd-fetch 120 python3 test/e2e/serve.py fetch "http://127.0.0.1:$h_httpd/data.bin" &&
	   got=$(awk '/^sha256/ { print $2 }' <<< "$out") && [ "$got" = "$sha" ]; then
		pass "$c" "$(awk '/^sha256/ { print $6 }' <<< "$out") s"
	else
		fail "$c" "$(flat "$(tail -n 1 <<< "$out")") (want sha256 $sha)"
	fi
	c=$S.host-nc-to-guest-64MiB-sha256
	if run nc-to-guest 120 python3 test/net-host/peer.py send 127.0.0.1 "$h_sink" "$BYTES" &&
	   grep -q '^RESULT ok' <<< "$out"; then
		pass "$c" "$(grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT ok //')"
	else
		fail "$c" "$(flat "$(tail -n 1 <<< "$out")")"
	fi
	c=$S.host-nc-from-guest-64MiB-sha256
	if run nc-from-guest 120 python3 test/net-host/peer.py recv 127.0.0.1 "$h_source" "$BYTES" &&
	   got=$(awk '/^sha256/ { print $2 }' <<< "$out") && [ "$got" = "$sha" ]; then
		pass "$c" "$(grep -m1 '^RESULT' <<< "$out" | sed 's/^RESULT ok //')"
	else
		fail "$c" "$(flat "$(tail -n 1 <<< "$out")") (want sha256 $sha)"
	fi
fi
# The guest's own checks end within 180 s of E2E-SERVING.
wait_guest 240
guest_results $S.done
echo "$S on $KERNEL: $(($(date +%s) - start)) s, logs in $LOG" >&2
exit 0
