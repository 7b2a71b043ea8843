/*
 * Netlink attributes (net/netlink/nlattr.c) and rtnetlink requests over
 * the test stack (env_setup: lo and eth0 with 192.0.2.1/24).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <net/rtnetlink.h>

#include "nettest.h"

/* ---- builder and parser ---- */

static void builder_pads_and_refuses_what_does_not_fit(void **state)
{
	u8 mem[64] __attribute__((aligned(4)));
	struct nl_buf b;
	struct nlmsghdr *nlh;

	(void)state;
	memset(mem, 0xaa, sizeof(mem));
	nl_buf_init(&b, mem, sizeof(mem));
	nlh = nlmsg_put(&b, 7, 9, RTM_NEWLINK, 3, NLM_F_MULTI);
	assert_non_null(nlh);
	assert_int_equal(b.len, 20);		/* header + 3 padded to 4 */
	assert_int_equal(mem[19], 0);		/* padding zeroed */
	assert_int_equal(nla_put_string(&b, IFLA_IFNAME, "eth0"), 0);
	assert_int_equal(b.len, 20 + 12);	/* 4 + 5 -> 12 */
	assert_int_equal(mem[20 + 9], 0);
	/* 40 bytes of payload do not fit in the 32 left: nothing changes. */
	assert_int_equal(nla_put(&b, IFLA_ADDRESS, 40, mem), -EMSGSIZE);
	assert_int_equal(b.len, 32);
	nlmsg_end(&b, nlh);
	assert_int_equal(nlh->nlmsg_len, 32);
	assert_int_equal(nlh->nlmsg_pid, 7);
	assert_int_equal(nlh->nlmsg_seq, 9);
	nlmsg_cancel(&b, nlh);
	assert_int_equal(b.len, 0);
}

static const struct nla_policy pol[6] = {
	[1] = { NLA_U32, 0 }, [2] = { NLA_STRING, 4 }, [3] = { NLA_BINARY, 2 },
	[4] = { NLA_U8, 0 }, [5] = { NLA_NESTED, 0 },
};

/* Attributes laid out by hand: type, payload. */
static u32 put_raw(u8 *p, u16 len, u16 type, const void *data, u32 n)
{
	memcpy(p, &len, 2);
	memcpy(p + 2, &type, 2);
	memcpy(p + 4, data, n);
	return NLA_ALIGN(4 + n);
}

static void parser_is_liberal_unless_strict(void **state)
{
	const struct nlattr *tb[6];
	u8 buf[64] __attribute__((aligned(4)));
	u32 v = 1500, n = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	n += put_raw(buf + n, 8, 1, &v, 4);
	n += put_raw(buf + n, 8, 9, "zzz", 4);		/* unknown type */
	n += put_raw(buf + n, 7, 2, "eth", 3);		/* "eth" without NUL */
	assert_int_equal(nla_parse(tb, 5, buf, n, pol, false), 0);
	assert_non_null(tb[1]);
	assert_int_equal(nla_get_u32(tb[1]), 1500);
	assert_non_null(tb[2]);
	assert_null(tb[3]);
	assert_int_equal(nla_parse(tb, 5, buf, n, pol, true), -EINVAL);
	/* A header running past the data ends the walk; strict says EINVAL. */
	put_raw(buf + n, 200, 4, "\1", 1);
	assert_int_equal(nla_parse(tb, 5, buf, n + 8, pol, false), 0);
	assert_null(tb[4]);
	assert_int_equal(nla_parse(tb, 5, buf, 8, pol, true), 0);
	assert_int_equal(nla_parse(tb, 5, buf, 8 + 3, pol, true), -EINVAL);
}

static void parser_checks_lengths(void **state)
{
	const struct nlattr *tb[6];
	u8 buf[32] __attribute__((aligned(4)));
	char s[8];

	(void)state;
	put_raw(buf, 6, 1, "\1\2", 2);			/* u32 with 2 bytes */
	assert_int_equal(nla_parse(tb, 5, buf, 8, pol, false), -ERANGE);
	put_raw(buf, 10, 2, "abcde\0", 6);		/* string of 5 > 4 */
	assert_int_equal(nla_parse(tb, 5, buf, 12, pol, false), -ERANGE);
	put_raw(buf, 9, 2, "abcd\0", 5);
	assert_int_equal(nla_parse(tb, 5, buf, 12, pol, false), 0);
	assert_int_equal(nla_strscpy(s, tb[2], 3), 4);
	assert_string_equal(s, "ab");
	put_raw(buf, 7, 3, "xyz", 3);			/* binary of 3 > 2 */
	assert_int_equal(nla_parse(tb, 5, buf, 8, pol, false), -ERANGE);
	put_raw(buf, 4, 4, "", 0);			/* u8 with nothing */
	assert_int_equal(nla_parse(tb, 5, buf, 4, pol, false), -ERANGE);
	put_raw(buf, 6, 5, "\0\0", 2);			/* nested, too short to hold one */
	assert_int_equal(nla_parse(tb, 5, buf, 8, pol, false), -EINVAL);
}

