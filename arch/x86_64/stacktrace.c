/*
 * Backtraces by frame pointer.  The kernel is built with
 * -fno-omit-frame-pointer, so each frame starts with the caller's rbp
 * followed by the return address.  The walk is bounded in depth, only
 * follows frames upward (stacks grow down) and only kernel addresses
 * that the live page tables map, so a corrupt chain ends the trace
 * rather than faulting in the middle of a crash report.
 */
#include <asm/cpu.h>
#include <asm/layout.h>
#include <asm/pgtable.h>
#include <tern/mm.h>
#include <tern/kallsyms.h>
#include <tern/printk.h>
#include <tern/stacktrace.h>

#define MAX_FRAMES 32

static void print_frame(u64 addr)
{
	char sym[KSYM_NAME_LEN + 32];

	kallsyms_format(addr, sym, sizeof(sym));
	printk(KERN_EMERG "  [<%016lx>] %s\n", (unsigned long)addr, sym);
}

/* Are the 16 bytes of a frame record at addr readable? */
static bool frame_mapped(u64 addr)
{
	pte_t *pml4 = phys_to_virt(read_cr3() & PTE_ADDR_MASK);
	int level;

	return pte_lookup(pml4, addr, &level) && pte_lookup(pml4, addr + 15, &level);
}

void print_backtrace(u64 rip, u64 rbp)
{
	print_frame(rip);
	for (int depth = 0; depth < MAX_FRAMES; depth++) {
		if (rbp < PAGE_OFFSET || (rbp & 7) || !frame_mapped(rbp))
			break;
		u64 *frame = (u64 *)rbp;
		u64 ret = frame[1];
		u64 next = frame[0];
		if (!ret)
			break;
		/* Return addresses point after the call; show the call site. */
		print_frame(ret - 1);
		if (next <= rbp)
			break;
		rbp = next;
	}
}

void dump_stack(void)
{
	u64 *fp = __builtin_frame_address(0);

	/* Our frame: fp[0] is the caller's rbp, fp[1] our return address. */
	print_backtrace(fp[1] - 1, fp[0]);
}
