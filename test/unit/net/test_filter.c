/*
 * Classic BPF (net/core/filter.c): every instruction class, the
 * validator's accept/reject rules (Linux's bpf_check_classic), loads out
 * of bounds and relative to headers, ancillary data, and the programs
 * real tools attach: busybox udhcpc's DHCP filter and the `tcpdump -dd`
 * output for "ip", "arp" and "udp port 67", written out as opcode tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <net/filter.h>
#include "nettest.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define S(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define J(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))

/* Check a program, insisting it is accepted, then run it. */
static u32 run_ctx(const struct sock_filter *p, u32 n, const u8 *pkt, u32 len,
		   const struct bpf_ctx *ctx)
{
	assert_int_equal(sk_filter_check(p, n), 0);
	return sk_filter_run(p, n, pkt, len, ctx);
}

#define RUN(prog, pkt, len) run_ctx(prog, ARRAY_LEN(prog), pkt, len, NULL)
#define RUN_CTX(prog, pkt, len, ctx) run_ctx(prog, ARRAY_LEN(prog), pkt, len, ctx)
#define CHECK(prog) sk_filter_check(prog, ARRAY_LEN(prog))

static const u8 bytes16[16] = { 0x01, 0x02, 0x03, 0x04, 0x85, 0x86, 0x87, 0x88,
				0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10 };

/* ---- the ABI ---- */

static void uapi_layout_and_opcode_values(void **state)
{
	struct sock_fprog fp;

	(void)state;
	assert_int_equal(sizeof(struct sock_filter), 8);
	assert_int_equal(sizeof(fp), 16);
	assert_int_equal(offsetof(struct sock_fprog, filter), 8);
	/* The numbers tcpdump -dd prints for these instructions. */
	assert_int_equal(BPF_LD | BPF_H | BPF_ABS, 0x28);
	assert_int_equal(BPF_LD | BPF_B | BPF_ABS, 0x30);
	assert_int_equal(BPF_LD | BPF_W | BPF_ABS, 0x20);
	assert_int_equal(BPF_LD | BPF_H | BPF_IND, 0x48);
	assert_int_equal(BPF_LDX | BPF_B | BPF_MSH, 0xb1);
	assert_int_equal(BPF_JMP | BPF_JEQ | BPF_K, 0x15);
	assert_int_equal(BPF_JMP | BPF_JSET | BPF_K, 0x45);
	assert_int_equal(BPF_JMP | BPF_JGT | BPF_K, 0x25);
	assert_int_equal(BPF_JMP | BPF_JGE | BPF_X, 0x3d);
	assert_int_equal(BPF_RET | BPF_K, 0x06);
	assert_int_equal(BPF_RET | BPF_A, 0x16);
	assert_int_equal(BPF_MISC | BPF_TAX, 0x07);
	assert_int_equal(BPF_MISC | BPF_TXA, 0x87);
	assert_int_equal(BPF_ALU | BPF_NEG, 0x84);
	assert_int_equal(BPF_ALU | BPF_MOD | BPF_X, 0x9c);
	assert_int_equal(BPF_ALU | BPF_XOR | BPF_K, 0xa4);
	assert_int_equal(BPF_LD | BPF_MEM, 0x60);
	assert_int_equal(BPF_LDX | BPF_MEM, 0x61);
	assert_int_equal(BPF_LD | BPF_W | BPF_LEN, 0x80);
	assert_int_equal((u32)(SKF_AD_OFF + SKF_AD_PROTOCOL), 0xfffff000u);
	assert_int_equal((u32)SKF_NET_OFF, 0xfff00000u);
	assert_int_equal((u32)SKF_LL_OFF, 0xffe00000u);
}

/* ---- instruction classes ---- */