/* ---- requests ---- */

#define OUT_MAX 16
static struct {
	u8 data[OUT_MAX][4096];
	u32 len[OUT_MAX];
	int n;
} out;

static int capture(void *arg, const void *data, u32 len)
{
	(void)arg;
	assert_true(out.n < OUT_MAX && len <= sizeof(out.data[0]));
	memcpy(out.data[out.n], data, len);
	out.len[out.n++] = len;
	return 0;
}

static struct {
	u32 group[OUT_MAX];
	u16 type[OUT_MAX];
	int n;
} notes;

static u64 all_groups(void)
{
	return ~0ull;
}

static void note(u32 group, const void *msg, u32 len)
{
	const struct nlmsghdr *h = msg;

	assert_true(len >= sizeof(*h));
	if (notes.n < OUT_MAX) {
		notes.group[notes.n] = group;
		notes.type[notes.n++] = h->nlmsg_type;
	}
}

static const struct rtnl_sink test_sink = { .listeners = all_groups, .broadcast = note };

static void request(const void *msg, u32 len)
{
	struct rtnl_req req = { .portid = 99, .net_admin = true, .unicast = capture };
	static u8 copy[1024] __attribute__((aligned(4)));

	memcpy(copy, msg, len);
	out.n = 0;
	notes.n = 0;
	LV(rtnl_set_sink(&test_sink));
	LV(rtnetlink_init());
	LV(rtnetlink_rcv(copy, len, &req));
	LV(rtnl_set_sink(NULL));
}

struct msg {
	struct nlmsghdr h;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct rtmsg rt;
	};
	u8 attrs[64];
} __attribute__((aligned(4)));

static void msg_init(struct msg *m, u16 type, u16 flags, u32 hdrlen)
{
	memset(m, 0, sizeof(*m));
	m->h.nlmsg_len = NLMSG_HDRLEN + hdrlen;
	m->h.nlmsg_type = type;
	m->h.nlmsg_flags = NLM_F_REQUEST | flags;
	m->h.nlmsg_seq = 5;
}

static void msg_attr(struct msg *m, u16 type, const void *data, u16 n)
{
	m->h.nlmsg_len = NLMSG_ALIGN(m->h.nlmsg_len) +
			 put_raw((u8 *)m + NLMSG_ALIGN(m->h.nlmsg_len), (u16)(4 + n), type, data, n);
}

static int ack_error(int i)
{
	const struct nlmsghdr *h = (const void *)out.data[i];

	assert_int_equal(h->nlmsg_type, NLMSG_ERROR);
	return ((const struct nlmsgerr *)NLMSG_DATA(h))->error;
}

static void link_dump_ends_with_done(void **state)
{
	struct msg m;
	const struct nlmsghdr *h;
	int rem, links = 0, done = 0;

	(void)state;
	msg_init(&m, RTM_GETLINK, NLM_F_DUMP, sizeof(struct rtgenmsg));
	request(&m, m.h.nlmsg_len);
	assert_int_equal(out.n, 1);
	rem = (int)out.len[0];
	for (h = (const void *)out.data[0]; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
		assert_int_equal(h->nlmsg_seq, 5);
		assert_int_equal(h->nlmsg_pid, 99);
		assert_true(h->nlmsg_flags & NLM_F_MULTI);
		if (h->nlmsg_type == NLMSG_DONE)
			done++;
		else if (h->nlmsg_type == RTM_NEWLINK)
			links++;
	}
	assert_int_equal(rem, 0);
	assert_int_equal(links, 2);
	assert_int_equal(done, 1);
}

