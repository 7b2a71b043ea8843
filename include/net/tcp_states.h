/*
 * TCP connection states, numbered as Linux numbers them: tcp_info's
 * tcpi_state and /proc/net/tcp's "st" column expose these values.
 */
#ifndef NET_TCP_STATES_H
#define NET_TCP_STATES_H

enum tcp_state {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_MAX_STATES
};

/* The state's RFC 9293 name, for logs and tests. */
const char *tcp_state_name(int state);

#endif