static void loads_are_big_endian_and_sized(void **state)
{
	const struct sock_filter w[] = { S(BPF_LD | BPF_W | BPF_ABS, 4), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter h[] = { S(BPF_LD | BPF_H | BPF_ABS, 6), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter b[] = { S(BPF_LD | BPF_B | BPF_ABS, 15), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter ind[] = {
		S(BPF_LDX | BPF_IMM, 8),
		S(BPF_LD | BPF_W | BPF_IND, 2),		/* bytes 10..13 */
		S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter len[] = { S(BPF_LD | BPF_W | BPF_LEN, 0), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter xlen[] = {
		S(BPF_LDX | BPF_W | BPF_LEN, 0), S(BPF_MISC | BPF_TXA, 0), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter imm[] = { S(BPF_LD | BPF_IMM, 0xdeadbeef), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter msh[] = {
		S(BPF_LDX | BPF_B | BPF_MSH, 4),	/* 4 * (0x85 & 0xf) = 20 */
		S(BPF_MISC | BPF_TXA, 0),
		S(BPF_RET | BPF_A, 0),
	};

	(void)state;
	assert_int_equal(RUN(w, bytes16, 16), 0x85868788);
	assert_int_equal(RUN(h, bytes16, 16), 0x8788);
	assert_int_equal(RUN(b, bytes16, 16), 0x10);
	assert_int_equal(RUN(ind, bytes16, 16), 0x0b0c0d0e);
	assert_int_equal(RUN(len, bytes16, 16), 16);
	assert_int_equal(RUN(len, bytes16, 3), 3);
	assert_int_equal(RUN(xlen, bytes16, 9), 9);
	assert_int_equal(RUN(imm, bytes16, 0), 0xdeadbeef);
	assert_int_equal(RUN(msh, bytes16, 16), 20);
}

static void registers_start_at_zero_and_move(void **state)
{
	const struct sock_filter a0[] = { S(BPF_RET | BPF_A, 0) };
	const struct sock_filter x0[] = { S(BPF_MISC | BPF_TXA, 0), S(BPF_RET | BPF_A, 0) };
	const struct sock_filter tax[] = {
		S(BPF_LD | BPF_IMM, 77), S(BPF_MISC | BPF_TAX, 0), S(BPF_LD | BPF_IMM, 1),
		S(BPF_MISC | BPF_TXA, 0), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter retk[] = { S(BPF_LD | BPF_IMM, 5), S(BPF_RET | BPF_K, 1234) };

	(void)state;
	assert_int_equal(RUN(a0, bytes16, 16), 0);
	assert_int_equal(RUN(x0, bytes16, 16), 0);
	assert_int_equal(RUN(tax, bytes16, 16), 77);
	assert_int_equal(RUN(retk, bytes16, 16), 1234);
}

/* A = a; X = x; A op= (K or X); return A. */
static u32 alu(u16 op, u32 a, u32 operand, bool use_x)
{
	struct sock_filter p[] = {
		S(BPF_LDX | BPF_IMM, operand),
		S(BPF_LD | BPF_IMM, a),
		S(BPF_ALU | op | (use_x ? BPF_X : BPF_K), operand),
		S(BPF_RET | BPF_A, 0),
	};

	return RUN(p, bytes16, 16);
}

static void alu_operations_are_32_bit_unsigned(void **state)
{
	const struct { u16 op; u32 a, v, want; } cases[] = {
		{ BPF_ADD, 0xfffffffe, 3, 1 },
		{ BPF_SUB, 1, 2, 0xffffffff },
		{ BPF_MUL, 0x10000, 0x10001, 0x10000 },
		{ BPF_DIV, 0xffffffff, 16, 0x0fffffff },
		{ BPF_MOD, 100, 7, 2 },
		{ BPF_AND, 0xf0f0, 0xff00, 0xf000 },
		{ BPF_OR, 0xf0f0, 0x0f00, 0xfff0 },
		{ BPF_XOR, 0xff00ff00, 0xffff0000, 0x00ffff00 },
		{ BPF_LSH, 0x80000001, 1, 2 },
		{ BPF_LSH, 1, 31, 0x80000000 },
		{ BPF_RSH, 0x80000000, 31, 1 },	/* logical, not arithmetic */
	};
	const struct sock_filter neg[] = {
		S(BPF_LD | BPF_IMM, 5), S(BPF_ALU | BPF_NEG, 0), S(BPF_RET | BPF_A, 0),
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(alu(cases[i].op, cases[i].a, cases[i].v, false), cases[i].want);
		assert_int_equal(alu(cases[i].op, cases[i].a, cases[i].v, true), cases[i].want);
	}
	assert_int_equal(RUN(neg, bytes16, 16), (u32)-5);
	/* Shifts by X take the count mod 32 (k >= 32 is rejected). */
	assert_int_equal(alu(BPF_LSH, 3, 33, true), 6);
	assert_int_equal(alu(BPF_RSH, 0x100, 40, true), 1);
}

static void division_and_modulo_by_x_zero_drop(void **state)
{
	(void)state;
	assert_int_equal(alu(BPF_DIV, 100, 0, true), 0);
	assert_int_equal(alu(BPF_MOD, 100, 0, true), 0);
	/* Not merely A = 0: the program ends there, whatever follows. */
	const struct sock_filter p[] = {
		S(BPF_LD | BPF_IMM, 9),
		S(BPF_ALU | BPF_DIV | BPF_X, 0),
		S(BPF_RET | BPF_K, 0xffff),
	};
	assert_int_equal(RUN(p, bytes16, 16), 0);
}

static u32 jump(u16 op, bool use_x, u32 a, u32 v)
{
	struct sock_filter p[] = {
		S(BPF_LDX | BPF_IMM, v),
		S(BPF_LD | BPF_IMM, a),
		J(BPF_JMP | op | (use_x ? BPF_X : BPF_K), v, 1, 2),
		S(BPF_RET | BPF_K, 100),		/* not reached */
		S(BPF_RET | BPF_K, 1),			/* true */
		S(BPF_RET | BPF_K, 2),			/* false */
	};

	return RUN(p, bytes16, 16);
}

static void conditional_jumps_compare_unsigned(void **state)
{
	(void)state;
	for (int x = 0; x < 2; x++) {
		assert_int_equal(jump(BPF_JEQ, x, 5, 5), 1);
		assert_int_equal(jump(BPF_JEQ, x, 5, 6), 2);
		assert_int_equal(jump(BPF_JGT, x, 0xffffffff, 1), 1);	/* unsigned */
		assert_int_equal(jump(BPF_JGT, x, 5, 5), 2);
		assert_int_equal(jump(BPF_JGE, x, 5, 5), 1);
		assert_int_equal(jump(BPF_JGE, x, 4, 5), 2);
		assert_int_equal(jump(BPF_JSET, x, 0x10, 0x30), 1);
		assert_int_equal(jump(BPF_JSET, x, 0x10, 0x20), 2);
	}
}

static void unconditional_jump_skips_forward(void **state)
{
	const struct sock_filter p[] = {
		S(BPF_JMP | BPF_JA, 2),
		S(BPF_RET | BPF_K, 1),
		S(BPF_RET | BPF_K, 2),
		S(BPF_RET | BPF_K, 3),
	};
	const struct sock_filter zero[] = {
		S(BPF_JMP | BPF_JA, 0),
		S(BPF_RET | BPF_K, 7),
	};

	(void)state;
	assert_int_equal(RUN(p, bytes16, 16), 3);
	assert_int_equal(RUN(zero, bytes16, 16), 7);
}

static void scratch_memory_holds_sixteen_words(void **state)
{
	struct sock_filter p[4 * BPF_MEMWORDS + 4];
	u32 n = 0;

	(void)state;
	/* M[i] = i * 3 through A for even i, through X for odd i. */
	for (u32 i = 0; i < BPF_MEMWORDS; i++) {
		if (i % 2) {
			p[n++] = S(BPF_LDX | BPF_IMM, i * 3);
			p[n++] = S(BPF_STX, i);
		} else {
			p[n++] = S(BPF_LD | BPF_IMM, i * 3);
			p[n++] = S(BPF_ST, i);
		}
	}
	/* A = sum of M[i] via LD MEM and LDX MEM: 3 * (0 + ... + 15) = 360. */
	p[n++] = S(BPF_LD | BPF_IMM, 0);
	for (u32 i = 0; i < BPF_MEMWORDS; i++) {
		p[n++] = S(BPF_LDX | BPF_MEM, i);
		p[n++] = S(BPF_ALU | BPF_ADD | BPF_X, 0);
	}
	p[n++] = S(BPF_ST, 15);
	p[n++] = S(BPF_LD | BPF_MEM, 15);
	p[n++] = S(BPF_RET | BPF_A, 0);
	assert_true(n <= ARRAY_LEN(p));
	assert_int_equal(run_ctx(p, n, bytes16, 16, NULL), 360);
}

/* ---- loads out of bounds and relative to headers ---- */

static void loads_past_the_end_drop(void **state)
{
	const struct sock_filter w_at_13[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 13), S(BPF_RET | BPF_K, 99),
	};
	const struct sock_filter h_at_15[] = {
		S(BPF_LD | BPF_H | BPF_ABS, 15), S(BPF_RET | BPF_K, 99),
	};
	const struct sock_filter b_at_16[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 16), S(BPF_RET | BPF_K, 99),
	};
	const struct sock_filter huge[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 0x7fffffff), S(BPF_RET | BPF_K, 99),
	};
	const struct sock_filter ind_wrap[] = {
		S(BPF_LDX | BPF_IMM, 0xffffffff),	/* X + 2 wraps to 1 */
		S(BPF_LD | BPF_B | BPF_IND, 2),
		S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter ind_negative[] = {
		S(BPF_LDX | BPF_IMM, 0x80000000),	/* a negative offset */
		S(BPF_LD | BPF_B | BPF_IND, 0),
		S(BPF_RET | BPF_K, 99),
	};
	const struct sock_filter msh_past[] = {
		S(BPF_LDX | BPF_B | BPF_MSH, 16), S(BPF_RET | BPF_K, 99),
	};
	u8 big[17] = { 0 };

	(void)state;
	assert_int_equal(RUN(w_at_13, bytes16, 16), 0);
	assert_int_equal(RUN(w_at_13, big, 17), 99);
	assert_int_equal(RUN(h_at_15, bytes16, 16), 0);
	assert_int_equal(RUN(b_at_16, bytes16, 16), 0);
	assert_int_equal(RUN(b_at_16, bytes16, 0), 0);
	assert_int_equal(RUN(huge, bytes16, 16), 0);
	assert_int_equal(RUN(ind_wrap, bytes16, 16), 0x02);
	assert_int_equal(RUN(ind_negative, bytes16, 16), 0);
	assert_int_equal(RUN(msh_past, bytes16, 16), 0);
}

static void header_relative_loads(void **state)
{
	/* A buffer: 14-byte link header, 20-byte network header, payload. */
	u8 buf[40];
	struct bpf_ctx ctx = { 0 };
	const u8 *data = buf + 34;	/* a UDP socket's view */
	const struct sock_filter net_ttl[] = {
		S(BPF_LD | BPF_B | BPF_ABS, (u32)(SKF_NET_OFF + 8)), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter ll_type[] = {
		S(BPF_LD | BPF_H | BPF_ABS, (u32)(SKF_LL_OFF + 12)), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter ll_last[] = {
		S(BPF_LD | BPF_W | BPF_ABS, (u32)(SKF_LL_OFF + 36)), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter ll_past[] = {
		S(BPF_LD | BPF_W | BPF_ABS, (u32)(SKF_LL_OFF + 37)), S(BPF_RET | BPF_K, 9),
	};
	const struct sock_filter below_ll[] = {
		S(BPF_LD | BPF_B | BPF_ABS, (u32)(SKF_LL_OFF - 1)), S(BPF_RET | BPF_K, 9),
	};
	const struct sock_filter net_ind[] = {
		S(BPF_LDX | BPF_IMM, 9),
		S(BPF_LD | BPF_B | BPF_IND, (u32)SKF_NET_OFF),	/* the protocol byte */
		S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter msh_net[] = {
		S(BPF_LDX | BPF_B | BPF_MSH, (u32)SKF_NET_OFF), S(BPF_MISC | BPF_TXA, 0),
		S(BPF_RET | BPF_A, 0),
	};

	(void)state;
	for (u32 i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)i;
	buf[12] = 0x08;
	buf[13] = 0x00;
	buf[14] = 0x45;
	ctx.mac = buf;
	ctx.network = buf + 14;
	assert_int_equal(RUN_CTX(net_ttl, data, 6, &ctx), 14 + 8);
	assert_int_equal(RUN_CTX(ll_type, data, 6, &ctx), 0x0800);
	assert_int_equal(RUN_CTX(ll_last, data, 6, &ctx), 0x24252627);
	assert_int_equal(RUN_CTX(ll_past, data, 6, &ctx), 0);
	assert_int_equal(RUN_CTX(below_ll, data, 6, &ctx), 0);
	assert_int_equal(RUN_CTX(net_ind, data, 6, &ctx), 14 + 9);
	assert_int_equal(RUN_CTX(msh_net, data, 6, &ctx), 20);
	/* No such header, or no context at all: the load fails. */
	ctx.mac = NULL;
	assert_int_equal(RUN_CTX(ll_type, data, 6, &ctx), 0);
	assert_int_equal(RUN(net_ttl, data, 6), 0);
	/* A header past the end of the data is as good as none. */
	ctx.network = data + 7;
	assert_int_equal(RUN_CTX(net_ttl, data, 6, &ctx), 0);
}

/* ---- ancillary data ---- */

static u32 anc(u32 off, u16 size, const struct bpf_ctx *ctx, u32 a, u32 x)
{
	struct sock_filter p[] = {
		S(BPF_LDX | BPF_IMM, x),
		S(BPF_LD | BPF_IMM, a),
		S(BPF_LD | size | BPF_ABS, (u32)SKF_AD_OFF + off),
		S(BPF_RET | BPF_A, 0),
	};

	return RUN_CTX(p, bytes16, 16, ctx);
}

static void ancillary_loads_read_the_context(void **state)
{
	struct bpf_ctx ctx = {
		.protocol = 0x0806, .hatype = 1, .pkttype = 3, .ifindex = 7,
		.vlan_present = true, .vlan_tci = 0x2005, .vlan_tpid = 0x8100,
		.queue = 2, .mark = 0x1234, .rxhash = 0xabcd, .cpu = 1,
	};
	struct bpf_ctx none = { 0 };
	u32 r1, r2;

	(void)state;
	assert_int_equal(anc(SKF_AD_PROTOCOL, BPF_H, &ctx, 0, 0), 0x0806);
	/* The load's size does not matter for ancillary data. */
	assert_int_equal(anc(SKF_AD_PROTOCOL, BPF_B, &ctx, 0, 0), 0x0806);
	assert_int_equal(anc(SKF_AD_PROTOCOL, BPF_W, &ctx, 0, 0), 0x0806);
	assert_int_equal(anc(SKF_AD_PKTTYPE, BPF_W, &ctx, 0, 0), 3);
	assert_int_equal(anc(SKF_AD_IFINDEX, BPF_W, &ctx, 0, 0), 7);
	assert_int_equal(anc(SKF_AD_HATYPE, BPF_W, &ctx, 0, 0), 1);
	assert_int_equal(anc(SKF_AD_MARK, BPF_W, &ctx, 0, 0), 0x1234);
	assert_int_equal(anc(SKF_AD_QUEUE, BPF_W, &ctx, 0, 0), 2);
	assert_int_equal(anc(SKF_AD_RXHASH, BPF_W, &ctx, 0, 0), 0xabcd);
	assert_int_equal(anc(SKF_AD_CPU, BPF_W, &ctx, 0, 0), 1);
	assert_int_equal(anc(SKF_AD_VLAN_TAG, BPF_W, &ctx, 0, 0), 0x2005);
	assert_int_equal(anc(SKF_AD_VLAN_TAG_PRESENT, BPF_W, &ctx, 0, 0), 1);
	assert_int_equal(anc(SKF_AD_VLAN_TPID, BPF_W, &ctx, 0, 0), 0x8100);
	assert_int_equal(anc(SKF_AD_ALU_XOR_X, BPF_W, &ctx, 0xff00, 0x0ff0), 0xf0f0);
	/* Tern's defaults: no mark, no hash, no VLAN, CPU 0. */
	assert_int_equal(anc(SKF_AD_MARK, BPF_W, &none, 5, 0), 0);
	assert_int_equal(anc(SKF_AD_VLAN_TAG_PRESENT, BPF_W, &none, 5, 0), 0);
	/* No device: IFINDEX and HATYPE end the program returning A. */
	assert_int_equal(anc(SKF_AD_IFINDEX, BPF_W, &none, 4242, 0), 4242);
	assert_int_equal(anc(SKF_AD_HATYPE, BPF_W, NULL, 17, 0), 17);
	/* RANDOM comes from net_random_u32(). */
	fake_random_seed(99);
	r1 = anc(SKF_AD_RANDOM, BPF_W, &ctx, 0, 0);
	r2 = anc(SKF_AD_RANDOM, BPF_W, &ctx, 0, 0);
	fake_random_seed(99);
	assert_int_equal(net_random_u32(), r1);
	assert_int_equal(net_random_u32(), r2);
	assert_int_not_equal(r1, r2);
}

/* Append a netlink attribute (host order header) at buf + *off. */
static void put_nla(u8 *buf, u32 *off, u16 type, const void *payload, u16 plen)
{
	u16 len = (u16)(4 + plen);

	memcpy(buf + *off, &len, 2);
	memcpy(buf + *off + 2, &type, 2);
	memcpy(buf + *off + 4, payload, plen);
	*off += (u32)((len + 3) & ~3);
}

static void netlink_attribute_search(void **state)
{
	u8 msg[64] = { 0 };
	u8 nest[16] = { 0 };
	u32 off = 16, noff = 0, nested_at;
	const u32 four = 0x11223344;

	(void)state;
	/* 16 bytes of "header", then attributes 1 (len 5), 2, 3 (nested). */
	put_nla(msg, &off, 1, "x", 1);				/* at 16, padded to 8 */
	put_nla(msg, &off, 2 | 0x8000, &four, 4);		/* at 24, NLA_F_NESTED */
	put_nla(nest, &noff, 7, &four, 4);
	put_nla(nest, &noff, 9, &four, 2);
	nested_at = off;
	put_nla(msg, &off, 3, nest, (u16)noff);			/* at 32 */
	/* A = where to start, X = the type wanted. */
	struct sock_filter p[] = {
		S(BPF_LD | BPF_IMM, 16),
		S(BPF_LDX | BPF_IMM, 0),
		S(BPF_LD | BPF_W | BPF_ABS, (u32)(SKF_AD_OFF + SKF_AD_NLATTR)),
		S(BPF_RET | BPF_A, 0),
	};
	struct { u32 start, type, want; } flat[] = {
		{ 16, 1, 16 }, { 16, 2, 24 }, { 16, 3, nested_at }, { 16, 4, 0 },
		{ 24, 1, 0 }, { 24, 3, nested_at },
		{ (u32)off - 3, 1, 0 },	/* less than a header left */
		{ 1000, 1, 0 },		/* A past the end */
	};
	for (size_t i = 0; i < ARRAY_LEN(flat); i++) {
		p[0].k = flat[i].start;
		p[1].k = flat[i].type;
		assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), flat[i].want);
	}
	/* Nested: search inside the attribute at A. */
	p[2].k = (u32)(SKF_AD_OFF + SKF_AD_NLATTR_NEST);
	p[0].k = nested_at;
	p[1].k = 9;
	assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), nested_at + 4 + 8);
	p[1].k = 7;
	assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), nested_at + 4);
	p[1].k = 1;					/* outside the nest */
	assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), 0);
	/* An attribute claiming more than the message holds. */
	msg[nested_at] = 60;
	p[1].k = 7;
	assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), 0);
	/* A zero-length attribute stops the flat walk. */
	msg[16] = 0;
	p[2].k = (u32)(SKF_AD_OFF + SKF_AD_NLATTR);
	p[0].k = 16;
	p[1].k = 2;
	assert_int_equal(run_ctx(p, ARRAY_LEN(p), msg, off, NULL), 0);
}

