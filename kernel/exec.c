/*
 * execve(2): replace the calling process's program.  ELF64 programs
 * (ET_EXEC; ET_DYN at ELF_ET_DYN_BASE; a PT_INTERP dynamic loader placed
 * below mmap_base, AT_BASE naming it) and `#!` scripts (up to four interpreters deep), the initial stack
 * with argv, envp and the auxiliary vector (getauxval(3)) as Linux
 * builds it, and the process clean-up execve(2) lists: other threads
 * end, close-on-exec fds close, handled signals revert to SIG_DFL, the
 * alternate signal stack and FS base are cleared.
 *
 * Segments are mapped as private file VMAs and read in page by page on
 * first touch (mm/memory.c), so an exec costs what the program uses.
 * Every program also gets the vDSO (kernel/vdso.c), named by
 * AT_SYSINFO_EHDR.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/futex.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/random.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>
#include <tern/vdso.h>
#include <tern/vfs.h>
#include <uapi/elf.h>
#include <uapi/mount.h>
#include <uapi/time.h>

#define STACK_TOP		TASK_SIZE_MAX
#define STACK_RESERVE		(8ull << 20)	/* the [stack] VMA */
#define MMAP_GAP		(128ull << 20)	/* between stack and mmap_base */
#define ELF_ET_DYN_BASE		0x555555554000ull
#define ARGBUF_SIZE		(256u << 10)	/* argv + envp strings */
#define ARGBUF_ORDER		6
#define MAX_ARG_STRLEN		(32 * 4096)	/* one argument (Linux's limit) */
#define BINPRM_BUF_SIZE		256
#define MAX_INTERP_DEPTH	4
#define MAX_PHNUM		128

struct linux_binprm {
	char *buf;		/* argv strings then envp strings */
	u32 len;		/* bytes used in buf */
	u32 argv_len;		/* bytes of argv strings */
	int argc, envc;
	char *filename;		/* PATH_MAX: the path being executed */
	char *execfn;		/* what AT_EXECFN names (the first path) */
};


static int bprm_alloc(struct linux_binprm *b)
{
	memset(b, 0, sizeof(*b));
	b->buf = get_free_pages(ARGBUF_ORDER);
	b->filename = kmalloc(PATH_MAX);
	b->execfn = kmalloc(PATH_MAX);
	if (!b->buf || !b->filename || !b->execfn)
		return -ENOMEM;
	return 0;
}

static void bprm_free(struct linux_binprm *b)
{
	if (b->buf)
		free_pages_virt(b->buf, ARGBUF_ORDER);
	kfree(b->filename);
	kfree(b->execfn);
}

/* Append a user string vector; returns its count or -errno. */
static int copy_strings_user(struct linux_binprm *b, const char *const *uvec)
{
	int n = 0;

	if (!uvec)
		return 0;
	for (;; n++) {
		u64 p;
		if (copy_from_user(&p, uvec + n, sizeof(p)))
			return -EFAULT;
		if (!p)
			break;
		u32 room = MIN(ARGBUF_SIZE - b->len, (u32)MAX_ARG_STRLEN);
		long l = strncpy_from_user(b->buf + b->len, (const char *)p, room);
		if (l < 0)
			return (int)l;
		if ((u32)l >= room)
			return -E2BIG;
		b->len += l + 1;
	}
	return n;
}

static int copy_strings_kernel(struct linux_binprm *b, const char *const *vec)
{
	int n = 0;

	for (; vec && vec[n]; n++) {
		size_t l = strlen(vec[n]);
		if (l + 1 > ARGBUF_SIZE - b->len)
			return -E2BIG;
		memcpy(b->buf + b->len, vec[n], l + 1);
		b->len += l + 1;
	}
	return n;
}

/*
 * `#!interp [arg]`: argv becomes interp, [arg], the script's path, then
 * the old argv without its first entry (execve(2) "Interpreter scripts").
 */
