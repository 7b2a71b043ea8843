/*
 * The socket ABI of Linux x86_64: address families, socket types,
 * send/recv flags, option levels and SOL_SOCKET options, and the
 * structures socket(2), sendmsg(2), recvmsg(2), sendmmsg(2) and
 * getsockopt(2) exchange with user space (socket(7), cmsg(3), unix(7)).
 *
 * Values are Linux's (asm-generic/socket.h, which x86_64 uses as is, and
 * the numbers of include/linux/socket.h that glibc and musl repeat).
 * Pointers inside these structures are user addresses when the kernel
 * reads them.  test/unit/uapi checks every number and layout here
 * against the build machine's Linux headers.
 */
#ifndef TERN_UAPI_SOCKET_H
#define TERN_UAPI_SOCKET_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/uio.h>

typedef u16 sa_family_t;

/* socket(2) domains.  PF_x is the same number as AF_x. */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_AX25		3
#define AF_IPX		4
#define AF_APPLETALK	5
#define AF_NETROM	6
#define AF_BRIDGE	7
#define AF_ATMPVC	8
#define AF_X25		9
#define AF_INET6	10
#define AF_ROSE		11
#define AF_DECnet	12
#define AF_NETBEUI	13
#define AF_SECURITY	14
#define AF_KEY		15
#define AF_NETLINK	16
#define AF_ROUTE	AF_NETLINK
#define AF_PACKET	17
#define AF_ASH		18
#define AF_ECONET	19
#define AF_ATMSVC	20
#define AF_RDS		21
#define AF_SNA		22
#define AF_IRDA		23
#define AF_PPPOX	24
#define AF_WANPIPE	25
#define AF_LLC		26
#define AF_IB		27
#define AF_MPLS		28
#define AF_CAN		29
#define AF_TIPC		30
#define AF_BLUETOOTH	31
#define AF_IUCV		32
#define AF_RXRPC	33
#define AF_ISDN		34
#define AF_PHONET	35
#define AF_IEEE802154	36
#define AF_CAIF		37
#define AF_ALG		38
#define AF_NFC		39
#define AF_VSOCK	40
#define AF_KCM		41
#define AF_QIPCRTR	42
#define AF_SMC		43
#define AF_XDP		44
#define AF_MCTP		45
#define AF_MAX		46	/* one past the last family */

#define PF_UNSPEC	AF_UNSPEC
#define PF_UNIX		AF_UNIX
#define PF_LOCAL	AF_LOCAL
#define PF_INET		AF_INET
#define PF_AX25		AF_AX25
#define PF_IPX		AF_IPX
#define PF_APPLETALK	AF_APPLETALK
#define PF_NETROM	AF_NETROM
#define PF_BRIDGE	AF_BRIDGE
#define PF_ATMPVC	AF_ATMPVC
#define PF_X25		AF_X25
#define PF_INET6	AF_INET6
#define PF_ROSE		AF_ROSE
#define PF_DECnet	AF_DECnet
#define PF_NETBEUI	AF_NETBEUI
#define PF_SECURITY	AF_SECURITY
#define PF_KEY		AF_KEY
#define PF_NETLINK	AF_NETLINK
#define PF_ROUTE	AF_ROUTE
#define PF_PACKET	AF_PACKET
#define PF_ASH		AF_ASH
#define PF_ECONET	AF_ECONET
#define PF_ATMSVC	AF_ATMSVC
#define PF_RDS		AF_RDS
#define PF_SNA		AF_SNA
#define PF_IRDA		AF_IRDA
#define PF_PPPOX	AF_PPPOX
#define PF_WANPIPE	AF_WANPIPE
#define PF_LLC		AF_LLC
#define PF_IB		AF_IB
#define PF_MPLS		AF_MPLS
#define PF_CAN		AF_CAN
#define PF_TIPC		AF_TIPC
#define PF_BLUETOOTH	AF_BLUETOOTH
#define PF_IUCV		AF_IUCV
#define PF_RXRPC	AF_RXRPC
#define PF_ISDN		AF_ISDN
#define PF_PHONET	AF_PHONET
#define PF_IEEE802154	AF_IEEE802154
#define PF_CAIF		AF_CAIF
#define PF_ALG		AF_ALG
#define PF_NFC		AF_NFC
#define PF_VSOCK	AF_VSOCK
#define PF_KCM		AF_KCM
#define PF_QIPCRTR	AF_QIPCRTR
#define PF_SMC		AF_SMC
#define PF_XDP		AF_XDP
#define PF_MCTP		AF_MCTP
#define PF_MAX		AF_MAX

