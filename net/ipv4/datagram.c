/*
 * What UDP, raw and ping sockets share (see net/datagram.h): the route
 * and header fields of a send, the report about a received datagram,
 * the IP_RECVERR error queue (ip(7)) and poll.
 */
#include <net/datagram.h>
#include <net/inetdevice.h>
#include <net/route.h>
#include <net/udp.h>
#include <uapi/epoll.h>
#include <uapi/socket.h>
#include <uapi/errno.h>

/* The device that holds local address addr (Linux's __ip_dev_find). */
static struct netdev *ip_dev_find(be32 addr)
{
	struct fib_result fr;

	if (fib_lookup(addr, 0, &fr) || fr.type != RTN_LOCAL || !fr.route)
		return NULL;
	return fr.route->dev;
}

int ip_dgram_route(const struct sock *sk, be32 daddr, const struct ipcm_cookie *ipc,
		   struct dgram_route *dr)
{
	bool mcast = ipv4_is_multicast(daddr);
	be32 saddr;
	int oif, err;

	memset(dr, 0, sizeof(*dr));
	/* The bound address is the source unless it is a broadcast or
	 * multicast one (Linux's inet_bind leaves inet_saddr 0 then). */
	saddr = sk->saddr;
	if (saddr && inet_addr_type(saddr) != RTN_LOCAL)
		saddr = 0;
	if (ipc && ipc->addr_set)
		saddr = ipc->addr;
	oif = ipc && ipc->oif ? ipc->oif : sk->bound_ifindex;
	if (mcast) {
		/* ip(7) IP_MULTICAST_IF. */
		if (!oif)
			oif = sk->mc_index;
		if (!saddr)
			saddr = sk->mc_addr;
	}
	if (saddr) {
		struct netdev *dev;

		/* Linux's ip_route_output_key_hash_rcu: a source is one of ours. */
		if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr) || ipv4_is_zeronet(saddr))
			return -EINVAL;
		dev = ip_dev_find(saddr);
		if (!dev)
			return -ENETUNREACH;
		/* To a group (or everyone) the source's device is the way out. */
		if (!oif && (mcast || ipv4_is_lbcast(daddr)))
			oif = dev->ifindex;
	}
	err = ip_route_output(daddr, oif, &dr->rt);
	if (err)
		return err;
	if (dr->rt.type == RTN_BROADCAST && !sk->broadcast)
		return -EACCES;
	dr->saddr = saddr ? saddr : dr->rt.prefsrc;
	dr->daddr = daddr ? daddr : dr->rt.prefsrc;
	dr->oif = oif;
	if (ipc && ipc->ttl > 0)
		dr->ttl = (u8)ipc->ttl;
	else
		dr->ttl = dr->rt.type == RTN_MULTICAST ? sk->mc_ttl : sk->ttl;
	dr->tos = ipc && ipc->tos >= 0 ? (u8)ipc->tos : sk->tos;
	dr->mc_noloop = !sk->mc_loop;
	return 0;
}

int ip_dgram_df(struct sock *sk, const struct dgram_route *dr, u32 ip_len, be16 port, bool *df)
{
	switch (sk->pmtudisc) {
	case IP_PMTUDISC_WANT:
		*df = ip_len <= dr->rt.mtu;
		return 0;
	case IP_PMTUDISC_DO:
	case IP_PMTUDISC_PROBE:
		*df = true;
		if (ip_len > dr->rt.mtu) {
			ip_local_error(sk, EMSGSIZE, dr->daddr, port, dr->rt.mtu);
			return -EMSGSIZE;
		}
		return 0;
	default:
		*df = false;
		return 0;
	}
}

void ip_dgram_out(const struct dgram_route *dr, u8 protocol, bool df, struct ip_out *out)
{
	memset(out, 0, sizeof(*out));
	out->saddr = dr->saddr;
	out->daddr = dr->daddr;
	out->protocol = protocol;
	out->ttl = dr->ttl;
	out->tos = dr->tos;
	out->df = df;
	out->oif = dr->oif;
	out->mc_noloop = dr->mc_noloop;
}

be32 ip_spec_dst(be32 saddr, be32 daddr, u8 rt_type, int iif)
{
	struct netdev *dev;

	if (rt_type == RTN_LOCAL)
		return daddr;
	dev = dev_get_by_index(iif);
	return dev ? inet_select_addr(dev, saddr, RT_SCOPE_UNIVERSE) : 0;
}

struct pkbuf *dgram_copy_with_ip(const struct pkbuf *pkb, bool with_ip)
{
	const u8 *nh = pkb_network(pkb);
	u32 hlen = (u32)(pkb->data - nh);
	struct pkbuf *copy = pkb_from(0, nh, hlen + pkb->len);

	if (!copy)
		return NULL;
	pkb_set_network(copy);
	pkb_pull(copy, hlen);
	pkb_set_transport(copy);
	if (with_ip)
		pkb_push(copy, hlen);
	copy->dev = pkb->dev;
	copy->pkt_type = pkb->pkt_type;
	copy->tstamp_ns = pkb->tstamp_ns;
	memcpy(copy->cb, pkb->cb, sizeof(struct ip_cb));
	return copy;
}

void dgram_msg_info_fill(struct dgram_msg_info *info, const struct pkbuf *pkb)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);

	memset(info, 0, sizeof(*info));
	info->saddr = iph->saddr;
	info->daddr = iph->daddr;
	info->ifindex = IPCB(pkb)->iif;
	info->spec_dst = ip_spec_dst(iph->saddr, iph->daddr, IPCB(pkb)->rt_type, info->ifindex);
	info->ttl = iph->ttl;
	info->tos = iph->tos;
	info->len = pkb->len;
	info->tstamp_ns = pkb->tstamp_ns;
	info->valid = true;
}