static int rewrite_for_script(struct linux_binprm *b, const char *hdr, size_t n)
{
	char line[BINPRM_BUF_SIZE];
	size_t i = 2, len = 0;

	while (i < n && hdr[i] != '\n' && len < sizeof(line) - 1)
		line[len++] = hdr[i++];
	if (i >= n || hdr[i] != '\n') {
		if (len >= sizeof(line) - 1)
			return -ENOEXEC;	/* line too long */
	}
	line[len] = 0;
	char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = 0;
	if (!*s)
		return -ENOEXEC;
	char *interp = s, *arg = NULL;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s) {
		*s++ = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s)
			arg = s;	/* the rest of the line is one argument */
	}
	/* Drop argv[0]. */
	u32 skip = 0;
	if (b->argc > 0) {
		skip = strlen(b->buf) + 1;
		b->argc--;
		b->argv_len -= skip;
	}
	size_t li = strlen(interp) + 1, la = arg ? strlen(arg) + 1 : 0;
	size_t lf = strlen(b->filename) + 1;
	size_t add = li + la + lf;
	if (b->len - skip + add > ARGBUF_SIZE)
		return -E2BIG;
	memmove(b->buf + add, b->buf + skip, b->len - skip);
	memcpy(b->buf, interp, li);
	if (arg)
		memcpy(b->buf + li, arg, la);
	memcpy(b->buf + li + la, b->filename, lf);
	b->len = b->len - skip + add;
	b->argv_len += add;
	b->argc += arg ? 3 : 2;
	if (li > PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(b->filename, interp, li);
	return 0;
}

struct elf_load {
	u64 entry, phdr_addr, phnum, brk;
	u64 interp_base, interp_entry;	/* the dynamic loader's, 0 if none */
	u64 start_code, end_code, start_data, end_data;
	u64 vdso;			/* AT_SYSINFO_EHDR */
};

static u32 pflags_to_vm(u32 pf)
{
	u32 f = 0;

	if (pf & PF_R)
		f |= VM_READ;
	if (pf & PF_W)
		f |= VM_WRITE | VM_READ;
	if (pf & PF_X)
		f |= VM_EXEC | VM_READ;
	return f;
}

/*
 * The dynamic loader named by PT_INTERP: an ET_DYN image placed in a free
 * range below mmap_base; the program starts at its entry with AT_BASE
 * set to where it was loaded (ld.so(8)).
 */
static int load_interp(struct mm_struct *mm, const char *path, struct elf_load *out)
{
	struct vfs_ctx c;
	struct file *f;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph = NULL;
	int err;

	current_vfs_ctx(&c);
	err = vfs_open_exec(&c, path, &f);
	if (err)
		return err;
	err = -ELIBBAD;
	if (vfs_pread(f, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, "\177ELF", 4) || eh.e_type != ET_DYN ||
	    eh.e_machine != EM_X86_64 || eh.e_ident[4] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || !eh.e_phnum || eh.e_phnum > MAX_PHNUM)
		goto out;
	size_t sz = eh.e_phnum * sizeof(Elf64_Phdr);
	ph = kmalloc(sz);
	if (!ph) {
		err = -ENOMEM;
		goto out;
	}
	if (vfs_pread(f, ph, sz, eh.e_phoff) != (ssize_t)sz)
		goto out;
	u64 lo = ~0ull, hi = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_filesz > p->p_memsz || (p->p_vaddr % PAGE_SIZE) != (p->p_offset % PAGE_SIZE) ||
		    p->p_vaddr + p->p_memsz < p->p_vaddr || p->p_vaddr + p->p_memsz > (1ull << 32))
			goto out;
		lo = MIN(lo, ALIGN_DOWN(p->p_vaddr, (u64)PAGE_SIZE));
		hi = MAX(hi, ALIGN_UP(p->p_vaddr + p->p_memsz, (u64)PAGE_SIZE));
	}
	if (hi <= lo)
		goto out;
	u64 base = get_unmapped_area(mm, hi - lo);
	if (!base) {
		err = -ENOMEM;
		goto out;
	}
	u64 bias = base - lo;
	for (int i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		u64 va = bias + p->p_vaddr;
		u64 start = ALIGN_DOWN(va, (u64)PAGE_SIZE);
		u64 end = ALIGN_UP(va + p->p_memsz, (u64)PAGE_SIZE);
		long r = mmap_region(mm, start, end - start, pflags_to_vm(p->p_flags), f,
				     p->p_offset - (p->p_vaddr % PAGE_SIZE), va + p->p_filesz);
		if (r < 0) {
			err = (int)r;
			goto out;
		}
	}
	out->interp_base = base;
	out->interp_entry = bias + eh.e_entry;
	err = 0;