/*
 * socket(2) types.  The type argument also carries SOCK_NONBLOCK and
 * SOCK_CLOEXEC, which are O_NONBLOCK and O_CLOEXEC's numbers; the low
 * four bits are the type proper.
 */
#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_DCCP	6
#define SOCK_PACKET	10
#define SOCK_NONBLOCK	00004000
#define SOCK_CLOEXEC	02000000
#define SOCK_TYPE_MASK	0xf	/* tern-only: kernel-internal in Linux */

/* send(2)/recv(2)/sendmsg(2)/recvmsg(2) flags, and msg_flags bits. */
#define MSG_OOB			0x00000001
#define MSG_PEEK		0x00000002
#define MSG_DONTROUTE		0x00000004
#define MSG_TRYHARD		MSG_DONTROUTE	/* DECnet's old name */
#define MSG_CTRUNC		0x00000008
#define MSG_TRUNC		0x00000020
#define MSG_DONTWAIT		0x00000040
#define MSG_EOR			0x00000080
#define MSG_WAITALL		0x00000100
#define MSG_FIN			0x00000200
#define MSG_SYN			0x00000400
#define MSG_CONFIRM		0x00000800
#define MSG_RST			0x00001000
#define MSG_ERRQUEUE		0x00002000
#define MSG_NOSIGNAL		0x00004000
#define MSG_MORE		0x00008000
#define MSG_WAITFORONE		0x00010000	/* recvmmsg(2) */
#define MSG_BATCH		0x00040000	/* sendmmsg(2): more follow */
#define MSG_ZEROCOPY		0x04000000
#define MSG_FASTOPEN		0x20000000
#define MSG_CMSG_CLOEXEC	0x40000000
#define MSG_CMSG_COMPAT		0x80000000	/* tern-only: kernel-internal in Linux */

/* setsockopt(2) levels: SOL_SOCKET, and the protocol number for the rest. */
#define SOL_SOCKET	1
#define SOL_IP		0
#define SOL_TCP		6
#define SOL_UDP		17
#define SOL_IPV6	41
#define SOL_ICMPV6	58
#define SOL_RAW		255
#define SOL_DECNET	261
#define SOL_X25		262
#define SOL_PACKET	263
#define SOL_ATM		264
#define SOL_AAL		265
#define SOL_IRDA	266
#define SOL_NETBEUI	267
#define SOL_LLC		268
#define SOL_DCCP	269
#define SOL_NETLINK	270
#define SOL_TIPC	271
#define SOL_RXRPC	272
#define SOL_PPPOL2TP	273
#define SOL_BLUETOOTH	274
#define SOL_PNPIPE	275
#define SOL_RDS		276
#define SOL_IUCV	277
#define SOL_CAIF	278
#define SOL_ALG		279
#define SOL_NFC		280
#define SOL_KCM		281
#define SOL_TLS		282
#define SOL_XDP		283
#define SOL_MPTCP	284
#define SOL_MCTP	285
#define SOL_SMC		286

/*
 * SOL_SOCKET options (socket(7)).  On x86_64 time_t is 64 bits, so the
 * unsuffixed timestamp and timeout names are the _OLD numbers (their
 * structures are the 64-bit timeval/timespec either way).
 */
