/*
 * virtio-net through the real stack, on QEMU's restricted user network
 * (the gateway 10.0.2.2 answers ARP and ping).
 *
 * virtio_net (in test=all; the suite also runs it on the INTx and the
 * legacy paths):
 *  - eth0 is there, registered down, MAC 52:54:00:12:34:56 (QEMU's
 *    default), carrier on; brought up with 10.0.2.15/24;
 *  - 10.0.2.2 is resolved by ARP (the first echo waits for it);
 *  - ICMP echoes through a raw socket: payloads of 0..1472 bytes, up to
 *    WINDOW in flight, every reply checked (addresses, checksum, id,
 *    sequence, length, payload bytes), enough of them that both rings
 *    wrap several times; then a burst of full-size echoes sent in one
 *    stack section, more than the TX ring holds at once;
 *  - afterwards every TX buffer has been reclaimed, and the netdev
 *    counters match what was sent and received;
 *  - virtnet_csum_complete() finishes a partial UDP checksum correctly
 *    (the GUEST_CSUM path, which QEMU's user network never exercises).
 *
 * virtio_net_txq (by name; the suite boots it with QEMU's TX timer at
 * 200 ms, so the device leaves the TX ring alone for that long after a
 * kick): a burst fills the ring and the software queue takes the rest,
 * drained as completions come back; with tx_queue_len cut to 4 the
 * excess is refused and counted in tx_dropped; every accepted echo is
 * answered.
 *
 * virtio_link (by name): the host takes the link down and up through
 * QEMU's monitor when this test says it is ready
 * (test/suites/kernel-selftest.sh, tools/qemu-monitor); the carrier,
 * IFF_RUNNING and the configuration interrupt count must follow.
 */
#include <net/checksum.h>
#include <uapi/errno.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/neighbour.h>
#include <net/netdev.h>
#include <net/raw.h>
#include <tern/kernel.h>
#include <tern/net_platform.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/virtio_net.h>
#include <tern/wait.h>

#define ECHO_ID		0x7e57
#define MAX_PAYLOAD	1472		/* 1500-byte IP datagrams */
#define N_WINDOWED	1200
#define WINDOW		24
#define N_TXQ_BURST	200		/* virtio_net_txq: two of these */
#define N_TOTAL		(N_WINDOWED + 2 * N_TXQ_BURST)
#define N_BURST		200		/* more than the TX ring's 128 frames */
#define SMALL_TXQ	4
#define REPLY_WAIT_NS	(10 * NSEC_PER_SEC)

enum { UNSENT, IN_FLIGHT, ANSWERED, REFUSED };

static DECLARE_WAIT_QUEUE_HEAD(vn_wq);
static volatile u64 vn_ready;
static u8 vn_state[N_TOTAL];
static u8 txbuf[sizeof(struct icmphdr) + MAX_PAYLOAD];
static u8 rxbuf[2048];

struct vn_run {
	struct netdev *dev;
	struct sock *sk;
	be32 gw;
	u32 txqlen;		/* tx_queue_len to restore */
	struct net_device_stats s0;	/* counters when the test began */
	struct virtnet_info i0;
	u32 sent, answered, refused, foreign;
	u64 echo_tx_bytes;	/* Ethernet bytes of the accepted requests */
	u64 echo_rx_bytes;	/* Ethernet bytes of the replies */
};

static void vn_data_ready(struct sock *sk)
{
	(void)sk;
	vn_ready++;
	wake_up(&vn_wq);
}

static u32 payload_len(u32 seq)
{
	if (seq == 1)
		return MAX_PAYLOAD;
	if (seq >= N_WINDOWED)
		return MAX_PAYLOAD;	/* bursts: full-size frames fill the ring */
	return seq * 131 % (MAX_PAYLOAD + 1);	/* 131 is prime to 1473: all sizes */
}

static u8 payload_byte(u32 seq, u32 j)
{
	return (u8)(seq * 31 + j * 7 + 3);
}

static u32 frame_bytes(u32 payload)
{
	return 14 + (u32)sizeof(struct iphdr) + (u32)sizeof(struct icmphdr) + payload;
}