static void errors_and_acks(void **state)
{
	struct msg m;
	be32 a = IP4(192, 0, 2, 9);

	(void)state;
	msg_init(&m, RTM_GETLINK, 0, sizeof(m.ifi));
	m.ifi.ifi_index = 77;
	request(&m, m.h.nlmsg_len);
	assert_int_equal(out.n, 1);
	assert_int_equal(ack_error(0), -ENODEV);
	assert_int_equal(out.len[0], NLMSG_HDRLEN + 4 + m.h.nlmsg_len);

	msg_init(&m, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof(m.ifa));
	m.ifa.ifa_family = AF_INET;
	m.ifa.ifa_prefixlen = 24;
	m.ifa.ifa_index = (u32)eth0->ifindex;
	msg_attr(&m, IFA_LOCAL, &a, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(out.n, 1);
	assert_int_equal(ack_error(0), 0);
	assert_int_equal(out.len[0], NLMSG_HDRLEN + 4 + NLMSG_HDRLEN);
	/* RTM_NEWADDR, then its routes, to their groups. */
	assert_true(notes.n >= 2);
	assert_int_equal(notes.type[0], RTM_NEWADDR);
	assert_int_equal(notes.group[0], RTNLGRP_IPV4_IFADDR);
	assert_int_equal(notes.type[1], RTM_NEWROUTE);
	assert_int_equal(notes.group[1], RTNLGRP_IPV4_ROUTE);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(ack_error(0), -EEXIST);

	msg_init(&m, RTM_DELADDR, 0, sizeof(m.ifa));
	m.ifa.ifa_family = AF_INET;
	m.ifa.ifa_prefixlen = 24;
	m.ifa.ifa_index = (u32)eth0->ifindex;
	msg_attr(&m, IFA_LOCAL, &a, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(out.n, 0);			/* no ACK asked, no error */
	assert_int_equal(notes.type[0], RTM_DELADDR);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(ack_error(0), -EADDRNOTAVAIL);

	/* Unknown and unhandled types. */
	msg_init(&m, RTM_MAX_TYPE + 1, 0, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(ack_error(0), -EOPNOTSUPP);
	msg_init(&m, RTM_NEWQDISC, 0, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(ack_error(0), -EOPNOTSUPP);
}

static void malformed_headers_are_ignored(void **state)
{
	struct msg m;

	(void)state;
	msg_init(&m, RTM_GETLINK, NLM_F_DUMP | NLM_F_ACK, sizeof(m.ifi));
	request(&m, 12);				/* shorter than a header */
	assert_int_equal(out.n, 0);
	m.h.nlmsg_len = 400;				/* past the data */
	request(&m, 40);
	assert_int_equal(out.n, 0);
	m.h.nlmsg_len = 3;				/* shorter than itself */
	request(&m, 40);
	assert_int_equal(out.n, 0);
}

static void route_get_and_link_mtu(void **state)
{
	struct msg m;
	be32 dst = PEER_IP;
	u32 mtu = 1400;
	const struct nlmsghdr *h;

	(void)state;
	msg_init(&m, RTM_GETROUTE, 0, sizeof(m.rt));
	m.rt.rtm_family = AF_INET;
	msg_attr(&m, RTA_DST, &dst, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(out.n, 1);
	h = (const void *)out.data[0];
	assert_int_equal(h->nlmsg_type, RTM_NEWROUTE);
	assert_int_equal(((const struct rtmsg *)NLMSG_DATA(h))->rtm_dst_len, 32);

	msg_init(&m, RTM_SETLINK, NLM_F_ACK, sizeof(m.ifi));
	m.ifi.ifi_index = eth0->ifindex;
	msg_attr(&m, IFLA_MTU, &mtu, 4);
	request(&m, m.h.nlmsg_len);
	assert_int_equal(ack_error(0), 0);
	assert_int_equal(eth0->mtu, 1400);
	assert_int_equal(notes.type[0], RTM_NEWLINK);
	assert_int_equal(notes.group[0], RTNLGRP_LINK);
}

/* A dump longer than one datagram: whole messages in each, DONE last. */
static void route_dump_spans_datagrams(void **state)
{
	struct msg m;
	int routes = 0, done = 0;

	(void)state;
	net_lock();
	for (u32 i = 0; i < 150; i++) {
		struct fib_config cfg;

		fib_config_init(&cfg);
		cfg.dst = IP4(10, 1, i, 0);
		cfg.dst_len = 24;
		cfg.oif = eth0->ifindex;
		assert_int_equal(fib_table_insert(&cfg), 0);
	}
	net_unlock();
	msg_init(&m, RTM_GETROUTE, NLM_F_DUMP, sizeof(m.rt));
	m.rt.rtm_family = AF_INET;
	request(&m, m.h.nlmsg_len);
	assert_true(out.n >= 3);
	for (int d = 0; d < out.n; d++) {
		const struct nlmsghdr *h = (const void *)out.data[d];
		int rem = (int)out.len[d];

		assert_true(out.len[d] <= NL_GOODSIZE);
		for (; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
			assert_true(h->nlmsg_flags & NLM_F_MULTI);
			if (h->nlmsg_type == NLMSG_DONE) {
				assert_int_equal(d, out.n - 1);
				done++;
			} else {
				assert_int_equal(h->nlmsg_type, RTM_NEWROUTE);
				routes++;
			}
		}
		assert_int_equal(rem, 0);
	}
	assert_int_equal(done, 1);
	assert_int_equal(routes, (int)L(fib_route_count()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builder_pads_and_refuses_what_does_not_fit),
		cmocka_unit_test(parser_is_liberal_unless_strict),
		cmocka_unit_test(parser_checks_lengths),
		cmocka_unit_test_setup_teardown(link_dump_ends_with_done, env_setup_cmocka,
						env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(errors_and_acks, env_setup_cmocka,
						env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(malformed_headers_are_ignored, env_setup_cmocka,
						env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(route_get_and_link_mtu, env_setup_cmocka,
						env_teardown_cmocka),
		cmocka_unit_test_setup_teardown(route_dump_spans_datagrams, env_setup_cmocka,
						env_teardown_cmocka),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
