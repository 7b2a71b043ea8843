/*
 * Classic BPF: the validator and the interpreter behind SO_ATTACH_FILTER
 * (see net/filter.h).  The machine has a 32-bit accumulator A, an index
 * register X, sixteen 32-bit scratch words M[] and the packet, read-only
 * and big-endian; both registers start at 0.  Jumps only go forward, so
 * a program of n instructions ends within n steps.
 */
#include <uapi/errno.h>
#include <net/filter.h>

/* ---- validation (Linux's bpf_check_classic and its helpers) ---- */

/* ALU operations with an operand: A = A op K, or A = A op X. */
static bool alu_binary_op(u16 op)
{
	switch (op) {
	case BPF_ADD:
	case BPF_SUB:
	case BPF_MUL:
	case BPF_DIV:
	case BPF_MOD:
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
	case BPF_LSH:
	case BPF_RSH:
		return true;
	}
	return false;
}

static bool is_cond_jump(u16 code)
{
	switch (BPF_OP(code)) {
	case BPF_JEQ:
	case BPF_JGT:
	case BPF_JGE:
	case BPF_JSET:
		return BPF_CLASS(code) == BPF_JMP;
	}
	return false;
}

/*
 * Every opcode a socket filter may use (49 of them); anything else is
 * -EINVAL.  A code is class | operation | source in its low byte, so an
 * ALU or jump code is known by its operation, either source.
 */
static bool opcode_allowed(u16 code)
{
	if (code > 0xff)
		return false;
	if (BPF_CLASS(code) == BPF_ALU)
		return alu_binary_op(BPF_OP(code)) || code == (BPF_ALU | BPF_NEG);
	if (BPF_CLASS(code) == BPF_JMP)
		return is_cond_jump(code) || code == (BPF_JMP | BPF_JA);
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
	case BPF_LD | BPF_W | BPF_IND:
	case BPF_LD | BPF_H | BPF_IND:
	case BPF_LD | BPF_B | BPF_IND:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_B | BPF_MSH:
	case BPF_LDX | BPF_IMM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
		return true;
	}
	return false;
}

/* The ancillary offsets (after SKF_AD_OFF) this interpreter answers. */
static bool ancillary_known(u32 k)
{
	switch ((s32)k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:
	case SKF_AD_PKTTYPE:
	case SKF_AD_IFINDEX:
	case SKF_AD_NLATTR:
	case SKF_AD_NLATTR_NEST:
	case SKF_AD_MARK:
	case SKF_AD_QUEUE:
	case SKF_AD_HATYPE:
	case SKF_AD_RXHASH:
	case SKF_AD_CPU:
	case SKF_AD_ALU_XOR_X:
	case SKF_AD_VLAN_TAG:
	case SKF_AD_VLAN_TAG_PRESENT:
	case SKF_AD_RANDOM:
	case SKF_AD_VLAN_TPID:
		return true;
	}
	/* linux-compat: SKF_AD_PAY_OFFSET is not computed; see filter.h. */
	return false;
}

/* One instruction's own constraints, pc being its index in n. */
static bool insn_ok(const struct sock_filter *f, u32 pc, u32 n)
{
	if (!opcode_allowed(f->code))
		return false;
	switch (f->code) {
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_K:
		return f->k != 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		return f->k < 32;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		return f->k < BPF_MEMWORDS;
	case BPF_JMP | BPF_JA:
		/* The target pc + 1 + k must be inside the program. */
		return f->k < n - pc - 1;
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
		return f->k < (u32)SKF_AD_OFF || ancillary_known(f->k);
	}
	if (is_cond_jump(f->code))
		return pc + 1 + f->jt < n && pc + 1 + f->jf < n;
	return true;
}

/*
 * Every scratch word read on some path must have been written before on
 * every path that reaches the read.  Jumps go forward, so one pass in
 * program order suffices: masks[pc] is the set of words written on all
 * paths that jump to pc, and `valid` the set written on the path that
 * falls through to it.  An instruction after a jump is reached only by
 * jumps, hence `valid` restarts as "everything" after each one.
 */
