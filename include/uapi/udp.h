/*
 * UDP as user space sees it (udp(7)): SOL_UDP option numbers and
 * UDP_ENCAP types, Linux values.  The datagram header is wire format:
 * include/net/udp.h.
 */
#ifndef TERN_UAPI_UDP_H
#define TERN_UAPI_UDP_H

#define UDP_CORK		1	/* hold sends until uncorked (MSG_MORE for all) */
#define UDP_ENCAP		100
#define UDP_NO_CHECK6_TX	101
#define UDP_NO_CHECK6_RX	102
#define UDP_SEGMENT		103	/* GSO: split a send into segments of this size */
#define UDP_GRO			104

/* UDP_ENCAP values. */
#define UDP_ENCAP_ESPINUDP_NON_IKE	1
#define UDP_ENCAP_ESPINUDP		2
#define UDP_ENCAP_L2TPINUDP		3
#define UDP_ENCAP_GTP0			4
#define UDP_ENCAP_GTP1U			5
#define UDP_ENCAP_RXRPC			6
#define TCP_ENCAP_ESPINTCP		7

#endif
