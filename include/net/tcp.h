/*
 * TCP (RFC 9293): the wire header, the control block and the interfaces
 * between the phases (input, output, timers, congestion control) and the
 * socket-facing API in net/ipv4/tcp.c.
 *
 * Locking: every function here runs with the stack lock held (net_lock()).
 * Sequence numbers are compared only through tcp_before()/tcp_after(),
 * which are correct across the 2^32 wrap (RFC 9293 §3.4).
 */
#ifndef NET_TCP_H
#define NET_TCP_H

#include <net/ip.h>
#include <net/sock.h>
#include <net/tcp_states.h>
#include <net/timer.h>
#include <uapi/epoll.h>
#include <uapi/errno.h>
#include <uapi/socket.h>
#include <uapi/tcp.h>

struct tcphdr {
	be16 source;
	be16 dest;
	be32 seq;
	be32 ack_seq;
	u8 doff;          /* data offset in 32-bit words << 4 */
	u8 flags;         /* TCPHDR_* */
	be16 window;
	u16 check;
	be16 urg_ptr;
} __attribute__((packed));
_Static_assert(sizeof(struct tcphdr) == 20, "tcphdr layout");

#define TCPHDR_FIN 0x01
#define TCPHDR_SYN 0x02
#define TCPHDR_RST 0x04
#define TCPHDR_PSH 0x08
#define TCPHDR_ACK 0x10
#define TCPHDR_URG 0x20
#define TCPHDR_ECE 0x40
#define TCPHDR_CWR 0x80

/* Option kinds (RFC 9293 §3.2, RFC 7323, RFC 2018). */
#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MSS 2
#define TCPOPT_WSCALE 3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_SACK 5
#define TCPOPT_TIMESTAMP 8

#define TCP_MAX_WSCALE 14         /* RFC 7323 §2.3 */
#define TCP_MAX_SACKS 4

/* Linux's constants, so tcp_info and timing look the same. */
#define TCP_RTO_MIN_MS 200
#define TCP_RTO_MAX_MS 120000
#define TCP_TIMEOUT_INIT_MS 1000  /* RFC 6298 §2.1 */
#define TCP_TIMEOUT_FALLBACK_MS 3000 /* RFC 6298 §5.7 */
#define TCP_TIMEWAIT_MS 60000     /* Linux's TCP_TIMEWAIT_LEN (2MSL) */
#define TCP_FIN_TIMEOUT_MS 60000  /* tcp_fin_timeout for orphaned FIN_WAIT2 */
#define TCP_DELACK_MIN_MS 40
#define TCP_DELACK_MAX_MS 200
#define TCP_KEEPIDLE_DEFAULT 7200 /* seconds */
#define TCP_KEEPINTVL_DEFAULT 75
#define TCP_KEEPCNT_DEFAULT 9
#define TCP_SYN_RETRIES 6
#define TCP_SYNACK_RETRIES 5
#define TCP_RETRIES2 15
#define TCP_INIT_CWND 10          /* RFC 6928 */
/* Buffer sizes come from net.ipv4.tcp_rmem and tcp_wmem (sysctl_tcp_rmem,
 * sysctl_tcp_wmem in <net/ip.h>: min, default, max); Tern counts payload
 * bytes against them. */
/* TCP_WINDOW_CLAMP's floor: half of Linux's SOCK_MIN_RCVBUF. */
#define TCP_MIN_WINDOW_CLAMP 1152
/* Delayed ACK (Linux): quick ACKs after a connection starts or stalls,
 * and replies this many times within the ACK timeout make a flow
 * interactive ("pingpong": ACKs wait to ride on the reply). */
#define TCP_MAX_QUICKACKS 16
#define TCP_PINGPONG_THRESH 3
#define TCP_PAWS_24DAYS_MS (24ull * 24 * 3600 * 1000)

/*
 * The ABI numbers TCP uses come from include/uapi: option numbers
 * (TCP_NODELAY ...), enum tcp_ca_state, TCPI_OPT_* and TCP_MSS_DEFAULT
 * (the MSS assumed without an MSS option, RFC 9293 §3.7.1) from
 * <uapi/tcp.h>; tcp_poll()'s EPOLL* bits; the MSG_* flags of
 * tcp_send()/tcp_recv(), SHUT_* and SOMAXCONN (listen(2)'s backlog
 * limit, net.core.somaxconn's default) from <uapi/socket.h>.
 */

/* Sequence space, RFC 9293 §3.4: modular comparisons. */
static inline bool tcp_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}
#define tcp_after(a, b) tcp_before(b, a)
/* a <= b <= c in sequence space */
static inline bool tcp_between(u32 b, u32 a, u32 c)
{
	return c - a >= b - a;
}

/*
 * Per-segment state kept in pkb->cb while a segment is on the write
 * queue (payload only; headers are built on every transmission) or on a
 * receive queue.
 */
