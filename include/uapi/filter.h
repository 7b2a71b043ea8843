/*
 * Classic BPF socket filters (SO_ATTACH_FILTER, SO_DETACH_FILTER,
 * SO_GET_FILTER; socket(7), packet(7)): the instruction and program
 * layouts and the opcode fields, as Linux's linux/filter.h and
 * linux/bpf_common.h number them.  Free-standing: fixed-width types only.
 *
 * An instruction's code is class | size | mode for loads, class | op |
 * source for ALU and jumps, class | rval for returns.  Jumps are forward
 * only: jt/jf (conditional) and k (BPF_JA) count instructions after the
 * next one.
 */
#ifndef TERN_UAPI_FILTER_H
#define TERN_UAPI_FILTER_H

#include <stdint.h>

/* One instruction: 8 bytes. */
struct sock_filter {
	uint16_t code;
	uint8_t jt;		/* conditional jumps: offset if true */
	uint8_t jf;		/* ... and if false */
	uint32_t k;		/* the generic operand */
};
_Static_assert(sizeof(struct sock_filter) == 8, "struct sock_filter is 8 bytes");
_Static_assert(__builtin_offsetof(struct sock_filter, code) == 0, "sock_filter.code");
_Static_assert(__builtin_offsetof(struct sock_filter, jt) == 2, "sock_filter.jt");
_Static_assert(__builtin_offsetof(struct sock_filter, jf) == 3, "sock_filter.jf");
_Static_assert(__builtin_offsetof(struct sock_filter, k) == 4, "sock_filter.k");

/*
 * The setsockopt(SO_ATTACH_FILTER) argument.  `filter` is a pointer in
 * the caller's address space (a user pointer inside the kernel).
 */
struct sock_fprog {
	uint16_t len;		/* number of instructions */
	struct sock_filter *filter;
};
_Static_assert(sizeof(struct sock_fprog) == 16, "struct sock_fprog is 16 bytes on x86_64");
_Static_assert(__builtin_offsetof(struct sock_fprog, len) == 0, "sock_fprog.len");
_Static_assert(__builtin_offsetof(struct sock_fprog, filter) == 8, "sock_fprog.filter");

#define BPF_MAJOR_VERSION 1
#define BPF_MINOR_VERSION 1

/* Instruction classes. */
#define BPF_CLASS(code)	((code) & 0x07)
#define BPF_LD		0x00
#define BPF_LDX		0x01
#define BPF_ST		0x02
#define BPF_STX		0x03
#define BPF_ALU		0x04
#define BPF_JMP		0x05
#define BPF_RET		0x06
#define BPF_MISC	0x07

/* Load sizes. */
#define BPF_SIZE(code)	((code) & 0x18)
#define BPF_W		0x00	/* 32 bits */
#define BPF_H		0x08	/* 16 bits */
#define BPF_B		0x10	/* 8 bits */

/* Load modes. */
#define BPF_MODE(code)	((code) & 0xe0)
#define BPF_IMM		0x00
#define BPF_ABS		0x20
#define BPF_IND		0x40
#define BPF_MEM		0x60
#define BPF_LEN		0x80
#define BPF_MSH		0xa0

/* ALU and jump operations. */
#define BPF_OP(code)	((code) & 0xf0)
#define BPF_ADD		0x00
#define BPF_SUB		0x10
#define BPF_MUL		0x20
#define BPF_DIV		0x30
#define BPF_OR		0x40
#define BPF_AND		0x50
#define BPF_LSH		0x60
#define BPF_RSH		0x70
#define BPF_NEG		0x80
#define BPF_MOD		0x90
#define BPF_XOR		0xa0

#define BPF_JA		0x00
#define BPF_JEQ		0x10
#define BPF_JGT		0x20
#define BPF_JGE		0x30
#define BPF_JSET	0x40

/* Operand source: the constant k or the index register X. */
#define BPF_SRC(code)	((code) & 0x08)
#define BPF_K		0x00
#define BPF_X		0x08

/* Return value source. */
#define BPF_RVAL(code)	((code) & 0x18)
#define BPF_A		0x10

/* BPF_MISC operations. */
#define BPF_MISCOP(code) ((code) & 0xf8)
#define BPF_TAX		0x00
#define BPF_TXA		0x80

/* Limits: program length and scratch memory words M[0..15]. */
#define BPF_MAXINSNS	4096
#define BPF_MEMWORDS	16

/* Building instructions. */
#define BPF_STMT(code, k) { (uint16_t)(code), 0, 0, k }
#define BPF_JUMP(code, k, jt, jf) { (uint16_t)(code), jt, jf, k }

/*
 * Special load offsets.  An absolute load at SKF_AD_OFF + SKF_AD_x reads
 * ancillary data about the packet instead of its bytes; loads at
 * SKF_NET_OFF + n and SKF_LL_OFF + n read n bytes past the start of the
 * network and the link-layer header, wherever the filtered data begins.
 */
#define SKF_AD_OFF		(-0x1000)
#define SKF_AD_PROTOCOL		0
#define SKF_AD_PKTTYPE		4
#define SKF_AD_IFINDEX		8
#define SKF_AD_NLATTR		12
#define SKF_AD_NLATTR_NEST	16
#define SKF_AD_MARK		20
#define SKF_AD_QUEUE		24
#define SKF_AD_HATYPE		28
#define SKF_AD_RXHASH		32
#define SKF_AD_CPU		36
#define SKF_AD_ALU_XOR_X	40
#define SKF_AD_VLAN_TAG		44
#define SKF_AD_VLAN_TAG_PRESENT	48
#define SKF_AD_PAY_OFFSET	52
#define SKF_AD_RANDOM		56
#define SKF_AD_VLAN_TPID	60
#define SKF_AD_MAX		64

#define SKF_NET_OFF		(-0x100000)
#define SKF_LL_OFF		(-0x200000)

#define BPF_NET_OFF		SKF_NET_OFF
#define BPF_LL_OFF		SKF_LL_OFF

#endif
