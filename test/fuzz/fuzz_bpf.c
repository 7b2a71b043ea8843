/*
 * libFuzzer target: classic BPF (net/core/filter.c), the validator behind
 * SO_ATTACH_FILTER and the interpreter that runs accepted programs on
 * every received packet.
 *
 * Input:
 *   byte 0   flags: bit 0 "repair" the program so most of it passes the
 *            validator (opcodes mapped onto the 49 allowed ones, jumps,
 *            scratch indices and shift counts brought into range, packet
 *            offsets made small, a return at the end); bit 1 (with bit 0)
 *            also prefixes 16 stores so every scratch word is written;
 *            bits 2-3 where the filtered data starts in the buffer (0,
 *            14, 34 bytes in: the link, network or transport header);
 *            bit 4 no context at all; bits 5-7 the context's metadata;
 *   byte 1   the number of instructions, minus one (1..256);
 *   then     8 bytes per instruction (code, jt, jf, k; little-endian),
 *            zeros where the input runs out;
 *   the rest the packet buffer, copied into an allocation of exactly its
 *            size, so any read outside it is an ASan report.
 *
 * Every program, accepted or not, is run (sk_filter_run promises to stay
 * inside the data and to end within n steps whatever it is given); an
 * accepted one is also attached through sk_filter_create and run again,
 * which must give the same answer unless it asks for random numbers.
 */
#include <stdlib.h>
#include <string.h>

#include <uapi/errno.h>
#include <net/filter.h>

static const u16 allowed[] = {
	0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x94, 0x9c,
	0x54, 0x5c, 0x44, 0x4c, 0xa4, 0xac, 0x64, 0x6c, 0x74, 0x7c, 0x84,
	0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x80, 0x00, 0x60,
	0x81, 0xb1, 0x01, 0x61, 0x02, 0x03, 0x07, 0x87, 0x06, 0x16,
	0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d,
};

static u32 small_offset(u32 k)
{
	/* Mostly near the data, sometimes relative to a header. */
	switch (k >> 30) {
	case 0:
	case 1:
		return k % 96;
	case 2:
		return (u32)SKF_NET_OFF + k % 64;
	default:
		return (u32)SKF_LL_OFF + k % 80;
	}
}

static void repair(struct sock_filter *p, u32 n, u32 first)
{
	for (u32 pc = first; pc < n; pc++) {
		struct sock_filter *f = &p[pc];
		u32 room = n - pc - 1;	/* instructions after this one */

		f->code = allowed[f->code % (sizeof(allowed) / sizeof(allowed[0]))];
		if (BPF_CLASS(f->code) == BPF_JMP) {
			if (!room) {
				f->code = BPF_RET | BPF_K;
			} else if (BPF_OP(f->code) == BPF_JA) {
				f->k %= room;
			} else {
				f->jt %= room;
				f->jf %= room;
			}
		}
		switch (f->code) {
		case BPF_ALU | BPF_DIV | BPF_K:
		case BPF_ALU | BPF_MOD | BPF_K:
			f->k = f->k ? f->k : 1;
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			f->k %= 32;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			f->k %= BPF_MEMWORDS;
			break;
		case BPF_LD | BPF_W | BPF_ABS:
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_B | BPF_ABS:
			if ((f->k & 0xf) == 0xf)	/* one in sixteen: ancillary */
				f->k = (u32)SKF_AD_OFF + 4 * ((f->k >> 4) % 17);
			else
				f->k = small_offset(f->k);
			break;
		case BPF_LD | BPF_W | BPF_IND:
		case BPF_LD | BPF_H | BPF_IND:
		case BPF_LD | BPF_B | BPF_IND:
		case BPF_LDX | BPF_B | BPF_MSH:
			f->k = small_offset(f->k);
			break;
		}
	}
	if (BPF_CLASS(p[n - 1].code) != BPF_RET)
		p[n - 1].code = (p[n - 1].k & 1) ? (BPF_RET | BPF_A) : (BPF_RET | BPF_K);
}

static bool uses_random(const struct sock_filter *p, u32 n)
{
	for (u32 i = 0; i < n; i++)
		if (BPF_CLASS(p[i].code) == BPF_LD && BPF_MODE(p[i].code) == BPF_ABS &&
		    p[i].k == (u32)(SKF_AD_OFF + SKF_AD_RANDOM))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct sock_filter prog[16 + 256];
	static const u32 data_start[4] = { 0, 14, 34, 34 };
	struct bpf_ctx ctx = { 0 };
	u8 flags, *buf;
	u32 n, first = 0, buf_len, off, len;
	size_t pos = 2;

	if (size < 2)
		return 0;
	flags = data[0];
	n = (u32)data[1] + 1;
	if ((flags & 3) == 3) {
		for (u32 i = 0; i < BPF_MEMWORDS; i++)
			prog[i] = (struct sock_filter)BPF_STMT(i % 2 ? BPF_STX : BPF_ST, i);
		first = BPF_MEMWORDS;
	}
	for (u32 i = 0; i < n; i++) {
		u8 raw[8] = { 0 };

		for (u32 b = 0; b < 8 && pos < size; b++)
			raw[b] = data[pos++];
		prog[first + i].code = (u16)(raw[0] | raw[1] << 8);
		prog[first + i].jt = raw[2];
		prog[first + i].jf = raw[3];
		prog[first + i].k = (u32)raw[4] | (u32)raw[5] << 8 | (u32)raw[6] << 16 |
				    (u32)raw[7] << 24;
	}
	n += first;
	if (flags & 1)
		repair(prog, n, first);

	/* The packet in an allocation of exactly its size. */
	buf_len = (u32)(size - pos);
	buf = malloc(buf_len ? buf_len : 1);
	if (!buf)
		return 0;
	memcpy(buf, data + pos, buf_len);
	off = data_start[(flags >> 2) & 3];
	off = off < buf_len ? off : buf_len;
	len = buf_len - off;
	ctx.mac = off >= 14 ? buf : NULL;
	ctx.network = off >= 14 ? buf + 14 : (flags & 0x20) ? buf : NULL;
	ctx.protocol = 0x0800;
	ctx.pkttype = flags >> 5;
	ctx.ifindex = (flags & 0x40) ? 2 : 0;
	ctx.hatype = 1;
	ctx.vlan_present = flags & 0x80;
	ctx.vlan_tci = ctx.vlan_present ? 0x1005 : 0;

	const struct bpf_ctx *c = (flags & 0x10) ? NULL : &ctx;
	u32 unchecked = sk_filter_run(prog, n, buf + off, len, c);
	int err = sk_filter_check(prog, n);

	if (err != 0 && err != -EINVAL) {
		/* No allocation fails here: only -EINVAL may refuse. */
		abort();
	}
	if (err == 0) {
		struct sk_filter *f;

		if (sk_filter_create(prog, n, &f) != 0)
			abort();
		if (sk_filter_apply(f, buf + off, len, c) != unchecked && !uses_random(prog, n))
			abort();
		sk_filter_put(f);
	}
	free(buf);
	return 0;
}
