#!/usr/bin/env python3
"""Linux's side of the net-host tests: plain sockets of the namespace's
own stack, talking to ternhost over the TAP link.

  peer.py sink PORT           TCP server, one connection: read to EOF,
                              answer the SHA-256 line (ternhost send).
  peer.py source PORT         TCP server, one connection: read "N\\n",
                              send N random bytes, close; print the hash.
  peer.py echo PORT           TCP echo server (threads), until killed.
  peer.py udp-echo PORT       UDP echo server, until killed.
  peer.py send HOST PORT N    to ternhost's sink: send N random bytes,
                              shut down, compare the answered SHA-256.
  peer.py recv HOST PORT N    to ternhost's source: ask for N bytes,
                              read to EOF, print the SHA-256.
  peer.py conns HOST PORT COUNT PARALLEL   to ternhost's echo.
  peer.py udp HOST PORT SIZE COUNT         to ternhost's UDP echo.

Every client prints one "RESULT ok ..." / "RESULT fail ..." line (and
for transfers "sha256 HEX bytes N"); the suite bounds each with timeout.
"""
import hashlib
import os
import selectors
import socket
import sys
import threading
import time

CHUNK = 65536


def listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(1024)
    print("listening", flush=True)
    return s


def recv_line(c):
    line = b""
    while not line.endswith(b"\n"):
        b = c.recv(1)
        if not b:
            break
        line += b
    return line.strip().decode()


def send_random(c, n, h):
    left = n
    while left:
        chunk = os.urandom(min(CHUNK, left))
        h.update(chunk)
        c.sendall(chunk)
        left -= len(chunk)


def read_all(c, h):
    total = 0
    while True:
        b = c.recv(1 << 20)
        if not b:
            return total
        h.update(b)
        total += len(b)


def sink(port):
    s = listener(port)
    c, _ = s.accept()
    h = hashlib.sha256()
    n = read_all(c, h)
    c.sendall((h.hexdigest() + "\n").encode())
    c.close()
    print("sha256 %s bytes %d" % (h.hexdigest(), n), flush=True)


def source(port):
    s = listener(port)
    c, _ = s.accept()
    n = int(recv_line(c))
    h = hashlib.sha256()
    send_random(c, n, h)
    c.close()
    print("sha256 %s bytes %d" % (h.hexdigest(), n), flush=True)


def echo_one(c):
    try:
        while True:
            b = c.recv(65536)
            if not b:
                break
            c.sendall(b)
    finally:
        c.close()


def echo(port):
    s = listener(port)
    while True:
        c, _ = s.accept()
        threading.Thread(target=echo_one, args=(c,), daemon=True).start()


