/*
 * TCP urgent data as Linux handles it (tcp(7), RFC 9293 §3.8.5, RFC 6093):
 * the urgent pointer points one past the urgent byte; without
 * SO_OOBINLINE that byte is held out of band for recv(MSG_OOB), a read
 * stops at the mark and then steps over it; SIOCATMARK, SIOCINQ and
 * poll's EPOLLPRI follow the mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tcp_harness.h"

static struct tcp_sock *open_conn(struct th_peer *p, u16 lport)
{
	struct tcp_sock *tp;

	th_peer_init(p, 80, lport);
	tp = th_active_open(p, 1000, NULL);
	assert_non_null(tp);
	th_drain();
	return tp;
}

/* The peer sends `data` with URG and a pointer `ptr` bytes past its
 * first byte (BSD/Linux: one past the urgent byte). */
static void send_urgent(struct th_peer *p, const char *data, u16 ptr)
{
	p->urg_ptr = ptr;
	th_peer_send(p, TCPHDR_ACK | TCPHDR_URG, data, (u32)strlen(data));
	p->urg_ptr = 0;
}

static long rd(struct tcp_sock *tp, char *buf, size_t len, int flags)
{
	memset(buf, 0, len);
	return tcp_recv(tp, buf, len, flags);
}

static void urgent_byte_is_out_of_band(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43000);
	char buf[16];

	(void)state;
	assert_int_equal(rd(tp, buf, 1, MSG_OOB), -EINVAL);   /* none yet */
	assert_false(tcp_atmark(tp));
	send_urgent(&p, "ab", 2);
	th_peer_send(&p, TCPHDR_ACK, "cd", 2);
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), EPOLLIN | EPOLLPRI);
	assert_int_equal(tcp_inq(tp), 1);                 /* up to the mark */
	assert_false(tcp_atmark(tp));
	/* A read stops at the mark. */
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 1);
	assert_string_equal(buf, "a");
	assert_true(tcp_atmark(tp));
	assert_int_equal(tcp_inq(tp), 0);
	/* At the mark the out-of-band byte does not make the socket
	 * readable: only "cd" is there for a read. */
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), EPOLLIN | EPOLLPRI);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB | MSG_PEEK), 1);
	assert_string_equal(buf, "b");
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), 1);
	assert_string_equal(buf, "b");
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), -EINVAL);   /* taken */
	assert_false(tcp_poll(tp) & EPOLLPRI);
	assert_true(tcp_atmark(tp));
	/* The next read steps over the urgent byte. */
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 2);
	assert_string_equal(buf, "cd");
	assert_false(tcp_atmark(tp));
	assert_int_equal(tp->urg_data, 0);
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), 0);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), -EAGAIN);
	tcp_abort(tp);
}

static void oobinline_keeps_the_byte_in_the_stream(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43001);
	char buf[16];

	(void)state;
	tp->sk.oobinline = true;
	send_urgent(&p, "ab", 2);
	th_peer_send(&p, TCPHDR_ACK, "cd", 2);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), -EINVAL);
	assert_int_equal(tcp_inq(tp), 4);
	assert_true(tcp_poll(tp) & EPOLLPRI);
	/* The read still stops at the mark ... */
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 1);
	assert_string_equal(buf, "a");
	assert_true(tcp_atmark(tp));
	/* ... and the urgent byte is the next one read. */
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 3);
	assert_string_equal(buf, "bcd");
	assert_false(tcp_atmark(tp));
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), 0);
	tcp_abort(tp);
}

/* Reading on past the mark without MSG_OOB loses the urgent byte. */
static void urgent_byte_not_taken_is_dropped(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43002);
	char buf[16];

	(void)state;
	send_urgent(&p, "xyz", 3);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 2);
	assert_string_equal(buf, "xy");
	/* At the mark with nothing after the byte: nothing to read, and
	 * the byte is gone with the mark. */
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), -EAGAIN);
	assert_int_equal(tp->urg_data, 0);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), -EINVAL);
	th_peer_send(&p, TCPHDR_ACK, "w", 1);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 1);
	assert_string_equal(buf, "w");
	tcp_abort(tp);
}