struct tcp_skb_cb {
	u32 seq;          /* first sequence number (SYN counts) */
	u32 end_seq;      /* seq + payload + SYN + FIN */
	u64 tx_ns;        /* last transmission time; 0 = never sent */
	u8 flags;         /* TCPHDR_SYN/FIN/PSH for the wire */
	u8 sacked;        /* TCPCB_* scoreboard bits */
	u16 retrans;      /* times retransmitted */
	u32 tsval;        /* receive side: the segment's TSval */
};
_Static_assert(sizeof(struct tcp_skb_cb) <= 48, "tcp_skb_cb fits cb");
#define TCP_SKB_CB(pkb) ((struct tcp_skb_cb *)(void *)(pkb)->cb)

#define TCPCB_SACKED 0x01   /* SACKed by the peer (RFC 2018) */
#define TCPCB_LOST 0x02     /* deemed lost (RFC 6675 IsLost / RTO) */
#define TCPCB_RETRANS 0x04  /* retransmitted and not yet acked/sacked */
#define TCPCB_EVER_RETRANS 0x08

/* tcp_sock.urg_data (Linux's values): no urgent mark, a mark whose byte
 * has not arrived, the byte (low 8 bits) held out of band, or a mark
 * whose byte recv(MSG_OOB) already took. */
#define TCP_URG_VALID 0x0100
#define TCP_URG_NOTYET 0x0200
#define TCP_URG_READ 0x0400

struct tcp_sock;

/* Congestion control: a small ops table (net/ipv4/tcp_cong.c). */
struct tcp_cong_ops {
	const char *name;
	void (*init)(struct tcp_sock *tp);
	/* Slow start threshold after a loss (RFC 5681 §3.1 eq. 4). */
	u32 (*ssthresh)(struct tcp_sock *tp);
	/* Grow cwnd for `acked` newly acknowledged segments. */
	void (*cong_avoid)(struct tcp_sock *tp, u32 acked);
	/* Entering loss recovery / RTO (optional). */
	void (*on_loss)(struct tcp_sock *tp, bool rto);
	/* An RTT sample in microseconds (optional). */
	void (*pkts_acked)(struct tcp_sock *tp, u32 acked, u32 rtt_us);
	struct tcp_cong_ops *next;
};

/* Private per-connection space for a congestion control algorithm. */
#define TCP_CA_PRIV_SIZE 64

/* The IP layer as TCP uses it (see tcp_set_ip_ops). */
struct tcp_ip_ops {
	int (*output)(struct pkbuf *pkb, const struct ip_out *out);
	int (*route)(be32 daddr, int oif, struct route_result *res);
	bool (*addr_is_local)(be32 addr);
};

struct tcp_sack_block {
	u32 start, end;
};

/*
 * RACK (RFC 8985 §6): the most recently sent segment that was delivered,
 * and the reordering window.
 */
struct tcp_rack {
	u64 xmit_ns;                    /* RACK.xmit_ts (0: none yet) */
	u32 end_seq;                    /* RACK.end_seq */
	u32 rtt_us;                     /* RACK.rtt */
	u32 fack;                       /* RACK.fack: highest end_seq SACKed */
	u32 dsack_round;                /* RACK.dsack_round (valid while dsack_round_on) */
	u8 reo_wnd_mult;                /* RACK.reo_wnd_mult (0 counts as 1) */
	u8 reo_wnd_persist;             /* RACK.reo_wnd_persist */
	bool dsack_round_on;
	bool reordering_seen;           /* RACK.reordering_seen */
	bool advanced;                  /* this ACK moved xmit_ns/end_seq */
	bool dsack_seen;                /* this ACK carried a D-SACK (not for a TLP) */
};

/*
 * What one ACK told the loss-recovery code (tcp_ack -> tcp_recovery.c).
 */
struct tcp_ack_info {
	u32 prior_una;
	u32 prior_delivered;            /* tp->delivered before this ACK */
	u32 acked;                      /* segments cumulatively acked */
	bool dup;                       /* a duplicate ACK (RFC 5681 §2) */
	bool dsack;                     /* carried a D-SACK (RFC 2883) */
	bool dsack_tlp;                 /* ... of the tail loss probe */
	bool saw_tsecr;
	u32 tsecr;
};

struct tcp_sock {
	struct sock sk;                 /* first: a tcp_sock is a sock */
	u8 state;                       /* enum tcp_state; see tcp_set_state */
	u8 ca_state;                    /* enum tcp_ca_state */
	bool user_closed;               /* orphan: no owner any more */
	bool hashed;                    /* in the established/bind tables */
	bool bound;                     /* in the bind table */
	bool user_bound;                /* bind(2) chose the port */
	bool nodelay;                   /* TCP_NODELAY: Nagle off */
	bool cork;
	bool more;                      /* last send had MSG_MORE */
	bool urg_mode;                  /* snd_up is valid (MSG_OOB sent) */
	bool fin_queued;                /* FIN is on the write queue */
	bool rcv_fin;                   /* peer's FIN received in order */
	bool from_cookie;
	bool synced;                    /* reached ESTABLISHED at least once */