/* ---- the validator ---- */

/* The 49 opcodes Linux accepts in a socket filter, as numbers. */
static const u16 allowed_codes[] = {
	0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x94, 0x9c,	/* add sub mul div mod */
	0x54, 0x5c, 0x44, 0x4c, 0xa4, 0xac, 0x64, 0x6c, 0x74, 0x7c,	/* and or xor lsh rsh */
	0x84,								/* neg */
	0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x80, 0x00, 0x60,		/* ld */
	0x81, 0xb1, 0x01, 0x61,						/* ldx */
	0x02, 0x03, 0x07, 0x87,						/* st stx tax txa */
	0x06, 0x16,							/* ret k, ret a */
	0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d,		/* ja jeq jgt jge jset */
};

static void validator_accepts_exactly_the_known_opcodes(void **state)
{
	u32 accepted = 0;

	(void)state;
	assert_int_equal(ARRAY_LEN(allowed_codes), 49);
	for (u32 code = 0; code <= 0xffff; code++) {
		bool want = false;
		/* M[1] written first; k = 0 keeps a jump in range, 1 suits the rest. */
		struct sock_filter p[] = {
			S(BPF_ST, 1),
			J(code, BPF_CLASS(code) == BPF_JMP ? 0 : 1, 0, 0),
			S(BPF_RET | BPF_K, 0),
		};
		int err = CHECK(p);

		for (size_t i = 0; i < ARRAY_LEN(allowed_codes); i++)
			want |= allowed_codes[i] == code;
		if (err != (want ? 0 : -EINVAL))
			fail_msg("opcode %#x: check gave %d", code, err);
		accepted += err == 0;
	}
	assert_int_equal(accepted, 49);
}