/* Send echo `seq`; stack lock held.  Returns raw_sendto's result. */
static int send_echo(struct vn_run *r, u32 seq)
{
	struct icmphdr *h = (struct icmphdr *)txbuf;
	u32 len = payload_len(seq);
	int n;

	memset(h, 0, sizeof(*h));
	h->type = ICMP_ECHO;
	h->un.echo.id = net_htons(ECHO_ID);
	h->un.echo.sequence = net_htons((u16)seq);
	for (u32 j = 0; j < len; j++)
		txbuf[sizeof(*h) + j] = payload_byte(seq, j);
	h->checksum = inet_csum(txbuf, sizeof(*h) + len);
	n = raw_sendto(r->sk, txbuf, sizeof(*h) + len, r->gw);
	if (n == (int)(sizeof(*h) + len)) {
		vn_state[seq] = IN_FLIGHT;
		r->sent++;
		r->echo_tx_bytes += frame_bytes(len);
	} else {
		vn_state[seq] = REFUSED;
		r->refused++;
	}
	return n;
}

/* Check one datagram from the raw socket; -1 for a bad reply to us. */
static int check_reply(struct vn_run *r, const u8 *p, int n, be32 from)
{
	const struct iphdr *iph = (const struct iphdr *)p;
	const struct icmphdr *h;
	u32 ihl, len, seq;

	if (n < (int)sizeof(*iph) || iph->protocol != IPPROTO_ICMP)
		return 0;
	ihl = (iph->ihl_version & 0xf) * 4u;
	if (ihl < sizeof(*iph) || (u32)n < ihl + sizeof(*h))
		return 0;
	h = (const struct icmphdr *)(p + ihl);
	len = (u32)n - ihl;
	if (h->type != ICMP_ECHOREPLY || net_ntohs(h->un.echo.id) != ECHO_ID) {
		r->foreign++;
		return 0;
	}
	seq = net_ntohs(h->un.echo.sequence);
	if (from != r->gw || iph->saddr != r->gw || h->code != 0 || inet_csum(h, len) != 0) {
		pr_err("virtio_net: reply %u: bad source, code or checksum\n", seq);
		return -1;
	}
	if (seq >= N_TOTAL || vn_state[seq] != IN_FLIGHT) {
		pr_err("virtio_net: reply %u not expected (state %u)\n", seq,
		       seq < N_TOTAL ? vn_state[seq] : 0);
		return -1;
	}
	if (len != sizeof(*h) + payload_len(seq)) {
		pr_err("virtio_net: reply %u has %u bytes, sent %u\n", seq, len,
		       (u32)sizeof(*h) + payload_len(seq));
		return -1;
	}
	for (u32 j = 0; j < payload_len(seq); j++) {
		if (p[ihl + sizeof(*h) + j] != payload_byte(seq, j)) {
			pr_err("virtio_net: reply %u: payload byte %u differs\n", seq, j);
			return -1;
		}
	}
	vn_state[seq] = ANSWERED;
	r->answered++;
	r->echo_rx_bytes += frame_bytes(payload_len(seq));
	return 1;
}

/* Take one reply, waiting up to REPLY_WAIT_NS.  1, 0 (timeout) or -1 (bad). */
static int recv_reply(struct vn_run *r)
{
	u64 deadline = ktime_get_ns() + REPLY_WAIT_NS;

	for (;;) {
		u64 seen = vn_ready, now;
		be32 from = 0;
		int n, rc;

		net_lock();
		n = raw_recvfrom(r->sk, rxbuf, sizeof(rxbuf), 0, &from, NULL);
		net_unlock();
		if (n >= 0) {
			rc = check_reply(r, rxbuf, n, from);
			if (rc)
				return rc;
			continue;	/* someone else's ICMP */
		}
		now = ktime_get_ns();
		if (n != -EAGAIN || now >= deadline)
			return n == -EAGAIN ? 0 : -1;
		wait_event_timeout(vn_wq, vn_ready != seen, deadline - now);
	}
}

static void report_missing(u32 first, u32 last)
{
	u32 shown = 0;

	for (u32 s = first; s < last && shown < 8; s++)
		if (vn_state[s] == IN_FLIGHT) {
			pr_err("virtio_net: echo %u (%u bytes) never answered\n", s, payload_len(s));
			shown++;
		}
}

/* Echoes first..last-1, at most `window` unanswered at a time. */
static int windowed(struct vn_run *r, u32 first, u32 last, u32 window)
{
	u32 next = first, waiting = 0;

	while (next < last || waiting) {
		int rc;

		while (next < last && waiting < window) {
			net_lock();
			rc = send_echo(r, next);
			net_unlock();
			if (rc < 0) {
				pr_err("virtio_net: echo %u: raw_sendto %d\n", next, rc);
				return -1;
			}
			next++;
			waiting++;
		}
		rc = recv_reply(r);
		if (rc <= 0) {
			report_missing(first, last);
			return -1;
		}
		waiting--;
	}
	return 0;
}