static int check_scratch_use(const struct sock_filter *insns, u32 n)
{
	u16 *masks = net_alloc(n * sizeof(*masks));
	u16 valid = 0;
	int err = 0;

	_Static_assert(BPF_MEMWORDS <= 16, "one bit per scratch word in a u16");
	if (!masks)
		return -ENOMEM;
	for (u32 pc = 0; pc < n; pc++)
		masks[pc] = 0xffff;
	for (u32 pc = 0; pc < n && !err; pc++) {
		const struct sock_filter *f = &insns[pc];

		valid &= masks[pc];
		switch (f->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= (u16)(1u << f->k);
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << f->k)))
				err = -EINVAL;
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + f->k] &= valid;
			valid = 0xffff;
			break;
		default:
			if (is_cond_jump(f->code)) {
				masks[pc + 1 + f->jt] &= valid;
				masks[pc + 1 + f->jf] &= valid;
				valid = 0xffff;
			}
		}
	}
	net_free(masks);
	return err;
}

int sk_filter_check(const struct sock_filter *insns, u32 n)
{
	if (!insns || n == 0 || n > BPF_MAXINSNS)
		return -EINVAL;
	for (u32 pc = 0; pc < n; pc++)
		if (!insn_ok(&insns[pc], pc, n))
			return -EINVAL;
	if (insns[n - 1].code != (BPF_RET | BPF_K) && insns[n - 1].code != (BPF_RET | BPF_A))
		return -EINVAL;
	return check_scratch_use(insns, n);
}

/* ---- the interpreter ---- */

static const struct bpf_ctx no_ctx;

struct bpf_run {
	const u8 *pkt;
	u32 len;
	const struct bpf_ctx *ctx;
};

