#!/usr/bin/env python3
"""List what an include/uapi header defines, for test/unit/uapi.

usage: uapi-names.py HEADER.h NAME WALK_SOURCE > NAME.names.h

Reads one of our uapi headers and prints X-macro lists of everything in
it, so the test compares all of it with Linux and nothing is forgotten:

  UAPI_CONSTS(X)   X(name)            object-like macros and enum constants
  UAPI_STRUCTS(X)  X(tag)             struct definitions
  UAPI_FIELDS(X)   X(tag, member)     members, anonymous unions flattened
  UAPI_FN1(X)      X(name)            one-argument arithmetic macros
  UAPI_BITS(X)     X(tag, ours, linux, value)
                                      bytes that Linux declares as
                                      bit-fields (BITFIELD_BYTES below)

Skipped, by rule: the include guard; members named __* (padding; the
struct's size covers it); anything on a line marked "tern-only" (a name
Linux keeps out of its user headers).  Function-like macros that take a
pointer (WALK below) are exercised by walk.h, which must mention each
one; an unknown function-like macro is an error, so a new one has to be
classified here.
"""
import re
import sys

# Arithmetic one-argument macros: compared on a range of inputs.
FN1 = {"CMSG_ALIGN", "CMSG_LEN", "CMSG_SPACE", "NLMSG_ALIGN", "NLMSG_LENGTH",
       "NLMSG_SPACE", "NLA_ALIGN", "RTA_ALIGN", "RTA_LENGTH", "RTA_SPACE",
       "RTNH_ALIGN", "RTNH_LENGTH", "RTNH_SPACE", "TPACKET_ALIGN"}
# Macros that walk buffers: walk.h runs the same code against both headers.
WALK = {"CMSG_DATA", "CMSG_FIRSTHDR", "CMSG_NXTHDR", "NLMSG_DATA", "NLMSG_NEXT",
        "NLMSG_OK", "NLMSG_PAYLOAD", "RTA_OK", "RTA_NEXT", "RTA_DATA",
        "RTA_PAYLOAD", "RTM_RTA", "RTM_PAYLOAD", "IFA_RTA", "IFA_PAYLOAD",
        "IFLA_RTA", "IFLA_PAYLOAD", "SO_EE_OFFENDER"}
# Our byte -> Linux's bit-fields in it, with the byte our macro builds
# when only that bit-field is all ones.
BITFIELD_BYTES = {
    ("tcp_info", "tcpi_wscale"): [("tcpi_snd_wscale", "TCPI_WSCALE(15, 0)"),
                                  ("tcpi_rcv_wscale", "TCPI_WSCALE(0, 15)")],
    ("tcp_info", "tcpi_rate_tfo"): [("tcpi_delivery_rate_app_limited", "TCPI_RATE_TFO(1, 0)"),
                                    ("tcpi_fastopen_client_fail", "TCPI_RATE_TFO(0, 3)")],
}


def fail(msg):
    sys.exit("uapi-names.py: %s: %s" % (sys.argv[1], msg))


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group(0)),
                  text, flags=re.S)


def split_top(body, sep):
    """Split at `sep` outside braces, brackets and parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def members(body):
    """Member names of a struct or union body; anonymous blocks flattened."""
    out = []
    for decl in split_top(body, ";"):
        m = re.match(r"(?:struct|union)\s*\{(.*)\}\s*(\w*)$", decl, re.S)
        if m:
            if m.group(2):
                out.append(m.group(2))
            else:
                out.extend(members(m.group(1)))
            continue
        if ":" in decl:
            fail("bit-field in %r: use a byte and BITFIELD_BYTES" % decl)
        first = True
        for d in split_top(decl, ","):
            d = re.sub(r"\[.*?\]", "", d).strip()
            name = re.findall(r"\w+", d)
            if not name or (first and len(name) < 2):
                fail("cannot parse member %r" % decl)
            out.append(name[-1])
            first = False
    return out


def main():
    path, _, walk_src = sys.argv[1:4]
    raw = open(path).read()
    walk = open(walk_src).read()
    lines = raw.split("\n")
    skip = {i for i, l in enumerate(lines) if "tern-only" in l}
    text = strip_comments(raw)
    tlines = text.split("\n")

    guard = re.search(r"#ifndef\s+(\w+)\s*\n\s*#define\s+\1\b", text)
    consts, fn1, walked = [], [], []
    for i, l in enumerate(tlines):
        m = re.match(r"\s*#\s*define\s+(\w+)(\()?", l)
        if not m or (guard and m.group(1) == guard.group(1)):
            continue
        name = m.group(1)
        if i in skip:
            continue
        if not m.group(2):
            consts.append(name)
        elif name in FN1:
            fn1.append(name)
        elif name in WALK:
            walked.append(name)
        else:
            fail("function-like macro %s is neither in FN1 nor WALK" % name)
    for name in walked:
        if not re.search(r"\b%s\b" % name, walk):
            fail("%s is not exercised by %s" % (name, walk_src))

    for m in re.finditer(r"\benum\s*\w*\s*\{(.*?)\}", text, re.S):
        start = text.count("\n", 0, m.start(1))
        for j, item in enumerate(m.group(1).split("\n")):
            for e in re.findall(r"^\s*(\w+)\s*(?:=[^,]*)?,?", item):
                if start + j not in skip:
                    consts.append(e)

    structs, fields, bits = [], [], []
    if re.search(r"^union\s+\w+\s*\{", text, re.M):
        fail("top-level unions are not handled")
    for m in re.finditer(r"^struct\s+(\w+)\s*\{", text, re.M):
        tag, depth, i = m.group(1), 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        structs.append(tag)
        for f in members(text[m.end():i - 1]):
            if f.startswith("__"):
                continue
            if (tag, f) in BITFIELD_BYTES:
                for linux_name, value in BITFIELD_BYTES[(tag, f)]:
                    bits.append((tag, f, linux_name, value))
            else:
                fields.append((tag, f))

    def xlist(name, items, fmt):
        body = " \\\n\t".join(fmt(x) for x in items)
        print("#define %s(X) \\\n\t%s" % (name, body) if items else "#define %s(X)" % name)

    print("/* Generated by test/unit/uapi/uapi-names.py from %s. */" % path)
    xlist("UAPI_CONSTS", consts, lambda n: "X(%s)" % n)
    xlist("UAPI_STRUCTS", structs, lambda t: "X(%s)" % t)
    xlist("UAPI_FIELDS", fields, lambda f: "X(%s, %s)" % f)
    xlist("UAPI_FN1", fn1, lambda n: "X(%s)" % n)
    xlist("UAPI_BITS", bits, lambda b: "X(%s, %s, %s, %s)" % b)


main()