/* Echoes first..last-1 in one stack section, then all their replies. */
static int burst(struct vn_run *r, u32 first, u32 last)
{
	u32 before = r->sent;
	u32 want;

	net_lock();
	for (u32 s = first; s < last; s++)
		send_echo(r, s);
	net_unlock();
	want = r->answered + (r->sent - before);
	while (r->answered < want) {
		if (recv_reply(r) <= 0) {
			report_missing(first, last);
			return -1;
		}
	}
	return 0;
}

/* The GUEST_CSUM completion on a UDP datagram with a partial checksum. */
static int test_csum_complete(void)
{
	static u8 f[14 + 20 + 8 + 37];
	be32 sa = net_htonl(0x0a000202), da = net_htonl(0x0a00020f);
	u16 ulen = 8 + 37, partial, full;
	u8 *udp = f + 34;

	memset(f, 0, sizeof(f));
	udp[0] = 0x30; udp[1] = 0x39;		/* ports 12345 -> 53 */
	udp[3] = 53;
	udp[4] = (u8)(ulen >> 8); udp[5] = (u8)ulen;
	for (u32 i = 8; i < ulen; i++)
		udp[i] = (u8)(i * 13 + 5);
	/* The full checksum, computed the ordinary way. */
	full = csum_fold(csum_partial(udp, ulen, csum_pseudo(sa, da, IPPROTO_UDP, ulen)));
	/* What a sender offloading it leaves: the folded pseudo-header sum. */
	partial = (u16)~csum_fold(csum_pseudo(sa, da, IPPROTO_UDP, ulen));
	memcpy(udp + 6, &partial, 2);
	if (!virtnet_csum_complete(f, sizeof(f), 34, 6)) {
		pr_err("virtio_net: csum_complete refused a good frame\n");
		return -1;
	}
	memcpy(&partial, udp + 6, 2);
	if (partial != (full ? full : 0xffff) ||
	    csum_fold(csum_partial(udp, ulen, csum_pseudo(sa, da, IPPROTO_UDP, ulen))) != 0) {
		pr_err("virtio_net: completed checksum 0x%04x, want 0x%04x\n", partial, full);
		return -1;
	}
	if (virtnet_csum_complete(f, sizeof(f), 34, 7) ||
	    virtnet_csum_complete(f, sizeof(f), (u16)(sizeof(f) - 1), 2) ||
	    virtnet_csum_complete(f, sizeof(f), (u16)sizeof(f), 0)) {
		pr_err("virtio_net: csum_complete accepted an odd or out-of-bounds field\n");
		return -1;
	}
	return 0;
}

