/*
 * Netlink message and attribute arithmetic (see net/netlink.h): the
 * builder over a fixed buffer and the attribute parser.  Portable: it
 * touches only the bytes it is given, never beyond their length.
 */
#include <net/netlink.h>
#include <uapi/errno.h>

/* Reserve n bytes (padded to 4, zeroed) or NULL. */
static void *buf_reserve(struct nl_buf *b, u32 n)
{
	u32 padded = NLMSG_ALIGN(n);
	u8 *p;

	if (padded < n || b->cap - b->len < padded)
		return NULL;
	p = b->data + b->len;
	memset(p, 0, padded);
	b->len += padded;
	return p;
}

struct nlmsghdr *nlmsg_put(struct nl_buf *b, u32 portid, u32 seq, u16 type, u32 hdrlen,
			   u16 flags)
{
	struct nlmsghdr *nlh;

	if (b->len & (NLMSG_ALIGNTO - 1))
		return NULL;
	nlh = buf_reserve(b, NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen));
	if (!nlh)
		return NULL;
	nlh->nlmsg_len = NLMSG_HDRLEN + hdrlen;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = portid;
	return nlh;
}

void nlmsg_end(struct nl_buf *b, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = (u32)(b->data + b->len - (u8 *)nlh);
}

void nlmsg_cancel(struct nl_buf *b, struct nlmsghdr *nlh)
{
	b->len = (u32)((u8 *)nlh - b->data);
}

int nla_put(struct nl_buf *b, u16 type, u32 len, const void *data)
{
	struct nlattr *a;

	if (len > 0xffffu - NLA_HDRLEN)
		return -EMSGSIZE;
	a = buf_reserve(b, NLA_HDRLEN + len);
	if (!a)
		return -EMSGSIZE;
	a->nla_len = (u16)(NLA_HDRLEN + len);
	a->nla_type = type;
	if (len)
		memcpy((u8 *)a + NLA_HDRLEN, data, len);
	return 0;
}

int nla_put_u8(struct nl_buf *b, u16 type, u8 v)
{
	return nla_put(b, type, sizeof(v), &v);
}

int nla_put_u32(struct nl_buf *b, u16 type, u32 v)
{
	return nla_put(b, type, sizeof(v), &v);
}

int nla_put_be32(struct nl_buf *b, u16 type, be32 v)
{
	return nla_put(b, type, sizeof(v), &v);
}

int nla_put_string(struct nl_buf *b, u16 type, const char *s)
{
	return nla_put(b, type, (u32)strlen(s) + 1, s);
}

struct nlattr *nla_nest_start(struct nl_buf *b, u16 type)
{
	struct nlattr *a = (struct nlattr *)(b->data + b->len);

	if (nla_put(b, type | NLA_F_NESTED, 0, NULL))
		return NULL;
	return a;
}

void nla_nest_end(struct nl_buf *b, struct nlattr *nest)
{
	nest->nla_len = (u16)(b->data + b->len - (u8 *)nest);
}

/* The accessors read what a policy has checked to be there (memcpy:
 * attributes are only 4-byte aligned). */
u8 nla_get_u8(const struct nlattr *a)
{
	return *(const u8 *)nla_data(a);
}

u32 nla_get_u32(const struct nlattr *a)
{
	u32 v;

	memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

be32 nla_get_be32(const struct nlattr *a)
{
	return nla_get_u32(a);
}

u32 nla_strscpy(char *dst, const struct nlattr *a, u32 size)
{
	const char *s = nla_data(a);
	u32 n = 0, max = nla_len(a);

	while (n < max && s[n])
		n++;
	if (size) {
		u32 c = n < size - 1 ? n : size - 1;

		memcpy(dst, s, c);
		dst[c] = 0;
	}
	return n;
}

/* The fixed sizes of the integer kinds. */
static u32 kind_minlen(u8 kind)
{
	switch (kind) {
	case NLA_U8:
		return 1;
	case NLA_U16:
		return 2;
	case NLA_U32:
		return 4;
	case NLA_U64:
		return 8;
	default:
		return 0;
	}
}

/* One attribute against its policy (Linux's validate_nla). */
static int validate_one(const struct nlattr *a, const struct nla_policy *pt, bool strict)
{
	u32 len = nla_len(a), min = kind_minlen(pt->kind), n;
	const char *s = nla_data(a);

	if (min && len != min && strict)
		return -EINVAL;
	switch (pt->kind) {
	case NLA_FLAG:
		return len ? -ERANGE : 0;
	case NLA_STRING:
		if (len < 1)
			return -ERANGE;
		if (pt->len) {
			n = len;
			if (s[n - 1] == 0)
				n--;
			if (n > pt->len)
				return -ERANGE;
		}
		return 0;
	case NLA_NUL_STRING:
		for (n = 0; n < len && s[n]; n++)
			;
		if (n == len || (pt->len && n > pt->len))
			return -EINVAL;
		return 0;
	case NLA_BINARY:
		return pt->len && len > pt->len ? -ERANGE : 0;
	case NLA_NESTED:
		return len && len < NLA_HDRLEN ? -EINVAL : 0;
	default:
		if (min == 0)
			min = pt->len;
		return len < min ? -ERANGE : 0;
	}
}

int nla_parse(const struct nlattr **tb, int maxtype, const void *head, u32 len,
	      const struct nla_policy *policy, bool strict)
{
	const u8 *p = head;
	u32 rem = len;

	for (int i = 0; i <= maxtype; i++)
		tb[i] = NULL;
	while (rem >= (u32)NLA_HDRLEN) {
		struct nlattr a;
		const struct nlattr *ap = (const struct nlattr *)p;
		u16 type;
		u32 step;
		int err;

		memcpy(&a, p, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > rem)
			break;
		type = a.nla_type & NLA_TYPE_MASK;
		if (type > maxtype) {
			if (strict)
				return -EINVAL;
		} else if (type > 0) {
			err = validate_one(ap, &policy[type], strict);
			if (err)
				return err;
			tb[type] = ap;
		}
		step = NLA_ALIGN(a.nla_len);
		if (step > rem)
			step = rem;
		p += step;
		rem -= step;
	}
	/* Linux warns about leftovers; only the strict parser fails. */
	if (rem && strict)
		return -EINVAL;
	return 0;
}

int nlmsg_parse(const struct nlmsghdr *nlh, u32 hdrlen, const struct nlattr **tb, int maxtype,
		const struct nla_policy *policy, bool strict)
{
	u32 off = NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen);

	if (nlh->nlmsg_len < NLMSG_HDRLEN + hdrlen)
		return -EINVAL;
	if (nlh->nlmsg_len < off)
		off = nlh->nlmsg_len;
	return nla_parse(tb, maxtype, (const u8 *)nlh + off, nlh->nlmsg_len - off, policy,
			 strict);
}
