/*
 * rtnetlink requests: the walk over a sendmsg's messages, the dispatch
 * by message type, dumps, acknowledgements and the multicast side (see
 * net/rtnetlink.h).  Portable; runs under the stack lock, which also
 * makes every dump a consistent snapshot (it is built whole before the
 * lock is dropped).
 *
 * linux-compat: Linux builds a dump one datagram at a time as the
 * reader empties its queue; Tern queues all of it at once, in
 * datagrams of NL_GOODSIZE bytes, with NLMSG_DONE in the last one when
 * it fits (as Linux puts it).  Replies to the sender are not bounded by
 * SO_RCVBUF; notifications are.
 */
#include <net/rtnetlink.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

struct rtnl_cur rtnl_cur;

static const struct rtnl_sink *rtnl_sink;

void rtnl_set_sink(const struct rtnl_sink *sink)
{
	rtnl_sink = sink;
}

/* One message into a buffer of its own (an error reply may be larger). */
#define RTNL_MSG_MAX 4096u

int rtnl_unicast_one(const struct rtnl_req *req, int (*fill)(struct nl_buf *b, const void *arg),
		     const void *arg)
{
	struct nl_buf b;
	void *mem = net_alloc_nozero(RTNL_MSG_MAX);
	int err;

	if (!mem)
		return -ENOBUFS;
	nl_buf_init(&b, mem, RTNL_MSG_MAX);
	err = fill(&b, arg);
	if (!err)
		err = req->unicast(req->arg, b.data, b.len);
	net_free(mem);
	return err;
}

void rtnl_notify(u32 group, int (*fill)(struct nl_buf *b, const void *arg), const void *arg)
{
	struct nl_buf b;
	void *mem;

	if (!rtnl_sink || !(rtnl_sink->listeners() & rtnl_group_bit(group)))
		return;
	mem = net_alloc_nozero(RTNL_MSG_MAX);
	if (!mem)
		return;
	nl_buf_init(&b, mem, RTNL_MSG_MAX);
	if (!fill(&b, arg))
		rtnl_sink->broadcast(group, b.data, b.len);
	net_free(mem);
}

/*
 * NLMSG_ERROR (netlink(7)): the errno (0: an ack) and the request's
 * header; an error also carries the request's payload unless the
 * socket asked for NETLINK_CAP_ACK (then, and for acks, NLM_F_CAPPED).
 */
static void rtnl_ack(const struct rtnl_req *req, const struct nlmsghdr *nlh, int err)
{
	u32 payload = 0, size;
	u16 flags = 0;
	struct nlmsghdr *rep;
	struct nlmsgerr *e;
	struct nl_buf b;
	void *mem;

	if (err && !req->cap_ack)
		payload = nlh->nlmsg_len - NLMSG_HDRLEN;
	else
		flags |= NLM_F_CAPPED;
	size = NLMSG_HDRLEN + NLMSG_ALIGN((u32)sizeof(*e) + payload);
	mem = net_alloc_nozero(size);
	if (!mem)
		return;
	nl_buf_init(&b, mem, size);
	rep = nlmsg_put(&b, req->portid, nlh->nlmsg_seq, NLMSG_ERROR, sizeof(*e) + payload, flags);
	if (rep) {
		e = nlmsg_data(rep);
		e->error = err;
		memcpy(&e->msg, nlh, sizeof(*nlh) + payload);
		(void)req->unicast(req->arg, b.data, b.len);
	}
	net_free(mem);
}

/* NLMSG_DONE: the end of a dump, with the dump's result (0). */
static int put_done(struct nl_buf *b, const struct rtnl_dump *cb, int result)
{
	struct nlmsghdr *nlh = nlmsg_put(b, cb->req->portid, cb->nlh->nlmsg_seq, NLMSG_DONE,
					 sizeof(int), NLM_F_MULTI);

	if (!nlh)
		return -EMSGSIZE;
	memcpy(nlmsg_data(nlh), &result, sizeof(result));
	return 0;
}

/* Run a dump to its end, one datagram at a time. */
static int rtnl_dump(const struct nlmsghdr *nlh, const struct rtnl_req *req, rtnl_dumpit dumpit)
{
	struct rtnl_dump cb = { .nlh = nlh, .req = req };
	struct nl_buf b;
	void *mem = net_alloc_nozero(NL_GOODSIZE);
	int more, err = 0;

	if (!mem)
		return -ENOBUFS;
	for (;;) {
		nl_buf_init(&b, mem, NL_GOODSIZE);
		more = dumpit(&b, &cb);
		if (more < 0) {
			err = more;
			break;
		}
		if (more && !b.len) {
			err = -EMSGSIZE;	/* one message bigger than a datagram */
			break;
		}
		if (!more && put_done(&b, &cb, 0)) {
			/* No room for NLMSG_DONE: it goes in a datagram of its own. */
			err = req->unicast(req->arg, b.data, b.len);
			if (err)
				break;
			nl_buf_init(&b, mem, NL_GOODSIZE);
			(void)put_done(&b, &cb, 0);
		}
		err = req->unicast(req->arg, b.data, b.len);
		if (err || !more)
			break;
	}
	net_free(mem);
	return err;
}

