#!/usr/bin/env python3
"""Linux as the oracle for the VFS unit tests.

Generates a random sequence of file-system calls (fixed seed), runs it on
the build machine's Linux inside a fresh tmpfs directory made the root
with chroot(2), and prints one line per call:

    op <TAB> path1 <TAB> path2 <TAB> number <TAB> result

result is "0", "0 <what stat/readlink saw>", or "-<errno>".  The unit
test test_linux_oracle.c replays the same calls on Tern's VFS and must
print the same results.  Needs root (chroot); prints "SKIP why" if not.
"""
import ctypes
import os
import random
import shutil
import stat
import sys
import tempfile

NAMES = ["a", "b", "c", "a", "b", "d", ".", ".."]
OPS = ["mkdir", "rmdir", "unlink", "link", "linkf", "symlink", "rename",
       "rename2", "open", "stat", "lstat", "readlink", "truncate", "chmod",
       "write", "unlinkdir", "chdir", "getcwd", "mkfifo", "access", "utime",
       "chown", "listdir", "utimex", "statat", "mkdirat", "renameat", "read",
       "pwrite"]
IDS = [0, 1000, -1]
OPEN_FLAGS = [os.O_RDONLY, os.O_WRONLY | os.O_CREAT, os.O_RDWR | os.O_CREAT | os.O_EXCL,
              os.O_RDONLY | os.O_DIRECTORY, os.O_RDONLY | os.O_NOFOLLOW,
              os.O_WRONLY | os.O_TRUNC, os.O_RDWR | os.O_CREAT | os.O_TRUNC,
              os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW, os.O_WRONLY | os.O_APPEND,
              os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW]


def rpath(r):
    parts = [r.choice(NAMES) for _ in range(r.randint(1, 3))]
    p = "/".join(parts)
    if r.random() < 0.3:
        p = "/" + p
    if r.random() < 0.1:
        p += "/"
    return p


def describe(st):
    t = stat.S_IFMT(st.st_mode)
    s = "%o %d" % (st.st_mode, st.st_nlink)
    if t != stat.S_IFDIR:
        s += " %d" % st.st_size
    return s


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    if os.geteuid() != 0:
        print("SKIP not root (chroot needed)")
        return
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    top = tempfile.mkdtemp(prefix="tern-oracle-", dir=base)
    os.chmod(top, 0o755)
    r = random.Random(seed)
    calls = []
    for _ in range(count):
        op = r.choice(OPS)
        user = r.random() < 0.3
        # fs.protected_hardlinks (a sysctl distributions set, not the
        # kernel default Tern follows) would refuse users' links here.
        if op in ("link", "linkf") and protected_hardlinks():
            user = False
        n = r.randrange(len(OPEN_FLAGS) if op == "open" else 5000)
        # The fs.protected_{symlinks,fifos,regular} sysctls change what
        # happens in sticky directories; without them, keep sticky modes.
        if op == "chmod" and protected_sticky():
            n &= ~0o1000
        calls.append(("user:" + op if user else op, rpath(r), rpath(r), n))
    rd, wr = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(rd)
        out = os.fdopen(wr, "w")
        try:
            os.chroot(top)
            os.chdir("/")
            os.umask(0o022)
            os.setgroups([])
            libc = ctypes.CDLL(None, use_errno=True)
            dump_at = int(os.environ.get("ORACLE_DUMP_AT", "0"))
            for i, (op, p1, p2, n) in enumerate(calls, 1):
                out.write("%s\t%s\t%s\t%d\t%s\n" % (op, p1, p2, n, run(libc, op, p1, p2, n)))
                if i == dump_at:
                    dump(out)
        finally:
            out.close()
            os._exit(0)
    os.close(wr)
    sys.stdout.write(os.fdopen(rd).read())
    os.waitpid(pid, 0)
    shutil.rmtree(top)


def sysctl_set(name):
    try:
        with open("/proc/sys/fs/" + name) as f:
            return f.read().strip() != "0"
    except OSError:
        return False


def protected_hardlinks():
    return sysctl_set("protected_hardlinks")


def protected_sticky():
    return any(sysctl_set(n) for n in ("protected_symlinks", "protected_fifos",
                                        "protected_regular"))


def is_fifo(p):
    for f in (os.lstat, os.stat):
        try:
            if stat.S_ISFIFO(f(p).st_mode):
                return True
        except OSError:
            pass
    return False