	/* Table links (tcp_ipv4.c). */
	struct tcp_sock *ehash_next;    /* established/SYN_RECV/TIME_WAIT by 4-tuple */
	struct tcp_sock *bhash_next;    /* bound, by local port */
	struct tcp_sock *lhash_next;    /* listening, by local port */
	struct tcp_sock *all_next, **all_pprev;
	bool in_ehash, in_lhash;

	/* Send sequence space (RFC 9293 §3.3.1). */
	u32 iss;
	u32 snd_una, snd_nxt;
	u32 snd_wnd;                    /* peer's window, scaled */
	u32 max_snd_wnd;
	u32 snd_wl1, snd_wl2;
	u32 write_seq;                  /* seq of the next byte tcp_send queues */
	u32 snd_sml;                    /* end of the last small segment sent (Nagle) */
	u32 snd_up;

	/* Receive sequence space. */
	u32 irs;
	u32 rcv_nxt;
	u32 rcv_wnd;                    /* last advertised window, bytes */
	u32 rcv_wup;                    /* rcv_nxt when rcv_wnd was advertised */
	u32 copied_seq;                 /* next byte the user reads */
	u32 window_clamp;               /* TCP_WINDOW_CLAMP: most we advertise (0: none) */

	/* Urgent data received (RFC 9293 §3.8.5 with RFC 6093's pointer,
	 * tcp(7)): the mark is urg_seq, the urgent byte's sequence number. */
	u16 urg_data;                   /* 0 or TCP_URG_* */
	u32 urg_seq;

	/* Receive buffer auto-tuning (Linux's rcvq_space): what the reader
	 * took in the last measured round trip. */
	u32 rcvq_space, rcvq_seq;
	u64 rcvq_time_ns;

	/* Options negotiated on the SYN (RFC 7323, 2018). */
	u16 mss_clamp;                  /* peer's MSS option (or 536) */
	u16 mss_cache;                  /* current effective send MSS (payload) */
	u16 advmss;                     /* MSS we advertise */
	u16 user_mss;                   /* TCP_MAXSEG, 0 = none */
	u32 pmtu;
	u8 snd_wscale, rcv_wscale;
	bool wscale_ok, sack_ok, tstamp_ok;
	u32 ts_recent;                  /* RFC 7323 §4.3 TS.Recent */
	u64 ts_recent_stamp_ms;
	u32 ts_offset;                  /* random per-connection TSval offset */
	u32 last_ack_sent;

	/* Queues. write_queue: unacked + unsent segments in sequence order;
	 * send_head is the first never-sent one (NULL: all sent). */
	struct pkb_queue write_queue;
	struct pkbuf *send_head;
	struct pkbuf *ooo_first;        /* out-of-order receive list, sorted */
	u32 ooo_bytes, ooo_count;
	u32 ooo_last_seq, ooo_last_end; /* most recent ooo arrival (RFC 2018 §4) */
	struct tcp_sack_block dsack;    /* unused when start == end */

	/* Scoreboard and congestion state (segments, as Linux counts). */
	u32 packets_out, sacked_out, lost_out, retrans_out;
	u32 snd_cwnd, snd_ssthresh, snd_cwnd_cnt;
	u32 prior_cwnd;
	u32 high_seq;                   /* RFC 6582 recover / RFC 6675 RecoveryPoint */
	u32 dupacks;
	u32 delivered;                  /* segments delivered (acked or SACKed once) */
	struct tcp_rack rack;           /* RFC 8985 loss detection */
	/* Tail loss probe (RFC 8985 §7): tlp_high_seq is SND.NXT when the
	 * outstanding probe went (valid while tlp_on). */
	u32 tlp_high_seq;
	bool tlp_on, tlp_retrans;
	/* Undo (RFC 2883 §5 / RFC 3708 D-SACK, RFC 3522 Eifel): the episode
	 * began at undo_marker (valid while undo_on); undo_retrans counts
	 * its retransmissions not yet D-SACKed (-1: none sent); undo_tsval
	 * is the TSval of its first retransmission (valid while undo_ts_on). */
	u32 undo_marker, undo_tsval, prior_ssthresh;
	s32 undo_retrans;
	bool undo_on, undo_ts_on;
	/* Proportional Rate Reduction (RFC 6937) during Fast Recovery. */
	u32 prr_delivered, prr_out, recover_fs;
	const struct tcp_cong_ops *cong;
	u64 ca_priv[TCP_CA_PRIV_SIZE / 8];

