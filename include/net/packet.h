/*
 * Packet sockets (packet(7); Linux net/packet/af_packet.c): frames at the
 * device level, as udhcpc and capture programs use them.
 *
 * A socket is hooked to (protocol, device) once it has a protocol: from
 * socket() when one is given, else from bind().  Protocol ETH_P_ALL sees
 * every frame received on the device and every frame sent through it
 * (PACKET_OUTGOING) except the frames it sent itself; another protocol
 * sees the frames of that EtherType received.  Device 0 is every device.
 * SOCK_RAW sockets read and write whole frames; SOCK_DGRAM sockets read
 * the payload behind the link header (the link address comes in the
 * sockaddr_ll) and write a payload the device's header is built for.
 *
 * The engine takes every frame through one ETH_P_ALL tap on the device
 * layer (dev_add_pack), registered while a socket is hooked.  Each
 * socket's filter (SO_ATTACH_FILTER, sk.filter) runs before its copy is
 * queued; its result is the number of bytes kept (the snap length), 0
 * drops the frame.  A frame that would take the socket over sk.rcvbuf is
 * dropped and counted (PACKET_STATISTICS).
 *
 * Same conventions as net/udp.h: stack lock held, never sleeps, errors
 * as negative errno values, protocols (be16) in network order as the
 * system calls carry them.
 */
#ifndef NET_PACKET_H
#define NET_PACKET_H

#include <net/netdev.h>
#include <net/sock.h>
#include <net/timer.h>
#include <uapi/if_packet.h>

/* Headroom a send buffer needs for any device's link header. */
#define PACKET_HEADROOM 16

/* Linux's MAX_ADDR_LEN: PACKET_ADD_MEMBERSHIP reads up to 8 + 32 bytes. */
#define PACKET_MR_ADDR_MAX 32

/* struct packet_mreq with room for the longest address (Linux's packet_mreq_max). */
struct packet_mreq_max {
	s32 mr_ifindex;
	u16 mr_type;
	u16 mr_alen;
	u8 mr_address[PACKET_MR_ADDR_MAX];
};

/* One membership (PACKET_ADD_MEMBERSHIP), counted per identical request. */
struct packet_mclist {
	struct packet_mclist *next;
	int ifindex;
	u16 type;
	u16 alen;
	u32 count;
	u8 addr[PACKET_MR_ADDR_MAX];
};

/*
 * A memory-mapped ring (packet_mmap: PACKET_RX_RING, PACKET_TX_RING):
 * tp_block_nr blocks of tp_block_size bytes, made of separate pages
 * (the kernel allocates them and maps them into user space, so the
 * engine addresses the ring by offset, page by page).  Frames of
 * TPACKET_V1/V2 (and every transmit ring) are tp_frame_size slots,
 * frames_per_block to a block, handed back and forth through tp_status;
 * a TPACKET_V3 receive ring hands over whole blocks of variable-length
 * frames, closed when full or when tp_retire_blk_tov ms pass.
 */
#define PACKET_RING_PAGE 4096u

struct packet_ring {
	u8 **pages;                   /* pg_nr page addresses; NULL: no ring */
	u32 pg_nr;
	u32 block_size, block_nr, frame_size, frame_nr, frames_per_block;
	u32 head;                     /* the next frame (not V3 receive) */
	/* TPACKET_V3 receive: the block being filled. */
	u32 blk;                      /* its index */
	u32 blk_off;                  /* where its next frame goes */
	u32 blk_prev;                 /* its last frame's offset; 0: none */
	u32 blk_pkts, blk_len;
	u32 priv_size;                /* tp_sizeof_priv, 8-aligned */
	u32 max_frame_len;
	u32 tov_ms;
	u32 feature;                  /* tp_feature_req_word */
	u64 seq;                      /* the next block's seq_num */
	bool frozen;                  /* the block to fill is still the user's */
	struct net_timer retire;
};

/* PACKET_RX_RING / PACKET_TX_RING as given (tpacket_req3; V1/V2 leave the tail 0). */
struct packet_ring_req {
	u32 block_size, block_nr, frame_size, frame_nr;
	u32 retire_tov, sizeof_priv, feature;
};

