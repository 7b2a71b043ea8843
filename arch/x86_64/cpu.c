/*
 * CPU feature discovery and the protection bits we turn on:
 * EFER.NXE (no-execute pages), CR4.SMEP (no kernel execution of user
 * pages) and CR4.SMAP (no kernel access to user pages except between
 * stac/clac; copy_to_user and friends will do that).  CPUID leaves from
 * the Intel SDM vol. 2A.
 *
 * SSE is made usable for user programs (musl uses it): CR0.MP set, EM
 * clear, CR4.OSFXSR and OSXMMEXCPT (SDM vol. 3A §13.1).  The kernel
 * itself is built without SSE; saving a task's FPU/SSE state on context
 * switch comes with user processes.
 */
#include <asm/cpu.h>
#include <tern/printk.h>
#include <tern/string.h>

struct cpu_features cpu_features;
/* For entry.S: clac on interrupt entry (1 once SMAP is on). */
u8 smap_enabled;

void cpu_init(void)
{
	u32 a, b, c, d, max, maxext;

	cpuid(0, 0, &max, &b, &c, &d);
	memcpy(cpu_features.vendor, &b, 4);
	memcpy(cpu_features.vendor + 4, &d, 4);
	memcpy(cpu_features.vendor + 8, &c, 4);
	cpu_features.vendor[12] = '\0';

	cpuid(1, 0, &a, &b, &c, &d);
	cpu_features.pge = d & (1u << 13);
	cpu_features.fxsr = (d & (1u << 24)) && (d & (1u << 25));	/* FXSR, SSE */
	cpu_features.x2apic = c & (1u << 21);
	cpu_features.tsc_deadline = c & (1u << 24);
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_features.smep = b & (1u << 7);
		cpu_features.smap = b & (1u << 20);
	}
	cpuid(0x80000000, 0, &maxext, &b, &c, &d);
	if (maxext >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		cpu_features.nx = d & (1u << 20);
		cpu_features.pdpe1gb = d & (1u << 26);
	}
	if (maxext >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		cpu_features.tsc_invariant = d & (1u << 8);
	}

	if (cpu_features.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	if (!cpu_features.fxsr)
		pr_warn("cpu: no FXSAVE/SSE; user programs will not run\n");
	write_cr0((read_cr0() & ~X86_CR0_EM) | X86_CR0_MP);
	u64 cr4 = read_cr4();
	if (cpu_features.fxsr)
		cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
	if (cpu_features.smep)
		cr4 |= X86_CR4_SMEP;
	if (cpu_features.smap)
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
	smap_enabled = cpu_features.smap;
	write_cr0(read_cr0() | X86_CR0_WP);

	pr_info("cpu: %s, NX %s, SMEP %s, SMAP %s\n", cpu_features.vendor,
		cpu_features.nx ? "on" : "absent", cpu_features.smep ? "on" : "absent",
		cpu_features.smap ? "on" : "absent");
}