	/* RTT estimation, RFC 6298; microseconds. */
	u32 srtt_us;                    /* SRTT; 0 = no sample yet */
	u32 rttvar_us;                  /* RTTVAR */
	u32 rtt_min_us;
	u32 rto_ms;
	u8 backoff;                     /* RTO doublings in effect */
	u8 retransmits;                 /* consecutive RTO expiries */
	u8 probes_out;                  /* persist / keepalive probes unanswered */
	u8 syn_retries;                 /* TCP_SYNCNT, 0 = default */
	u32 total_retrans;
	u32 user_timeout_ms;            /* TCP_USER_TIMEOUT */
	u64 retrans_stamp_ns;           /* first unanswered retransmission */
	int soft_err;                   /* ICMP soft error, reported on timeout */

	/* Delayed ACK, RFC 9293 §3.8.6.3 / RFC 5681 §4.2, with Linux's
	 * quick-ACK mode and interactive ("pingpong") detection. */
	u8 ack_pending;                 /* segments received but not acked */
	u8 quick;                       /* ACKs still sent at once */
	u8 pingpong;                    /* quick replies seen (>= TCP_PINGPONG_THRESH: interactive) */
	u16 rcv_mss;                    /* the peer's segment size, as seen */
	u32 ato_ms;                     /* ACK timeout */
	u64 lrcv_ns;                    /* last data received (0: none yet) */

	/* Keepalive (RFC 9293 §3.8.4 / RFC 1122 §4.2.3.6), seconds. */
	u32 keepidle, keepintvl, keepcnt;
	int linger2_s;                  /* TCP_LINGER2: FIN_WAIT2 timeout */

	u64 last_rcv_ns;                /* last segment received */
	u64 last_oow_ack_ns;            /* last ACK for an out-of-window segment */
	u64 last_snd_ns;                /* last data sent */
	u64 estab_ns;

	struct net_timer rtx_timer;     /* retransmit, persist */
	struct net_timer delack_timer;
	struct net_timer keep_timer;    /* keepalive, SYN-ACK, FIN_WAIT2, TIME_WAIT */
	u8 rtx_mode;                    /* TCP_TMODE_* */

	/* Listening sockets. */
	struct tcp_sock *parent;        /* SYN_RECV child: its listener */
	struct tcp_sock *syn_next;      /* link in parent's SYN queue / accept queue */
	struct tcp_sock *syn_queue;     /* listener: embryonic connections */
	struct tcp_sock *accept_first, *accept_last;
	u32 syn_qlen, accept_qlen;
	u32 backlog;                    /* listen(2)'s backlog, clamped */
	u64 last_cookie_ns;             /* listener: last SYN cookie sent */
	u32 synack_retries;
	u8 defer_accept;                /* listener: TCP_DEFER_ACCEPT, in SYN-ACK timeouts */
	bool defer_acked;               /* child: its handshake ACK came without data */
	u32 uid;                        /* the owner's user id (SO_REUSEPORT sharing) */

	/* tcp_info extras. */
	u64 bytes_acked, bytes_received;
	u32 segs_in, segs_out, data_segs_in, data_segs_out;
};

/*
 * Headroom of a write-queue segment: room for the TCP header with every
 * option, the IP header and the link header in front of the payload, so
 * a transmission sends a clone of the segment instead of a copy.
 */
#define TCP_HEADROOM (NET_HEADROOM + 60)

/* MSS for an MTU: an IPv4 datagram is at most 65535 bytes (lo's MTU is 65536). */
static inline u16 tcp_mtu_to_mss(u32 mtu)
{
	if (mtu > 65535)
		mtu = 65535;
	return (u16)(mtu - sizeof(struct iphdr) - sizeof(struct tcphdr));
}

/* Linux's sk_stream_is_writeable(): free send space at least half of
 * what is queued, so a writer wakes for a worthwhile amount. */
static inline bool tcp_stream_writeable(const struct tcp_sock *tp)
{
	u32 used = tp->write_seq - tp->snd_una;
	u32 free = tp->sk.sndbuf > used ? tp->sk.sndbuf - used : 0;

	return free > 0 && free >= used / 2;
}

static inline struct tcp_sock *tcp_sk(struct sock *sk)
{
	return net_container_of(sk, struct tcp_sock, sk);
}

/* Is a write-queue segment already sent (before send_head)? */
static inline bool tcp_pkb_sent(const struct tcp_sock *tp, const struct pkbuf *pkb)
{
	return tcp_before(TCP_SKB_CB(pkb)->seq, tp->snd_nxt);
}

#define TCP_TMODE_RTO 0
#define TCP_TMODE_PROBE 1             /* persist (zero window) */
#define TCP_TMODE_TLP 2               /* tail loss probe (RFC 8985 §7) */
#define TCP_TMODE_REO 3               /* RACK reordering timer (RFC 8985 §6.2) */