/* What a queued copy remembers (after the IP layer's slot). */
struct dgram_cb {
	struct ip_cb ip;
	u32 truesize;
};
#define DGRAM_CB(pkb) ((struct dgram_cb *)(pkb)->cb)
_Static_assert(sizeof(struct dgram_cb) <= sizeof(((struct pkbuf *)0)->cb), "dgram_cb fits");

void dgram_queue_copy(struct sock *sk, u32 *rmem, u64 *drops, const struct pkbuf *pkb,
		      bool with_ip)
{
	struct pkbuf *copy;

	/* Refused once over the limit (Linux's sock_queue_rcv_skb). */
	if (*rmem > sk->rcvbuf || !(copy = dgram_copy_with_ip(pkb, with_ip))) {
		(*drops)++;
		return;
	}
	DGRAM_CB(copy)->truesize = copy->size + (u32)sizeof(*copy);
	pkb_enqueue(&sk->receive_queue, copy);
	*rmem += DGRAM_CB(copy)->truesize;
	sk->data_ready(sk);
}

int dgram_recv_take(struct sock *sk, u32 *rmem, int flags, struct pkbuf **out,
		    struct dgram_msg_info *info)
{
	struct pkbuf *pkb;

	*out = NULL;
	memset(info, 0, sizeof(*info));
	if (sk->err)
		return -sock_error(sk);
	pkb = pkb_peek(&sk->receive_queue);
	if (!pkb)
		return (sk->shutdown & RCV_SHUTDOWN) ? 0 : -EAGAIN;
	dgram_msg_info_fill(info, pkb);
	if (flags & MSG_PEEK) {
		*out = pkb_get(pkb);
	} else {
		pkb_dequeue(&sk->receive_queue);
		*rmem -= DGRAM_CB(pkb)->truesize;
		*out = pkb;
	}
	return 0;
}

u32 dgram_next_len(const struct sock *sk)
{
	const struct pkbuf *pkb = pkb_peek(&sk->receive_queue);

	return pkb ? pkb->len : 0;
}

/* Linux's sock_queue_err_skb: charged to the receive buffer. */
static void sock_queue_err(struct sock *sk, struct pkbuf *pkb)
{
	if (sk->error_queue.bytes + pkb->len + sizeof(*pkb) >= sk->rcvbuf) {
		pkb_free(pkb);
		return;
	}
	pkb_enqueue(&sk->error_queue, pkb);
	sk->error_report(sk);
}

void ip_icmp_error(struct sock *sk, const struct pkbuf *icmp, const u8 *payload, int err,
		   be16 port, u32 info)
{
	const struct iphdr *outer = (const struct iphdr *)pkb_network(icmp);
	const struct iphdr *inner = (const struct iphdr *)(icmp->data + 8);
	const u8 *end = icmp->data + icmp->len;
	struct sock_exterr_cb *serr;
	struct pkbuf *pkb;

	if (payload < icmp->data + 8 || payload > end)
		return;
	pkb = pkb_from(0, payload, (u32)(end - payload));
	if (!pkb)
		return;
	pkb->tstamp_ns = icmp->tstamp_ns;
	serr = SKB_EXT_ERR(pkb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = (u32)err;
	serr->ee.ee_origin = SO_EE_ORIGIN_ICMP;
	serr->ee.ee_type = icmp->data[0];
	serr->ee.ee_code = icmp->data[1];
	serr->ee.ee_info = info;
	serr->addr = inner->daddr;
	serr->port = port;
	serr->offender = outer->saddr;
	serr->icmp_daddr = outer->daddr;
	serr->ttl = outer->ttl;
	serr->tos = outer->tos;
	serr->iif = IPCB(icmp)->iif;
	serr->rt_type = IPCB(icmp)->rt_type;
	sock_queue_err(sk, pkb);
}

void ip_local_error(struct sock *sk, int err, be32 daddr, be16 port, u32 info)
{
	struct sock_exterr_cb *serr;
	struct pkbuf *pkb;

	if (!sk->recverr)
		return;
	pkb = pkb_alloc(0, 0);
	if (!pkb)
		return;
	pkb->tstamp_ns = net_now_ns();
	serr = SKB_EXT_ERR(pkb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = (u32)err;
	serr->ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	serr->ee.ee_info = info;
	serr->addr = daddr;
	serr->port = port;
	sock_queue_err(sk, pkb);
}

static bool is_icmp_err(const struct pkbuf *pkb)
{
	return pkb && SKB_EXT_ERR(pkb)->ee.ee_origin == SO_EE_ORIGIN_ICMP;
}

struct pkbuf *ip_recv_error_take(struct sock *sk)
{
	struct pkbuf *pkb = pkb_dequeue(&sk->error_queue), *next;

	if (!pkb)
		return NULL;
	next = pkb_peek(&sk->error_queue);
	if (is_icmp_err(next))
		sk->err = (int)SKB_EXT_ERR(next)->ee.ee_errno;
	else if (is_icmp_err(pkb))
		sk->err = 0;
	if (next)
		sk->error_report(sk);
	return pkb;
}

u32 datagram_poll(const struct sock *sk)
{
	u32 mask = EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;

	if (sk->err || sk->error_queue.count)
		mask |= EPOLLERR;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (sk->shutdown == (RCV_SHUTDOWN | SEND_SHUTDOWN))
		mask |= EPOLLHUP;
	if (sk->receive_queue.count)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}
