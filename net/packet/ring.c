/*
 * Packet sockets: the memory-mapped rings (net/packet.h; Linux's
 * Documentation/networking/packet_mmap.rst, packet(7)).
 *
 * The ring is shared with user space, which may write anything into it
 * at any time: the engine reads from it only tp_status words and, for
 * transmission, tp_len and the frame bytes, and checks every value it
 * reads before using it.  Everything is addressed by offset through
 * ring_read()/ring_write(), so no access leaves the ring's pages.
 *
 * Hand-over: a receive frame (V1/V2) or block (V3) belongs to the kernel
 * while its status is TP_STATUS_KERNEL; the engine fills it and then
 * stores TP_STATUS_USER (data first, status last); user space gives it
 * back by storing TP_STATUS_KERNEL.  A transmit frame is the user's
 * while TP_STATUS_AVAILABLE; TP_STATUS_SEND_REQUEST asks for it to be
 * sent, and the engine marks it available again once the device took it.
 */
#include <net/packet.h>
#include <uapi/epoll.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

s64 packet_realtime_offset_ns;

#define BLK_HDR_LEN 48u                              /* struct tpacket_block_desc, 8-aligned */
#define ALIGN8(x) (((x) + 7u) & ~7u)
#define BLK_PLUS_PRIV(priv) (BLK_HDR_LEN + ALIGN8(priv))
#define VNET_HDR_LEN 10u                             /* struct virtio_net_hdr */
#define RETIRE_TOV_DEFAULT_MS 8u                     /* Linux's DEFAULT_PRB_RETIRE_TOV */

/* Offsets of the header fields the engine touches, per version. */
#define V1_STATUS 0u
#define V1_LEN 8u
#define V2_STATUS 0u
#define V2_LEN 4u
#define V3_NEXT 0u
#define V3_LEN 16u
#define V3_STATUS 20u
#define BD_STATUS 8u

/* ---- bytes in the ring ---- */

static void ring_write(const struct packet_ring *r, u32 off, const void *src, u32 len)
{
	const u8 *s = src;

	while (len) {
		u32 in = off % PACKET_RING_PAGE, n = PACKET_RING_PAGE - in;

		if (n > len)
			n = len;
		NET_ASSERT(off / PACKET_RING_PAGE < r->pg_nr);
		memcpy(r->pages[off / PACKET_RING_PAGE] + in, s, n);
		off += n;
		s += n;
		len -= n;
	}
}

static void ring_read(const struct packet_ring *r, u32 off, void *dst, u32 len)
{
	u8 *d = dst;

	while (len) {
		u32 in = off % PACKET_RING_PAGE, n = PACKET_RING_PAGE - in;

		if (n > len)
			n = len;
		NET_ASSERT(off / PACKET_RING_PAGE < r->pg_nr);
		memcpy(d, r->pages[off / PACKET_RING_PAGE] + in, n);
		off += n;
		d += n;
		len -= n;
	}
}

/* A 32-bit field user space shares (4-aligned: never across a page). */
static u32 ring_get32(const struct packet_ring *r, u32 off)
{
	return __atomic_load_n((const u32 *)(r->pages[off / PACKET_RING_PAGE] +
					     off % PACKET_RING_PAGE), __ATOMIC_ACQUIRE);
}

/* Store a status after the frame's other bytes (release order). */
static void ring_put32(const struct packet_ring *r, u32 off, u32 val)
{
	__atomic_store_n((u32 *)(r->pages[off / PACKET_RING_PAGE] + off % PACKET_RING_PAGE), val,
			 __ATOMIC_RELEASE);
}

static u32 frame_off(const struct packet_ring *r, u32 idx)
{
	return idx / r->frames_per_block * r->block_size + idx % r->frames_per_block * r->frame_size;
}

static u32 status_off(const struct packet_sock *ps)
{
	return ps->version == TPACKET_V3 ? V3_STATUS : V1_STATUS;
}