/* --- net/ipv4/tcp_ipv4.c: tables, demux, protocol entry ---------------- */
extern const struct tcp_ip_ops *tcp_ip;
/* Route TCP's output through `ops` (host tests, fuzzers). */
void tcp_set_ip_ops(const struct tcp_ip_ops *ops);
/* The kernel's init (tcp_register.c): the real IP layer's ops and
 * inet_add_protocol().  Kept in its own file so host tests, which never
 * call it, link without an IP layer. */
int tcp_proto_register(void);
extern const struct net_protocol tcp_protocol_ops;
void tcp_v4_rcv(struct pkbuf *pkb);
void tcp_v4_err(const struct iphdr *inner, u32 inner_len, u8 type, u8 code,
		int err, u32 info);
void tcp_hash(struct tcp_sock *tp);
void tcp_unhash(struct tcp_sock *tp);
int tcp_bind_port(struct tcp_sock *tp, be32 addr, u16 port);
/* listen(2) on a bound socket: would its port now conflict? */
bool tcp_listen_conflict(const struct tcp_sock *tp);
int tcp_pick_port(struct tcp_sock *tp);
void tcp_unbind(struct tcp_sock *tp);
struct tcp_sock *tcp_lookup_established(be32 saddr, be16 sport, be32 daddr, be16 dport);
struct tcp_sock *tcp_lookup_listener(be32 daddr, be16 dport);
/* Reply with RST to a segment no connection accepts (RFC 9293 §3.10.7.1). */
void tcp_send_reset_for(const struct pkbuf *pkb, const struct tcphdr *th,
			be32 saddr, be32 daddr, u32 seg_len);
/* All connections, for /proc/net/tcp and tests: calls fn for each. */
void tcp_for_each(void (*fn)(struct tcp_sock *tp, void *arg), void *arg);
void tcp_track(struct tcp_sock *tp);
void tcp_untrack(struct tcp_sock *tp);
void tcp_bind_child(struct tcp_sock *child);
/* Checksum the segment at pkb->data and send it; consumes pkb. */
int tcp_v4_send(struct pkbuf *pkb, be32 saddr, be32 daddr, u8 ttl, u8 tos, int oif);
u32 tcp_isn(be32 saddr, be32 daddr, be16 sport, be16 dport);
/* /proc/net/tcp: the header line, and one connection's line (Linux's
 * layout, padded to 149 columns).  Return the length needed, like snprintf. */
int tcp_proc_header(char *buf, size_t size);
int tcp_proc_format(struct tcp_sock *tp, int slot, u32 uid, unsigned long inode,
		    char *buf, size_t size);
/* Tests: force the next ISN (RFC 6528 otherwise). */
void tcp_force_next_isn(u32 isn);

/* --- net/ipv4/tcp.c: socket-facing API ------------------------------ */
/*
 * Everything a socket layer (net/socket.c, or a host program on a TAP
 * device) needs.  All calls are non-blocking: where a blocking socket
 * would sleep they return -EAGAIN (or -EINPROGRESS from connect) and
 * the caller waits for an upcall in struct sock (data_ready,
 * write_space, state_change, error_report) and retries.  Ports and
 * addresses are in network order.  Errors are negative Linux errnos.
 * Callers hold net_lock().  An accepted child starts with no-op upcalls
 * and may already hold data or a FIN: install upcalls, then tcp_poll().
 * After tcp_close()/tcp_abort() the pointer must not be used again.
 */
struct tcp_sock *tcp_create(void);           /* NULL: out of memory */
int tcp_bind(struct tcp_sock *tp, be32 addr, be16 port);
int tcp_listen(struct tcp_sock *tp, int backlog);
int tcp_connect(struct tcp_sock *tp, be32 daddr, be16 dport);
int tcp_accept(struct tcp_sock *tp, struct tcp_sock **child);
long tcp_send(struct tcp_sock *tp, const void *buf, size_t len, int flags);
long tcp_recv(struct tcp_sock *tp, void *buf, size_t len, int flags);
/*
 * The same with the copying done by the caller, outside the stack lock
 * (the socket layer copies user memory; docs/design.md §5-6).
 *
 * tcp_send_room(): the send-buffer bytes that may be queued now (> 0),
 * or what tcp_send() would fail with (-EAGAIN when full or still
 * connecting, -EPIPE, a pending error).  *mss is the segment size to
 * fill; *tail_room how many bytes the unsent last segment still takes
 * (0: none), so the caller's first buffer can top it up and segments
 * stay MSS-sized.  tcp_send_pkbs() takes the filled payload buffers
 * (each at most *mss bytes; the first at most *tail_room when that is
 * not 0; allocate them with TCP_HEADROOM in front and MSS bytes of
 * room), queues and pushes them,
 * and returns the bytes queued or an errno (the connection failed
 * meanwhile; the buffers are freed).
 *
 * A read walks the stream from the read position (copied_seq).  *skip
 * is how far into the sequence space past it the read has looked
 * without consuming (a MSG_PEEK read's progress; 0 for a read that
 * consumes), `copied` how many bytes the call has already given.
 * tcp_recv_peek(): n > 0 and the receive buffer holding the next byte,
 * with a reference for the caller, *off that byte's offset in it; the
 * read may take n bytes from there in one piece (n ends at the buffer's
 * end or at the urgent mark).  0: the read ends here -- at the urgent
 * mark when copied > 0 (tcp(7): a read stops at the mark), else at the
 * end of the stream.  Otherwise what a read gets with nothing there
 * (-EAGAIN, -ENOTCONN, a pending error).  A read that starts at the mark
 * steps over an out-of-band urgent byte (no SO_OOBINLINE): it is consumed
 * unless peek, which advances *skip past it instead.
 * tcp_recv_consume(): the caller copied n bytes from the read position.
 * tcp_recv_ready(): whether a blocked read at *skip that still wants
 * `want` bytes should look again: enough data, data up to the mark, the
 * end of the stream or an error.
 * tcp_recv_done(): a read has ended (or is about to sleep): tune the
 * receive buffer to the reader's pace and announce the window it opened
 * if that is worth a segment (Linux's tcp_rcv_space_adjust and
 * tcp_cleanup_rbuf).
 * tcp_recv_urg(): recv(MSG_OOB) (tcp(7)): 1 and the urgent byte (taken
 * unless peek); -EINVAL when there is none or it is read inline; 0 at
 * the end of the stream; -EAGAIN when its byte has not arrived (never
 * waits); -ENOTCONN.
 */
