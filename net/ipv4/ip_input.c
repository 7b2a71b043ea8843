/*
 * IPv4 input (RFC 791 §3.1, RFC 1122 §3.2.1): header validation, the
 * "is it for us" decision and delivery to the transport.
 *
 * Checks in Linux's order (ip_rcv_core), each drop counted:
 *   shorter than a header, version != 4, IHL < 5, header beyond the
 *   frame, bad header checksum      -> InHdrErrors (+ IpExt InCsumErrors)
 *   frame shorter than total length -> IpExt InTruncatedPkts
 *   total length < header length    -> InHdrErrors
 *   not ours (we do not forward), martian addresses -> InAddrErrors
 *   no transport for the protocol   -> InUnknownProtos + ICMP protocol
 *                                      unreachable
 * Link-layer padding beyond the total length is trimmed (RFC 894).
 * Options are not interpreted: they are skipped with the header (IHL).
 * TTL is not checked: RFC 1122 §3.2.1.7 says a host MUST NOT discard a
 * datagram for its TTL (only forwarding decrements and checks it).
 */
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/ip.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <uapi/errno.h>

void ip_local_deliver(struct pkbuf *pkb)
{
	const struct net_protocol *proto;
	const struct iphdr *iph = (const struct iphdr *)pkb->data;
	bool raw;

	if (iph->frag_off & net_htons(IP_MF | IP_OFFMASK)) {
		if (ip_defrag(&pkb))
			return;
		iph = (const struct iphdr *)pkb->data;
	}
	pkb_set_network(pkb);
	pkb_pull(pkb, ip_hdrlen(iph));
	pkb_set_transport(pkb);
	raw = raw_local_deliver(pkb, iph->protocol);
	proto = inet_get_protocol(iph->protocol);
	if (!proto) {
		if (raw) {
			IP_INC_STATS(IPSTATS_MIB_INDELIVERS);
		} else {
			IP_INC_STATS(IPSTATS_MIB_INUNKNOWNPROTOS);
			/* RFC 1122 §3.2.2.1: protocol unreachable. */
			icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		}
		pkb_free(pkb);
		return;
	}
	IP_INC_STATS(IPSTATS_MIB_INDELIVERS);
	proto->rcv(pkb);
}

void ip_rcv(struct pkbuf *pkb)
{
	const struct iphdr *iph;
	u32 hlen, tot_len;
	int type;

	IP_INC_STATS(IPSTATS_MIB_INRECEIVES);
	IP_ADD_STATS(IPSTATS_MIB_INOCTETS, pkb->len);
	if (!pkb_may_pull(pkb, sizeof(struct iphdr)))
		goto inhdr_error;
	iph = (const struct iphdr *)pkb->data;
	hlen = ip_hdrlen(iph);
	if ((iph->ihl_version >> 4) != 4 || hlen < sizeof(struct iphdr))
		goto inhdr_error;
	if (!pkb_may_pull(pkb, hlen))
		goto inhdr_error;
	if (inet_csum(iph, hlen) != 0) {
		IP_INC_STATS(IPSTATS_MIB_CSUMERRORS);
		goto inhdr_error;
	}
	tot_len = net_ntohs(iph->tot_len);
	if (pkb->len < tot_len) {
		IP_INC_STATS(IPSTATS_MIB_INTRUNCATEDPKTS);
		goto drop;
	}
	if (tot_len < hlen)
		goto inhdr_error;
	pkb_trim(pkb, tot_len);
	pkb_set_network(pkb);
	IP_INC_STATS(IPSTATS_MIB_NOECTPKTS + (iph->tos & 3));   /* RFC 3168 §5 */

	type = ip_route_input(iph->daddr, iph->saddr, pkb->dev);
	if (type < 0) {
		IP_INC_STATS(IPSTATS_MIB_INADDRERRORS);
		goto drop;
	}
	memset(IPCB(pkb), 0, sizeof(struct ip_cb));
	IPCB(pkb)->rt_type = (u8)type;
	IPCB(pkb)->iif = pkb->dev->ifindex;
	if (type == RTN_BROADCAST) {
		IP_INC_STATS(IPSTATS_MIB_INBCASTPKTS);
		IP_ADD_STATS(IPSTATS_MIB_INBCASTOCTETS, pkb->len);
	} else if (type == RTN_MULTICAST) {
		IP_INC_STATS(IPSTATS_MIB_INMCASTPKTS);
		IP_ADD_STATS(IPSTATS_MIB_INMCASTOCTETS, pkb->len);
	}
	ip_local_deliver(pkb);
	return;

inhdr_error:
	IP_INC_STATS(IPSTATS_MIB_INHDRERRORS);
drop:
	pkb_free(pkb);
}

static struct packet_type ip_packet_type = { .func = ip_rcv };

void ip_init(void)
{
	ip_packet_type.type = net_htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
}

void ip_exit(void)
{
	dev_remove_pack(&ip_packet_type);
	ip_frag_flush_all();
}