out:
	kfree(ph);
	fput(f);
	return err;
}

/* Map the program's segments into mm (not yet in use). */
static int load_elf(struct file *file, const Elf64_Ehdr *eh, struct mm_struct *mm,
		    struct elf_load *out)
{
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_X86_64 || eh->e_ident[4] != ELFCLASS64 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > MAX_PHNUM)
		return -ENOEXEC;
	size_t sz = eh->e_phnum * sizeof(Elf64_Phdr);
	Elf64_Phdr *ph = kmalloc(sz);
	char *interp = NULL;
	if (!ph)
		return -ENOMEM;
	int err = -ENOEXEC;
	if (vfs_pread(file, ph, sz, eh->e_phoff) != (ssize_t)sz)
		goto out;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_INTERP)
			continue;
		if (interp || ph[i].p_filesz < 2 || ph[i].p_filesz > PATH_MAX)
			goto out;
		interp = kmalloc(ph[i].p_filesz);
		if (!interp) {
			err = -ENOMEM;
			goto out;
		}
		if (vfs_pread(file, interp, ph[i].p_filesz, ph[i].p_offset) !=
			    (ssize_t)ph[i].p_filesz ||
		    interp[ph[i].p_filesz - 1] != 0)
			goto out;
	}
	u64 bias = eh->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
	u64 max_end = 0;
	bool any = false;
	out->start_code = ~0ull;
	out->phdr_addr = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *p = &ph[i];
		if (p->p_type == PT_PHDR)
			out->phdr_addr = bias + p->p_vaddr;
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_filesz > p->p_memsz || (p->p_vaddr % PAGE_SIZE) != (p->p_offset % PAGE_SIZE))
			goto out;
		u64 va = bias + p->p_vaddr;
		if (va < p->p_vaddr || va + p->p_memsz < va || va + p->p_memsz > STACK_TOP - STACK_RESERVE ||
		    va < PAGE_SIZE)
			goto out;
		u64 start = ALIGN_DOWN(va, (u64)PAGE_SIZE);
		u64 end = ALIGN_UP(va + p->p_memsz, (u64)PAGE_SIZE);
		u64 pgoff = p->p_offset - (p->p_vaddr % PAGE_SIZE);
		long r = mmap_region(mm, start, end - start, pflags_to_vm(p->p_flags), file, pgoff,
				     va + p->p_filesz);
		if (r < 0) {
			err = (int)r;
			goto out;
		}
		if (!out->phdr_addr && eh->e_phoff >= p->p_offset &&
		    eh->e_phoff + sz <= p->p_offset + p->p_filesz)
			out->phdr_addr = va + (eh->e_phoff - p->p_offset);
		if (p->p_flags & PF_X) {
			out->start_code = MIN(out->start_code, va);
			out->end_code = MAX(out->end_code, va + p->p_filesz);
		} else {
			if (!out->start_data)
				out->start_data = va;
			out->end_data = MAX(out->end_data, va + p->p_filesz);
		}
		max_end = MAX(max_end, end);
		any = true;
	}
	if (!any)
		goto out;
	if (out->start_code == ~0ull)
		out->start_code = out->end_code = 0;
	out->entry = bias + eh->e_entry;
	out->phnum = eh->e_phnum;
	out->brk = max_end;
	err = interp ? load_interp(mm, interp, out) : 0;