long tcp_send_room(struct tcp_sock *tp, u32 *mss, u32 *tail_room);
long tcp_send_pkbs(struct tcp_sock *tp, struct pkb_queue *q, int flags);
long tcp_recv_peek(struct tcp_sock *tp, u32 *skip, u32 copied, bool peek, struct pkbuf **pkb,
		   u32 *off);
void tcp_recv_consume(struct tcp_sock *tp, u32 n);
bool tcp_recv_ready(struct tcp_sock *tp, u32 skip, u32 want);
void tcp_recv_done(struct tcp_sock *tp);
long tcp_recv_urg(struct tcp_sock *tp, bool peek, u8 *byte);
/* how: SHUT_RD, SHUT_WR, SHUT_RDWR */
int tcp_shutdown(struct tcp_sock *tp, int how);
/* close(2): orderly release (FIN), or RST if unread data is pending. */
void tcp_close(struct tcp_sock *tp);
/*
 * connect(AF_UNSPEC) (Linux's tcp_disconnect): abort the connection as
 * Linux does (RST where the peer may still hold state, sk.err
 * ECONNRESET), leave the socket in CLOSE, unconnected and reusable; an
 * explicit bind stays.
 */
int tcp_disconnect(struct tcp_sock *tp);
/* close(2) with SO_LINGER {1, 0}: RST now and free. */
void tcp_abort(struct tcp_sock *tp);
/* Readiness (EPOLL* mask) as Linux's tcp_poll, SO_RCVLOWAT included. */
u32 tcp_poll(struct tcp_sock *tp);
int tcp_sock_error(struct tcp_sock *tp);     /* SO_ERROR: take sk.err */
/* The int-valued SOL_TCP options (tcp(7)); -ENOPROTOOPT for others. */
int tcp_setsockopt(struct tcp_sock *tp, int optname, int val);
int tcp_getsockopt(struct tcp_sock *tp, int optname, int *val);
int tcp_set_keepalive(struct tcp_sock *tp, bool on);  /* SO_KEEPALIVE */
/* Local / peer address (getsockname/getpeername). */
void tcp_getname(struct tcp_sock *tp, be32 *addr, be16 *port, bool peer);
/* SIOCINQ: the bytes a read can take now (up to the urgent mark). */
u32 tcp_inq(const struct tcp_sock *tp);
/* TCP_CM_INQ: received bytes not yet read (non-zero after a FIN). */
u32 tcp_inq_hint(const struct tcp_sock *tp);
u32 tcp_outq(const struct tcp_sock *tp);     /* SIOCOUTQ: unacked + unsent */
bool tcp_atmark(const struct tcp_sock *tp);  /* SIOCATMARK */

/*
 * TCP_INFO: fill Linux 6.1's struct tcp_info (<uapi/tcp.h>), which the
 * socket layer copies out as is (a prefix for a short buffer).  Fields
 * Tern does not track (pacing, delivery rate, busy times, ...) are 0.
 */
void tcp_get_info(struct tcp_sock *tp, struct tcp_info *info);

void tcp_set_state(struct tcp_sock *tp, int state);
void tcp_done(struct tcp_sock *tp);          /* -> CLOSE, unhash, maybe free */
void tcp_reset_conn(struct tcp_sock *tp, int err); /* connection reset: report err */
void tcp_sock_put(struct tcp_sock *tp);
void tcp_init_buffers(struct tcp_sock *tp);
/* The window scale we offer: room for the largest window the receive
 * buffer may grow to (tcp_rmem[2] unless SO_RCVBUF fixed it), within
 * TCP_WINDOW_CLAMP. */