static void validator_length_and_last_instruction(void **state)
{
	static struct sock_filter big[BPF_MAXINSNS + 1];
	const struct sock_filter ret_a[] = { S(BPF_RET | BPF_A, 0) };
	const struct sock_filter ends_in_load[] = {
		S(BPF_RET | BPF_K, 0), S(BPF_LD | BPF_IMM, 0),
	};
	const struct sock_filter ends_in_jump[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), S(BPF_RET | BPF_K, 0),
		S(BPF_JMP | BPF_JA, 0),
	};

	(void)state;
	for (u32 i = 0; i < BPF_MAXINSNS; i++)
		big[i] = S(BPF_LD | BPF_IMM, i);
	big[BPF_MAXINSNS - 1] = S(BPF_RET | BPF_A, 0);
	assert_int_equal(sk_filter_check(big, BPF_MAXINSNS), 0);
	big[BPF_MAXINSNS] = S(BPF_RET | BPF_A, 0);
	assert_int_equal(sk_filter_check(big, BPF_MAXINSNS + 1), -EINVAL);
	assert_int_equal(sk_filter_check(big, 0), -EINVAL);
	assert_int_equal(sk_filter_check(NULL, 1), -EINVAL);
	assert_int_equal(CHECK(ret_a), 0);
	assert_int_equal(CHECK(ends_in_load), -EINVAL);
	assert_int_equal(CHECK(ends_in_jump), -EINVAL);
	/* The longest program runs to its end. */
	assert_int_equal(sk_filter_run(big, BPF_MAXINSNS, bytes16, 16, NULL), BPF_MAXINSNS - 2);
}