static bool mac_is_qemu_default(const u8 *m)
{
	static const u8 qemu[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	return !memcmp(m, qemu, ETH_ALEN);
}

/* eth0 up with 10.0.2.15/24, a raw ICMP socket, the counters noted. */
static int vn_setup(struct vn_run *r, const char *who)
{
	int err = 0;

	memset(r, 0, sizeof(*r));
	memset(vn_state, 0, sizeof(vn_state));
	r->gw = net_htonl(0x0a000202);
	net_lock();
	r->dev = dev_get_by_name("eth0");
	if (!r->dev || virtnet_get_info(r->dev, &r->i0)) {
		net_unlock();
		pr_err("%s: no virtio-net eth0 (QEMU --net?)\n", who);
		r->dev = NULL;
		return -1;
	}
	r->txqlen = r->dev->tx_queue_len;
	r->s0 = r->dev->stats;
	if (r->dev->flags & IFF_UP) {
		pr_err("%s: eth0 was up before anyone brought it up\n", who);
		err = -1;
	}
	if (!err && (dev_open(r->dev) ||
		     inet_addr_add_simple(r->dev, net_htonl(0x0a00020f), 24))) {
		pr_err("%s: cannot bring eth0 up with 10.0.2.15/24\n", who);
		err = -1;
	}
	if (!err) {
		r->sk = raw_sock_create(IPPROTO_ICMP, &err);
		if (r->sk) {
			r->sk->data_ready = vn_data_ready;
			r->sk->rcvbuf = 8u << 20;	/* bursts queue whole */
		} else {
			pr_err("%s: raw socket: %d\n", who, err);
			err = -1;
		}
	}
	net_unlock();
	return err;
}

/* Back as found: no socket, no address, eth0 down. */
static void vn_teardown(struct vn_run *r)
{
	if (!r->dev)
		return;
	net_lock();
	if (r->sk)
		raw_close(r->sk);
	r->dev->tx_queue_len = r->txqlen;
	inet_addr_del(r->dev, net_htonl(0x0a00020f), 24);
	dev_close(r->dev);
	net_unlock();
}

static void set_txqlen(struct vn_run *r, u32 len)
{
	net_lock();
	r->dev->tx_queue_len = len;
	net_unlock();
}

/* All sent frames back from the device and freed (TX interrupts reclaim). */
static int wait_tx_reclaimed(struct vn_run *r, struct virtnet_info *vi)
{
	u64 deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;

	for (;;) {
		net_lock();
		virtnet_get_info(r->dev, vi);
		net_unlock();
		if (!vi->tx_in_flight && !vi->tx_queued && vi->tx_completed == vi->tx_frames)
			return 0;
		if (ktime_get_ns() > deadline) {
			pr_err("virtio_net: %u frames never reclaimed, %u still queued\n",
			       vi->tx_in_flight, vi->tx_queued);
			return -1;
		}
		msleep(5);
	}
}

/* The first echo, which waits for ARP; then 10.0.2.2 must be resolved. */
static int first_echo(struct vn_run *r, u8 ha[ETH_ALEN])
{
	struct neighbour *n;
	bool ok;

	if (windowed(r, 0, 1, 1))
		return -1;
	net_lock();
	n = neigh_lookup(r->dev, r->gw);
	ok = n && (n->nud_state & NUD_VALID);
	if (ok)
		memcpy(ha, n->ha, ETH_ALEN);
	net_unlock();
	if (!ok || is_zero_ether_addr(ha) || mac_is_qemu_default(ha)) {
		pr_err("virtio_net: 10.0.2.2 not resolved by ARP\n");
		return -1;
	}
	return 0;
}

/*
 * The netdev's counters since setup against what the test sent and was
 * answered: besides the echoes, 1..4 ARP frames each way (the
 * announcement of 10.0.2.15, the request for 10.0.2.2 and its reply),
 * 42 to 64 bytes each (QEMU's user network pads its ARP replies to
 * 64); refused echoes are the tx_dropped ones.
 */
static int check_counters(struct vn_run *r, const struct virtnet_info *i1)
{
	struct net_device_stats s1;
	u64 txp, txb, rxp, rxb, dropped;
	int rc = 0;

	net_lock();
	s1 = r->dev->stats;
	net_unlock();
	txp = s1.tx_packets - r->s0.tx_packets;
	txb = s1.tx_bytes - r->s0.tx_bytes;
	rxp = s1.rx_packets - r->s0.rx_packets;
	rxb = s1.rx_bytes - r->s0.rx_bytes;
	dropped = s1.tx_dropped - r->s0.tx_dropped;
	if (txp < r->sent + 1 || txp > r->sent + 4 ||
	    txb < r->echo_tx_bytes + 42 * (txp - r->sent) ||
	    txb > r->echo_tx_bytes + 64 * (txp - r->sent)) {
		pr_err("virtio_net: tx %lu packets %lu bytes for %u echoes of %lu bytes\n",
		       (unsigned long)txp, (unsigned long)txb, r->sent,
		       (unsigned long)r->echo_tx_bytes);
		rc = -1;
	}
	if (rxp < r->answered + 1 || rxp > r->answered + 4 ||
	    rxb < r->echo_rx_bytes + 42 * (rxp - r->answered) ||
	    rxb > r->echo_rx_bytes + 64 * (rxp - r->answered) ||
	    s1.rx_errors != r->s0.rx_errors || s1.rx_dropped != r->s0.rx_dropped) {
		pr_err("virtio_net: rx %lu packets %lu bytes (%lu errors, %lu dropped) for %u replies of %lu bytes\n",
		       (unsigned long)rxp, (unsigned long)rxb,
		       (unsigned long)(s1.rx_errors - r->s0.rx_errors),
		       (unsigned long)(s1.rx_dropped - r->s0.rx_dropped), r->answered,
		       (unsigned long)r->echo_rx_bytes);
		rc = -1;
	}
	if (dropped != r->refused || dropped != i1->tx_queue_drops - r->i0.tx_queue_drops) {
		pr_err("virtio_net: %u echoes refused, tx_dropped %lu, driver drops %lu\n",
		       r->refused, (unsigned long)dropped,
		       (unsigned long)(i1->tx_queue_drops - r->i0.tx_queue_drops));
		rc = -1;
	}
	return rc;
}

static void report_rings(const char *who, struct vn_run *r, const struct virtnet_info *i1)
{
	const struct virtnet_info *i0 = &r->i0;

	pr_info("%s: rings %u/%u wrapped rx %lu tx %lu, interrupts %lu, polls %lu, tx kicks %lu "
		"(%lu suppressed); tx ring full %lu times, software queue max %lu, %u refused\n",
		who, i1->rx_ring, i1->tx_ring,
		(unsigned long)(i1->rx_wraps - i0->rx_wraps),
		(unsigned long)(i1->tx_wraps - i0->tx_wraps),
		(unsigned long)(i1->interrupts - i0->interrupts),
		(unsigned long)(i1->polls - i0->polls),
		(unsigned long)(i1->tx_kicks - i0->tx_kicks),
		(unsigned long)(i1->tx_kicks_suppressed - i0->tx_kicks_suppressed),
		(unsigned long)(i1->tx_ring_full - i0->tx_ring_full),
		(unsigned long)i1->tx_queue_max, r->refused);
}

static int test_virtio_net(void)
{
	struct vn_run r;
	struct virtnet_info i1;
	u8 ha[ETH_ALEN] = { 0 };
	u64 t0, t1;
	int rc = test_csum_complete();

	if (vn_setup(&r, "virtio_net")) {
		vn_teardown(&r);
		return -1;
	}
	net_lock();
	if (!mac_is_qemu_default(r.dev->dev_addr) || !r.dev->carrier ||
	    !(r.dev->flags & IFF_RUNNING) || r.dev->mtu != 1500) {
		pr_err("virtio_net: eth0 mac %02x:%02x:%02x:%02x:%02x:%02x carrier %d flags 0x%x mtu %u\n",
		       r.dev->dev_addr[0], r.dev->dev_addr[1], r.dev->dev_addr[2],
		       r.dev->dev_addr[3], r.dev->dev_addr[4], r.dev->dev_addr[5],
		       r.dev->carrier, r.dev->flags, r.dev->mtu);
		rc = -1;
	}
	net_unlock();
	t0 = ktime_get_ns();
	if (!rc && first_echo(&r, ha))
		rc = -1;
	if (!rc && windowed(&r, 1, N_WINDOWED, WINDOW))
		rc = -1;
	t1 = ktime_get_ns();
	/* A burst of full-size frames in one stack section. */
	if (!rc && burst(&r, N_WINDOWED, N_WINDOWED + N_BURST))
		rc = -1;
	if (!rc && wait_tx_reclaimed(&r, &i1))
		rc = -1;
	vn_teardown(&r);
	if (rc)
		return rc;
	rc = check_counters(&r, &i1);
	/* The rings went round several times and were refilled. */
	if (i1.rx_wraps - r.i0.rx_wraps < 3 || i1.tx_wraps - r.i0.tx_wraps < 3 ||
	    i1.rx_refilled - r.i0.rx_refilled < r.answered || i1.interrupts == r.i0.interrupts) {
		pr_err("virtio_net: rx wraps %lu, tx wraps %lu, refilled %lu, %lu interrupts\n",
		       (unsigned long)(i1.rx_wraps - r.i0.rx_wraps),
		       (unsigned long)(i1.tx_wraps - r.i0.tx_wraps),
		       (unsigned long)(i1.rx_refilled - r.i0.rx_refilled),
		       (unsigned long)(i1.interrupts - r.i0.interrupts));
		rc = -1;
	}
	pr_info("virtio_net: eth0 %s, %s: %u echoes of 0..%u bytes verified; %u windowed (%u in flight) "
		"in %lu ms = %lu/s; 10.0.2.2 is %02x:%02x:%02x:%02x:%02x:%02x\n",
		i1.legacy ? "legacy" : "modern", i1.irq_mode, r.answered, MAX_PAYLOAD,
		N_WINDOWED, WINDOW, (unsigned long)((t1 - t0) / NSEC_PER_MSEC),
		(unsigned long)((u64)N_WINDOWED * NSEC_PER_SEC / (t1 > t0 ? t1 - t0 : 1)),
		ha[0], ha[1], ha[2], ha[3], ha[4], ha[5]);
	report_rings("virtio_net", &r, &i1);
	return rc;
}
SELFTEST(virtio_net, test_virtio_net, true);

static int test_virtio_net_txq(void)
{
	struct vn_run r;
	struct virtnet_info i1, i2;
	u8 ha[ETH_ALEN];
	u32 first = N_WINDOWED, refused;
	int rc;

	rc = vn_setup(&r, "virtio_net_txq");
	if (!rc)
		rc = first_echo(&r, ha);
	/* The device sits on the ring for 200 ms after a kick: it fills. */
	if (!rc)
		rc = burst(&r, first, first + N_TXQ_BURST);
	net_lock();
	virtnet_get_info(r.dev, &i1);
	net_unlock();
	if (!rc && (i1.tx_ring_full == r.i0.tx_ring_full || !i1.tx_queue_max || r.refused)) {
		pr_err("virtio_net_txq: %u frames in one go: ring full %lu times, queue max %lu, %u refused\n",
		       N_TXQ_BURST, (unsigned long)(i1.tx_ring_full - r.i0.tx_ring_full),
		       (unsigned long)i1.tx_queue_max, r.refused);
		rc = -1;
	}
	/* A software queue of 4: the ring and 4 frames are taken, the rest refused. */
	set_txqlen(&r, SMALL_TXQ);
	if (!rc)
		rc = burst(&r, first + N_TXQ_BURST, first + 2 * N_TXQ_BURST);
	set_txqlen(&r, r.txqlen);
	refused = r.refused;
	if (!rc && (refused == 0 || refused > N_TXQ_BURST - SMALL_TXQ - i1.tx_ring / 2u)) {
		pr_err("virtio_net_txq: %u of %u refused with a queue of %u\n",
		       refused, N_TXQ_BURST, SMALL_TXQ);
		rc = -1;
	}
	if (!rc)
		rc = wait_tx_reclaimed(&r, &i2);
	vn_teardown(&r);
	if (rc)
		return rc;
	rc = check_counters(&r, &i2);
	report_rings("virtio_net_txq", &r, &i2);
	return rc;
}
SELFTEST(virtio_net_txq, test_virtio_net_txq, false);

/* Wait up to 20 s for eth0's carrier to read `up`. */
static bool wait_carrier(struct netdev *dev, bool up, u32 *flags)
{
	u64 deadline = ktime_get_ns() + 20 * NSEC_PER_SEC;

	for (;;) {
		bool now;

		net_lock();
		now = dev->carrier;
		*flags = dev->flags;
		net_unlock();
		if (now == up)
			return true;
		if (ktime_get_ns() > deadline)
			return false;
		msleep(2);
	}
}

static int test_virtio_link(void)
{
	struct vn_run r;
	struct virtnet_info i1, i2;
	u32 down_flags = 0, up_flags = 0;
	bool down, up;

	if (vn_setup(&r, "virtio_link")) {
		vn_teardown(&r);
		return -1;
	}
	pr_info("virtio_link: ready for link down\n");
	down = wait_carrier(r.dev, false, &down_flags);
	net_lock();
	virtnet_get_info(r.dev, &i1);
	net_unlock();
	pr_info("virtio_link: ready for link up\n");
	up = down && wait_carrier(r.dev, true, &up_flags);
	net_lock();
	virtnet_get_info(r.dev, &i2);
	net_unlock();
	vn_teardown(&r);
	if (!down || !up || (down_flags & IFF_RUNNING) || !(up_flags & IFF_RUNNING) ||
	    i1.config_interrupts == r.i0.config_interrupts ||
	    i2.config_interrupts == i1.config_interrupts) {
		pr_err("virtio_link: down %d (flags 0x%x), up %d (flags 0x%x), config interrupts %lu, %lu, %lu\n",
		       down, down_flags, up, up_flags, (unsigned long)r.i0.config_interrupts,
		       (unsigned long)i1.config_interrupts, (unsigned long)i2.config_interrupts);
		return -1;
	}
	pr_info("virtio_link: eth0 %s, %s: carrier followed the link down and up (%lu config interrupts)\n",
		i2.legacy ? "legacy" : "modern", i2.irq_mode,
		(unsigned long)(i2.config_interrupts - r.i0.config_interrupts));
	return 0;
}
SELFTEST(virtio_link, test_virtio_link, false);