#define SO_DEBUG			1
#define SO_REUSEADDR			2
#define SO_TYPE				3
#define SO_ERROR			4
#define SO_DONTROUTE			5
#define SO_BROADCAST			6
#define SO_SNDBUF			7
#define SO_RCVBUF			8
#define SO_KEEPALIVE			9
#define SO_OOBINLINE			10
#define SO_NO_CHECK			11
#define SO_PRIORITY			12
#define SO_LINGER			13
#define SO_BSDCOMPAT			14
#define SO_REUSEPORT			15
#define SO_PASSCRED			16
#define SO_PEERCRED			17
#define SO_RCVLOWAT			18
#define SO_SNDLOWAT			19
#define SO_RCVTIMEO_OLD			20
#define SO_SNDTIMEO_OLD			21
#define SO_SECURITY_AUTHENTICATION	22
#define SO_SECURITY_ENCRYPTION_TRANSPORT 23
#define SO_SECURITY_ENCRYPTION_NETWORK	24
#define SO_BINDTODEVICE			25
#define SO_ATTACH_FILTER		26
#define SO_DETACH_FILTER		27
#define SO_GET_FILTER			SO_ATTACH_FILTER
#define SO_PEERNAME			28
#define SO_TIMESTAMP_OLD		29
#define SO_ACCEPTCONN			30
#define SO_PEERSEC			31
#define SO_SNDBUFFORCE			32
#define SO_RCVBUFFORCE			33
#define SO_PASSSEC			34
#define SO_TIMESTAMPNS_OLD		35
#define SO_MARK				36
#define SO_TIMESTAMPING_OLD		37
#define SO_PROTOCOL			38
#define SO_DOMAIN			39
#define SO_RXQ_OVFL			40
#define SO_WIFI_STATUS			41
#define SO_PEEK_OFF			42
#define SO_NOFCS			43
#define SO_LOCK_FILTER			44
#define SO_SELECT_ERR_QUEUE		45
#define SO_BUSY_POLL			46
#define SO_MAX_PACING_RATE		47
#define SO_BPF_EXTENSIONS		48
#define SO_INCOMING_CPU			49
#define SO_ATTACH_BPF			50
#define SO_DETACH_BPF			SO_DETACH_FILTER
#define SO_ATTACH_REUSEPORT_CBPF	51
#define SO_ATTACH_REUSEPORT_EBPF	52
#define SO_CNX_ADVICE			53
#define SO_MEMINFO			55
#define SO_INCOMING_NAPI_ID		56
#define SO_COOKIE			57
#define SO_PEERGROUPS			59
#define SO_ZEROCOPY			60
#define SO_TXTIME			61
#define SO_BINDTOIFINDEX		62
#define SO_TIMESTAMP_NEW		63
#define SO_TIMESTAMPNS_NEW		64
#define SO_TIMESTAMPING_NEW		65
#define SO_RCVTIMEO_NEW			66
#define SO_SNDTIMEO_NEW			67
#define SO_DETACH_REUSEPORT_BPF		68
#define SO_PREFER_BUSY_POLL		69
#define SO_BUSY_POLL_BUDGET		70
#define SO_NETNS_COOKIE			71
#define SO_BUF_LOCK			72
#define SO_RESERVE_MEM			73
#define SO_TXREHASH			74
#define SO_RCVMARK			75

#define SO_TIMESTAMP		SO_TIMESTAMP_OLD
#define SO_TIMESTAMPNS		SO_TIMESTAMPNS_OLD
#define SO_TIMESTAMPING		SO_TIMESTAMPING_OLD
#define SO_RCVTIMEO		SO_RCVTIMEO_OLD
#define SO_SNDTIMEO		SO_SNDTIMEO_OLD

/* SO_BUF_LOCK's value: which of SO_SNDBUF/SO_RCVBUF the user fixed. */
#define SOCK_SNDBUF_LOCK	1
#define SOCK_RCVBUF_LOCK	2
#define SOCK_BUF_LOCK_MASK	(SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK)

/* SO_TXREHASH values. */
#define SOCK_TXREHASH_DEFAULT	255
#define SOCK_TXREHASH_DISABLED	0
#define SOCK_TXREHASH_ENABLED	1

/* Control message types at SOL_SOCKET (cmsg_type). */
#define SCM_RIGHTS			0x01	/* unix(7): file descriptors */
#define SCM_CREDENTIALS			0x02	/* unix(7): struct ucred */
#define SCM_SECURITY			0x03	/* tern-only: kernel-internal in Linux */
#define SCM_TIMESTAMP			SO_TIMESTAMP
#define SCM_TIMESTAMPNS			SO_TIMESTAMPNS
#define SCM_TIMESTAMPING		SO_TIMESTAMPING
#define SCM_WIFI_STATUS			SO_WIFI_STATUS
#define SCM_TIMESTAMPING_OPT_STATS	54
#define SCM_TIMESTAMPING_PKTINFO	58
#define SCM_TXTIME			SO_TXTIME

/* shutdown(2) */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* listen(2): the largest backlog (net.core.somaxconn's default). */
#define SOMAXCONN	4096

/* The generic address: 16 bytes, what every sockaddr_* begins with. */
struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};
_Static_assert(sizeof(struct sockaddr) == 16, "sockaddr is 16 bytes");

/* Room for any address family's sockaddr (128 bytes, 8-aligned). */
struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_data[126];
} __attribute__((aligned(8)));
_Static_assert(sizeof(struct sockaddr_storage) == 128, "sockaddr_storage size");
_Static_assert(_Alignof(struct sockaddr_storage) == 8, "sockaddr_storage align");

/*
 * sendmsg(2)/recvmsg(2): Linux's user_msghdr.  msg_namelen is an int
 * and msg_flags an unsigned int, each followed by 4 bytes of padding.
 */