struct packet_sock {
	struct sock sk;               /* type SOCK_RAW or SOCK_DGRAM */
	struct packet_sock *next;     /* every packet socket */
	be16 num;                     /* protocol hooked; 0: none yet */
	int ifindex;                  /* bound device; 0 all; -1 it went away */
	bool running;                 /* hooked: frames are delivered */
	/* SOL_PACKET options. */
	bool auxdata;                 /* PACKET_AUXDATA */
	bool origdev;                 /* PACKET_ORIGDEV (no stacked devices: no effect) */
	bool ignore_outgoing;         /* PACKET_IGNORE_OUTGOING */
	u32 rmem;                     /* bytes charged to sk.rcvbuf */
	u32 stat_packets, stat_drops; /* PACKET_STATISTICS since it was last read */
	u64 drops;                    /* every frame dropped for want of room */
	struct packet_mclist *mclist;
	/* The rings and the options that shape them. */
	int version;                  /* PACKET_VERSION: TPACKET_V1.. */
	u32 hdrlen;                   /* the version's TPACKET*_HDRLEN */
	u32 reserve;                  /* PACKET_RESERVE */
	bool loss;                    /* PACKET_LOSS */
	bool vnet_hdr;                /* PACKET_VNET_HDR (a zeroed header) */
	int tstamp;                   /* PACKET_TIMESTAMP (kept; software time) */
	u32 stat_freeze;              /* tp_freeze_q_cnt since last read */
	struct packet_ring rx_ring, tx_ring;
};

static inline struct packet_sock *pkt_sk(struct sock *sk)
{
	return (struct packet_sock *)((char *)sk - __builtin_offsetof(struct packet_sock, sk));
}

/* Engine-wide counters (no /proc file of Linux's shows these). */
struct packet_counters {
	u64 rx_queued;                /* copies queued on sockets */
	u64 rx_filtered;              /* copies a filter refused */
	u64 rx_dropped;               /* copies dropped: buffer full or no memory */
	u64 tx_frames;                /* frames handed to a device */
	u64 tx_errors;                /* sends the device refused */
};
extern struct packet_counters packet_counters;

/*
 * socket(AF_PACKET, type, proto): SOCK_RAW or SOCK_DGRAM
 * (-ESOCKTNOSUPPORT otherwise), hooked to every device at once when
 * proto is not 0.  NULL with *err set on failure.
 */
struct sock *packet_create(u16 type, be16 proto, int *err);
/* Unhook, leave every membership, drop queued frames and the filter, free. */
void packet_close(struct sock *sk);
void packet_close_all(void);

/*
 * bind(2) to (ifindex, proto): ifindex 0 is every device (-ENODEV for
 * one that does not exist), proto 0 keeps the socket's protocol.  On a
 * device that is down the socket stays unhooked until it comes up, with
 * ENETDOWN as its pending error, as on Linux.
 */
int packet_bind(struct sock *sk, int ifindex, be16 proto);
/* getsockname(2): fills sll (pkttype 0); returns its length (12 + halen). */
int packet_getname(struct sock *sk, struct sockaddr_ll *sll);

/*
 * sendto(2) of len bytes, to addr (addrlen bytes; NULL: the bound device
 * and protocol).  packet_send_check() gives the errors that do not need
 * the data (-EINVAL for a short address, -ENXIO without a device,
 * -ENETDOWN, -EMSGSIZE); packet_send() checks again, then builds the link
 * header for SOCK_DGRAM (to addr->sll_addr) or checks the caller's for
 * SOCK_RAW (-EINVAL when shorter than the device's header, -EMSGSIZE
 * beyond MTU + header), and transmits.  pkb holds the data with at least
 * PACKET_HEADROOM in front; it is always consumed.  Returns the bytes
 * sent (len) or an error.
 */
int packet_send_check(struct sock *sk, const struct sockaddr_ll *addr, int addrlen, u32 len);
int packet_send(struct sock *sk, struct pkbuf *pkb, const struct sockaddr_ll *addr, int addrlen);

/*
 * recvmsg(2): the next frame with a reference for the caller (who drops
 * it with pkb_free under the stack lock); without peek it leaves the
 * queue.  -EAGAIN when there is none.  pkb->data/len are the bytes kept
 * (the snap length).
 */
int packet_recv_take(struct sock *sk, bool peek, struct pkbuf **pkb);
/* The frame's source as recvfrom(2) gives it; returns the address length. */
int packet_recv_name(const struct pkbuf *pkb, struct sockaddr_ll *sll);
/* The PACKET_AUXDATA control message for the frame. */
void packet_auxdata(const struct pkbuf *pkb, struct tpacket_auxdata *aux);
/* Length of the next frame (SIOCINQ), 0 when none. */
u32 packet_next_len(struct sock *sk);
u32 packet_poll(struct sock *sk);