/* tp_status of frame idx (V1's is a long: its low half carries the bits). */
static u32 frame_status(const struct packet_sock *ps, const struct packet_ring *r, u32 idx)
{
	return ring_get32(r, frame_off(r, idx) + status_off(ps));
}

static void set_frame_status(const struct packet_sock *ps, const struct packet_ring *r, u32 idx,
			     u32 status)
{
	ring_put32(r, frame_off(r, idx) + status_off(ps), status);
}

/* ---- options ---- */

static bool has_ring(const struct packet_sock *ps)
{
	return ps->rx_ring.pages || ps->tx_ring.pages;
}

int packet_hdrlen_of(int val)
{
	switch (val) {
	case TPACKET_V1:
		return (int)sizeof(struct tpacket_hdr);
	case TPACKET_V2:
		return (int)sizeof(struct tpacket2_hdr);
	case TPACKET_V3:
		return (int)sizeof(struct tpacket3_hdr);
	}
	return -EINVAL;
}

int packet_set_version(struct sock *sk, int val)
{
	struct packet_sock *ps = pkt_sk(sk);

	if (val != TPACKET_V1 && val != TPACKET_V2 && val != TPACKET_V3)
		return -EINVAL;
	if (has_ring(ps))
		return -EBUSY;
	ps->version = val;
	return 0;
}

int packet_set_reserve(struct sock *sk, u32 val)
{
	struct packet_sock *ps = pkt_sk(sk);

	if (val > 0x7fffffffu)	/* Linux caps it at INT_MAX (CVE-2020-14386) */
		return -EINVAL;
	if (has_ring(ps))
		return -EBUSY;
	ps->reserve = val;
	return 0;
}

int packet_set_loss(struct sock *sk, int val)
{
	struct packet_sock *ps = pkt_sk(sk);

	if (has_ring(ps))
		return -EBUSY;
	ps->loss = val != 0;
	return 0;
}

int packet_set_vnet_hdr(struct sock *sk, int val)
{
	struct packet_sock *ps = pkt_sk(sk);

	if (sk->type != SOCK_RAW)
		return -EINVAL;
	if (has_ring(ps))
		return -EBUSY;
	ps->vnet_hdr = val != 0;
	return 0;
}

/* ---- setting up a ring ---- */

static u32 version_hdrlen(int version)
{
	switch (version) {
	case TPACKET_V1:
		return TPACKET_HDRLEN;
	case TPACKET_V2:
		return TPACKET2_HDRLEN;
	}
	return TPACKET3_HDRLEN;
}

int packet_ring_check(struct sock *sk, bool tx, const struct packet_ring_req *req, u32 *pg_nr)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct packet_ring *r = tx ? &ps->tx_ring : &ps->rx_ring;
	u32 min_frame, fpb;

	*pg_nr = 0;
	if (!req->block_nr)
		return req->frame_nr ? -EINVAL : 0;	/* removing the ring */
	if (r->pages)
		return -EBUSY;
	min_frame = version_hdrlen(ps->version) + ps->reserve;
	if ((s32)req->block_size <= 0 || req->block_size % PACKET_RING_PAGE)
		return -EINVAL;
	/* 64-bit sums: a huge tp_sizeof_priv must not wrap (CVE-2017-7308). */
	if (ps->version == TPACKET_V3 &&
	    (u64)req->block_size < (u64)BLK_HDR_LEN + (((u64)req->sizeof_priv + 7) & ~7ull) + min_frame)
		return -EINVAL;
	if (req->frame_size < min_frame || req->frame_size % TPACKET_ALIGNMENT)
		return -EINVAL;
	fpb = req->block_size / req->frame_size;
	if (!fpb || fpb > 0xffffffffu / req->block_nr || fpb * req->block_nr != req->frame_nr)
		return -EINVAL;
	if (ps->version == TPACKET_V3 && tx &&
	    (req->retire_tov || req->sizeof_priv || req->feature))
		return -EINVAL;	/* no block transmission */
	if ((u64)req->block_size / PACKET_RING_PAGE * req->block_nr > 0xffffffffu)
		return -ENOMEM;
	*pg_nr = req->block_size / PACKET_RING_PAGE * req->block_nr;
	return 0;
}