u8 tcp_choose_wscale(const struct tcp_sock *tp);
u32 tcp_rcv_space(const struct tcp_sock *tp);
/* Grow the send buffer to what cwnd needs (Linux's tcp_sndbuf_expand),
 * unless SO_SNDBUF fixed it. */
void tcp_sndbuf_expand(struct tcp_sock *tp);

/* --- net/ipv4/tcp_output.c ------------------------------------------ */
void tcp_init_xmit_timers(struct tcp_sock *tp);
void tcp_sync_mss(struct tcp_sock *tp, u32 pmtu);
u32 tcp_current_mss(const struct tcp_sock *tp);
int tcp_connect_xmit(struct tcp_sock *tp);         /* queue and send SYN */
int tcp_send_synack(struct tcp_sock *tp);
void tcp_send_ack(struct tcp_sock *tp);
void tcp_send_delayed_ack(struct tcp_sock *tp);
/* Quick ACKs (Linux's tcp_incr_quickack): ACK the next segments at
 * once, up to `max` of them and half the window in the peer's segments,
 * unless the flow is interactive.  tcp_enter_quickack_mode() also
 * leaves interactive mode. */
void tcp_incr_quickack(struct tcp_sock *tp, u32 max);
void tcp_enter_quickack_mode(struct tcp_sock *tp, u32 max);
static inline bool tcp_in_pingpong_mode(const struct tcp_sock *tp)
{
	return tp->pingpong >= TCP_PINGPONG_THRESH;
}
static inline bool tcp_in_quickack_mode(const struct tcp_sock *tp)
{
	return tp->quick && !tcp_in_pingpong_mode(tp);
}
void tcp_send_challenge_ack(struct tcp_sock *tp);
void tcp_send_active_reset(struct tcp_sock *tp);
void tcp_send_fin(struct tcp_sock *tp);
void tcp_send_probe(struct tcp_sock *tp);          /* zero-window / keepalive probe */
void tcp_window_probe(struct tcp_sock *tp);        /* persist timer action */
void tcp_push(struct tcp_sock *tp);                /* send what cwnd/rwnd/Nagle allow */
int tcp_retransmit_pkb(struct tcp_sock *tp, struct pkbuf *pkb);
/* Send a write-queue segment for the first time (cwnd not checked). */
void tcp_xmit_one(struct tcp_sock *tp, struct pkbuf *pkb);
/* Split a write-queue segment after len payload bytes. */
int tcp_fragment(struct tcp_sock *tp, struct pkbuf *pkb, u32 len);
void tcp_xmit_retransmit_queue(struct tcp_sock *tp);
void tcp_simple_retransmit(struct tcp_sock *tp);
u32 tcp_select_window(struct tcp_sock *tp);
void tcp_rearm_rto(struct tcp_sock *tp);
void tcp_check_probe_timer(struct tcp_sock *tp);
u32 tcp_time_stamp_ms(const struct tcp_sock *tp);
/* RFC 6675 "pipe", in segments; never negative (without SACK, sacked_out
 * counts duplicate ACKs and may overlap lost_out). */
static inline u32 tcp_packets_in_flight(const struct tcp_sock *tp)
{
	s64 pipe = (s64)tp->packets_out - tp->sacked_out - tp->lost_out + tp->retrans_out;

	return pipe > 0 ? (u32)pipe : 0;
}

/* --- net/ipv4/tcp_input.c ------------------------------------------- */
/* Parsed options of one segment. */
struct tcp_opts {
	bool saw_mss, saw_wscale, saw_sack_perm, saw_tstamp;
	u16 mss;
	u8 wscale;
	u32 tsval, tsecr;
	u8 num_sacks;
	struct tcp_sack_block sacks[TCP_MAX_SACKS];
};
int tcp_parse_options(const struct tcphdr *th, u32 hdrlen, struct tcp_opts *opt);
/* A segment for a synchronized or SYN_SENT connection; consumes pkb. */
void tcp_rcv_state_process(struct tcp_sock *tp, struct pkbuf *pkb,
			   const struct tcphdr *th, const struct tcp_opts *opt);
void tcp_rcv_listen(struct tcp_sock *lp, struct pkbuf *pkb, const struct tcphdr *th,
		    const struct tcp_opts *opt, be32 saddr, be32 daddr);
void tcp_enter_loss(struct tcp_sock *tp);
/* Fast Recovery starts (RFC 6675 §5, RFC 6937). */
void tcp_enter_recovery(struct tcp_sock *tp);
/* Receive buffer auto-tuning, after a read (Linux's tcp_rcv_space_adjust). */
void tcp_rcv_space_adjust(struct tcp_sock *tp);
void tcp_apply_syn_options(struct tcp_sock *tp, const struct tcp_opts *opt);
void tcp_finish_connect(struct tcp_sock *tp, const struct tcphdr *th, u32 seq, u32 ack);

