/*
 * TCP as user space sees it (tcp(7)): SOL_TCP option numbers and
 * struct tcp_info (TCP_INFO), with Linux 6.1's x86_64 numbers and
 * layout.  The segment header is wire format: include/net/tcp.h.
 */
#ifndef TERN_UAPI_TCP_H
#define TERN_UAPI_TCP_H

#include <stddef.h>
#include <uapi/types.h>

/* MSS assumed without an MSS option (RFC 9293 §3.7.1), and for IPv6 tunnels. */
#define TCP_MSS_DEFAULT		536u
#define TCP_MSS_DESIRED		1220u

/* SOL_TCP options. */
#define TCP_NODELAY		1	/* Nagle off */
#define TCP_MAXSEG		2
#define TCP_CORK		3
#define TCP_KEEPIDLE		4	/* seconds idle before the first probe */
#define TCP_KEEPINTVL		5	/* seconds between probes */
#define TCP_KEEPCNT		6	/* probes before the connection dies */
#define TCP_SYNCNT		7	/* SYN retransmissions */
#define TCP_LINGER2		8	/* FIN_WAIT2 lifetime of an orphan */
#define TCP_DEFER_ACCEPT	9	/* accept(2) only once data arrived */
#define TCP_WINDOW_CLAMP	10
#define TCP_INFO		11	/* struct tcp_info */
#define TCP_QUICKACK		12
#define TCP_CONGESTION		13	/* algorithm name */
#define TCP_MD5SIG		14
#define TCP_THIN_LINEAR_TIMEOUTS 16
#define TCP_THIN_DUPACK		17
#define TCP_USER_TIMEOUT	18	/* ms unacknowledged before giving up */
#define TCP_REPAIR		19
#define TCP_REPAIR_QUEUE	20
#define TCP_QUEUE_SEQ		21
#define TCP_REPAIR_OPTIONS	22
#define TCP_FASTOPEN		23
#define TCP_TIMESTAMP		24
#define TCP_NOTSENT_LOWAT	25
#define TCP_CC_INFO		26
#define TCP_SAVE_SYN		27
#define TCP_SAVED_SYN		28
#define TCP_REPAIR_WINDOW	29
#define TCP_FASTOPEN_CONNECT	30
#define TCP_ULP			31
#define TCP_MD5SIG_EXT		32
#define TCP_FASTOPEN_KEY	33
#define TCP_FASTOPEN_NO_COOKIE	34
#define TCP_ZEROCOPY_RECEIVE	35
#define TCP_INQ			36	/* TCP_CM_INQ control message with the bytes queued */
#define TCP_CM_INQ		TCP_INQ
#define TCP_TX_DELAY		37

/* TCP_REPAIR values. */
#define TCP_REPAIR_ON		1
#define TCP_REPAIR_OFF		0
#define TCP_REPAIR_OFF_NO_WP	-1

/* TCP_REPAIR_QUEUE values. */
enum {
	TCP_NO_QUEUE,
	TCP_RECV_QUEUE,
	TCP_SEND_QUEUE,
	TCP_QUEUES_NR,
};

/* tcpi_options bits: what the handshake negotiated. */
#define TCPI_OPT_TIMESTAMPS	1
#define TCPI_OPT_SACK		2
#define TCPI_OPT_WSCALE		4
#define TCPI_OPT_ECN		8
#define TCPI_OPT_ECN_SEEN	16
#define TCPI_OPT_SYN_DATA	32

/* tcpi_ca_state: the sender's congestion state (Linux's names and numbers). */
enum tcp_ca_state {
	TCP_CA_Open = 0,		/* nothing wrong */
	TCP_CA_Disorder = 1,		/* duplicate ACKs or SACKs seen */
	TCP_CA_CWR = 2,			/* window reduced (ECN, local congestion) */
	TCP_CA_Recovery = 3,		/* fast retransmit (RFC 6675, RFC 6582) */
	TCP_CA_Loss = 4,		/* retransmission timeout */
};
#define TCPF_CA_Open		(1 << TCP_CA_Open)
#define TCPF_CA_Disorder	(1 << TCP_CA_Disorder)
#define TCPF_CA_CWR		(1 << TCP_CA_CWR)
#define TCPF_CA_Recovery	(1 << TCP_CA_Recovery)
#define TCPF_CA_Loss		(1 << TCP_CA_Loss)

/* Why a TCP Fast Open client attempt failed (tcpi_rate_tfo bits 1-2). */
enum tcp_fastopen_client_fail {
	TFO_STATUS_UNSPEC,
	TFO_COOKIE_UNAVAILABLE,
	TFO_DATA_NOT_ACKED,
	TFO_SYN_RETRANSMITTED,
};

