/*
 * rtnetlink for IPv4 (rtnetlink(7)): addresses (RTM_*ADDR, Linux's
 * devinet.c), routes (RTM_*ROUTE, fib_frontend.c and route.c's
 * inet_rtm_getroute) and the ARP table (RTM_*NEIGH, neighbour.c), over
 * the stack's own tables.  Portable, stack lock held.
 */
#include <net/inetdevice.h>
#include <net/rtnetlink.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

#define INFINITY_LIFE_TIME 0xffffffffu

/* ---- addresses ---- */

static const struct nla_policy ifa_policy[IFA_PROTO + 1] = {
	[IFA_ADDRESS] = { NLA_U32, 0 },
	[IFA_LOCAL] = { NLA_U32, 0 },
	[IFA_BROADCAST] = { NLA_U32, 0 },
	[IFA_LABEL] = { NLA_STRING, IFNAMSIZ - 1 },
	[IFA_CACHEINFO] = { NLA_UNSPEC, sizeof(struct ifa_cacheinfo) },
	[IFA_FLAGS] = { NLA_U32, 0 },
	[IFA_RT_PRIORITY] = { NLA_U32, 0 },
	[IFA_PROTO] = { NLA_U8, 0 },
};

struct ifa_msg {
	const struct in_ifaddr *ifa;
	u16 type, flags;
	u32 portid, seq;
};