static void validator_operand_rules(void **state)
{
	struct sock_filter p[] = { S(0, 0), S(BPF_RET | BPF_A, 0) };
	const struct { u16 code; u32 k; int want; } cases[] = {
		{ BPF_ALU | BPF_DIV | BPF_K, 0, -EINVAL },
		{ BPF_ALU | BPF_MOD | BPF_K, 0, -EINVAL },
		{ BPF_ALU | BPF_DIV | BPF_K, 1, 0 },
		{ BPF_ALU | BPF_DIV | BPF_X, 0, 0 },	/* X is checked when it runs */
		{ BPF_ALU | BPF_LSH | BPF_K, 31, 0 },
		{ BPF_ALU | BPF_LSH | BPF_K, 32, -EINVAL },
		{ BPF_ALU | BPF_RSH | BPF_K, 32, -EINVAL },
		{ BPF_ALU | BPF_LSH | BPF_X, 99, 0 },
		{ BPF_ST, 15, 0 },
		{ BPF_ST, 16, -EINVAL },
		{ BPF_STX, 16, -EINVAL },
		{ BPF_LD | BPF_MEM, 16, -EINVAL },
		{ BPF_LDX | BPF_MEM, 16, -EINVAL },
		/* Absolute loads: ordinary, header-relative, ancillary. */
		{ BPF_LD | BPF_W | BPF_ABS, 0x7fffffff, 0 },
		{ BPF_LD | BPF_W | BPF_ABS, (u32)SKF_NET_OFF, 0 },
		{ BPF_LD | BPF_W | BPF_ABS, (u32)SKF_LL_OFF - 1, 0 },
		{ BPF_LD | BPF_W | BPF_ABS, (u32)SKF_AD_OFF - 1, 0 },
		{ BPF_LD | BPF_W | BPF_ABS, (u32)SKF_AD_OFF + 1, -EINVAL },
		{ BPF_LD | BPF_H | BPF_ABS, (u32)SKF_AD_OFF + SKF_AD_MAX, -EINVAL },
		{ BPF_LD | BPF_B | BPF_ABS, 0xffffffff, -EINVAL },
		/* linux-compat: Linux accepts PAY_OFFSET; Tern does not compute it. */
		{ BPF_LD | BPF_W | BPF_ABS, (u32)(SKF_AD_OFF + SKF_AD_PAY_OFFSET), -EINVAL },
		/* Only absolute loads are checked for ancillary offsets. */
		{ BPF_LD | BPF_W | BPF_IND, (u32)SKF_AD_OFF + 1, 0 },
		{ BPF_LDX | BPF_B | BPF_MSH, (u32)SKF_AD_OFF + 1, 0 },
	};
	const u32 known_ad[] = {
		SKF_AD_PROTOCOL, SKF_AD_PKTTYPE, SKF_AD_IFINDEX, SKF_AD_NLATTR,
		SKF_AD_NLATTR_NEST, SKF_AD_MARK, SKF_AD_QUEUE, SKF_AD_HATYPE,
		SKF_AD_RXHASH, SKF_AD_CPU, SKF_AD_ALU_XOR_X, SKF_AD_VLAN_TAG,
		SKF_AD_VLAN_TAG_PRESENT, SKF_AD_RANDOM, SKF_AD_VLAN_TPID,
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct sock_filter q[] = { S(BPF_ST, 15), S(BPF_STX, 0),
					   S(cases[i].code, cases[i].k), S(BPF_RET | BPF_A, 0) };

		if (CHECK(q) != cases[i].want)
			fail_msg("case %zu (code %#x k %#x): got %d", i, cases[i].code,
				 cases[i].k, CHECK(q));
	}
	for (size_t i = 0; i < ARRAY_LEN(known_ad); i++) {
		for (u16 size = BPF_W; size <= BPF_B; size += 8) {
			p[0] = S(BPF_LD | size | BPF_ABS, (u32)SKF_AD_OFF + known_ad[i]);
			assert_int_equal(CHECK(p), 0);
		}
	}
}