/*
 * TCP_INFO (232 bytes in Linux 6.1; a shorter user buffer gets a
 * prefix).  Times are microseconds, except tcpi_last_* (milliseconds
 * ago).  Linux declares two of the bytes as
 * bit-fields; here they are plain bytes built with the macros below:
 *   tcpi_wscale:   bits 0-3 send window scale, bits 4-7 receive scale
 *   tcpi_rate_tfo: bit 0 delivery rate application-limited,
 *                  bits 1-2 enum tcp_fastopen_client_fail
 */
struct tcp_info {
	u8 tcpi_state;			/* TCP_ESTABLISHED ... (tcp_states.h) */
	u8 tcpi_ca_state;		/* enum tcp_ca_state */
	u8 tcpi_retransmits;
	u8 tcpi_probes;
	u8 tcpi_backoff;
	u8 tcpi_options;		/* TCPI_OPT_* */
	u8 tcpi_wscale;			/* TCPI_WSCALE(snd, rcv) */
	u8 tcpi_rate_tfo;		/* TCPI_RATE_TFO(app_limited, tfo_fail) */

	u32 tcpi_rto;
	u32 tcpi_ato;
	u32 tcpi_snd_mss;
	u32 tcpi_rcv_mss;

	u32 tcpi_unacked;
	u32 tcpi_sacked;
	u32 tcpi_lost;
	u32 tcpi_retrans;
	u32 tcpi_fackets;

	u32 tcpi_last_data_sent;	/* ms */
	u32 tcpi_last_ack_sent;		/* always 0 in Linux */
	u32 tcpi_last_data_recv;	/* ms */
	u32 tcpi_last_ack_recv;		/* ms */

	u32 tcpi_pmtu;
	u32 tcpi_rcv_ssthresh;
	u32 tcpi_rtt;
	u32 tcpi_rttvar;
	u32 tcpi_snd_ssthresh;
	u32 tcpi_snd_cwnd;
	u32 tcpi_advmss;
	u32 tcpi_reordering;

	u32 tcpi_rcv_rtt;
	u32 tcpi_rcv_space;

	u32 tcpi_total_retrans;

	u64 tcpi_pacing_rate;		/* bytes per second */
	u64 tcpi_max_pacing_rate;
	u64 tcpi_bytes_acked;		/* RFC 4898 tcpEStatsAppHCThruOctetsAcked */
	u64 tcpi_bytes_received;	/* RFC 4898 tcpEStatsAppHCThruOctetsReceived */
	u32 tcpi_segs_out;
	u32 tcpi_segs_in;

	u32 tcpi_notsent_bytes;
	u32 tcpi_min_rtt;
	u32 tcpi_data_segs_in;
	u32 tcpi_data_segs_out;

	u64 tcpi_delivery_rate;

	u64 tcpi_busy_time;
	u64 tcpi_rwnd_limited;
	u64 tcpi_sndbuf_limited;

	u32 tcpi_delivered;
	u32 tcpi_delivered_ce;

	u64 tcpi_bytes_sent;
	u64 tcpi_bytes_retrans;
	u32 tcpi_dsack_dups;
	u32 tcpi_reord_seen;

	u32 tcpi_rcv_ooopack;

	u32 tcpi_snd_wnd;		/* peer's window, scaled, in bytes */
};
_Static_assert(offsetof(struct tcp_info, tcpi_rto) == 8, "tcpi_rto");
_Static_assert(offsetof(struct tcp_info, tcpi_pacing_rate) == 104, "tcpi_pacing_rate");
_Static_assert(offsetof(struct tcp_info, tcpi_segs_out) == 136, "tcpi_segs_out");
_Static_assert(offsetof(struct tcp_info, tcpi_delivery_rate) == 160, "tcpi_delivery_rate");
_Static_assert(offsetof(struct tcp_info, tcpi_delivered) == 192, "tcpi_delivered");
_Static_assert(offsetof(struct tcp_info, tcpi_bytes_sent) == 200, "tcpi_bytes_sent");
_Static_assert(offsetof(struct tcp_info, tcpi_dsack_dups) == 216, "tcpi_dsack_dups");
_Static_assert(offsetof(struct tcp_info, tcpi_snd_wnd) == 228, "tcpi_snd_wnd");
_Static_assert(sizeof(struct tcp_info) == 232, "tcp_info is 232 bytes in Linux 6.1");

/*
 * The two packed bytes (x86_64 allocates bit-fields from bit 0 up).
 * Linux has no such macros: its struct names the bit-fields instead.
 */
#define TCPI_WSCALE(snd, rcv)	((u8)(((snd) & 0xf) | ((rcv) & 0xf) << 4))	/* tern-only */
#define TCPI_SND_WSCALE(b)	((b) & 0xf)					/* tern-only */
#define TCPI_RCV_WSCALE(b)	((b) >> 4 & 0xf)				/* tern-only */
#define TCPI_RATE_TFO(app_limited, tfo_fail) /* tern-only */ \
	((u8)(((app_limited) & 1) | ((tfo_fail) & 3) << 1))

#endif
