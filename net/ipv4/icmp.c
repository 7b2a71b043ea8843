/*
 * ICMP for IPv4 (RFC 792; host rules of RFC 1122 §3.2.2): echo replies,
 * errors delivered to the transport that sent the offending packet, and
 * the errors we send (protocol/port unreachable, host unreachable after
 * failed ARP, reassembly time exceeded), rate limited like Linux.
 *
 * Counters are Linux's Icmp:/IcmpMsg: groups: InMsgs for everything
 * received, InErrors for what is dropped as bad, In/OutType<n> per type.
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/icmp_rate.h>
#include <net/inetdevice.h>
#include <net/ping.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/timer.h>
#include <uapi/errno.h>

/* Linux's icmp_err_convert (net/ipv4/icmp.c), by DEST_UNREACH code. */
const struct icmp_err icmp_err_convert[NR_ICMP_UNREACH + 1] = {
	{ ENETUNREACH, true },  /* ICMP_NET_UNREACH */
	{ EHOSTUNREACH, true }, /* ICMP_HOST_UNREACH */
	{ ENOPROTOOPT, true },  /* ICMP_PROT_UNREACH */
	{ ECONNREFUSED, true }, /* ICMP_PORT_UNREACH */
	{ EMSGSIZE, false },    /* ICMP_FRAG_NEEDED */
	{ EOPNOTSUPP, false },  /* ICMP_SR_FAILED */
	{ ENETUNREACH, true },  /* ICMP_NET_UNKNOWN */
	{ EHOSTDOWN, true },    /* ICMP_HOST_UNKNOWN */
	{ ENONET, true },       /* ICMP_HOST_ISOLATED */
	{ ENETUNREACH, true },  /* ICMP_NET_ANO */
	{ EHOSTUNREACH, true }, /* ICMP_HOST_ANO */
	{ ENETUNREACH, false }, /* ICMP_NET_UNR_TOS */
	{ EHOSTUNREACH, false },/* ICMP_HOST_UNR_TOS */
	{ EHOSTUNREACH, true }, /* ICMP_PKT_FILTERED */
	{ EHOSTUNREACH, true }, /* ICMP_PREC_VIOLATION */
	{ EHOSTUNREACH, true }, /* ICMP_PREC_CUTOFF */
};

bool icmp_err_is_hard(u8 type, u8 code)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
		return code == ICMP_FRAG_NEEDED ||
		       (code <= NR_ICMP_UNREACH && icmp_err_convert[code].fatal);
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

static bool icmp_is_error(u8 type)
{
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
	       type == ICMP_REDIRECT || type == ICMP_TIME_EXCEEDED ||
	       type == ICMP_PARAMETERPROB;
}

/*
 * Rate limits (net/icmp_rate.h) apply to the types in Linux's
 * icmp_ratemask: dest unreachable except frag needed, source quench,
 * time exceeded, parameter problem.
 */