static void v3_retire_timer(struct net_timer *t);
static void v3_open_block(struct packet_sock *ps);

void packet_ring_install(struct sock *sk, bool tx, const struct packet_ring_req *req,
			 u8 **pages, u32 pg_nr, struct packet_ring *old)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct packet_ring *r = tx ? &ps->tx_ring : &ps->rx_ring;

	if (!tx)
		net_timer_cancel(&r->retire);
	*old = *r;
	memset(r, 0, sizeof(*r));
	net_timer_init(&r->retire, v3_retire_timer);
	if (!pages) {
		NET_ASSERT(pg_nr == 0);
		return;
	}
	ps->hdrlen = version_hdrlen(ps->version);
	r->pages = pages;
	r->pg_nr = pg_nr;
	r->block_size = req->block_size;
	r->block_nr = req->block_nr;
	r->frame_size = req->frame_size;
	r->frame_nr = req->frame_nr;
	r->frames_per_block = req->block_size / req->frame_size;
	if (!tx) {
		/* Frames now go to the ring; those queued are dropped (Linux). */
		while (sk->receive_queue.count) {
			struct pkbuf *pkb = pkb_dequeue(&sk->receive_queue);

			pkb_free(pkb);
		}
		ps->rmem = 0;
		if (ps->version == TPACKET_V3) {
			r->priv_size = ALIGN8(req->sizeof_priv);
			r->max_frame_len = req->block_size - BLK_PLUS_PRIV(req->sizeof_priv);
			r->tov_ms = req->retire_tov ? req->retire_tov : RETIRE_TOV_DEFAULT_MS;
			r->feature = req->feature;
			r->seq = 1;
			v3_open_block(ps);
		}
	}
}

u32 packet_ring_pages(struct sock *sk)
{
	struct packet_sock *ps = pkt_sk(sk);

	return ps->rx_ring.pg_nr + ps->tx_ring.pg_nr;
}

u8 *packet_ring_page(struct sock *sk, u32 index)
{
	struct packet_sock *ps = pkt_sk(sk);

	if (index < ps->rx_ring.pg_nr)
		return ps->rx_ring.pages[index];
	index -= ps->rx_ring.pg_nr;
	return index < ps->tx_ring.pg_nr ? ps->tx_ring.pages[index] : NULL;
}

void packet_ring_init(struct packet_sock *ps)
{
	ps->version = TPACKET_V1;
	ps->hdrlen = TPACKET_HDRLEN;
	net_timer_init(&ps->rx_ring.retire, v3_retire_timer);
	net_timer_init(&ps->tx_ring.retire, v3_retire_timer);
}

void packet_ring_stop(struct packet_sock *ps)
{
	net_timer_cancel(&ps->rx_ring.retire);
}

/* ---- receiving into a ring (Linux's tpacket_rcv) ---- */

static void put_ts(u32 *sec, u32 *frac, u64 ns, bool usec)
{
	u64 real = ns + (u64)packet_realtime_offset_ns;

	*sec = (u32)(real / 1000000000u);
	*frac = (u32)(real % 1000000000u);
	if (usec)
		*frac /= 1000u;
}

/* TPACKET_V3: block headers and the block being filled. */
static u32 blk_start(const struct packet_ring *r, u32 blk)
{
	return blk * r->block_size;
}