out:
	kfree(interp);
	kfree(ph);
	return err;
}

/* End every other thread of the process (execve(2)). */
static void de_thread(struct process *p)
{
	if (p->nr_threads <= 1)
		return;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	p->group_exit = true;
	p->exit_code = 0;
	struct task *t;
	list_for_each_entry(t, &p->threads, thread_node) {
		if (t == current)
			continue;
		t->pending_signal |= sigmask(SIGKILL);
		wake_up_state(t, 1u << TASK_INTERRUPTIBLE);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	for (int i = 0; i < 10000 && READ_ONCE(p->nr_threads) > 1; i++)
		msleep(1);
	fl = spin_lock_irqsave(&tasklist_lock);
	p->group_exit = false;
	current->tid = p->pid;	/* the survivor takes the leader's id */
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

/* The initial stack (System V x86_64 ABI §3.4.1), in the new mm. */
static int create_stack(struct linux_binprm *b, struct elf_load *el, struct mm_struct *mm,
			u64 *sp_out)
{
	const struct cred *c = &current->proc->cred;
	u64 p = STACK_TOP - 8;
	size_t lfn = strlen(b->execfn) + 1;

	p -= lfn;
	u64 execfn = p;
	p -= b->len;
	u64 strings = p;
	p -= 7;
	u64 platform = p;
	p -= 16;
	u64 random = p;
	p = ALIGN_DOWN(p, 16ull);

	u32 cpuid_a, cpuid_b, cpuid_c, cpuid_d;
	cpuid(1, 0, &cpuid_a, &cpuid_b, &cpuid_c, &cpuid_d);
	const u64 auxv[][2] = {
		{ AT_SYSINFO_EHDR, el->vdso }, { AT_HWCAP, cpuid_d }, { AT_PAGESZ, PAGE_SIZE },
		{ AT_CLKTCK, USER_HZ },
		{ AT_PHDR, el->phdr_addr }, { AT_PHENT, sizeof(Elf64_Phdr) },
		{ AT_PHNUM, el->phnum }, { AT_BASE, el->interp_base }, { AT_FLAGS, 0 },
		{ AT_ENTRY, el->entry }, { AT_UID, c->uid }, { AT_EUID, c->euid },
		{ AT_GID, c->gid }, { AT_EGID, c->egid },
		{ AT_SECURE, c->euid != c->uid || c->egid != c->gid },
		{ AT_RANDOM, random }, { AT_HWCAP2, 0 }, { AT_EXECFN, execfn },
		{ AT_PLATFORM, platform }, { AT_NULL, 0 },
	};
	size_t nwords = 1 + b->argc + 1 + b->envc + 1 + 2 * ARRAY_SIZE(auxv);
	u64 sp = ALIGN_DOWN(p - nwords * 8, 16ull);

	if (copy_to_user((void *)execfn, b->execfn, lfn) ||
	    copy_to_user((void *)strings, b->buf, b->len) ||
	    copy_to_user((void *)platform, "x86_64", 7))
		return -EFAULT;
	u8 rnd[16];
	get_random_bytes(rnd, sizeof(rnd));
	if (copy_to_user((void *)random, rnd, sizeof(rnd)))
		return -EFAULT;

	/* argc, argv[], NULL, envp[], NULL, auxv pairs: built in a kernel
	 * buffer, then copied in one go. */
	u64 *vec = kmalloc(nwords * 8);
	if (!vec)
		return -ENOMEM;
	size_t w = 0;
	u32 off = 0;
	vec[w++] = b->argc;
	for (int i = 0; i < b->argc; i++) {
		vec[w++] = strings + off;
		off += strlen(b->buf + off) + 1;
	}
	vec[w++] = 0;
	for (int i = 0; i < b->envc; i++) {
		vec[w++] = strings + off;
		off += strlen(b->buf + off) + 1;
	}
	vec[w++] = 0;
	for (size_t i = 0; i < ARRAY_SIZE(auxv); i++) {
		vec[w++] = auxv[i][0];
		vec[w++] = auxv[i][1];
	}
	int err = copy_to_user((void *)sp, vec, w * 8) ? -EFAULT : 0;
	kfree(vec);
	if (err)
		return err;
	mm->arg_start = strings;
	mm->arg_end = strings + b->argv_len;
	mm->env_start = mm->arg_end;
	mm->env_end = strings + b->len;
	mm->start_stack = sp;
	*sp_out = sp;
	return 0;
}

static const char *basename_of(const char *path)
{
	const char *base = path;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			base = s + 1;
	return base;
}

/* The program is loaded: switch the process over to it. */
static int exec_commit(struct linux_binprm *b, struct file *file, struct mm_struct *mm,
		       struct elf_load *el)
{
	struct task *t = current;
	struct process *p = t->proc;

	de_thread(p);
	exit_robust_list(t);
	if (t->clear_child_tid && t->mm && t->mm->users > 1) {
		int zero = 0;
		(void)copy_to_user((void *)t->clear_child_tid, &zero, sizeof(zero));
	}
	t->clear_child_tid = 0;

	/* Set-user/group-ID programs (execve(2)); the saved IDs take the
	 * effective ones either way. */
	struct inode *inode = file->f_inode;
	bool nosuid = file->f_path.mnt && (file->f_path.mnt->mnt_flags & MS_NOSUID);
	unsigned long fl0 = spin_lock_irqsave(&tasklist_lock);
	struct cred old_cred = p->cred;

	p->dumpable = 1;	/* a new program; a set-id one is not (below) */
	if (!nosuid && (inode->i_mode & S_ISUID))
		p->cred.euid = p->cred.fsuid = inode->i_uid;
	if (!nosuid && (inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		p->cred.egid = p->cred.fsgid = inode->i_gid;
	p->suid = p->cred.euid;
	p->sgid = p->cred.egid;
	cap_exec(&p->cred);
	proc_creds_changed(p, &old_cred);
	spin_unlock_irqrestore(&tasklist_lock, fl0);

	/* The new address space. */
	struct mm_struct *old = t->mm;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	t->mm = mm;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	write_cr3(virt_to_phys(mm->pgd));
	vfork_release(t);
	if (old)
		mmput(old);

	mm->start_code = el->start_code;
	mm->end_code = el->end_code;
	mm->start_data = el->start_data;
	mm->end_data = el->end_data;
	mm->start_brk = mm->brk = el->brk;
	mm->mmap_base = STACK_TOP - STACK_RESERVE - MMAP_GAP;
	u64 sp;
	int err = create_stack(b, el, mm, &sp);
	if (err)
		return err;

	/* Files: a private table, close-on-exec fds closed. */
	if (t->files->count > 1) {
		struct files_struct *nf;
		if (!dup_fd(t->files, &nf)) {
			struct files_struct *of = t->files;
			fl = spin_lock_irqsave(&tasklist_lock);
			t->files = nf;
			spin_unlock_irqrestore(&tasklist_lock, fl);
			files_put(of);
		}
	}
	do_close_on_exec(t->files);

	flush_signal_handlers(p);
	exit_posix_timers(p);
	t->sas_ss_sp = t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
	t->restart_fn = NULL;
	strlcpy(t->comm, basename_of(b->filename), sizeof(t->comm));
	struct file *oldexe = p->exe;
	p->exe = get_file(file);
	if (oldexe)
		fput(oldexe);
	p->did_exec = true;

	/* Fresh registers: only rip and rsp matter (ABI: rdx = 0, no atexit). */
	struct pt_regs *regs = current_pt_regs();
	memset(regs, 0, sizeof(*regs));
	regs->rip = el->interp_entry ? el->interp_entry : el->entry;
	regs->rsp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = X86_EFLAGS_IF;
	t->fsbase = 0;
	t->gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	u32 mxcsr = 0x1f80;
	__asm__ __volatile__("fninit\n\tldmxcsr %0" : : "m"(mxcsr));
	return 0;
}

/* The common part of execve for user and kernel callers. */
static int do_execve(struct linux_binprm *b)
{
	struct vfs_ctx c;
	struct file *file = NULL;
	char *hdr = kmalloc(BINPRM_BUF_SIZE);
	int err = hdr ? 0 : -ENOMEM;

	current_vfs_ctx(&c);
	strlcpy(b->execfn, b->filename, PATH_MAX);
	for (int depth = 0; !err; depth++) {
		err = vfs_open_exec(&c, b->filename, &file);
		if (err)
			break;
		memset(hdr, 0, BINPRM_BUF_SIZE);
		ssize_t n = vfs_pread(file, hdr, BINPRM_BUF_SIZE, 0);
		if (n < 0) {
			err = (int)n;
			break;
		}
		if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
			if (depth >= MAX_INTERP_DEPTH) {
				err = -ELOOP;
				break;
			}
			err = rewrite_for_script(b, hdr, n);
			fput(file);
			file = NULL;
			continue;
		}
		if (n < (ssize_t)sizeof(Elf64_Ehdr) || memcmp(hdr, "\177ELF", 4)) {
			err = -ENOEXEC;
			break;
		}
		struct mm_struct *mm = mm_alloc();
		if (!mm) {
			err = -ENOMEM;
			break;
		}
		struct elf_load el = { 0 };
		mm->mmap_base = STACK_TOP - STACK_RESERVE - MMAP_GAP;
		err = load_elf(file, (const Elf64_Ehdr *)hdr, mm, &el);
		if (!err) {
			u64 top = STACK_TOP;
			long r = mmap_region(mm, top - STACK_RESERVE, STACK_RESERVE,
					     VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAIN_STACK, NULL, 0, 0);
			if (r < 0)
				err = (int)r;
		}
		if (!err)
			err = vdso_map(mm, &el.vdso);
		if (err) {
			mmput(mm);
			break;
		}
		/* Point of no return: a failure now ends the process. */
		err = exec_commit(b, file, mm, &el);
		if (err) {
			fput(file);
			kfree(hdr);
			force_sig_fault(SIGSEGV, SI_KERNEL, 0);
			return 0;
		}
		break;
	}
	if (file)
		fput(file);
	kfree(hdr);
	return err;
}

long sys_execve(const char *upath, const char *const *argv, const char *const *envp)
{
	struct linux_binprm b;
	int err = bprm_alloc(&b);

	if (!err) {
		long l = strncpy_from_user(b.filename, upath, PATH_MAX);
		err = l < 0 ? (int)l : (l >= PATH_MAX ? -ENAMETOOLONG : 0);
		if (!err && !l)
			err = -ENOENT;
	}
	if (!err) {
		b.argc = copy_strings_user(&b, argv);
		if (b.argc < 0)
			err = b.argc;
		b.argv_len = b.len;
	}
	if (!err) {
		b.envc = copy_strings_user(&b, envp);
		if (b.envc < 0)
			err = b.envc;
	}
	if (!err)
		err = do_execve(&b);
	bprm_free(&b);
	return err;
}

int kernel_execve(const char *path, const char *const *argv, const char *const *envp)
{
	struct linux_binprm b;
	int err = bprm_alloc(&b);

	if (!err) {
		strlcpy(b.filename, path, PATH_MAX);
		b.argc = copy_strings_kernel(&b, argv);
		b.argv_len = b.len;
		b.envc = copy_strings_kernel(&b, envp);
		if (b.argc < 0 || b.envc < 0)
			err = -E2BIG;
	}
	if (!err)
		err = do_execve(&b);
	bprm_free(&b);
	return err;
}