/*
 * PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP (mr_alen already
 * checked against the option's length).  Add: -ENODEV, -EINVAL for an
 * address longer than the device's (or not exactly as long, for
 * MULTICAST and UNICAST), -ENOMEM; PROMISC and ALLMULTI count on the
 * device (dev_set_promiscuity).  Drop always succeeds, as on Linux.
 */
int packet_mc_add(struct sock *sk, const struct packet_mreq_max *mr);
int packet_mc_drop(struct sock *sk, const struct packet_mreq_max *mr);
/*
 * PACKET_STATISTICS: read and reset (tp_packets counts the drops too);
 * a TPACKET_V3 socket's carry tp_freeze_q_cnt as well.  Returns the
 * size of the version's struct (tpacket_stats or tpacket_stats_v3).
 */
u32 packet_stats_take(struct sock *sk, struct tpacket_stats_v3 *st);

/* ---- rings (net/packet/ring.c) ---- */

/*
 * Realtime minus net_now_ns(), kept by the kernel side: ring frames
 * carry wall-clock timestamps as Linux's do.
 */
extern s64 packet_realtime_offset_ns;

/*
 * Options that shape the rings, with Linux's checks (-EINVAL for a bad
 * value) and -EBUSY while a ring exists.  VNET_HDR: SOCK_RAW only.
 */
int packet_set_version(struct sock *sk, int val);
int packet_set_reserve(struct sock *sk, u32 val);
int packet_set_loss(struct sock *sk, int val);
int packet_set_vnet_hdr(struct sock *sk, int val);
/* PACKET_HDRLEN: the header length of version val, -EINVAL for another. */
int packet_hdrlen_of(int val);

/*
 * PACKET_RX_RING / PACKET_TX_RING: Linux's packet_set_ring checks, in
 * its order: -EBUSY when the ring exists, -EINVAL for a bad geometry
 * (block size not a positive multiple of the page, a frame smaller than
 * the header and reserve or not aligned, frames that do not fill the
 * blocks, a V3 private area that does not fit), -EINVAL for V3 transmit
 * options.  *pg_nr is the pages the ring needs (0: remove the ring).
 * The caller (who also refuses with -EBUSY while the rings are mapped)
 * then allocates that many zeroed pages and installs them.
 */
int packet_ring_check(struct sock *sk, bool tx, const struct packet_ring_req *req, u32 *pg_nr);
/*
 * Install the ring checked above (pages: pg_nr pages, NULL with 0 to
 * remove it); *old receives the previous pages for the caller to free
 * (old->pages NULL: none).  Frames queued for recvmsg are dropped.
 */
void packet_ring_install(struct sock *sk, bool tx, const struct packet_ring_req *req,
			 u8 **pages, u32 pg_nr, struct packet_ring *old);
/* mmap: the rings' pages in order, receive ring first; NULL past the end. */
u32 packet_ring_pages(struct sock *sk);
u8 *packet_ring_page(struct sock *sk, u32 index);
/*
 * sendmsg(2) with a transmit ring (Linux's tpacket_snd): sends every
 * frame marked TP_STATUS_SEND_REQUEST from the ring's head on, marking
 * each TP_STATUS_AVAILABLE again (the devices send synchronously).
 * Returns the bytes sent, or an error (a bad frame: its status becomes
 * TP_STATUS_WRONG_FORMAT, unless PACKET_LOSS skips it).
 */
int packet_ring_send(struct sock *sk, const struct sockaddr_ll *addr, int addrlen);

/* A frame as the receive path gives it to a ring. */
struct packet_frame {
	const u8 *data;               /* from the link header (RAW) or network header */
	u32 len;                      /* tp_len */
	u32 snap;                     /* bytes the filter keeps */
	u32 maclen;                   /* link header bytes at data (RAW), else 0 */
	u32 status;                   /* TP_STATUS_CSUM* bits */
	u64 tstamp_ns;                /* net_now_ns() clock */
	const struct sockaddr_ll *sll;
};
void packet_ring_rcv(struct packet_sock *ps, const struct packet_frame *f);
u32 packet_ring_poll(struct packet_sock *ps);
/* A new socket's ring state (TPACKET_V1, no rings). */
void packet_ring_init(struct packet_sock *ps);
/* Cancel the V3 timer (the pages stay the caller's). */
void packet_ring_stop(struct packet_sock *ps);

/* /proc/net/packet as Linux prints it (the sk column zeros). */
int packet_proc_format(char *buf, size_t size, sock_proc_info_fn info);
u32 packet_sock_count(void);

#endif
