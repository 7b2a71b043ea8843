/*
 * libFuzzer target: rtnetlink requests (net/netlink/) over the shared
 * fuzz stack (fuzz_net.h: lo and eth0 with 192.0.2.1/24).
 *
 * Input: the first byte chooses the requester's options (strict
 * checking, NETLINK_CAP_ACK, CAP_NET_ADMIN) and whether a notification
 * sink listens; the rest is the datagram handed to rtnetlink_rcv, as a
 * sendmsg would (copied to an aligned buffer of its exact size, so any
 * read past it is a sanitizer error).  The same bytes after the first
 * four also go through nla_parse with a policy of every kind.
 *
 * Every datagram rtnetlink answers or broadcasts is checked: a whole
 * number of well-formed messages (NLMSG_OK walks it exactly), each of
 * them an NLMSG_ERROR/NLMSG_DONE or an rtnetlink type, errors carrying
 * a negative errno.
 */
#include <stdlib.h>
#include <string.h>

#include <net/rtnetlink.h>

#include "fuzz_net.h"

static void check_datagram(const void *data, u32 len)
{
	const struct nlmsghdr *h = data;
	int rem = (int)len;

	if (!len || len % NLMSG_ALIGNTO)
		abort();
	for (; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(h);

			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) || e->error > 0 ||
			    e->error < -4095)
				abort();
		} else if (h->nlmsg_type != NLMSG_DONE &&
			   (h->nlmsg_type < RTM_BASE || h->nlmsg_type > RTM_MAX_TYPE)) {
			abort();
		}
	}
	if (rem != 0)
		abort();
}

static int fz_unicast(void *arg, const void *data, u32 len)
{
	(void)arg;
	check_datagram(data, len);
	return 0;
}

static bool fz_listening;

static u64 fz_listeners(void)
{
	return fz_listening ? ~0ull : 0;
}

static void fz_broadcast(u32 group, const void *msg, u32 len)
{
	if (group == 0 || group > RTNL_NGROUPS)
		abort();
	check_datagram(msg, len);
}

static const struct rtnl_sink fz_sink = {
	.listeners = fz_listeners,
	.broadcast = fz_broadcast,
};

static void parse_attrs(const u8 *data, u32 len)
{
	static const struct nla_policy policy[10] = {
		[1] = { NLA_U8, 0 }, [2] = { NLA_U16, 0 }, [3] = { NLA_U32, 0 },
		[4] = { NLA_U64, 0 }, [5] = { NLA_STRING, 15 }, [6] = { NLA_FLAG, 0 },
		[7] = { NLA_NESTED, 0 }, [8] = { NLA_BINARY, 6 }, [9] = { NLA_NUL_STRING, 8 },
	};
	const struct nlattr *tb[10];
	char s[16];

	for (int strict = 0; strict < 2; strict++) {
		if (nla_parse(tb, 9, data, len, policy, strict))
			continue;
		if (tb[3])
			(void)nla_get_u32(tb[3]);
		if (tb[5])
			(void)nla_strscpy(s, tb[5], sizeof(s));
		if (tb[7]) {
			const struct nlattr *in[10];

			(void)nla_parse(in, 9, nla_data(tb[7]), nla_len(tb[7]), policy, strict);
		}
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct rtnl_req req = { .portid = 4242, .unicast = fz_unicast };
	u8 opts;
	u8 *buf;

	if (size < 1 || size > 65536)
		return 0;
	opts = data[0];
	buf = malloc(size - 1 ? size - 1 : 1);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	fz_setup();
	rtnl_set_sink(&fz_sink);
	rtnetlink_init();
	fz_listening = opts & 1;
	req.strict = opts & 2;
	req.cap_ack = opts & 4;
	req.net_admin = !(opts & 8);
	net_lock();
	rtnetlink_rcv(buf, (u32)(size - 1), &req);
	net_unlock();
	if (size > 5)
		parse_attrs(buf + 4, (u32)(size - 5));
	rtnl_set_sink(NULL);
	fz_teardown();
	free(buf);
	return 0;
}
