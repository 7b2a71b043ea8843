#!/usr/bin/env python3
"""test/e2e/epoll_client.py PORT NCONN

The host's client of test/suites/guest-epoll-host.sh: opens NCONN TCP
connections to 127.0.0.1:PORT (QEMU's hostfwd to the guest's epoll echo
server), all of them before any data moves, then sends each connection
its own byte pattern (the one test/guest/epoll/echoserver.h defines),
shuts down its write side, and checks every byte echoed back.  The first
byte of every connection is echoed before any connection sends more, so
the guest has all NCONN connections open at once.  Prints
"RESULT ok ..." or "RESULT fail ..." and exits 0 or 1.  Bounded: 120 s.
"""
import selectors
import socket
import sys
import time


def pattern(conn, off):
    return (conn * 131 + off * 7 + (off >> 8)) & 0xff


def conn_bytes(i):
    return 600 + i % 5 * 200


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    start = time.monotonic()
    deadline = start + 120
    socks, want = [], []
    for i in range(n):
        s = socket.create_connection(('127.0.0.1', port), timeout=30)
        socks.append(s)
        want.append(bytes(pattern(i, k) for k in range(conn_bytes(i))))
    for i, s in enumerate(socks):
        s.settimeout(30)
        s.sendall(want[i][:1])
    got = []
    for i, s in enumerate(socks):
        b = s.recv(1)
        if b != want[i][:1]:
            print('RESULT fail connection %d: first byte %r, want %r' % (i, b, want[i][:1]))
            return 1
        got.append(bytearray(b))
        s.setblocking(False)
    sel = selectors.DefaultSelector()
    sent = [1] * n
    for i, s in enumerate(socks):
        sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE, i)
    open_ = n
    while open_:
        if time.monotonic() > deadline:
            print('RESULT fail timeout: %d of %d connections unfinished' % (open_, n))
            return 1
        for key, ev in sel.select(timeout=5):
            i, s = key.data, key.fileobj
            if ev & selectors.EVENT_WRITE and sent[i] < len(want[i]):
                try:
                    sent[i] += s.send(want[i][sent[i]:])
                except BlockingIOError:
                    pass
                if sent[i] == len(want[i]):
                    s.shutdown(socket.SHUT_WR)
                    sel.modify(s, selectors.EVENT_READ, i)
            if ev & selectors.EVENT_READ:
                try:
                    data = s.recv(65536)
                except BlockingIOError:
                    continue
                if data:
                    got[i] += data
                    continue
                sel.unregister(s)
                s.close()
                open_ -= 1
                if bytes(got[i]) != want[i]:
                    print('RESULT fail connection %d: %d bytes back of %d, %s' %
                          (i, len(got[i]), len(want[i]),
                           'content differs' if len(got[i]) == len(want[i]) else 'short'))
                    return 1
    total = sum(len(w) for w in want)
    print('RESULT ok %d connections, %d bytes each way, %.1f s' %
          (n, total, time.monotonic() - start))
    return 0


if __name__ == '__main__':
    sys.exit(main())
