/*
 * Netlink messages and attributes (netlink(7), RFC 3549 §2.3.2): the
 * portable parser and builder under rtnetlink (net/netlink/nlattr.c).
 *
 * Building: a struct nl_buf is a fixed buffer the caller owns; every
 * put either fits whole or fails with -EMSGSIZE and leaves the buffer
 * as it was, so a dump can stop at the message that did not fit and go
 * on in the next buffer.  Messages and attributes are padded to 4 bytes
 * with zeros (nothing uninitialised reaches user space).
 *
 * Parsing never trusts a length: nla_parse() walks attributes the way
 * Linux's liberal ("deprecated") parser does, which is what rtnetlink
 * uses for requests without NETLINK_GET_STRICT_CHK: a header that does
 * not fit ends the walk (the rest is ignored), types above maxtype are
 * skipped, and a known attribute shorter than its policy's minimum is
 * -ERANGE.  The strict parser also rejects leftovers and unknown types
 * with -EINVAL.
 */
#ifndef NET_NETLINK_H
#define NET_NETLINK_H

#include <tern/net_platform.h>
#include <uapi/netlink.h>

/* Linux's RTM_MAX: the last message type rtnetlink knows the kind of. */
#define RTM_MAX_TYPE 123

/*
 * Linux's NLMSG_GOODSIZE on 4 KiB pages: how much a dump puts in one
 * datagram, so that readers with 4 KiB buffers (and musl's 8 KiB) get
 * whole datagrams.
 */
#define NL_GOODSIZE 3776u

/* String equality with only the seam's string functions. */
static inline bool nl_streq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && !memcmp(a, b, n);
}

struct nl_buf {
	u8 *data;
	u32 len;		/* bytes used */
	u32 cap;
};

static inline void nl_buf_init(struct nl_buf *b, void *mem, u32 cap)
{
	b->data = mem;
	b->len = 0;
	b->cap = cap;
}

/*
 * Start a message with a zeroed family header of `hdrlen` bytes; NULL
 * when it does not fit.  nlmsg_end() sets nlmsg_len; nlmsg_cancel()
 * takes back a message that ran out of room.
 */
struct nlmsghdr *nlmsg_put(struct nl_buf *b, u32 portid, u32 seq, u16 type, u32 hdrlen,
			   u16 flags);
void nlmsg_end(struct nl_buf *b, struct nlmsghdr *nlh);
void nlmsg_cancel(struct nl_buf *b, struct nlmsghdr *nlh);
static inline void *nlmsg_data(const struct nlmsghdr *nlh)
{
	return (u8 *)nlh + NLMSG_HDRLEN;
}

/* Append one attribute; -EMSGSIZE when it does not fit. */
int nla_put(struct nl_buf *b, u16 type, u32 len, const void *data);
int nla_put_u8(struct nl_buf *b, u16 type, u8 v);
int nla_put_u32(struct nl_buf *b, u16 type, u32 v);
int nla_put_be32(struct nl_buf *b, u16 type, be32 v);
int nla_put_string(struct nl_buf *b, u16 type, const char *s);
/* A nested attribute: start, put its members, end (sets its length). */
struct nlattr *nla_nest_start(struct nl_buf *b, u16 type);
void nla_nest_end(struct nl_buf *b, struct nlattr *nest);

/* Attribute policy kinds (Linux's NLA_* policy types). */
enum nla_kind {
	NLA_UNSPEC,		/* anything, at least `len` bytes */
	NLA_U8,
	NLA_U16,
	NLA_U32,
	NLA_U64,
	NLA_STRING,		/* at most `len` bytes before a NUL (0: any) */
	NLA_FLAG,
	NLA_NESTED,
	NLA_BINARY,		/* at most `len` bytes (0: any) */
	NLA_NUL_STRING,		/* NUL-terminated, at most `len` before it */
};

struct nla_policy {
	u8 kind;		/* enum nla_kind */
	u16 len;
};

static inline u16 nla_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}
static inline u32 nla_len(const struct nlattr *a)
{
	return (u32)a->nla_len - NLA_HDRLEN;
}
static inline const void *nla_data(const struct nlattr *a)
{
	return (const u8 *)a + NLA_HDRLEN;
}
u8 nla_get_u8(const struct nlattr *a);
u32 nla_get_u32(const struct nlattr *a);
be32 nla_get_be32(const struct nlattr *a);
/*
 * Copy a string attribute into dst (size bytes, NUL-terminated,
 * truncated); returns the length of the attribute's string.
 */
u32 nla_strscpy(char *dst, const struct nlattr *a, u32 size);

/*
 * Fill tb[0..maxtype] with the attributes in [head, head + len) (later
 * duplicates win, as in Linux).  policy has maxtype + 1 entries.
 * Returns 0, -ERANGE (a known attribute too short, a string or binary
 * one too long), or in strict mode -EINVAL (bytes left over, a
 * malformed header, a type above maxtype).
 */
int nla_parse(const struct nlattr **tb, int maxtype, const void *head, u32 len,
	      const struct nla_policy *policy, bool strict);

/*
 * The attributes after a message's family header of hdrlen bytes:
 * -EINVAL when the message is shorter than the header, else nla_parse.
 */
int nlmsg_parse(const struct nlmsghdr *nlh, u32 hdrlen, const struct nlattr **tb, int maxtype,
		const struct nla_policy *policy, bool strict);

#endif
