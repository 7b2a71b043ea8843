/*
 * /proc/cpuinfo (proc(5)): what CPUID says about the one CPU, in Linux's
 * "key\t: value" layout, with the flag names of Linux's cpufeatures
 * list for the bits Tern reports.
 */
#include "internal.h"
#include <tern/proc_fs.h>
#include <tern/time.h>

static void do_cpuid(u32 leaf, u32 sub, u32 r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

struct flag {
	u8 reg;		/* 0: CPUID.1:EDX, 1: CPUID.1:ECX, 2: 80000001:EDX, 3: 80000001:ECX, 4: 7.0:EBX */
	u8 bit;
	const char *name;
};

static const struct flag flags[] = {
	{ 0, 0, "fpu" }, { 0, 1, "vme" }, { 0, 2, "de" }, { 0, 3, "pse" },
	{ 0, 4, "tsc" }, { 0, 5, "msr" }, { 0, 6, "pae" }, { 0, 7, "mce" },
	{ 0, 8, "cx8" }, { 0, 9, "apic" }, { 0, 11, "sep" }, { 0, 12, "mtrr" },
	{ 0, 13, "pge" }, { 0, 14, "mca" }, { 0, 15, "cmov" }, { 0, 16, "pat" },
	{ 0, 17, "pse36" }, { 0, 19, "clflush" }, { 0, 23, "mmx" },
	{ 0, 24, "fxsr" }, { 0, 25, "sse" }, { 0, 26, "sse2" }, { 0, 28, "ht" },
	{ 2, 11, "syscall" }, { 2, 20, "nx" }, { 2, 26, "pdpe1gb" },
	{ 2, 27, "rdtscp" }, { 2, 29, "lm" },
	{ 1, 0, "pni" }, { 1, 1, "pclmulqdq" }, { 1, 9, "ssse3" }, { 1, 12, "fma" },
	{ 1, 13, "cx16" }, { 1, 19, "sse4_1" }, { 1, 20, "sse4_2" },
	{ 1, 21, "x2apic" }, { 1, 22, "movbe" }, { 1, 23, "popcnt" },
	{ 1, 25, "aes" }, { 1, 26, "xsave" }, { 1, 28, "avx" }, { 1, 29, "f16c" },
	{ 1, 30, "rdrand" }, { 1, 31, "hypervisor" },
	{ 3, 0, "lahf_lm" }, { 3, 5, "abm" },
	{ 4, 0, "fsgsbase" }, { 4, 3, "bmi1" }, { 4, 5, "avx2" }, { 4, 7, "smep" },
	{ 4, 8, "bmi2" }, { 4, 9, "erms" }, { 4, 18, "rdseed" }, { 4, 20, "smap" },
};

static int cpuinfo_show(struct proc_ctx *pc, struct proc_buf *b)
{
	u32 r[4], regs[5] = { 0 }, max, maxext;
	char vendor[13], model[49];
	u32 family, modelno, stepping, phys = 36, virt = 48;

	(void)pc;
	do_cpuid(0, 0, r);
	max = r[0];
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	do_cpuid(1, 0, r);
	regs[0] = r[3];
	regs[1] = r[2];
	family = (r[0] >> 8) & 0xf;
	modelno = (r[0] >> 4) & 0xf;
	stepping = r[0] & 0xf;
	if (family == 0xf)
		family += (r[0] >> 20) & 0xff;
	if (family >= 6)
		modelno |= ((r[0] >> 16) & 0xf) << 4;
	if (max >= 7) {
		do_cpuid(7, 0, r);
		regs[4] = r[1];
	}
	do_cpuid(0x80000000, 0, r);
	maxext = r[0];
	strlcpy(model, "unknown", sizeof(model));
	if (maxext >= 0x80000001) {
		do_cpuid(0x80000001, 0, r);
		regs[2] = r[3];
		regs[3] = r[2];
	}
	if (maxext >= 0x80000008) {
		do_cpuid(0x80000008, 0, r);
		phys = r[0] & 0xff;
		virt = (r[0] >> 8) & 0xff;
	}
	if (maxext >= 0x80000004) {
		for (u32 i = 0; i < 3; i++) {
			do_cpuid(0x80000002 + i, 0, r);
			memcpy(model + 16 * i, r, 16);
		}
		model[48] = '\0';
	}
	proc_printf(b, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		    "model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\n"
		    "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		    "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
		    vendor, family, modelno, model, stepping,
		    (unsigned long)(tsc_khz / 1000), (unsigned long)(tsc_khz % 1000), max);
	for (unsigned int i = 0; i < ARRAY_SIZE(flags); i++)
		if ((regs[flags[i].reg] >> flags[i].bit) & 1)
			proc_printf(b, " %s", flags[i].name);
	proc_printf(b, "\nbogomips\t: %lu.%02lu\nclflush size\t: 64\ncache_alignment\t: 64\n"
		    "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
		    (unsigned long)(tsc_khz * 2 / 1000), (unsigned long)(tsc_khz * 2 / 10 % 100),
		    phys, virt);
	return 0;
}

void proc_cpuinfo_init(void)
{
	proc_create("", "cpuinfo", 0444, cpuinfo_show);
}
