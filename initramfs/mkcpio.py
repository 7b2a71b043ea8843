#!/usr/bin/env python3
"""Write a newc cpio archive (the initramfs format) from staging trees.

    mkcpio.py OUT [--tree DIR]... [--node PATH c|b MAJOR MINOR MODE]...

Trees are merged in order (a later tree's file replaces an earlier one's).
Every entry is owned by root:root with mtime 0, so the image is the same
bytes for the same inputs and needs no root to build: device nodes are
described with --node instead of mknod.  Hard links are stored as separate
files.  Format: the "new ASCII" cpio header, magic 070701, as the kernel's
initramfs unpacker reads it (Documentation/driver-api/early-userspace).
"""
import os
import stat
import sys


def header(ino, mode, size, namesize, rdev=(0, 0)):
    fields = [ino, mode, 0, 0, 1, 0, size, 0, 0, rdev[0], rdev[1], namesize, 0]
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(n):
    return b"\0" * ((4 - n % 4) % 4)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out = argv[1]
    entries = {}  # archive path -> (mode, data bytes, rdev)
    i = 2
    while i < len(argv):
        if argv[i] == "--tree":
            root = argv[i + 1]
            i += 2
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for name in [""] + dirnames + filenames:
                    full = os.path.join(dirpath, name) if name else dirpath
                    rel = os.path.relpath(full, root)
                    if rel == ".":
                        continue
                    st = os.lstat(full)
                    if stat.S_ISLNK(st.st_mode):
                        data = os.readlink(full).encode()
                    elif stat.S_ISREG(st.st_mode):
                        with open(full, "rb") as f:
                            data = f.read()
                    elif stat.S_ISDIR(st.st_mode):
                        data = b""
                    else:
                        sys.exit("mkcpio: unsupported file type: " + full)
                    entries[rel] = (st.st_mode, data, (0, 0))
        elif argv[i] == "--node":
            path, kind, major, minor, perm = argv[i + 1:i + 6]
            i += 6
            fmt = stat.S_IFCHR if kind == "c" else stat.S_IFBLK
            entries[path.lstrip("/")] = (fmt | int(perm, 8), b"",
                                         (int(major), int(minor)))
        else:
            sys.exit("mkcpio: unknown argument " + argv[i])

    # Parents sort before their children, so the unpacker always finds
    # the directory it creates an entry in.
    for rel in list(entries):
        parent = os.path.dirname(rel)
        while parent and parent not in entries:
            entries[parent] = (stat.S_IFDIR | 0o755, b"", (0, 0))
            parent = os.path.dirname(parent)

    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        ino = 1
        for rel in sorted(entries, key=lambda p: p.split("/")):
            mode, data, rdev = entries[rel]
            name = rel.encode() + b"\0"
            f.write(header(ino, mode, len(data), len(name), rdev))
            f.write(name + pad4(110 + len(name)))
            f.write(data + pad4(len(data)))
            ino += 1
        name = b"TRAILER!!!\0"
        f.write(header(0, 0, 0, len(name)))
        f.write(name + pad4(110 + len(name)))
        # Pad the archive to a 512-byte block, as cpio(1) does.
        f.write(b"\0" * ((512 - f.tell() % 512) % 512))
    os.replace(tmp, out)


if __name__ == "__main__":
    main(sys.argv)