static void v3_open_block(struct packet_sock *ps)
{
	struct packet_ring *r = &ps->rx_ring;
	struct tpacket_block_desc bd;
	u32 at = blk_start(r, r->blk);

	memset(&bd, 0, sizeof(bd));
	bd.version = TPACKET_V3;
	bd.offset_to_priv = BLK_HDR_LEN;
	bd.hdr.bh1.block_status = TP_STATUS_KERNEL;
	bd.hdr.bh1.offset_to_first_pkt = BLK_PLUS_PRIV(r->priv_size);
	bd.hdr.bh1.blk_len = BLK_PLUS_PRIV(r->priv_size);
	bd.hdr.bh1.seq_num = r->seq++;
	put_ts(&bd.hdr.bh1.ts_first_pkt.ts_sec, &bd.hdr.bh1.ts_first_pkt.ts_nsec, net_now_ns(), false);
	ring_write(r, at, &bd, sizeof(bd));
	r->blk_off = BLK_PLUS_PRIV(r->priv_size);
	r->blk_prev = 0;
	r->blk_pkts = 0;
	r->blk_len = BLK_PLUS_PRIV(r->priv_size);
	r->frozen = false;
	net_timer_arm_in(&r->retire, (u64)r->tov_ms * NSEC_PER_MSEC);
}

/* Hand the current block to user space and move to the next. */
static void v3_close_block(struct packet_sock *ps, u32 status)
{
	struct packet_ring *r = &ps->rx_ring;
	u32 at = blk_start(r, r->blk);
	struct tpacket_block_desc bd;

	ring_read(r, at, &bd, sizeof(bd));
	if (r->blk_prev) {
		struct tpacket3_hdr last;
		u32 zero = 0;

		ring_write(r, r->blk_prev + V3_NEXT, &zero, 4);
		ring_read(r, r->blk_prev, &last, sizeof(last));
		bd.hdr.bh1.ts_last_pkt.ts_sec = last.tp_sec;
		bd.hdr.bh1.ts_last_pkt.ts_nsec = last.tp_nsec;
	} else {
		put_ts(&bd.hdr.bh1.ts_last_pkt.ts_sec, &bd.hdr.bh1.ts_last_pkt.ts_nsec, net_now_ns(), false);
	}
	bd.hdr.bh1.num_pkts = r->blk_pkts;
	bd.hdr.bh1.blk_len = r->blk_len;
	bd.hdr.bh1.block_status = TP_STATUS_KERNEL;	/* stored last, below */
	ring_write(r, at, &bd, sizeof(bd));
	if (ps->stat_drops)
		status |= TP_STATUS_LOSING;
	ring_put32(r, at + BD_STATUS, TP_STATUS_USER | status);
	r->blk = (r->blk + 1) % r->block_nr;
	ps->sk.data_ready(&ps->sk);
}

/* Open the (new) current block if user space gave it back, else freeze. */
static bool v3_dispatch(struct packet_sock *ps)
{
	struct packet_ring *r = &ps->rx_ring;

	if (ring_get32(r, blk_start(r, r->blk) + BD_STATUS) & TP_STATUS_USER) {
		if (!r->frozen)
			ps->stat_freeze++;
		r->frozen = true;
		return false;
	}
	v3_open_block(ps);
	return true;
}

static void v3_retire_timer(struct net_timer *t)
{
	struct packet_ring *r = net_container_of(t, struct packet_ring, retire);
	struct packet_sock *ps = net_container_of(r, struct packet_sock, rx_ring);

	if (!r->pages)
		return;
	if (r->frozen) {
		if (v3_dispatch(ps))
			return;		/* open_block armed the timer */
	} else if (r->blk_pkts) {
		v3_close_block(ps, TP_STATUS_BLK_TMO);
		if (v3_dispatch(ps))
			return;
	}
	net_timer_arm_in(&r->retire, (u64)r->tov_ms * NSEC_PER_MSEC);
}