static void validator_jump_ranges(void **state)
{
	struct sock_filter ja[] = {
		S(BPF_JMP | BPF_JA, 0), S(BPF_RET | BPF_K, 1), S(BPF_RET | BPF_K, 2),
	};
	struct sock_filter jc[] = {
		J(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 0), S(BPF_RET | BPF_K, 1), S(BPF_RET | BPF_K, 2),
	};

	(void)state;
	ja[0].k = 1;				/* to the last instruction */
	assert_int_equal(CHECK(ja), 0);
	ja[0].k = 2;				/* one past the end */
	assert_int_equal(CHECK(ja), -EINVAL);
	ja[0].k = 0xffffffff;			/* would wrap a 32-bit pc */
	assert_int_equal(CHECK(ja), -EINVAL);
	jc[0].jt = 1;
	assert_int_equal(CHECK(jc), 0);
	jc[0].jt = 2;
	assert_int_equal(CHECK(jc), -EINVAL);
	jc[0].jt = 0;
	jc[0].jf = 2;
	assert_int_equal(CHECK(jc), -EINVAL);
	jc[0].jf = 255;
	assert_int_equal(CHECK(jc), -EINVAL);
	/* A jump in the last instruction can never be in range. */
	const struct sock_filter last[] = { S(BPF_RET | BPF_K, 0), J(BPF_JMP | BPF_JSET | BPF_K, 0, 0, 0) };
	assert_int_equal(CHECK(last), -EINVAL);
}