static u32 get_be(const u8 *p, u32 size)
{
	u32 v = 0;

	for (u32 i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * Load `size` bytes, big-endian, at the signed offset `off` (Linux's
 * bpf_skb_load_helper_*): from the data when off >= 0, else relative to
 * the network header (SKF_NET_OFF <= off < 0) or the link header
 * (SKF_LL_OFF <= off < SKF_NET_OFF), never past the end of the data.
 */
static bool load(const struct bpf_run *r, s32 off, u32 size, u32 *val)
{
	const u8 *base;
	u32 rel, avail;

	if (off >= 0) {
		base = r->pkt;
		rel = (u32)off;
		avail = r->len;
	} else {
		uintptr_t end = (uintptr_t)r->pkt + r->len;

		if (off >= SKF_NET_OFF) {
			base = r->ctx->network;
			rel = (u32)(off - SKF_NET_OFF);
		} else if (off >= SKF_LL_OFF) {
			base = r->ctx->mac;
			rel = (u32)(off - SKF_LL_OFF);
		} else {
			return false;
		}
		if (!base || (uintptr_t)base > end)
			return false;
		avail = (u32)(end - (uintptr_t)base);
	}
	if (rel > avail || avail - rel < size)
		return false;
	*val = get_be(base + rel, size);
	return true;
}

/* struct nlattr (netlink(7)): u16 nla_len, u16 nla_type, host order. */
#define NLA_HDRLEN 4
#define NLA_TYPE_MASK 0x3fff	/* without NLA_F_NESTED, NLA_F_NET_BYTEORDER */

static u32 get_le16(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8;
}

/*
 * The offset in the data of the first attribute of type `type` among
 * those in data[start, start + len), or 0 (Linux's nla_find walk: stop at
 * the first attribute whose length is short or overruns what is left).
 */
static u32 nla_find_off(const struct bpf_run *r, u32 start, s64 len, u32 type)
{
	u32 off = start;

	while (len >= NLA_HDRLEN) {
		u32 nla_len = get_le16(r->pkt + off);

		if (nla_len < NLA_HDRLEN || nla_len > len)
			return 0;
		if ((get_le16(r->pkt + off + 2) & NLA_TYPE_MASK) == type)
			return off;
		nla_len = (nla_len + 3) & ~3u;
		len -= nla_len;
		off += nla_len;
	}
	return 0;
}

/* SKF_AD_NLATTR: A = offset of the attribute of type X at or after A. */
static u32 anc_nlattr(const struct bpf_run *r, u32 a, u32 x)
{
	if (r->len < NLA_HDRLEN || a > r->len - NLA_HDRLEN)
		return 0;
	return nla_find_off(r, a, (s64)r->len - a, x);
}

/* SKF_AD_NLATTR_NEST: the same search inside the attribute at A. */
static u32 anc_nlattr_nest(const struct bpf_run *r, u32 a, u32 x)
{
	u32 nla_len;

	if (r->len < NLA_HDRLEN || a > r->len - NLA_HDRLEN)
		return 0;
	nla_len = get_le16(r->pkt + a);
	if (nla_len > r->len - a)
		return 0;
	return nla_find_off(r, a + NLA_HDRLEN, (s64)nla_len - NLA_HDRLEN, x);
}

/*
 * An ancillary load; false when the program must end now (returning
 * *a unchanged, as Linux's IFINDEX/HATYPE do without a device).
 */
static bool ancillary(const struct bpf_run *r, u32 k, u32 *a, u32 x)
{
	const struct bpf_ctx *c = r->ctx;

	switch ((s32)k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:
		*a = c->protocol;
		break;
	case SKF_AD_PKTTYPE:
		*a = c->pkttype;
		break;
	case SKF_AD_IFINDEX:
		if (!c->ifindex)
			return false;
		*a = c->ifindex;
		break;
	case SKF_AD_HATYPE:
		if (!c->ifindex)
			return false;
		*a = c->hatype;
		break;
	case SKF_AD_NLATTR:
		*a = anc_nlattr(r, *a, x);
		break;
	case SKF_AD_NLATTR_NEST:
		*a = anc_nlattr_nest(r, *a, x);
		break;
	case SKF_AD_MARK:
		*a = c->mark;
		break;
	case SKF_AD_QUEUE:
		*a = c->queue;
		break;
	case SKF_AD_RXHASH:
		*a = c->rxhash;
		break;
	case SKF_AD_CPU:
		*a = c->cpu;
		break;
	case SKF_AD_ALU_XOR_X:
		*a ^= x;
		break;
	case SKF_AD_VLAN_TAG:
		*a = c->vlan_tci;
		break;
	case SKF_AD_VLAN_TAG_PRESENT:
		*a = c->vlan_present;
		break;
	case SKF_AD_RANDOM:
		*a = net_random_u32();
		break;
	case SKF_AD_VLAN_TPID:
		*a = c->vlan_tpid;
		break;
	default:
		/* Not accepted by sk_filter_check(). */
		*a = 0;
		return false;
	}
	return true;
}

/*
 * A = A op v; false when the program must end with 0 (division or
 * modulo by zero -- only X can be 0 in a checked program -- or an
 * operation sk_filter_check() would not have accepted).
 */
static bool alu(u16 op, u32 *a, u32 v)
{
	switch (op) {
	case BPF_ADD: *a += v; break;
	case BPF_SUB: *a -= v; break;
	case BPF_MUL: *a *= v; break;
	case BPF_AND: *a &= v; break;
	case BPF_OR: *a |= v; break;
	case BPF_XOR: *a ^= v; break;
	case BPF_DIV:
		if (!v)
			return false;
		*a /= v;
		break;
	case BPF_MOD:
		if (!v)
			return false;
		*a %= v;
		break;
	/*
	 * Shift counts are taken mod 32, as Linux's interpreter and x86's
	 * shifts do (k < 32 in a checked program).
	 */
	case BPF_LSH: *a <<= v & 31; break;
	case BPF_RSH: *a >>= v & 31; break;
	default: return false;
	}
	return true;
}

/* Conditional jumps compare unsigned 32-bit values. */
static bool cond_jump_taken(u16 op, u32 a, u32 v)
{
	switch (op) {
	case BPF_JEQ: return a == v;
	case BPF_JGT: return a > v;
	case BPF_JGE: return a >= v;
	default: return (a & v) != 0;	/* BPF_JSET */
	}
}

static const u32 load_size[4] = { [BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1 };

u32 sk_filter_run(const struct sock_filter *insns, u32 n, const u8 *pkt, u32 len,
		  const struct bpf_ctx *ctx)
{
	struct bpf_run r = { .pkt = pkt, .len = len, .ctx = ctx ? ctx : &no_ctx };
	u32 a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 };
	u64 pc;	/* 64 bits: pc + 1 + k cannot wrap back into the program */

	for (pc = 0; pc < n; pc++) {
		const struct sock_filter *f = &insns[pc];
		u32 k = f->k, v;

		switch (f->code) {
		case BPF_RET | BPF_K:
			return k;
		case BPF_RET | BPF_A:
			return a;

		case BPF_LD | BPF_W | BPF_ABS:
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_B | BPF_ABS:
			if (k >= (u32)SKF_AD_OFF) {
				if (!ancillary(&r, k, &a, x))
					return a;
				break;
			}
			if (!load(&r, (s32)k, load_size[BPF_SIZE(f->code) >> 3], &a))
				return 0;
			break;
		case BPF_LD | BPF_W | BPF_IND:
		case BPF_LD | BPF_H | BPF_IND:
		case BPF_LD | BPF_B | BPF_IND:
			/* The offset X + k wraps at 32 bits, then reads as signed. */
			if (!load(&r, (s32)(x + k), load_size[BPF_SIZE(f->code) >> 3], &a))
				return 0;
			break;
		case BPF_LDX | BPF_B | BPF_MSH:
			/* X = 4 * (P[k] & 0xf): an IPv4 header's length. */
			if (!load(&r, (s32)k, 1, &v))
				return 0;
			x = (v & 0xf) << 2;
			break;
		case BPF_LD | BPF_W | BPF_LEN:
			a = len;
			break;
		case BPF_LDX | BPF_W | BPF_LEN:
			x = len;
			break;
		case BPF_LD | BPF_IMM:
			a = k;
			break;
		case BPF_LDX | BPF_IMM:
			x = k;
			break;
		/* k < BPF_MEMWORDS in a checked program; the mask keeps any other in bounds. */
		case BPF_LD | BPF_MEM:
			a = mem[k % BPF_MEMWORDS];
			break;
		case BPF_LDX | BPF_MEM:
			x = mem[k % BPF_MEMWORDS];
			break;
		case BPF_ST:
			mem[k % BPF_MEMWORDS] = a;
			break;
		case BPF_STX:
			mem[k % BPF_MEMWORDS] = x;
			break;
		case BPF_MISC | BPF_TAX:
			x = a;
			break;
		case BPF_MISC | BPF_TXA:
			a = x;
			break;

		case BPF_ALU | BPF_NEG:
			a = -a;
			break;
		case BPF_JMP | BPF_JA:
			pc += k;
			break;

		default:
			v = BPF_SRC(f->code) == BPF_X ? x : k;
			if (BPF_CLASS(f->code) == BPF_ALU) {
				if (!alu(BPF_OP(f->code), &a, v))
					return 0;
			} else if (is_cond_jump(f->code)) {
				pc += cond_jump_taken(BPF_OP(f->code), a, v) ? f->jt : f->jf;
			} else {
				/* Not accepted by sk_filter_check(). */
				return 0;
			}
		}
	}
	/* Only an unchecked program gets here: the last instruction returns. */
	return 0;
}

/* ---- attached programs ---- */

int sk_filter_alloc(u32 n, struct sk_filter **out)
{
	struct sk_filter *f;

	*out = NULL;
	if (n == 0 || n > BPF_MAXINSNS)
		return -EINVAL;
	f = net_alloc(sizeof(*f) + n * sizeof(f->insns[0]));
	if (!f)
		return -ENOMEM;
	f->refcnt = 1;
	f->len = n;
	*out = f;
	return 0;
}

int sk_filter_prepare(struct sk_filter *f)
{
	return sk_filter_check(f->insns, f->len);
}

int sk_filter_create(const struct sock_filter *insns, u32 n, struct sk_filter **out)
{
	struct sk_filter *f;
	int err;

	*out = NULL;
	if (!insns)
		return -EINVAL;
	err = sk_filter_alloc(n, &f);
	if (err)
		return err;
	memcpy(f->insns, insns, n * sizeof(insns[0]));
	err = sk_filter_prepare(f);
	if (err) {
		sk_filter_put(f);
		return err;
	}
	*out = f;
	return 0;
}

struct sk_filter *sk_filter_get(struct sk_filter *f)
{
	NET_ASSERT(f->refcnt > 0);
	f->refcnt++;
	return f;
}

void sk_filter_put(struct sk_filter *f)
{
	if (!f)
		return;
	NET_ASSERT(f->refcnt > 0);
	if (--f->refcnt == 0)
		net_free(f);
}