/* Room for a frame of len bytes in the current block: its offset, or 0. */
static u32 v3_frame(struct packet_sock *ps, u32 len)
{
	struct packet_ring *r = &ps->rx_ring;
	u32 at;

	if (r->frozen && !v3_dispatch(ps))
		return 0;
	if (r->blk_off + ALIGN8(len) >= r->block_size) {
		v3_close_block(ps, 0);
		if (!v3_dispatch(ps))
			return 0;
	}
	at = blk_start(r, r->blk) + r->blk_off;
	r->blk_prev = at;
	r->blk_off += ALIGN8(len);
	r->blk_len += ALIGN8(len);
	r->blk_pkts++;
	return at;
}

static void count_ring_drop(struct packet_sock *ps)
{
	ps->drops++;
	ps->stat_drops++;
	packet_counters.rx_dropped++;
}

void packet_ring_rcv(struct packet_sock *ps, const struct packet_frame *f)
{
	struct packet_ring *r = &ps->rx_ring;
	u32 hdr = TPACKET_ALIGN(ps->hdrlen), macoff, netoff, snap = f->snap, at, status;
	u32 sll_at;
	bool v3 = ps->version == TPACKET_V3;

	if (ps->sk.type == SOCK_DGRAM) {
		macoff = netoff = hdr + 16 + ps->reserve;
	} else {
		netoff = TPACKET_ALIGN(ps->hdrlen + (f->maclen < 16 ? 16 : f->maclen)) + ps->reserve;
		if (ps->vnet_hdr)
			netoff += VNET_HDR_LEN;
		macoff = netoff - f->maclen;
	}
	if (netoff > 0xffff) {		/* tp_net is 16 bits (CVE-2020-14386) */
		count_ring_drop(ps);
		return;
	}
	if (!v3) {
		if ((u64)macoff + snap > r->frame_size)
			snap = macoff >= r->frame_size ? 0 : r->frame_size - macoff;
	} else if ((u64)macoff + snap > r->max_frame_len) {
		if (macoff >= r->max_frame_len) {
			snap = 0;
			macoff = r->max_frame_len;
		} else {
			snap = r->max_frame_len - macoff;
		}
	}
	if (!v3) {
		if (frame_status(ps, r, r->head) != TP_STATUS_KERNEL) {
			count_ring_drop(ps);
			ps->sk.data_ready(&ps->sk);
			return;
		}
		at = frame_off(r, r->head);
		r->head = r->head + 1 == r->frame_nr ? 0 : r->head + 1;
	} else {
		at = v3_frame(ps, macoff + snap);
		if (!at) {
			count_ring_drop(ps);
			ps->sk.data_ready(&ps->sk);
			return;
		}
	}
	status = TP_STATUS_USER | f->status;
	if (!v3 && ps->stat_drops)
		status |= TP_STATUS_LOSING;
	ps->stat_packets++;
	packet_counters.rx_queued++;
	if (ps->vnet_hdr && ps->sk.type == SOCK_RAW && macoff >= VNET_HDR_LEN) {
		static const u8 zero_vnet[VNET_HDR_LEN];

		if (macoff + snap <= (v3 ? r->max_frame_len : r->frame_size))
			ring_write(r, at + macoff - VNET_HDR_LEN, zero_vnet, VNET_HDR_LEN);
	}
	if (snap)
		ring_write(r, at + macoff, f->data, snap);
	switch (ps->version) {
	case TPACKET_V1: {
		struct tpacket_hdr h;

		memset(&h, 0, sizeof(h));
		h.tp_len = f->len;
		h.tp_snaplen = snap;
		h.tp_mac = (u16)macoff;
		h.tp_net = (u16)netoff;
		put_ts(&h.tp_sec, &h.tp_usec, f->tstamp_ns, true);
		ring_write(r, at, &h, sizeof(h));
		break;
	}
	case TPACKET_V2: {
		struct tpacket2_hdr h;

		memset(&h, 0, sizeof(h));
		h.tp_len = f->len;
		h.tp_snaplen = snap;
		h.tp_mac = (u16)macoff;
		h.tp_net = (u16)netoff;
		put_ts(&h.tp_sec, &h.tp_nsec, f->tstamp_ns, false);
		ring_write(r, at, &h, sizeof(h));
		break;
	}
	default: {
		struct tpacket3_hdr h;

		memset(&h, 0, sizeof(h));
		h.tp_next_offset = ALIGN8(macoff + snap);
		h.tp_len = f->len;
		h.tp_snaplen = snap;
		h.tp_mac = (u16)macoff;
		h.tp_net = (u16)netoff;
		h.tp_status = status;
		put_ts(&h.tp_sec, &h.tp_nsec, f->tstamp_ns, false);
		ring_write(r, at, &h, sizeof(h));
		break;
	}
	}
	sll_at = at + ps->hdrlen - (u32)sizeof(struct sockaddr_ll);	/* behind the header */
	{
		struct sockaddr_ll sll = *f->sll;

		ring_write(r, sll_at, &sll, sizeof(sll));
	}
	if (!v3) {
		ring_put32(r, at, status);
		ps->sk.data_ready(&ps->sk);
	}
	/* A V3 block reaches user space when it is closed. */
}