static void validator_scratch_words_written_before_read(void **state)
{
	const struct sock_filter unwritten[] = {
		S(BPF_LD | BPF_MEM, 0), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter other_word[] = {
		S(BPF_ST, 1), S(BPF_LDX | BPF_MEM, 2), S(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter written[] = {
		S(BPF_STX, 3), S(BPF_LDX | BPF_MEM, 3), S(BPF_RET | BPF_A, 0),
	};
	/* Written on the true path only, read where the paths join. */
	const struct sock_filter one_branch[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		S(BPF_ST, 4),
		S(BPF_LD | BPF_MEM, 4),
		S(BPF_RET | BPF_A, 0),
	};
	/* Written on both paths before they join. */
	const struct sock_filter both_branches[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		S(BPF_ST, 4),
		S(BPF_JMP | BPF_JA, 1),
		S(BPF_STX, 4),
		S(BPF_LD | BPF_MEM, 4),
		S(BPF_RET | BPF_A, 0),
	};
	/* Written before the branch: valid on every path. */
	const struct sock_filter before_branch[] = {
		S(BPF_ST, 5),
		J(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 1),
		S(BPF_LD | BPF_MEM, 5),
		S(BPF_LDX | BPF_MEM, 5),
		S(BPF_RET | BPF_A, 0),
	};
	/* A JA skipping the store. */
	const struct sock_filter skipped[] = {
		S(BPF_JMP | BPF_JA, 1),
		S(BPF_ST, 6),
		S(BPF_LD | BPF_MEM, 6),
		S(BPF_RET | BPF_A, 0),
	};
	/*
	 * The instruction after a jump is reached only by jumps: what the
	 * jumping path lacked does not matter there (pc 5 is reached only
	 * from pc 2, after the store).
	 */
	struct sock_filter after_jump[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		S(BPF_ST, 4),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 2, 2),
		S(BPF_LD | BPF_IMM, 0),
		S(BPF_JMP | BPF_JA, 1),
		S(BPF_LD | BPF_MEM, 4),
		S(BPF_RET | BPF_A, 0),
	};
	/* A read on a path no jump reaches after a return is still checked. */
	const struct sock_filter after_ret[] = {
		S(BPF_RET | BPF_K, 1),
		S(BPF_LD | BPF_MEM, 7),
		S(BPF_RET | BPF_A, 0),
	};

	(void)state;
	assert_int_equal(CHECK(unwritten), -EINVAL);
	assert_int_equal(CHECK(other_word), -EINVAL);
	assert_int_equal(CHECK(written), 0);
	assert_int_equal(CHECK(one_branch), -EINVAL);
	assert_int_equal(CHECK(both_branches), 0);
	assert_int_equal(RUN(both_branches, bytes16, 16), 0);	/* A = 0: ST path */
	assert_int_equal(CHECK(before_branch), 0);
	assert_int_equal(CHECK(skipped), -EINVAL);
	assert_int_equal(CHECK(after_ret), -EINVAL);
	assert_int_equal(CHECK(after_jump), 0);
	after_jump[4] = J(BPF_JMP | BPF_JGE | BPF_X, 0, 1, 1);
	assert_int_equal(CHECK(after_jump), 0);
}

static void validator_out_of_memory(void **state)
{
	const struct sock_filter ok[] = { S(BPF_RET | BPF_K, 1) };
	const struct sock_filter bad[] = { S(BPF_LD | BPF_IMM, 1) };
	struct sk_filter *f;

	(void)state;
	fake_alloc_fail_after(0);
	assert_int_equal(CHECK(ok), -ENOMEM);
	assert_int_equal(CHECK(bad), -EINVAL);	/* rejected before any allocation */
	assert_int_equal(sk_filter_create(ok, 1, &f), -ENOMEM);
	assert_null(f);
	fake_alloc_fail_after(1);		/* the copy, not the check's masks */
	assert_int_equal(sk_filter_create(ok, 1, &f), -ENOMEM);
	assert_null(f);
	fake_alloc_fail_after(-1);
	assert_int_equal(host_live_allocations(), 0);
}

/* ---- programs real tools attach ---- */

/*
 * busybox 1.36 udhcpc, on its AF_PACKET SOCK_DGRAM socket (data starts at
 * the IP header): UDP, not a non-first fragment, destination port 68.
 */
static const struct sock_filter udhcpc_filter[] = {
	{ 0x30, 0, 0, 9 },		/* ldb [9]              protocol */
	{ 0x15, 0, 6, 17 },		/* jeq #17 (UDP)        else drop */
	{ 0x28, 0, 0, 6 },		/* ldh [6]              flags, fragment offset */
	{ 0x45, 4, 0, 0x1fff },		/* jset #0x1fff         fragment: drop */
	{ 0xb1, 0, 0, 0 },		/* ldxb 4*([0]&0xf)     IP header length */
	{ 0x48, 0, 0, 2 },		/* ldh [x + 2]          UDP destination port */
	{ 0x15, 0, 1, 68 },		/* jeq #68              else drop */
	{ 0x06, 0, 0, 0x7fffffff },	/* ret #0x7fffffff */
	{ 0x06, 0, 0, 0 },		/* ret #0 */
};

/* tcpdump -dd "ip" / "arp" on Ethernet (snap length 262144). */
static const struct sock_filter tcpdump_ip[] = {
	{ 0x28, 0, 0, 12 }, { 0x15, 0, 1, 0x0800 }, { 0x06, 0, 0, 0x40000 }, { 0x06, 0, 0, 0 },
};
static const struct sock_filter tcpdump_arp[] = {
	{ 0x28, 0, 0, 12 }, { 0x15, 0, 1, 0x0806 }, { 0x06, 0, 0, 0x40000 }, { 0x06, 0, 0, 0 },
};
/* tcpdump -dd "udp port 67": IPv6 and IPv4, either port. */
static const struct sock_filter tcpdump_udp67[] = {
	{ 0x28, 0, 0, 12 },		/* (000) ldh [12] */
	{ 0x15, 0, 6, 0x86dd },		/* (001) jeq #0x86dd      jt 2  jf 8 */
	{ 0x30, 0, 0, 20 },		/* (002) ldb [20] */
	{ 0x15, 0, 15, 17 },		/* (003) jeq #0x11        jt 4  jf 19 */
	{ 0x28, 0, 0, 54 },		/* (004) ldh [54] */
	{ 0x15, 12, 0, 67 },		/* (005) jeq #0x43        jt 18 jf 6 */
	{ 0x28, 0, 0, 56 },		/* (006) ldh [56] */
	{ 0x15, 10, 11, 67 },		/* (007) jeq #0x43        jt 18 jf 19 */
	{ 0x15, 0, 10, 0x0800 },	/* (008) jeq #0x800       jt 9  jf 19 */
	{ 0x30, 0, 0, 23 },		/* (009) ldb [23] */
	{ 0x15, 0, 8, 17 },		/* (010) jeq #0x11        jt 11 jf 19 */
	{ 0x28, 0, 0, 20 },		/* (011) ldh [20] */
	{ 0x45, 6, 0, 0x1fff },		/* (012) jset #0x1fff     jt 19 jf 13 */
	{ 0xb1, 0, 0, 14 },		/* (013) ldxb 4*([14]&0xf) */
	{ 0x48, 0, 0, 14 },		/* (014) ldh [x + 14] */
	{ 0x15, 2, 0, 67 },		/* (015) jeq #0x43        jt 18 jf 16 */
	{ 0x48, 0, 0, 16 },		/* (016) ldh [x + 16] */
	{ 0x15, 0, 1, 67 },		/* (017) jeq #0x43        jt 18 jf 19 */
	{ 0x06, 0, 0, 0x40000 },	/* (018) ret #262144 */
	{ 0x06, 0, 0, 0 },		/* (019) ret #0 */
};

/* An Ethernet frame with an IPv4 UDP datagram; returns its length. */
static u32 udp_frame(u8 *f, u16 sport, u16 dport, u16 frag_off, u8 ihl_extra_words)
{
	u8 udp[64], ip[128];
	u32 ulen = build_udp(udp, PEER_IP, OUR_IP, sport, dport, "dhcp-ish", 8, true);
	u32 ilen = build_ip(ip, PEER_IP, OUR_IP, IPPROTO_UDP, 1, frag_off, 64, udp, ulen);

	memcpy(f, bcast_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	if (ihl_extra_words) {
		/* IP options (NOPs) between the header and the UDP datagram. */
		u32 opt = 4u * ihl_extra_words;

		memcpy(f + 14, ip, 20);
		memset(f + 34, 1, opt);
		memcpy(f + 34 + opt, ip + 20, ilen - 20);
		f[14] = (u8)(0x45 + ihl_extra_words);
		return 14 + ilen + opt;
	}
	memcpy(f + 14, ip, ilen);
	return 14 + ilen;
}

static void udhcpc_filter_keeps_dhcp_to_port_68(void **state)
{
	u8 f[200];
	u32 len;

	(void)state;
	len = udp_frame(f, 67, 68, 0, 0);
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0x7fffffff);
	len = udp_frame(f, 67, 68, 0, 2);			/* IP options */
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0x7fffffff);
	len = udp_frame(f, 68, 67, 0, 0);			/* the other way */
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0);
	len = udp_frame(f, 67, 68, 0x2000, 0);			/* first fragment, MF */
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0x7fffffff);
	len = udp_frame(f, 67, 68, 0x0010, 0);			/* a later fragment */
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0);
	len = udp_frame(f, 67, 68, 0, 0);
	f[14 + 9] = IPPROTO_TCP;
	assert_int_equal(RUN(udhcpc_filter, f + 14, len - 14), 0);
	f[14 + 9] = IPPROTO_UDP;
	assert_int_equal(RUN(udhcpc_filter, f + 14, 22), 0);	/* cut before the port */
	assert_int_equal(RUN(udhcpc_filter, f + 14, 24), 0x7fffffff);
	assert_int_equal(RUN(udhcpc_filter, f + 14, 0), 0);
}