/* MSG_PEEK at the mark steps over the urgent byte without taking it. */
static void peek_steps_over_the_urgent_byte(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43003);
	char buf[16];
	u32 skip = 0;
	struct pkbuf *pkb;
	u32 off;

	(void)state;
	send_urgent(&p, "ab", 2);
	th_peer_send(&p, TCPHDR_ACK, "cd", 2);
	/* A peek from the start also stops at the mark. */
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_PEEK), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(rd(tp, buf, 1, 0), 1);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_PEEK), 2);
	assert_string_equal(buf, "cd");
	assert_true(tcp_atmark(tp));                      /* nothing consumed */
	/* The engine's view: a peek past the mark has skipped one more
	 * byte of sequence space than it returned. */
	assert_int_equal(tcp_recv_peek(tp, &skip, 0, true, &pkb, &off), 2);
	assert_int_equal(skip, 1);
	pkb_free(pkb);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), 1);
	assert_string_equal(buf, "b");
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 2);
	assert_string_equal(buf, "cd");
	tcp_abort(tp);
}

/* A pointer past the data received: the mark is known before its byte. */
static void urgent_pointer_ahead_of_its_byte(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43004);
	char buf[16];

	(void)state;
	send_urgent(&p, "xy", 5);                        /* the byte is 4 past x */
	assert_int_equal(tp->urg_data, TCP_URG_NOTYET);
	assert_false(tcp_poll(tp) & EPOLLPRI);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), -EAGAIN);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 2);
	assert_true(tcp_recv_ready(tp, 0, 1) == false);
	th_peer_send(&p, TCPHDR_ACK, "zw!", 3);
	assert_true(tcp_poll(tp) & EPOLLPRI);
	/* A blocked reader wakes: every byte before the mark is here. */
	assert_true(tcp_recv_ready(tp, 0, 100));
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 2);
	assert_string_equal(buf, "zw");
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), 1);
	assert_string_equal(buf, "!");
	/* A later mark whose byte never comes: MSG_OOB says "not yet",
	 * then, after the peer's FIN, end of stream. */
	send_urgent(&p, "", 9);
	assert_int_equal(tp->urg_data, TCP_URG_NOTYET);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), -EAGAIN);
	th_peer_send(&p, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), 0);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 0);
	tcp_abort(tp);
}

/* Old pointers are not replayed; a newer one moves the mark, and a
 * reader standing on the old out-of-band byte steps over it. */
static void newer_pointer_replaces_the_mark(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43005);
	u32 base = p.snd_nxt;
	char buf[16];

	(void)state;
	send_urgent(&p, "ab", 2);                        /* mark at b */
	assert_int_equal(tp->urg_seq, base + 1);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 1); /* "a", at the mark */
	/* A retransmission of the same pointer changes nothing. */
	p.urg_ptr = 2;
	th_peer_send_at(&p, base, TCPHDR_ACK | TCPHDR_URG, "ab", 2);
	p.urg_ptr = 0;
	assert_int_equal(tp->urg_seq, base + 1);
	assert_int_equal(tp->urg_data, TCP_URG_VALID | 'b');
	/* A new urgent byte: "b" leaves the stream, "d" is urgent now. */
	send_urgent(&p, "cd", 2);
	assert_int_equal(tp->urg_seq, base + 3);
	assert_int_equal(tp->urg_data, TCP_URG_VALID | 'd');
	assert_int_equal(tp->copied_seq, base + 2);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), 1);
	assert_string_equal(buf, "c");
	assert_int_equal(rd(tp, buf, sizeof(buf), MSG_OOB), 1);
	assert_string_equal(buf, "d");
	tcp_abort(tp);
}