u32 packet_ring_poll(struct packet_sock *ps)
{
	const struct packet_ring *r = &ps->rx_ring;
	u32 mask = 0;

	if (!r->pages)
		return 0;
	if (ps->version == TPACKET_V3) {
		u32 prev = r->blk ? r->blk - 1 : r->block_nr - 1;

		if (ring_get32(r, blk_start(r, prev) + BD_STATUS) != TP_STATUS_KERNEL)
			mask |= EPOLLIN | EPOLLRDNORM;
	} else {
		u32 prev = r->head ? r->head - 1 : r->frame_nr - 1;

		if (frame_status(ps, r, prev) != TP_STATUS_KERNEL)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

/* ---- sending from a ring (Linux's tpacket_snd) ---- */

int packet_ring_send(struct sock *sk, const struct sockaddr_ll *addr, int addrlen)
{
	struct packet_sock *ps = pkt_sk(sk);
	struct packet_ring *r = &ps->tx_ring;
	u32 off = ps->hdrlen - (u32)sizeof(struct sockaddr_ll), size_max;
	int sent = 0, err;

	err = packet_send_check(sk, addr, addrlen, 0);
	if (err)
		return err;
	size_max = r->frame_size - off;
	for (u32 n = 0; n < r->frame_nr; n++) {
		u32 idx = r->head, at = frame_off(r, idx), len;
		struct pkbuf *pkb;

		if (frame_status(ps, r, idx) != TP_STATUS_SEND_REQUEST)
			break;
		len = ring_get32(r, at + (ps->version == TPACKET_V1 ? V1_LEN :
					  ps->version == TPACKET_V2 ? V2_LEN : V3_LEN));
		err = 0;
		if (ps->version == TPACKET_V3 && ring_get32(r, at + V3_NEXT))
			err = -EINVAL;	/* no variable-sized transmit slots */
		else if (len > size_max)
			err = -EMSGSIZE;
		set_frame_status(ps, r, idx, TP_STATUS_SENDING);
		if (!err) {
			pkb = pkb_alloc(PACKET_HEADROOM, len);
			if (!pkb)
				err = -ENOBUFS;
			else {
				ring_read(r, at + off, pkb_put(pkb, len), len);
				err = packet_send(sk, pkb, addr, addrlen);
				if (err >= 0) {
					sent += (int)len;
					err = 0;
				}
			}
		}
		if (err && !ps->loss && err != -ENOBUFS) {
			set_frame_status(ps, r, idx, TP_STATUS_WRONG_FORMAT);
			return err;
		}
		set_frame_status(ps, r, idx, TP_STATUS_AVAILABLE);
		r->head = r->head + 1 == r->frame_nr ? 0 : r->head + 1;
		if (err == -ENOBUFS)
			return sent ? sent : err;
	}
	return sent;
}
