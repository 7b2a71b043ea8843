#!/usr/bin/env python3
"""Host-side servers for the end-to-end suites, on 127.0.0.1 only.

  serve.py http DIR             HTTP/1.0 file server for DIR
  serve.py https DIR CERT KEY   the same over TLS (TLS 1.2 and up; busybox
                                wget's own TLS speaks 1.2)
  serve.py fetch URL            a client: GET URL, print "sha256 HEX bytes N
                                seconds S" (S with two decimals)
  serve.py ask HOST PORT LINE   a client: send LINE, half-close, print
                                what comes back until the end, then
                                "seconds S"

Each server binds 127.0.0.1 on a port the kernel chooses, prints
"listening PORT" once it accepts connections, then serves until killed.
Requests are logged to stderr.
"""
import functools
import hashlib
import http.server
import socket
import ssl
import sys
import time
import urllib.request


def fetch(url):
    t0 = time.monotonic()
    h = hashlib.sha256()
    n = 0
    with urllib.request.urlopen(url, timeout=60) as r:
        while True:
            b = r.read(1 << 20)
            if not b:
                break
            h.update(b)
            n += len(b)
    print("sha256 %s bytes %d seconds %.2f" % (h.hexdigest(), n, time.monotonic() - t0))
    return 0


def ask(host, port, line):
    t0 = time.monotonic()
    with socket.create_connection((host, port), timeout=30) as c:
        c.settimeout(None)
        c.sendall(line.encode() + b"\n")
        c.shutdown(socket.SHUT_WR)
        while True:
            b = c.recv(4096)
            if not b:
                break
            sys.stdout.write(b.decode(errors="replace"))
    print("seconds %.2f" % (time.monotonic() - t0))
    return 0


def main():
    mode, root = sys.argv[1], sys.argv[2]
    if mode == "fetch":
        return fetch(root)
    if mode == "ask":
        return ask(root, int(sys.argv[3]), sys.argv[4])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if mode == "https":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        # busybox's TLS client sends no signature_algorithms extension,
        # so the server must sign its key exchange with SHA-1 (RFC 5246
        # 7.4.1.4.1), which OpenSSL 3 allows only at security level 0.
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    elif mode != "http":
        print("usage: serve.py http DIR | https DIR CERT KEY", file=sys.stderr)
        return 2
    print("listening %d" % srv.server_address[1], flush=True)
    srv.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