static void tcpdump_ip_and_arp_filters(void **state)
{
	u8 f[200];
	u32 len = udp_frame(f, 1000, 2000, 0, 0);

	(void)state;
	assert_int_equal(RUN(tcpdump_ip, f, len), 0x40000);
	assert_int_equal(RUN(tcpdump_arp, f, len), 0);
	f[13] = 0x06;
	assert_int_equal(RUN(tcpdump_ip, f, len), 0);
	assert_int_equal(RUN(tcpdump_arp, f, len), 0x40000);
	assert_int_equal(RUN(tcpdump_arp, f, 13), 0);		/* too short for a type */
}

static void tcpdump_udp_port_67_filter(void **state)
{
	u8 f[200];
	u32 len;

	(void)state;
	len = udp_frame(f, 68, 67, 0, 0);
	assert_int_equal(RUN(tcpdump_udp67, f, len), 0x40000);
	len = udp_frame(f, 67, 68, 0, 0);
	assert_int_equal(RUN(tcpdump_udp67, f, len), 0x40000);
	len = udp_frame(f, 67, 68, 0, 1);			/* IP options */
	assert_int_equal(RUN(tcpdump_udp67, f, len), 0x40000);
	len = udp_frame(f, 53, 5353, 0, 0);
	assert_int_equal(RUN(tcpdump_udp67, f, len), 0);
	len = udp_frame(f, 68, 67, 0x0008, 0);			/* a later fragment */
	assert_int_equal(RUN(tcpdump_udp67, f, len), 0);
	/* IPv6: next header at 20, ports at 54 and 56. */
	memset(f, 0, sizeof(f));
	f[12] = 0x86;
	f[13] = 0xdd;
	f[14] = 0x60;
	f[20] = 17;
	f[54] = 0;
	f[55] = 67;
	assert_int_equal(RUN(tcpdump_udp67, f, 62), 0x40000);
	f[55] = 68;
	assert_int_equal(RUN(tcpdump_udp67, f, 62), 0);
	f[20] = 6;
	f[55] = 67;
	assert_int_equal(RUN(tcpdump_udp67, f, 62), 0);
}

/* ---- attached programs ---- */

static void attached_program_is_copied_and_refcounted(void **state)
{
	struct sock_filter prog[ARRAY_LEN(tcpdump_arp)];
	const struct sock_filter bad[] = { S(BPF_LD | BPF_MEM, 0), S(BPF_RET | BPF_A, 0) };
	struct sk_filter *f, *g;
	u8 frame[60] = { 0 };
	long base = host_live_allocations();

	(void)state;
	memcpy(prog, tcpdump_arp, sizeof(prog));
	assert_int_equal(sk_filter_create(prog, ARRAY_LEN(prog), &f), 0);
	assert_non_null(f);
	assert_int_equal(f->len, ARRAY_LEN(prog));
	memset(prog, 0, sizeof(prog));		/* the caller's copy may go */
	frame[12] = 0x08;
	frame[13] = 0x06;
	assert_int_equal(sk_filter_apply(f, frame, sizeof(frame), NULL), 0x40000);
	g = sk_filter_get(f);
	assert_ptr_equal(g, f);
	assert_int_equal(f->refcnt, 2);
	sk_filter_put(f);
	assert_int_equal(host_live_allocations(), base + 1);
	assert_int_equal(sk_filter_apply(g, frame, sizeof(frame), NULL), 0x40000);
	sk_filter_put(g);
	assert_int_equal(host_live_allocations(), base);
	sk_filter_put(NULL);

	/* Rejected programs leave nothing behind. */
	assert_int_equal(sk_filter_create(bad, ARRAY_LEN(bad), &f), -EINVAL);
	assert_null(f);
	assert_int_equal(sk_filter_create(NULL, 1, &f), -EINVAL);
	assert_int_equal(sk_filter_create(bad, 0, &f), -EINVAL);
	assert_int_equal(host_live_allocations(), base);

	/* The two-step way the kernel fills a program from user memory. */
	assert_int_equal(sk_filter_alloc(BPF_MAXINSNS + 1, &f), -EINVAL);
	assert_null(f);
	assert_int_equal(sk_filter_alloc(2, &f), 0);
	assert_int_equal(f->insns[0].code, 0);		/* zeroed */
	assert_int_equal(sk_filter_prepare(f), -EINVAL);	/* ld #0; ld #0 */
	f->insns[1] = S(BPF_RET | BPF_K, 5);
	assert_int_equal(sk_filter_prepare(f), 0);
	assert_int_equal(sk_filter_apply(f, frame, 0, NULL), 5);
	sk_filter_put(f);
	assert_int_equal(host_live_allocations(), base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uapi_layout_and_opcode_values),
		cmocka_unit_test(loads_are_big_endian_and_sized),
		cmocka_unit_test(registers_start_at_zero_and_move),
		cmocka_unit_test(alu_operations_are_32_bit_unsigned),
		cmocka_unit_test(division_and_modulo_by_x_zero_drop),
		cmocka_unit_test(conditional_jumps_compare_unsigned),
		cmocka_unit_test(unconditional_jump_skips_forward),
		cmocka_unit_test(scratch_memory_holds_sixteen_words),
		cmocka_unit_test(loads_past_the_end_drop),
		cmocka_unit_test(header_relative_loads),
		cmocka_unit_test(ancillary_loads_read_the_context),
		cmocka_unit_test(netlink_attribute_search),
		cmocka_unit_test(validator_accepts_exactly_the_known_opcodes),
		cmocka_unit_test(validator_length_and_last_instruction),
		cmocka_unit_test(validator_operand_rules),
		cmocka_unit_test(validator_jump_ranges),
		cmocka_unit_test(validator_scratch_words_written_before_read),
		cmocka_unit_test(validator_out_of_memory),
		cmocka_unit_test(udhcpc_filter_keeps_dhcp_to_port_68),
		cmocka_unit_test(tcpdump_ip_and_arp_filters),
		cmocka_unit_test(tcpdump_udp_port_67_filter),
		cmocka_unit_test(attached_program_is_copied_and_refcounted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
