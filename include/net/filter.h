/*
 * Classic BPF socket filters (socket(7) SO_ATTACH_FILTER; the instruction
 * set of Linux's Documentation/networking/filter.rst): a validator that
 * accepts exactly the programs Linux accepts, and an interpreter.
 *
 * A filter sees the packet from where the socket's data starts: the link
 * header for AF_PACKET SOCK_RAW, the network header for AF_PACKET
 * SOCK_DGRAM, the transport header for UDP; loads at SKF_NET_OFF and
 * SKF_LL_OFF reach back to the headers through struct bpf_ctx.  The
 * result is how many bytes of the packet to keep; 0 drops it.  Callers
 * keep min(len, result) bytes -- Linux's UDP and raw sockets never trim
 * below the transport header (sk_filter_trim_cap's cap), packet sockets
 * use the result as the snap length.
 */
#ifndef NET_FILTER_H
#define NET_FILTER_H

#include <tern/net_platform.h>
#include <uapi/filter.h>

/* What ancillary loads (SKF_AD_OFF + ...) and header-relative loads see. */
struct bpf_ctx {
	/*
	 * The link-layer and network headers, for SKF_LL_OFF and SKF_NET_OFF
	 * loads: each points into the same buffer as the packet, at or
	 * before its end, and every byte from there to the packet's end is
	 * readable.  NULL when the packet has no such header (the load then
	 * fails and the program returns 0).
	 */
	const u8 *mac;
	const u8 *network;
	u16 protocol;		/* SKF_AD_PROTOCOL: the ethertype, host order */
	u16 hatype;		/* SKF_AD_HATYPE: the device's ARPHRD_* type */
	u8 pkttype;		/* SKF_AD_PKTTYPE: PACKET_HOST, PACKET_BROADCAST, ... */
	bool vlan_present;	/* SKF_AD_VLAN_TAG_PRESENT */
	u16 vlan_tci;		/* SKF_AD_VLAN_TAG */
	u16 vlan_tpid;		/* SKF_AD_VLAN_TPID, host order */
	u16 queue;		/* SKF_AD_QUEUE: the receive queue */
	/*
	 * SKF_AD_IFINDEX.  0 means "no device": then an IFINDEX or HATYPE
	 * load ends the program, returning A, as Linux does for an skb
	 * without a device.
	 */
	u32 ifindex;
	u32 mark;		/* SKF_AD_MARK (SO_MARK; 0 until Tern has marks) */
	u32 rxhash;		/* SKF_AD_RXHASH (0: no hash computed) */
	u32 cpu;		/* SKF_AD_CPU */
};

/*
 * Validate a program as Linux's bpf_check_classic does: 0 if it may be
 * attached, -EINVAL if not (no program, 0 or more than BPF_MAXINSNS
 * instructions, an unknown opcode or ancillary offset, a jump out of the
 * program, a division or modulo by the constant 0, a shift by 32 or
 * more, a scratch word index >= BPF_MEMWORDS, a scratch word read on
 * some path before it is written, a last instruction that is not a
 * return), -ENOMEM if the check's working memory cannot be had.
 *
 * linux-compat: SKF_AD_PAY_OFFSET (the payload offset Linux's flow
 * dissector computes) is rejected like an unknown offset.
 */
int sk_filter_check(const struct sock_filter *insns, u32 n);

/*
 * Run a program that sk_filter_check() accepted over pkt[0..len) and
 * return the number of bytes to keep (0: drop).  A load past the end of
 * the data (or before a header, or with a NULL header) ends the program
 * with 0, as does a division or modulo by X = 0.  ctx may be NULL (no
 * headers, all metadata 0).  Given any other instructions it still ends
 * within n steps and reads nothing outside the packet and its headers,
 * with an unspecified result.
 */
u32 sk_filter_run(const struct sock_filter *insns, u32 n, const u8 *pkt, u32 len,
		  const struct bpf_ctx *ctx);

/*
 * An attached program: a private, validated copy of the instructions,
 * immutable once sk_filter_prepare() has accepted it, with a reference
 * count so SO_ATTACH_FILTER can replace a socket's filter while a
 * holder (a packet being filtered, SO_GET_FILTER copying it out) still
 * uses the old one.  The count changes under the stack lock.
 *
 * Attaching from user memory, in Linux's order of errors:
 *	if (!fprog.filter) -> -EINVAL
 *	sk_filter_alloc(fprog.len, &f)       -EINVAL (length) or -ENOMEM
 *	copy_from_user(f->insns, ...)        -EFAULT: sk_filter_put(f)
 *	sk_filter_prepare(f)                 -EINVAL/-ENOMEM: sk_filter_put(f)
 * The copy from user memory runs without the stack lock held.
 */
struct sk_filter {
	u32 refcnt;
	u32 len;			/* instructions */
	struct sock_filter insns[];
};

/* A zeroed program of n instructions with one reference, not yet valid. */
int sk_filter_alloc(u32 n, struct sk_filter **out);
/* Validate f's instructions (sk_filter_check) once they are filled in. */
int sk_filter_prepare(struct sk_filter *f);
/* alloc + copy + prepare, for programs already in kernel memory. */
int sk_filter_create(const struct sock_filter *insns, u32 n, struct sk_filter **out);
struct sk_filter *sk_filter_get(struct sk_filter *f);
/* Drop a reference; the last one frees.  NULL is a no-op. */
void sk_filter_put(struct sk_filter *f);

static inline u32 sk_filter_apply(const struct sk_filter *f, const u8 *pkt, u32 len,
				  const struct bpf_ctx *ctx)
{
	return sk_filter_run(f->insns, f->len, pkt, len, ctx);
}

#endif