static int fill_ifa(struct nl_buf *b, const void *arg)
{
	const struct ifa_msg *m = arg;
	const struct in_ifaddr *ifa = m->ifa;
	struct ifa_cacheinfo ci = {
		.ifa_prefered = INFINITY_LIFE_TIME, .ifa_valid = INFINITY_LIFE_TIME,
	};
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifm;

	nlh = nlmsg_put(b, m->portid, m->seq, m->type, sizeof(*ifm), m->flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifa_family = AF_INET;
	ifm->ifa_prefixlen = ifa->ifa_prefixlen;
	ifm->ifa_flags = (u8)ifa->ifa_flags;
	ifm->ifa_scope = ifa->ifa_scope;
	ifm->ifa_index = (u32)ifa->dev->ifindex;
	/* linux-compat: no creation stamps (cstamp/tstamp stay 0). */
	if (nla_put_be32(b, IFA_ADDRESS, ifa->ifa_address) ||
	    nla_put_be32(b, IFA_LOCAL, ifa->ifa_local) ||
	    (ifa->ifa_broadcast && nla_put_be32(b, IFA_BROADCAST, ifa->ifa_broadcast)) ||
	    (ifa->ifa_label[0] && nla_put_string(b, IFA_LABEL, ifa->ifa_label)) ||
	    nla_put_u32(b, IFA_FLAGS, ifa->ifa_flags) ||
	    (ifa->ifa_rt_priority && nla_put_u32(b, IFA_RT_PRIORITY, ifa->ifa_rt_priority)) ||
	    nla_put(b, IFA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(b, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(b, nlh);
	return 0;
}

void rtmsg_ifa(u16 type, const struct in_ifaddr *ifa)
{
	struct ifa_msg m = { .ifa = ifa, .type = type, .portid = rtnl_cur.portid,
			     .seq = rtnl_cur.seq };

	rtnl_notify(RTNLGRP_IPV4_IFADDR, fill_ifa, &m);
}

int inet_dump_ifaddr(struct nl_buf *b, struct rtnl_dump *cb)
{
	u32 idx = 0;
	int ifindex = 0;

	/* Strict requests may name one interface (ifa_index). */
	if (cb->req->strict && cb->nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(struct ifaddrmsg)) {
		struct ifaddrmsg ifm;

		memcpy(&ifm, nlmsg_data(cb->nlh), sizeof(ifm));
		if (ifm.ifa_prefixlen || ifm.ifa_flags || ifm.ifa_scope)
			return -EINVAL;
		ifindex = (int)ifm.ifa_index;
	}
	for (const struct netdev *dev = dev_base(); dev; dev = dev->next) {
		if (ifindex && dev->ifindex != ifindex)
			continue;
		for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next, idx++) {
			struct ifa_msg m = {
				.ifa = ifa, .type = RTM_NEWADDR, .flags = NLM_F_MULTI,
				.portid = cb->req->portid, .seq = cb->nlh->nlmsg_seq,
			};

			if (idx < cb->cursor[0])
				continue;
			if (fill_ifa(b, &m)) {
				cb->cursor[0] = idx;
				return 1;
			}
		}
	}
	return 0;
}

/* Linux's rtm_to_ifaddr: -EINVAL without IFA_LOCAL or past /32, -ENODEV. */
static int ifa_request(const struct nlmsghdr *nlh, const struct nlattr **tb,
		       struct ifaddrmsg *ifm, struct netdev **devp)
{
	int err = nlmsg_parse(nlh, sizeof(*ifm), tb, IFA_PROTO, ifa_policy, false);

	if (err)
		return err;
	memcpy(ifm, nlmsg_data(nlh), sizeof(*ifm));
	*devp = dev_get_by_index((int)ifm->ifa_index);
	return 0;
}

int inet_rtm_newaddr(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[IFA_PROTO + 1];
	struct ifa_config cfg;
	struct ifaddrmsg ifm;
	struct netdev *dev;
	char label[IFNAMSIZ];
	int err;

	(void)req;
	err = ifa_request(nlh, tb, &ifm, &dev);
	if (err)
		return err;
	if (ifm.ifa_prefixlen > 32 || !tb[IFA_LOCAL])
		return -EINVAL;
	if (!dev)
		return -ENODEV;
	memset(&cfg, 0, sizeof(cfg));
	cfg.local = nla_get_be32(tb[IFA_LOCAL]);
	cfg.prefixlen = ifm.ifa_prefixlen;
	cfg.broadcast = tb[IFA_BROADCAST] ? nla_get_be32(tb[IFA_BROADCAST]) : 0;
	cfg.scope = ifm.ifa_scope;
	cfg.flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifm.ifa_flags;
	cfg.flags &= IFA_F_NOPREFIXROUTE | IFA_F_NODAD | IFA_F_HOMEADDRESS |
		     IFA_F_MANAGETEMPADDR | IFA_F_MCAUTOJOIN;
	cfg.rt_priority = tb[IFA_RT_PRIORITY] ? nla_get_u32(tb[IFA_RT_PRIORITY]) : 0;
	if (tb[IFA_LABEL]) {
		nla_strscpy(label, tb[IFA_LABEL], sizeof(label));
		cfg.label = label;
	}
	for (const struct in_ifaddr *o = dev->ifa_list; o; o = o->next) {
		if (o->ifa_local != cfg.local || o->ifa_prefixlen != cfg.prefixlen)
			continue;
		/* Linux: the same address again updates it only with REPLACE. */
		if ((nlh->nlmsg_flags & NLM_F_EXCL) || !(nlh->nlmsg_flags & NLM_F_REPLACE))
			return -EEXIST;
		return 0;
	}
	return inet_addr_add(dev, &cfg);
}

int inet_rtm_deladdr(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[IFA_PROTO + 1];
	struct ifaddrmsg ifm;
	struct netdev *dev;
	char label[IFNAMSIZ];
	int err;

	(void)req;
	err = ifa_request(nlh, tb, &ifm, &dev);
	if (err)
		return err;
	if (!dev)
		return -ENODEV;
	for (const struct in_ifaddr *ifa = dev->ifa_list; ifa; ifa = ifa->next) {
		if (tb[IFA_LOCAL] && ifa->ifa_local != nla_get_be32(tb[IFA_LOCAL]))
			continue;
		if (tb[IFA_LABEL]) {
			nla_strscpy(label, tb[IFA_LABEL], sizeof(label));
			if (!nl_streq(label, ifa->ifa_label))
				continue;
		}
		if (tb[IFA_ADDRESS] &&
		    (ifm.ifa_prefixlen != ifa->ifa_prefixlen ||
		     ((nla_get_be32(tb[IFA_ADDRESS]) ^ ifa->ifa_address) & ifa->ifa_mask)))
			continue;
		return inet_addr_del(dev, ifa->ifa_local, ifa->ifa_prefixlen);
	}
	return -EADDRNOTAVAIL;
}

/* ---- routes ---- */

static const struct nla_policy rtm_policy[RTA_UID + 1] = {
	[RTA_DST] = { NLA_U32, 0 },
	[RTA_SRC] = { NLA_U32, 0 },
	[RTA_IIF] = { NLA_U32, 0 },
	[RTA_OIF] = { NLA_U32, 0 },
	[RTA_GATEWAY] = { NLA_U32, 0 },
	[RTA_PRIORITY] = { NLA_U32, 0 },
	[RTA_PREFSRC] = { NLA_U32, 0 },
	[RTA_METRICS] = { NLA_NESTED, 0 },
	[RTA_FLOW] = { NLA_U32, 0 },
	[RTA_TABLE] = { NLA_U32, 0 },
	[RTA_MARK] = { NLA_U32, 0 },
	[RTA_UID] = { NLA_U32, 0 },
};

struct route_msg {
	const struct fib_route *rt;
	u16 type, flags;
	u32 portid, seq;
};

static int put_metrics(struct nl_buf *b, const struct fib_route *rt)
{
	struct nlattr *nest;

	if (!rt->mtu && !rt->window && !rt->rtt && !rt->advmss)
		return 0;
	nest = nla_nest_start(b, RTA_METRICS);
	if (!nest)
		return -EMSGSIZE;
	if ((rt->mtu && nla_put_u32(b, RTAX_MTU, rt->mtu)) ||
	    (rt->window && nla_put_u32(b, RTAX_WINDOW, rt->window)) ||
	    (rt->rtt && nla_put_u32(b, RTAX_RTT, rt->rtt)) ||
	    (rt->advmss && nla_put_u32(b, RTAX_ADVMSS, rt->advmss)))
		return -EMSGSIZE;
	nla_nest_end(b, nest);
	return 0;
}

/* Linux's fib_dump_info, for a single-nexthop route. */
static int fill_route(struct nl_buf *b, const void *arg)
{
	const struct route_msg *m = arg;
	const struct fib_route *rt = m->rt;
	struct nlmsghdr *nlh;
	struct rtmsg *r;

	nlh = nlmsg_put(b, m->portid, m->seq, m->type, sizeof(*r), m->flags);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	r->rtm_family = AF_INET;
	r->rtm_dst_len = rt->dst_len;
	r->rtm_tos = rt->tos;
	r->rtm_table = rt->table;
	r->rtm_protocol = rt->protocol;
	r->rtm_scope = rt->scope;
	r->rtm_type = rt->type;
	if (nla_put_u32(b, RTA_TABLE, rt->table) ||
	    (rt->dst_len && nla_put_be32(b, RTA_DST, rt->dst)) ||
	    (rt->priority && nla_put_u32(b, RTA_PRIORITY, rt->priority)) ||
	    put_metrics(b, rt) ||
	    (rt->prefsrc && nla_put_be32(b, RTA_PREFSRC, rt->prefsrc)) ||
	    (rt->gateway && nla_put_be32(b, RTA_GATEWAY, rt->gateway)) ||
	    (rt->dev && nla_put_u32(b, RTA_OIF, (u32)rt->dev->ifindex))) {
		nlmsg_cancel(b, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(b, nlh);
	return 0;
}

void rtmsg_fib(u16 type, const struct fib_route *rt)
{
	struct route_msg m = { .rt = rt, .type = type, .portid = rtnl_cur.portid,
			       .seq = rtnl_cur.seq };

	rtnl_notify(RTNLGRP_IPV4_ROUTE, fill_route, &m);
}

int inet_dump_fib(struct nl_buf *b, struct rtnl_dump *cb)
{
	u32 idx = 0;

	for (u32 t = 0; t < 256; t++) {
		for (const struct fib_route *rt = fib_table_first((u8)t); rt; rt = rt->next, idx++) {
			struct route_msg m = {
				.rt = rt, .type = RTM_NEWROUTE, .flags = NLM_F_MULTI,
				.portid = cb->req->portid, .seq = cb->nlh->nlmsg_seq,
			};

			if (idx < cb->cursor[0])
				continue;
			if (fill_route(b, &m)) {
				cb->cursor[0] = idx;
				return 1;
			}
		}
	}
	return 0;
}

/* Linux's rtm_to_fib_config. */
static int rtm_to_fib_config(const struct nlmsghdr *nlh, struct fib_config *cfg)
{
	const struct nlattr *tb[RTA_UID + 1], *mx[RTAX_FASTOPEN_NO_COOKIE + 1];
	static const struct nla_policy mx_policy[RTAX_FASTOPEN_NO_COOKIE + 1] = {
		[RTAX_MTU] = { NLA_U32, 0 }, [RTAX_WINDOW] = { NLA_U32, 0 },
		[RTAX_RTT] = { NLA_U32, 0 }, [RTAX_ADVMSS] = { NLA_U32, 0 },
	};
	struct rtmsg r;
	u32 table;
	int err;

	err = nlmsg_parse(nlh, sizeof(r), tb, RTA_UID, rtm_policy, false);
	if (err)
		return err;
	memcpy(&r, nlmsg_data(nlh), sizeof(r));
	fib_config_init(cfg);
	if (r.rtm_type > RTN_MAX_TYPE)
		return -EINVAL;
	if (r.rtm_dst_len > 32)
		return -EINVAL;
	table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : r.rtm_table;
	if (table > 255)
		return -EOPNOTSUPP;	/* linux-compat: tables 1..255 only */
	cfg->table = (u8)table;
	cfg->type = r.rtm_type;
	cfg->protocol = r.rtm_protocol;
	cfg->scope = r.rtm_scope;
	cfg->dst_len = r.rtm_dst_len;
	cfg->tos = r.rtm_tos;
	if (tb[RTA_DST])
		cfg->dst = nla_get_be32(tb[RTA_DST]);
	if (tb[RTA_GATEWAY])
		cfg->gateway = nla_get_be32(tb[RTA_GATEWAY]);
	if (tb[RTA_PREFSRC])
		cfg->prefsrc = nla_get_be32(tb[RTA_PREFSRC]);
	if (tb[RTA_OIF])
		cfg->oif = (int)nla_get_u32(tb[RTA_OIF]);
	if (tb[RTA_PRIORITY])
		cfg->priority = nla_get_u32(tb[RTA_PRIORITY]);
	if (tb[RTA_METRICS]) {
		err = nla_parse(mx, RTAX_FASTOPEN_NO_COOKIE, nla_data(tb[RTA_METRICS]),
				nla_len(tb[RTA_METRICS]), mx_policy, false);
		if (err)
			return err;
		if (mx[RTAX_MTU])
			cfg->mtu = nla_get_u32(mx[RTAX_MTU]);
		if (mx[RTAX_WINDOW])
			cfg->window = nla_get_u32(mx[RTAX_WINDOW]);
		if (mx[RTAX_RTT])
			cfg->rtt = nla_get_u32(mx[RTAX_RTT]);
		if (mx[RTAX_ADVMSS])
			cfg->advmss = nla_get_u32(mx[RTAX_ADVMSS]);
	}
	return 0;
}

static bool route_key_exists(const struct fib_config *cfg)
{
	for (const struct fib_route *rt = fib_table_first(cfg->table ? cfg->table : RT_TABLE_MAIN);
	     rt; rt = rt->next)
		if (rt->dst == cfg->dst && rt->dst_len == cfg->dst_len && rt->tos == cfg->tos &&
		    rt->priority == cfg->priority)
			return true;
	return false;
}

int inet_rtm_newroute(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	struct fib_config cfg;
	u16 f = nlh->nlmsg_flags;
	int err;

	(void)req;
	err = rtm_to_fib_config(nlh, &cfg);
	if (err)
		return err;
	if (cfg.scope > RT_SCOPE_HOST)
		return -EINVAL;		/* "Invalid scope" */
	if (cfg.type == RTN_UNSPEC)
		return -EINVAL;
	/* Linux's fib_table_insert: EXCL refuses an existing key, REPLACE
	 * takes its place, APPEND adds after, CREATE alone in front. */
	if (!(f & NLM_F_EXCL)) {
		cfg.replace = f & NLM_F_REPLACE;
		cfg.append = !cfg.replace && (f & NLM_F_APPEND);
		cfg.prepend = !cfg.replace && !cfg.append && (f & NLM_F_CREATE);
	}
	if (!(f & NLM_F_CREATE) && !route_key_exists(&cfg))
		return -ENOENT;
	return fib_table_insert(&cfg);
}

int inet_rtm_delroute(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	struct fib_config cfg;
	int err;

	(void)req;
	err = rtm_to_fib_config(nlh, &cfg);
	if (err)
		return err;
	return fib_table_delete(&cfg);
}

struct getroute_msg {
	const struct fib_result *res;
	const struct netdev *dev;
	be32 dst, src, prefsrc;
	u32 portid, seq;
	bool lookup_table;	/* RTM_F_LOOKUP_TABLE: the table that answered */
};

/* Linux's rt_fill_info: the answer of `ip route get`. */
static int fill_getroute(struct nl_buf *b, const void *arg)
{
	const struct getroute_msg *m = arg;
	const struct fib_route *rt = m->res->route;
	u32 table = m->lookup_table ? rt->table : RT_TABLE_MAIN;
	struct rta_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct rtmsg *r;

	nlh = nlmsg_put(b, m->portid, m->seq, RTM_NEWROUTE, sizeof(*r), 0);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	r->rtm_family = AF_INET;
	r->rtm_dst_len = 32;
	r->rtm_src_len = m->src ? 32 : 0;
	r->rtm_table = (u8)table;
	r->rtm_type = m->res->type;
	r->rtm_scope = RT_SCOPE_UNIVERSE;
	r->rtm_protocol = RTPROT_UNSPEC;
	r->rtm_flags = RTM_F_CLONED;
	memset(&ci, 0, sizeof(ci));
	if (nla_put_u32(b, RTA_TABLE, table) ||
	    nla_put_be32(b, RTA_DST, m->dst) ||
	    (m->src && nla_put_be32(b, RTA_SRC, m->src)) ||
	    nla_put_u32(b, RTA_OIF, (u32)m->dev->ifindex) ||
	    (m->prefsrc != m->src && nla_put_be32(b, RTA_PREFSRC, m->prefsrc)) ||
	    (rt->gateway && nla_put_be32(b, RTA_GATEWAY, rt->gateway)) ||
	    nla_put_u32(b, RTA_UID, 0) ||
	    nla_put(b, RTA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(b, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(b, nlh);
	return 0;
}

int inet_rtm_getroute(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[RTA_UID + 1];
	struct getroute_msg m;
	struct fib_result res;
	struct rtmsg r;
	int err, oif;

	err = nlmsg_parse(nlh, sizeof(r), tb, RTA_UID, rtm_policy, req->strict);
	if (err)
		return err;
	memset(&m, 0, sizeof(m));
	memcpy(&r, nlmsg_data(nlh), sizeof(r));
	/* Linux names table main unless asked for the one that answered. */
	m.lookup_table = r.rtm_flags & RTM_F_LOOKUP_TABLE;
	m.dst = tb[RTA_DST] ? nla_get_be32(tb[RTA_DST]) : 0;
	m.src = tb[RTA_SRC] ? nla_get_be32(tb[RTA_SRC]) : 0;
	oif = tb[RTA_OIF] ? (int)nla_get_u32(tb[RTA_OIF]) : 0;
	if (tb[RTA_IIF] && nla_get_u32(tb[RTA_IIF]))
		return -EOPNOTSUPP;	/* linux-compat: no input-route queries */
	err = fib_lookup(m.dst, oif, &res);
	if (err)
		return err;
	m.res = &res;
	m.dev = res.route->dev;
	if (res.type == RTN_LOCAL) {
		/* Linux answers local destinations through the loopback device. */
		for (const struct netdev *d = dev_base(); d; d = d->next)
			if (d->flags & IFF_LOOPBACK)
				m.dev = d;
		m.prefsrc = m.src ? m.src : res.route->prefsrc ? res.route->prefsrc : m.dst;
	} else {
		m.prefsrc = m.src ? m.src
			: res.route->prefsrc ? res.route->prefsrc
			: inet_select_addr(res.route->dev, res.route->gateway ? res.route->gateway : m.dst,
					   RT_SCOPE_LINK);
	}
	if (!m.dev)
		return -ENETUNREACH;
	m.portid = req->portid;
	m.seq = nlh->nlmsg_seq;
	return rtnl_unicast_one(req, fill_getroute, &m);
}

/* ---- neighbours (the ARP table) ---- */

static const struct nla_policy nda_policy[NDA_PROTOCOL + 1] = {
	[NDA_DST] = { NLA_BINARY, 0 },
	[NDA_LLADDR] = { NLA_BINARY, 32 },
	[NDA_CACHEINFO] = { NLA_UNSPEC, sizeof(struct nda_cacheinfo) },
	[NDA_PROBES] = { NLA_U32, 0 },
	[NDA_IFINDEX] = { NLA_U32, 0 },
	[NDA_MASTER] = { NLA_U32, 0 },
	[NDA_PROTOCOL] = { NLA_U8, 0 },
};

struct neigh_msg {
	const struct neighbour *n;
	u16 type, flags;
	u32 portid, seq;
};

/* Nanoseconds ago as clock_t (USER_HZ = 100). */
static u32 ticks_ago(u64 then_ns)
{
	u64 now = net_now_ns();

	return then_ns && now > then_ns ? (u32)((now - then_ns) / 10000000ull) : 0;
}

static int fill_neigh(struct nl_buf *b, const void *arg)
{
	const struct neigh_msg *m = arg;
	const struct neighbour *n = m->n;
	struct nda_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	u32 probes = n->probes;

	nlh = nlmsg_put(b, m->portid, m->seq, m->type, sizeof(*ndm), m->flags);
	if (!nlh)
		return -EMSGSIZE;
	ndm = nlmsg_data(nlh);
	ndm->ndm_family = AF_INET;
	ndm->ndm_ifindex = n->dev->ifindex;
	ndm->ndm_state = n->nud_state;
	ndm->ndm_type = RTN_UNICAST;
	ci.ndm_confirmed = ticks_ago(n->confirmed_ns);
	ci.ndm_used = ticks_ago(n->used_ns);
	ci.ndm_updated = ticks_ago(n->updated_ns);
	ci.ndm_refcnt = 0;
	if (nla_put_be32(b, NDA_DST, n->key) ||
	    ((n->nud_state & NUD_VALID) && nla_put(b, NDA_LLADDR, ETH_ALEN, n->ha)) ||
	    nla_put(b, NDA_CACHEINFO, sizeof(ci), &ci) ||
	    nla_put_u32(b, NDA_PROBES, probes)) {
		nlmsg_cancel(b, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(b, nlh);
	return 0;
}

void rtmsg_neigh(u16 type, const struct neighbour *n)
{
	struct neigh_msg m = { .n = n, .type = type, .portid = rtnl_cur.portid,
			       .seq = rtnl_cur.seq };

	rtnl_notify(RTNLGRP_NEIGH, fill_neigh, &m);
}

int neigh_dump(struct nl_buf *b, struct rtnl_dump *cb)
{
	u8 family = *(const u8 *)nlmsg_data(cb->nlh);
	u32 idx = 0;

	if (family != AF_UNSPEC && family != AF_INET)
		return 0;
	for (const struct neighbour *n = neigh_first(); n; n = n->next, idx++) {
		struct neigh_msg m = {
			.n = n, .type = RTM_NEWNEIGH, .flags = NLM_F_MULTI,
			.portid = cb->req->portid, .seq = cb->nlh->nlmsg_seq,
		};

		if (idx < cb->cursor[0])
			continue;
		if (fill_neigh(b, &m)) {
			cb->cursor[0] = idx;
			return 1;
		}
	}
	return 0;
}

/* The parts of a neighbour request: ndmsg, NDA_DST and the device. */
static int neigh_request(const struct nlmsghdr *nlh, const struct nlattr **tb, struct ndmsg *ndm,
			 struct netdev **devp, be32 *key)
{
	int err = nlmsg_parse(nlh, sizeof(*ndm), tb, NDA_PROTOCOL, nda_policy, false);

	if (err)
		return err;
	memcpy(ndm, nlmsg_data(nlh), sizeof(*ndm));
	if (!tb[NDA_DST])
		return -EINVAL;
	*devp = NULL;
	if (ndm->ndm_ifindex) {
		*devp = dev_get_by_index(ndm->ndm_ifindex);
		if (!*devp)
			return -ENODEV;
	}
	if (ndm->ndm_family != AF_INET)
		return -EAFNOSUPPORT;	/* linux-compat: no IPv6 neighbour table */
	if (nla_len(tb[NDA_DST]) < sizeof(be32))
		return -EINVAL;
	memcpy(key, nla_data(tb[NDA_DST]), sizeof(*key));
	return 0;
}

int neigh_add(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[NDA_PROTOCOL + 1];
	u32 flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE;
	struct neighbour *n;
	u8 old;
	struct netdev *dev;
	struct ndmsg ndm;
	be32 key;
	int err;

	(void)req;
	err = neigh_request(nlh, tb, &ndm, &dev, &key);
	if (err)
		return err;
	if (!dev)
		return -EINVAL;
	if (tb[NDA_LLADDR] && nla_len(tb[NDA_LLADDR]) < dev->addr_len)
		return -EINVAL;
	n = neigh_lookup(dev, key);
	old = n ? n->nud_state : NUD_NONE;
	if (n) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return -EEXIST;
		if (!(nlh->nlmsg_flags & NLM_F_REPLACE))
			flags &= ~(u32)NEIGH_UPDATE_F_OVERRIDE;
	} else {
		if (!(nlh->nlmsg_flags & NLM_F_CREATE))
			return -ENOENT;
		flags |= NEIGH_UPDATE_F_CREATE;
	}
	n = neigh_update(dev, key, tb[NDA_LLADDR] ? nla_data(tb[NDA_LLADDR]) : NULL,
			 (u8)ndm.ndm_state, flags);
	if (!n)
		return -ENOBUFS;
	/* A change of state is announced by the neighbour table itself. */
	if (n->nud_state == old)
		rtmsg_neigh(RTM_NEWNEIGH, n);
	return 0;
}

int neigh_del(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[NDA_PROTOCOL + 1];
	struct netdev *dev;
	struct ndmsg ndm;
	be32 key;
	int err;

	(void)req;
	err = neigh_request(nlh, tb, &ndm, &dev, &key);
	if (err)
		return err;
	if (!dev)
		return -EINVAL;
	if (!neigh_lookup(dev, key))
		return -ENOENT;
	return neigh_delete(dev, key);	/* announces RTM_DELNEIGH */
}

int neigh_get(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct nlattr *tb[NDA_PROTOCOL + 1];
	struct neigh_msg m;
	struct neighbour *n;
	struct netdev *dev;
	struct ndmsg ndm;
	be32 key;
	int err;

	err = neigh_request(nlh, tb, &ndm, &dev, &key);
	if (err)
		return err;
	if (!dev)
		return -EINVAL;
	n = neigh_lookup(dev, key);
	if (!n)
		return -ENOENT;
	m = (struct neigh_msg){ .n = n, .type = RTM_NEWNEIGH, .portid = req->portid,
				.seq = nlh->nlmsg_seq };
	return rtnl_unicast_one(req, fill_neigh, &m);
}
