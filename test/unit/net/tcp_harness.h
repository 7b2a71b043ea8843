/*
 * Host test harness for TCP: captures every segment TCP sends (through
 * tcp_set_ip_ops, so no IP layer is needed), parses it for assertions,
 * and injects hand-made segments as if they came from IP.  Also used by
 * the two-stack test and test/fuzz/fuzz_tcp.c.
 *
 * Addresses are loopback-range test addresses only.
 */
#ifndef TEST_TCP_HARNESS_H
#define TEST_TCP_HARNESS_H

#include <net/tcp.h>
#include "platform_host.h"

#define TH_LOCAL 0x0100007fu   /* 127.0.0.1 in network order */
#define TH_REMOTE 0x0200007fu  /* 127.0.0.2 */
#define TH_REMOTE2 0x0300007fu /* 127.0.0.3 */
#define TH_MAXDATA 16384

/* A captured segment, parsed (ports in host order). */
struct th_seg {
	be32 saddr, daddr;
	u16 sport, dport;
	u32 seq, ack;
	u8 flags;
	u16 win;
	u16 urg_ptr;
	u32 len;
	struct tcp_opts opt;
	u8 data[TH_MAXDATA];
};

/* Options for an injected segment. */
struct th_opts {
	u16 mss;             /* 0: no MSS option */
	int wscale;          /* < 0: none */
	bool sack_perm;
	bool ts;
	u32 tsval, tsecr;
	int nsacks;
	struct tcp_sack_block sacks[4];
	u16 urg_ptr;         /* the header's urgent pointer (with TCPHDR_URG) */
};

/* Start a test: fresh clock and counters, capture on, path MTU `mtu`. */
void th_setup(void);
/* End a test: abort every connection, drop captures; true when nothing
 * leaked (no packets, allocations or timers left, CurrEstab back to 0). */
bool th_teardown(void);
/* The same two as cmocka fixtures: a failed teardown check fails the test. */
int th_fixture_setup(void **state);
int th_fixture_teardown(void **state);
void th_set_mtu(u32 mtu);
/* When set, output is dropped (not captured). */
void th_set_blackhole(bool on);

/* Captured output. */
u32 th_pending(void);
bool th_pop(struct th_seg *seg);          /* oldest first; false if none */
struct pkbuf *th_pop_raw(void);           /* with its IP header, for reinjection */
void th_drain(void);

/* Inject a segment as if from IP (checksum filled in). */
void th_inject(be32 saddr, u16 sport, be32 daddr, u16 dport, u32 seq, u32 ack, u8 flags,
	       u16 win, const struct th_opts *o, const void *data, u32 len);
/* Feed a raw IP packet (header + TCP) to tcp_v4_rcv. */
void th_inject_ip(struct pkbuf *pkb);

/* A scripted peer at TH_REMOTE:port talking to TH_LOCAL:lport. */
struct th_peer {
	be32 addr, laddr;
	u16 port, lport;
	u32 snd_nxt, rcv_nxt;
	u16 win;
	bool ts;
	u32 tsval;          /* the peer's clock */
	u32 ts_recent;      /* last TSval seen from us */
	int nsacks;
	struct tcp_sack_block sacks[4];
	u16 urg_ptr;        /* sent in every segment's header */
};
void th_peer_init(struct th_peer *p, u16 port, u16 lport);
/* Send from the peer with its current seq/ack; advances snd_nxt. */
void th_peer_send(struct th_peer *p, u8 flags, const void *data, u32 len);
/* Same but at an explicit sequence number (snd_nxt unchanged). */
void th_peer_send_at(struct th_peer *p, u32 seq, u8 flags, const void *data, u32 len);
/* Pop the next segment and update the peer's view (rcv_nxt, ts_recent). */
bool th_peer_recv(struct th_peer *p, struct th_seg *seg);

/* Connect tp (bound to the peer's lport) to the peer: our SYN, its
 * SYN-ACK with ISN peer_isn and options o (NULL: none).  Our ACK is not
 * taken.  True when tp is ESTABLISHED. */
bool th_connect(struct th_peer *p, struct tcp_sock *tp, u32 peer_isn, const struct th_opts *o);
/* The same with the SYN-ACK arriving rtt_ns after the SYN (the first
 * RTT sample). */
bool th_connect_rtt(struct th_peer *p, struct tcp_sock *tp, u32 peer_isn, const struct th_opts *o,
		    u64 rtt_ns);
/* Open a connection from a new socket to the peer: SYN, SYN-ACK (peer ISN
 * `peer_isn`, options per `o`), ACK.  Returns the ESTABLISHED socket. */
struct tcp_sock *th_active_open(struct th_peer *p, u32 peer_isn, const struct th_opts *o);
/* Listener on TH_LOCAL:lport with `backlog`. */
struct tcp_sock *th_listen(u16 lport, int backlog);
/* Peer connects to the listener; returns the accepted socket. */
struct tcp_sock *th_passive_open(struct th_peer *p, struct tcp_sock *lp, u32 peer_isn,
				 const struct th_opts *o);

/* Upcall recorder attached to a socket's struct sock. */
struct th_events {
	int data_ready, write_space, state_change, error_report;
};
void th_watch(struct tcp_sock *tp, struct th_events *ev);

/* Consistency of one / every connection: NULL, or what is broken. */
const char *th_check_sock(const struct tcp_sock *tp);
const char *th_check_all(void);

/* Find a connection by state (first match), or NULL. */
struct tcp_sock *th_find_state(int state);
int th_count_socks(void);

#endif