/* The handlers, by message type (Linux's rtnl_msg_handlers). */
enum { FAM_ANY, FAM_INET };

struct rtnl_handler {
	rtnl_doit doit;
	rtnl_dumpit dumpit;
	u8 family;	/* FAM_INET: doit only for AF_INET */
};

static const struct rtnl_handler handlers[RTM_MAX_TYPE + 1 - RTM_BASE] = {
	[RTM_NEWLINK - RTM_BASE] = { rtnl_newlink, NULL, FAM_ANY },
	[RTM_DELLINK - RTM_BASE] = { rtnl_dellink, NULL, FAM_ANY },
	[RTM_GETLINK - RTM_BASE] = { rtnl_getlink, rtnl_dumplink, FAM_ANY },
	[RTM_SETLINK - RTM_BASE] = { rtnl_setlink, NULL, FAM_ANY },
	[RTM_NEWADDR - RTM_BASE] = { inet_rtm_newaddr, NULL, FAM_INET },
	[RTM_DELADDR - RTM_BASE] = { inet_rtm_deladdr, NULL, FAM_INET },
	[RTM_GETADDR - RTM_BASE] = { NULL, inet_dump_ifaddr, FAM_INET },
	[RTM_NEWROUTE - RTM_BASE] = { inet_rtm_newroute, NULL, FAM_INET },
	[RTM_DELROUTE - RTM_BASE] = { inet_rtm_delroute, NULL, FAM_INET },
	[RTM_GETROUTE - RTM_BASE] = { inet_rtm_getroute, inet_dump_fib, FAM_INET },
	[RTM_NEWNEIGH - RTM_BASE] = { neigh_add, NULL, FAM_ANY },
	[RTM_DELNEIGH - RTM_BASE] = { neigh_del, NULL, FAM_ANY },
	[RTM_GETNEIGH - RTM_BASE] = { neigh_get, neigh_dump, FAM_ANY },
};

/* An empty dump: families with no tables here (linux-compat: no IPv6). */
static int dump_nothing(struct nl_buf *b, struct rtnl_dump *cb)
{
	(void)b;
	(void)cb;
	return 0;
}

/* Linux's rtnetlink_rcv_msg: 0, a negative errno, or 1 (dump sent, no ack). */
static int rtnl_rcv_msg(const struct nlmsghdr *nlh, const struct rtnl_req *req)
{
	const struct rtnl_handler *h;
	u16 type = nlh->nlmsg_type;
	u8 family;

	if (type > RTM_MAX_TYPE)
		return -EOPNOTSUPP;
	/* Shorter than the one-byte rtgenmsg: nothing to do (Linux). */
	if (nlh->nlmsg_len < NLMSG_HDRLEN + 1)
		return 0;
	family = *(const u8 *)nlmsg_data(nlh);
	if ((type & 3) != 2 && !req->net_admin)
		return -EPERM;
	h = &handlers[type - RTM_BASE];
	if ((type & 3) == 2 && (nlh->nlmsg_flags & NLM_F_DUMP)) {
		rtnl_dumpit dumpit = h->dumpit;
		int err;

		if (!dumpit)
			return -EOPNOTSUPP;
		if (h->family == FAM_INET && family != AF_INET && family != AF_UNSPEC)
			dumpit = dump_nothing;
		err = rtnl_dump(nlh, req, dumpit);
		return err ? err : 1;
	}
	if (!h->doit || (h->family == FAM_INET && family != AF_INET))
		return -EOPNOTSUPP;
	return h->doit(nlh, req);
}

void rtnetlink_rcv(const void *data, u32 len, const struct rtnl_req *req)
{
	const u8 *p = data;
	u32 rem = len;

	while (rem >= (u32)NLMSG_HDRLEN) {
		struct nlmsghdr *nlh;
		u32 step;
		int err = 0;

		/*
		 * The messages are the caller's kernel copy; a header
		 * that runs past it ends the walk (Linux: silently).
		 */
		nlh = (struct nlmsghdr *)p;
		if (nlh->nlmsg_len < (u32)NLMSG_HDRLEN || nlh->nlmsg_len > rem)
			return;
		if ((nlh->nlmsg_flags & NLM_F_REQUEST) && nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
			rtnl_cur.portid = req->portid;
			rtnl_cur.seq = nlh->nlmsg_seq;
			err = rtnl_rcv_msg(nlh, req);
			rtnl_cur.portid = rtnl_cur.seq = 0;
		}
		if (err != 1 && (err || (nlh->nlmsg_flags & NLM_F_ACK)))
			rtnl_ack(req, nlh, err);
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		if (step > rem)
			step = rem;
		p += step;
		rem -= step;
	}
}