def dump(out):
    """The tree (debugging aid): path, mode, target of links."""
    for d, dirs, files in os.walk("/"):
        for name in sorted(dirs + files):
            p = os.path.join(d, name)
            st = os.lstat(p)
            extra = " -> " + os.readlink(p) if stat.S_ISLNK(st.st_mode) else ""
            out.write("# %s %o%s\n" % (p, st.st_mode, extra))


def run(libc, op, p1, p2, n):
    """op "user:X" is X done as uid/gid 1000 (effective ids, no groups)."""
    if op.startswith("user:"):
        os.setegid(1000)
        os.seteuid(1000)
        try:
            return run(libc, op[5:], p1, p2, n)
        finally:
            os.seteuid(0)
            os.setegid(0)
    try:
        if op == "mkdir":
            os.mkdir(p1, 0o755)
        elif op == "rmdir":
            os.rmdir(p1)
        elif op == "unlink":
            os.unlink(p1)
        elif op == "unlinkdir":
            os.rmdir(p1)
        elif op == "link":
            os.link(p1, p2, follow_symlinks=False)
        elif op == "linkf":
            # (os.link's follow_symlinks=True means link(2), which does not follow)
            if libc.linkat(-100, p1.encode(), -100, p2.encode(), 0x400):
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e))
        elif op == "symlink":
            os.symlink(p2, p1)
        elif op == "rename":
            os.rename(p1, p2)
        elif op == "rename2":
            flags = [1, 2][n % 2]    # RENAME_NOREPLACE, RENAME_EXCHANGE
            if libc.renameat2(-100, p1.encode(), -100, p2.encode(), flags):
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e))
        elif op in ("open", "write", "read", "pwrite") and is_fifo(p1):
            return "fifo"   # opening one would wait for the other end
        elif op == "open":
            fd = os.open(p1, OPEN_FLAGS[n], 0o644)
            os.close(fd)
        elif op == "stat":
            return "0 " + describe(os.stat(p1))
        elif op == "lstat":
            return "0 " + describe(os.lstat(p1))
        elif op == "readlink":
            return "0 " + os.readlink(p1)
        elif op == "truncate":
            os.truncate(p1, n)
        elif op == "chmod":
            os.chmod(p1, n & 0o7777)
        elif op == "chdir":
            os.chdir(p1)
        elif op == "getcwd":
            return "0 " + os.getcwd()
        elif op == "mkfifo":
            os.mkfifo(p1, 0o666)
        elif op == "access":
            # faccessat2 with AT_EACCESS: the effective ids, as the test uses
            return "0" if os.access(p1, n % 8, effective_ids=True) else "-13"
        elif op == "utime":
            os.utime(p1)
        elif op in ("statat", "mkdirat", "renameat"):
            # p1 opened as a directory fd (O_PATH), p2 relative to it
            fd = os.open(p1, os.O_PATH | os.O_DIRECTORY)
            try:
                if op == "statat":
                    return "0 " + describe(os.stat(p2, dir_fd=fd, follow_symlinks=False))
                if op == "mkdirat":
                    os.mkdir(p2, 0o700, dir_fd=fd)
                else:
                    os.rename(p2, "x", src_dir_fd=fd, dst_dir_fd=fd)
            finally:
                os.close(fd)
        elif op == "read":
            fd = os.open(p1, os.O_RDONLY)
            try:
                data = b""
                while True:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    data += chunk
            finally:
                os.close(fd)
            weighted = sum((i + 1) * b for i, b in enumerate(data)) & 0xffffffff
            return "0 %d %d" % (len(data), weighted)
        elif op == "pwrite":
            fd = os.open(p1, os.O_WRONLY)
            try:
                os.pwrite(fd, bytes([65 + n % 26]) * (1 + n % 300), (n * 7919) % 20000)
            finally:
                os.close(fd)
        elif op == "listdir":
            return "0" + "".join(" " + x for x in sorted(os.listdir(p1)))
        elif op == "utimex":
            os.utime(p1, ns=(n * 1000, n * 1000))
        elif op == "chown":
            os.chown(p1, IDS[n % 3], IDS[(n // 3) % 3], follow_symlinks=False)
        elif op == "write":
            fd = os.open(p1, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, b"x" * (n % 100))
            finally:
                os.close(fd)
        else:
            raise ValueError("unknown op " + op)
        return "0"
    except OSError as e:
        return "-%d" % e.errno


if __name__ == "__main__":
    main()