struct msghdr {
	void *msg_name;
	s32 msg_namelen;
	struct iovec *msg_iov;
	u64 msg_iovlen;
	void *msg_control;
	u64 msg_controllen;
	u32 msg_flags;
};
_Static_assert(offsetof(struct msghdr, msg_namelen) == 8, "msg_namelen");
_Static_assert(offsetof(struct msghdr, msg_iov) == 16, "msg_iov");
_Static_assert(offsetof(struct msghdr, msg_iovlen) == 24, "msg_iovlen");
_Static_assert(offsetof(struct msghdr, msg_control) == 32, "msg_control");
_Static_assert(offsetof(struct msghdr, msg_controllen) == 40, "msg_controllen");
_Static_assert(offsetof(struct msghdr, msg_flags) == 48, "msg_flags");
_Static_assert(sizeof(struct msghdr) == 56, "msghdr is 56 bytes");

/* sendmmsg(2)/recvmmsg(2): one message and the bytes it moved. */
struct mmsghdr {
	struct msghdr msg_hdr;
	u32 msg_len;
};
_Static_assert(offsetof(struct mmsghdr, msg_len) == 56, "mmsghdr.msg_len");
_Static_assert(sizeof(struct mmsghdr) == 64, "mmsghdr is 64 bytes");

/*
 * One control message (cmsg(3)): the header, then cmsg_len - CMSG_LEN(0)
 * bytes of data at CMSG_DATA; the next header starts CMSG_ALIGN(cmsg_len)
 * bytes further.  Everything aligns to 8 bytes (sizeof(long)).
 */
struct cmsghdr {
	u64 cmsg_len;		/* header + data, unpadded */
	s32 cmsg_level;
	s32 cmsg_type;
};
_Static_assert(offsetof(struct cmsghdr, cmsg_level) == 8, "cmsg_level");
_Static_assert(offsetof(struct cmsghdr, cmsg_type) == 12, "cmsg_type");
_Static_assert(sizeof(struct cmsghdr) == 16, "cmsghdr is 16 bytes");

#define CMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_SPACE(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))
#define CMSG_DATA(cmsg)	((unsigned char *)(cmsg) + CMSG_ALIGN(sizeof(struct cmsghdr)))

/*
 * Walking a control buffer of `size` bytes at `ctl` (a kernel copy of
 * msg_control, or the user's own buffer in user space).  These do no
 * libc calls and never step outside [ctl, ctl + size): the first header
 * exists only if a whole header fits; the next one only if the current
 * cmsg_len is at least a header and within the buffer, and a whole
 * header fits after it.  A message's data must still be checked with
 * cmsg_ok() (Linux's CMSG_OK) before it is read.
 */
static inline struct cmsghdr *cmsg_firsthdr(void *ctl, u64 size)
{
	return size >= sizeof(struct cmsghdr) ? (struct cmsghdr *)ctl : NULL;
}

static inline struct cmsghdr *cmsg_nxthdr(void *ctl, u64 size, struct cmsghdr *cmsg)
{
	u64 off = (u64)((unsigned char *)cmsg - (unsigned char *)ctl);
	u64 left = size - off, step;

	if (cmsg->cmsg_len < sizeof(struct cmsghdr) || cmsg->cmsg_len > left)
		return NULL;
	step = CMSG_ALIGN(cmsg->cmsg_len);
	if (step > left || left - step < sizeof(struct cmsghdr))
		return NULL;
	return (struct cmsghdr *)((unsigned char *)cmsg + step);
}

/* The header is whole, and its cmsg_len stays inside the buffer. */
static inline int cmsg_ok(const void *ctl, u64 size, const struct cmsghdr *cmsg)
{
	u64 off = (u64)((const unsigned char *)cmsg - (const unsigned char *)ctl);

	return off <= size && size - off >= sizeof(struct cmsghdr) &&
	       cmsg->cmsg_len >= sizeof(struct cmsghdr) && cmsg->cmsg_len <= size - off;
}

#define CMSG_FIRSTHDR(msg)	cmsg_firsthdr((msg)->msg_control, (msg)->msg_controllen)
#define CMSG_NXTHDR(msg, cmsg)	cmsg_nxthdr((msg)->msg_control, (msg)->msg_controllen, (cmsg))
#define CMSG_OK(msg, cmsg)	/* tern-only: Linux's is kernel-internal */ \
	cmsg_ok((msg)->msg_control, (msg)->msg_controllen, (cmsg))

/* SO_LINGER */
struct linger {
	s32 l_onoff;
	s32 l_linger;		/* seconds */
};
_Static_assert(sizeof(struct linger) == 8, "linger is 8 bytes");

/* SO_PEERCRED and SCM_CREDENTIALS */
struct ucred {
	u32 pid;
	u32 uid;
	u32 gid;
};
_Static_assert(sizeof(struct ucred) == 12, "ucred is 12 bytes");

#endif