static bool icmp_ratemask(u8 type, u8 code)
{
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return false;
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
	       type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

void icmp_out_count(u8 type)
{
	ICMP_INC_STATS(ICMP_MIB_OUTMSGS);
	icmpmsg_out[type]++;
}

/* Checksum, count and send one ICMP message in pkb (data at its header). */
static void icmp_push(struct pkbuf *pkb, const struct ip_out *out)
{
	struct icmphdr *ih = (struct icmphdr *)pkb->data;

	ih->checksum = 0;
	ih->checksum = inet_csum(pkb->data, pkb->len);
	icmp_out_count(ih->type);
	if (ip_output(pkb, out))
		ICMP_INC_STATS(ICMP_MIB_OUTERRORS);
}

void icmp_send(struct pkbuf *orig, u8 type, u8 code, u32 info)
{
	const u8 *nh = pkb_network(orig);
	const struct iphdr *iph = (const struct iphdr *)nh;
	u32 avail, hlen, qlen, tot;
	struct icmphdr *ih;
	struct pkbuf *pkb;
	struct route_result rt;
	struct ip_out out;
	bool limited;
	u8 rt_type;

	if (!nh || nh < orig->head || nh > orig->data + orig->len)
		return;
	avail = (u32)(orig->data + orig->len - nh);
	if (avail < sizeof(*iph))
		return;
	hlen = ip_hdrlen(iph);
	if (hlen < sizeof(*iph) || hlen > avail)
		return;
	/* RFC 1122 §3.2.2: not about link-layer or IP broadcast/multicast, */
	rt_type = IPCB(orig)->rt_type;
	if (orig->pkt_type == PACKET_BROADCAST || orig->pkt_type == PACKET_MULTICAST ||
	    rt_type == RTN_BROADCAST || rt_type == RTN_MULTICAST)
		return;
	/* not about a non-first fragment, */
	if (iph->frag_off & net_htons(IP_OFFMASK))
		return;
	/* not to a source that is not one host, */
	if (ipv4_is_zeronet(iph->saddr) || ipv4_is_lbcast(iph->saddr) ||
	    ipv4_is_multicast(iph->saddr) || inet_addr_type(iph->saddr) == RTN_BROADCAST)
		return;
	/* and never an error about an ICMP error. */
	if (icmp_is_error(type) && iph->protocol == IPPROTO_ICMP) {
		if (avail < hlen + 1)
			return;
		if (nh[hlen] > NR_ICMP_TYPES || icmp_is_error(nh[hlen]))
			return;
	}
	limited = icmp_ratemask(type, code);
	if (limited && !icmp_global_allow()) {
		ICMP_INC_STATS(ICMP_MIB_RATELIMITGLOBAL);
		return;
	}
	if (limited) {
		if (ip_route_output(iph->saddr, 0, &rt))
			return;
		if (!(rt.dev->flags & IFF_LOOPBACK) &&
		    !icmp_peer_allow(&iph->saddr, sizeof(iph->saddr))) {
			ICMP_INC_STATS(ICMP_MIB_RATELIMITHOST);
			return;
		}
		icmp_global_consume();
	}

	/* RFC 1812 §4.3.2.3: quote as much as fits in 576 bytes. */
	tot = net_ntohs(iph->tot_len);
	qlen = avail < tot ? avail : tot;
	if (qlen < hlen)
		qlen = avail;
	if (qlen > 576 - sizeof(struct iphdr) - sizeof(*ih))
		qlen = 576 - sizeof(struct iphdr) - sizeof(*ih);
	pkb = pkb_alloc(NET_HEADROOM, sizeof(*ih) + qlen);
	if (!pkb) {
		ICMP_INC_STATS(ICMP_MIB_OUTERRORS);
		return;
	}
	ih = pkb_put(pkb, sizeof(*ih) + qlen);
	memset(ih, 0, sizeof(*ih));
	ih->type = type;
	ih->code = code;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ih->un.frag.mtu = net_htons((u16)info);
	else if (type == ICMP_PARAMETERPROB)
		ih->un.pointer = (u8)info;
	memcpy(ih + 1, nh, qlen);

	memset(&out, 0, sizeof(out));
	/* Linux: from the address the packet was sent to if it is ours, else
	 * the route's choice. */
	out.saddr = rt_type == RTN_LOCAL ? iph->daddr : 0;
	out.daddr = iph->saddr;
	out.protocol = IPPROTO_ICMP;
	out.tos = (u8)((iph->tos & 0x1e) | 0xc0);  /* IPTOS_PREC_INTERNETCONTROL */
	icmp_push(pkb, &out);
}

/* RFC 792 "Echo or Echo Reply Message": same data, type 0. */
static void icmp_echo(struct pkbuf *pkb)
{
	const struct iphdr *iph = (const struct iphdr *)pkb_network(pkb);
	struct pkbuf *reply = pkb_from(NET_HEADROOM, pkb->data, pkb->len);
	struct icmphdr *ih;
	struct ip_out out;

	if (!reply) {
		ICMP_INC_STATS(ICMP_MIB_OUTERRORS);
		return;
	}
	ih = (struct icmphdr *)reply->data;
	ih->type = ICMP_ECHOREPLY;
	ih->code = 0;
	memset(&out, 0, sizeof(out));
	out.saddr = iph->daddr;
	out.daddr = iph->saddr;
	out.protocol = IPPROTO_ICMP;
	out.tos = iph->tos;
	icmp_push(reply, &out);
}

/* The error icmp_unreach() is delivering (icmp_current_error()). */
static const struct pkbuf *icmp_delivering;

const struct pkbuf *icmp_current_error(void)
{
	return icmp_delivering;
}

/* An error about a packet we sent: hand it to the transport (RFC 1122 §3.2.2.1). */
static void icmp_unreach(struct pkbuf *pkb)
{
	const struct icmphdr *ih = (const struct icmphdr *)pkb->data;
	const struct iphdr *inner;
	const struct net_protocol *proto;
	u32 inner_len = pkb->len - sizeof(*ih), info = 0;
	int err;

	if (inner_len < sizeof(*inner))
		goto bad;
	inner = (const struct iphdr *)(pkb->data + sizeof(*ih));
	if ((inner->ihl_version >> 4) != 4 || ip_hdrlen(inner) < sizeof(*inner) ||
	    inner_len < ip_hdrlen(inner) + 8)
		goto bad;
	switch (ih->type) {
	case ICMP_DEST_UNREACH:
		if (ih->code <= NR_ICMP_UNREACH)
			err = icmp_err_convert[ih->code].errno_;
		else
			err = EHOSTUNREACH;
		if (ih->code == ICMP_FRAG_NEEDED) {
			/* RFC 1191 §4: learn the next-hop MTU for the path. */
			info = net_ntohs(ih->un.frag.mtu);
			ip_rt_update_pmtu(inner->daddr, info);
		}
		break;
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		info = ih->un.pointer;
		break;
	default:
		/* RFC 6633: source quench is ignored. */
		return;
	}
	icmp_delivering = pkb;
	raw_icmp_error(pkb, inner, inner_len, err, info);
	/* Linux's ICMP protocol error handler is ping_err. */
	if (inner->protocol == IPPROTO_ICMP) {
		ping_err(pkb, inner, inner_len, err, info);
	} else {
		proto = inet_get_protocol(inner->protocol);
		if (proto && proto->err)
			proto->err(inner, inner_len, ih->type, ih->code, err, info);
	}
	icmp_delivering = NULL;
	return;
bad:
	ICMP_INC_STATS(ICMP_MIB_INERRORS);
}

void icmp_rcv(struct pkbuf *pkb)
{
	const struct icmphdr *ih;
	u8 rt_type = IPCB(pkb)->rt_type;

	ICMP_INC_STATS(ICMP_MIB_INMSGS);
	if (!pkb_may_pull(pkb, sizeof(*ih)))
		goto error;
	if (inet_csum(pkb->data, pkb->len) != 0) {
		ICMP_INC_STATS(ICMP_MIB_CSUMERRORS);
		goto error;
	}
	ih = (const struct icmphdr *)pkb->data;
	icmpmsg_in[ih->type]++;
	if (rt_type == RTN_BROADCAST || rt_type == RTN_MULTICAST) {
		/* RFC 1122 §3.2.2.6 / §3.2.2.8: Linux ignores echo and
		 * timestamp to broadcast (icmp_echo_ignore_broadcasts=1) and
		 * every other type but address mask. */
		if (ih->type != ICMP_ADDRESS && ih->type != ICMP_ADDRESSREPLY)
			goto error;
	}
	if (ih->type > NR_ICMP_TYPES)
		goto error;
	switch (ih->type) {
	case ICMP_ECHO:
		icmp_echo(pkb);
		break;
	case ICMP_DEST_UNREACH:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
	case ICMP_SOURCE_QUENCH:
		icmp_unreach(pkb);
		break;
	case ICMP_ECHOREPLY:
		ping_rcv(pkb);	/* raw sockets have had their copies */
		break;
	default:
		/* Redirects are not acted on; linux-compat: timestamp
		 * requests are not answered (no wall clock in net/). */
		break;
	}
	pkb_free(pkb);
	return;
error:
	ICMP_INC_STATS(ICMP_MIB_INERRORS);
	pkb_free(pkb);
}

static const struct net_protocol icmp_protocol = {
	.protocol = IPPROTO_ICMP,
	.rcv = icmp_rcv,
};

void icmp_init(void)
{
	(void)inet_add_protocol(&icmp_protocol);
	icmp_rate_reset();
}