def udp_echo(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    print("listening", flush=True)
    while True:
        data, addr = s.recvfrom(65536)
        s.sendto(data, addr)


def connect(host, port, timeout=30):
    c = socket.create_connection((host, port), timeout=timeout)
    return c


def send(host, port, n):
    c = connect(host, port)
    t0 = time.monotonic()
    h = hashlib.sha256()
    send_random(c, n, h)
    c.shutdown(socket.SHUT_WR)
    answer = recv_line(c)
    t = time.monotonic() - t0
    c.close()
    mib = n / (1 << 20)
    if answer == h.hexdigest():
        print("RESULT ok send %.0f MiB in %.2f s = %.2f MiB/s" % (mib, t, mib / t))
        return 0
    print("RESULT fail send: peer's digest %r, ours %s" % (answer, h.hexdigest()))
    return 1


def recv(host, port, n):
    c = connect(host, port)
    t0 = time.monotonic()
    c.sendall(b"%d\n" % n)
    h = hashlib.sha256()
    got = read_all(c, h)
    t = time.monotonic() - t0
    c.close()
    print("sha256 %s bytes %d" % (h.hexdigest(), got))
    mib = got / (1 << 20)
    if got == n:
        print("RESULT ok recv %.0f MiB in %.2f s = %.2f MiB/s" % (mib, t, mib / t))
        return 0
    print("RESULT fail recv: %d of %d bytes" % (got, n))
    return 1


def one_echo(host, port, i):
    msg = b"connection %d: " % i + os.urandom(48)
    c = connect(host, port)
    c.sendall(msg)
    c.shutdown(socket.SHUT_WR)
    got = b""
    while True:
        b = c.recv(4096)
        if not b:
            break
        got += b
    c.close()
    return got == msg


def conns(host, port, count, parallel):
    t0 = time.monotonic()
    ok = 0
    errors = []
    if parallel <= 1:
        for i in range(count):
            try:
                ok += one_echo(host, port, i)
            except OSError as e:
                errors.append(str(e))
    else:
        # `parallel` connections open at the same time, driven by one
        # selector: connect all, write all, read all.
        sel = selectors.DefaultSelector()
        done = 0
        start = 0
        while start < count:
            batch = min(parallel, count - start)
            socks = []
            for i in range(batch):
                c = socket.socket()
                c.setblocking(False)
                try:
                    c.connect((host, port))
                except BlockingIOError:
                    pass
                msg = b"connection %d: " % (start + i) + os.urandom(48)
                state = {"msg": msg, "got": b"", "sent": False}
                sel.register(c, selectors.EVENT_WRITE, state)
                socks.append(c)
            deadline = time.monotonic() + 60
            pending = batch
            while pending and time.monotonic() < deadline:
                for key, ev in sel.select(timeout=1):
                    c, st = key.fileobj, key.data
                    if ev & selectors.EVENT_WRITE and not st["sent"]:
                        err = c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                        if err:
                            errors.append(os.strerror(err))
                            sel.unregister(c)
                            c.close()
                            pending -= 1
                            continue
                        c.sendall(st["msg"])
                        c.shutdown(socket.SHUT_WR)
                        st["sent"] = True
                        sel.modify(c, selectors.EVENT_READ, st)
                    elif ev & selectors.EVENT_READ:
                        try:
                            b = c.recv(4096)
                        except OSError as e:
                            errors.append(str(e))
                            b = None
                        if b:
                            st["got"] += b
                            continue
                        ok += b is not None and st["got"] == st["msg"]
                        sel.unregister(c)
                        c.close()
                        pending -= 1
                        done += 1
            for c in socks:
                try:
                    sel.unregister(c)
                except (KeyError, ValueError):
                    pass
                c.close()
            start += batch
    t = time.monotonic() - t0
    if ok == count:
        print("RESULT ok conns: %d connections (%d at a time) echoed in %.2f s"
              % (count, parallel, t))
        return 0
    print("RESULT fail conns: %d of %d ok; first errors: %s" % (ok, count, errors[:3]))
    return 1


def udp(host, port, size, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    good = 0
    for i in range(count):
        msg = i.to_bytes(4, "little") + os.urandom(size - 4)
        s.sendto(msg, (host, port))
        try:
            data, addr = s.recvfrom(65536)
        except socket.timeout:
            continue
        good += data == msg and addr == (host, port)
    if good == count:
        print("RESULT ok udp: %d/%d datagrams of %d bytes echoed intact" % (good, count, size))
        return 0
    print("RESULT fail udp: %d/%d echoed intact" % (good, count))
    return 1


def main():
    a = sys.argv[1:]
    cmd = a[0]
    if cmd == "sink":
        sink(int(a[1]))
    elif cmd == "source":
        source(int(a[1]))
    elif cmd == "echo":
        echo(int(a[1]))
    elif cmd == "udp-echo":
        udp_echo(int(a[1]))
    elif cmd == "send":
        return send(a[1], int(a[2]), int(a[3]))
    elif cmd == "recv":
        return recv(a[1], int(a[2]), int(a[3]))
    elif cmd == "conns":
        return conns(a[1], int(a[2]), int(a[3]), int(a[4]))
    elif cmd == "udp":
        return udp(a[1], int(a[2]), int(a[3]), int(a[4]))
    else:
        print("unknown command", cmd, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