/* SO_RCVLOWAT and the mark: poll counts the out-of-band byte out. */
static void rcvlowat_and_the_mark(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43006);
	char buf[16];

	(void)state;
	send_urgent(&p, "!", 1);
	/* Only the urgent byte: exceptional, not readable (select(2)). */
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), EPOLLPRI);
	assert_int_equal(rd(tp, buf, sizeof(buf), 0), -EAGAIN);
	tcp_abort(tp);
	th_drain();
	tp = open_conn(&p, 43007);
	send_urgent(&p, "!", 1);
	th_peer_send(&p, TCPHDR_ACK, "d", 1);
	assert_int_equal(tcp_poll(tp) & (EPOLLIN | EPOLLPRI), EPOLLIN | EPOLLPRI);
	tp->sk.rcvlowat = 2;
	assert_false(tcp_poll(tp) & EPOLLIN);             /* "d" is one byte */
	th_peer_send(&p, TCPHDR_ACK, "e", 1);
	assert_true(tcp_poll(tp) & EPOLLIN);
	tcp_abort(tp);
}

/* The sender: the pointer is one past the last byte of the MSG_OOB
 * send, even on a later segment, and urgent data is not held by Nagle. */
static void sender_marks_and_pushes_urgent_data(void **state)
{
	struct th_peer p;
	struct tcp_sock *tp = open_conn(&p, 43008);
	struct th_seg seg;

	(void)state;
	assert_int_equal(tcp_send(tp, "a", 1, 0), 1);
	assert_true(th_peer_recv(&p, &seg));
	/* "a" is unacked: Nagle would hold a small segment ... */
	assert_int_equal(tcp_send(tp, "xyz", 3, MSG_OOB), 3);
	assert_true(th_peer_recv(&p, &seg));             /* ... but not urgent data */
	assert_int_equal(seg.len, 3);
	assert_true(seg.flags & TCPHDR_URG);
	assert_int_equal(seg.urg_ptr, 3);
	th_peer_send(&p, TCPHDR_ACK, NULL, 0);
	assert_false(tp->urg_mode);
	tcp_abort(tp);
}

/* Two sockets of this stack over the harness's loopback: what one sends
 * with MSG_OOB, the other holds out of band. */
static void pump(void)
{
	struct pkbuf *pkb;
	int guard = 1000;

	while (guard-- > 0 && (pkb = th_pop_raw()))
		th_inject_ip(pkb);
}

static void oob_between_two_sockets(void **state)
{
	struct tcp_sock *lp = th_listen(43010, 4), *c = tcp_create(), *s = NULL;
	char buf[16];

	(void)state;
	assert_int_equal(tcp_connect(c, TH_LOCAL, net_htons(43010)), -EINPROGRESS);
	pump();
	assert_int_equal(tcp_accept(lp, &s), 0);
	assert_int_equal(tcp_send(c, "ab", 2, MSG_OOB), 2);
	assert_int_equal(tcp_send(c, "cd", 2, 0), 2);
	pump();
	assert_int_equal(tcp_poll(s) & (EPOLLIN | EPOLLPRI), EPOLLIN | EPOLLPRI);
	assert_int_equal(tcp_inq(s), 1);
	assert_int_equal(rd(s, buf, sizeof(buf), 0), 1);
	assert_int_equal(rd(s, buf, sizeof(buf), MSG_OOB), 1);
	assert_string_equal(buf, "b");
	assert_int_equal(rd(s, buf, sizeof(buf), 0), 2);
	assert_string_equal(buf, "cd");
	tcp_abort(c);
	tcp_abort(s);
	tcp_abort(lp);
	pump();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(urgent_byte_is_out_of_band, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(oobinline_keeps_the_byte_in_the_stream, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(urgent_byte_not_taken_is_dropped, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(peek_steps_over_the_urgent_byte, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(urgent_pointer_ahead_of_its_byte, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(newer_pointer_replaces_the_mark, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(rcvlowat_and_the_mark, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(sender_marks_and_pushes_urgent_data, th_fixture_setup, th_fixture_teardown),
		cmocka_unit_test_setup_teardown(oob_between_two_sockets, th_fixture_setup, th_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