/* --- net/ipv4/tcp_minisocks.c: listeners' children ------------------- */
bool tcp_child_may_establish(struct tcp_sock *child);
void tcp_child_established(struct tcp_sock *child);
void tcp_child_unlink(struct tcp_sock *child);
void tcp_listen_stop(struct tcp_sock *lp);
void tcp_rtt_estimator(struct tcp_sock *tp, u32 rtt_us);
void tcp_set_rto(struct tcp_sock *tp);
void tcp_purge_ooo(struct tcp_sock *tp);

/* --- net/ipv4/tcp_timer.c ------------------------------------------- */
void tcp_init_timers(struct tcp_sock *tp);
void tcp_clear_timers(struct tcp_sock *tp);
void tcp_reset_keepalive(struct tcp_sock *tp);
void tcp_time_wait(struct tcp_sock *tp);
void tcp_arm_fin_wait2(struct tcp_sock *tp);

/* --- net/ipv4/tcp_recovery.c: RACK-TLP, PRR, undo ------------------- */
#define TCP_DUPTHRESH 3   /* RFC 5681 §3.2, RFC 6675 §2 DupThresh */
/* A segment was newly acked or SACKed by this ACK (RFC 8985 §6.2 step 1-2). */
void tcp_rack_delivered(struct tcp_sock *tp, const struct tcp_skb_cb *cb,
			const struct tcp_ack_info *ai, bool sacked);
/* Steps 3-5 after an ACK: adapt the window from D-SACKs, mark lost what
 * was sent before the last delivered segment by more than RTT + window;
 * arm the reordering timer for the rest.  Returns the segments marked. */
u32 tcp_rack_detect_loss(struct tcp_sock *tp);
void tcp_rack_update_reo_wnd(struct tcp_sock *tp);
void tcp_rack_reo_timeout(struct tcp_sock *tp);
/* Arm the PTO in place of the RTO when a probe may go (RFC 8985 §7.2). */
bool tcp_schedule_loss_probe(struct tcp_sock *tp);
void tcp_send_loss_probe(struct tcp_sock *tp);
void tcp_process_tlp_ack(struct tcp_sock *tp, u32 ack, const struct tcp_ack_info *ai);
/* Undo: the episode starts, a D-SACK for part of it, the checks. */
void tcp_init_undo(struct tcp_sock *tp);
void tcp_undo_dsack_segs(struct tcp_sock *tp, u32 start, u32 end);
bool tcp_packet_delayed(const struct tcp_sock *tp, const struct tcp_ack_info *ai);
bool tcp_may_undo(const struct tcp_sock *tp, const struct tcp_ack_info *ai);
void tcp_undo_cwnd_reduction(struct tcp_sock *tp, bool unmark_loss);
bool tcp_try_undo_dsack(struct tcp_sock *tp);
/* PRR: entering Fast Recovery, and the cwnd for each ACK in it. */
void tcp_prr_init(struct tcp_sock *tp);
void tcp_prr_reduce(struct tcp_sock *tp, u32 delivered);
/* A segment marked lost (scoreboard counts follow). */
void tcp_mark_pkb_lost(struct tcp_sock *tp, struct pkbuf *pkb);

/* --- net/ipv4/tcp_cong.c -------------------------------------------- */
void tcp_cong_register(struct tcp_cong_ops *ops);
const struct tcp_cong_ops *tcp_cong_find(const char *name);
void tcp_cong_init(struct tcp_sock *tp);
int tcp_set_congestion(struct tcp_sock *tp, const char *name);
int tcp_set_default_congestion(const char *name);
void tcp_cong_avoid_reno(struct tcp_sock *tp, u32 acked);
u32 tcp_slow_start(struct tcp_sock *tp, u32 acked);
extern struct tcp_cong_ops tcp_newreno_ops;
extern struct tcp_cong_ops tcp_cubic_ops;

/* --- net/ipv4/tcp_syncookies.c -------------------------------------- */
/* A keyed hash (SipHash-2-4) with per-boot secret `key` (0..3). */
u64 tcp_keyed_hash(int key, u32 a, u32 b, u32 c, u32 d);
u32 tcp_ts_offset(be32 saddr, be32 daddr);
u32 tcp_cookie_make(be32 saddr, be32 daddr, be16 sport, be16 dport, u32 seq,
		    u16 *mss);
/* The MSS encoded in a valid cookie (ack_seq - 1), or 0 if invalid. */
u16 tcp_cookie_check(be32 saddr, be32 daddr, be16 sport, be16 dport, u32 seq,
		     u32 cookie);
extern bool tcp_syncookies_enabled;   /* net.ipv4.tcp_syncookies = 1 */

/* --- net/ipv4/tcp_snmp.c -------------------------------------------- */
#include <net/tcp_mib.h>

#endif
