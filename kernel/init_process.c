/*
 * The first user process (Linux's init/main.c kernel_init): unpack the
 * initramfs modules into the root ramfs, then run /init (or `init=`) as
 * pid 1 with /dev/console as fds 0, 1 and 2.
 *
 * Command-line words the kernel does not use are passed on as Linux
 * does: `name=value` words whose name has no '.' go into init's
 * environment, words without '=' into its argv, everything after `--`
 * into argv; dotted `module.param` words are the kernel's alone.
 */
#include <asm/ptrace.h>
#include <tern/bootinfo.h>
#include <tern/cmdline.h>
#include <tern/devices.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/initramfs.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/vfs.h>

#define MAX_INIT_ARGS	32

__attribute__((noreturn)) void enter_user_mode(struct pt_regs *regs);

static const char *init_argv[MAX_INIT_ARGS + 2];
static const char *init_envp[MAX_INIT_ARGS + 3] = { "HOME=/", "TERM=linux" };
static char cmdline_copy[BOOT_CMDLINE_LEN];

/* Parameters the kernel itself takes (cmdline.c and Linux's usual ones). */
static bool kernel_param(const char *key)
{
	static const char *const known[] = {
		"console", "loglevel", "init", "test", "quiet", "panic", "debug",
		"rdinit", "root", "ro", "rw", "earlyprintk", "BOOT_IMAGE",
	};
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (!strcmp(key, known[i]))
			return true;
	return strchr(key, '.') != NULL;
}

static void split_cmdline(const char *init)
{
	int argc = 0, envc = 2;
	char *p = cmdline_copy;
	bool first = true, rest_to_argv = false;

	init_argv[argc++] = init;
	strlcpy(cmdline_copy, boot_info.cmdline, sizeof(cmdline_copy));
	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		char *w = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
		/* A multiboot1 loader (QEMU -kernel) puts the kernel's path first. */
		if (first && !strchr(w, '=') && (w[0] == '/' || boot_info.protocol == 1)) {
			first = false;
			continue;
		}
		first = false;
		if (!rest_to_argv && !strcmp(w, "--")) {
			rest_to_argv = true;
			continue;
		}
		char *eq = strchr(w, '=');
		if (rest_to_argv || !eq) {
			if (!rest_to_argv && kernel_param(w))
				continue;
			if (argc < MAX_INIT_ARGS)
				init_argv[argc++] = w;
			continue;
		}
		*eq = 0;
		bool mine = kernel_param(w);
		*eq = '=';
		if (!mine && envc < MAX_INIT_ARGS)
			init_envp[envc++] = w;
	}
	init_argv[argc] = NULL;
	init_envp[envc] = NULL;
}

static void open_console(void)
{
	struct vfs_ctx c;

	current_vfs_ctx(&c);
	int fd = vfs_openat_fd(&c, AT_FDCWD, "/dev/console", O_RDWR, 0);
	if (fd < 0) {
		pr_warn("init: cannot open /dev/console (%d): init has no stdio\n", fd);
		return;
	}
	do_dup(c.files, fd, c.nofile);
	do_dup(c.files, fd, c.nofile);
}

/* Runs on a fresh part of the init thread's stack (see init_thread). */
__attribute__((noreturn)) void kernel_init_user(void);
__attribute__((noreturn)) void kernel_init_user(void)
{
	struct task *t = current;
	struct process *p = alloc_process();

	t->fpu = kzalloc(sizeof(struct fxsave_state));
	t->fs = fs_struct_alloc_root();
	t->files = files_alloc();
	if (!p || !t->fpu || !t->fs || !t->files)
		panic("init: out of memory creating pid 1");
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->pending_list);
	rlimit_init_defaults(p->rlim);
	itimer_init(p);
	t->tid = 1;
	p->pid = 1;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	process_register(p);
	list_add_tail(&t->thread_node, &p->threads);
	p->nr_threads = 1;
	t->proc = p;
	spin_unlock_irqrestore(&tasklist_lock, fl);

	open_console();
	const char *init = kernel_params.init;
	split_cmdline(init);
	static const char *const fallbacks[] = { NULL, "/sbin/init", "/etc/init", "/bin/init",
						 "/bin/sh" };
	int err = -ENOENT;
	for (size_t i = 0; i < ARRAY_SIZE(fallbacks); i++) {
		const char *path = i ? fallbacks[i] : init;
		init_argv[0] = path;
		err = kernel_execve(path, init_argv, init_envp);
		if (!err)
			break;
		pr_warn("init: cannot run %s: error %d\n", path, err);
		if (!i && cmdline_get("init"))
			break;	/* an explicit init= has no fallback (Linux panics) */
	}
	if (err)
		panic("No working init found.  Try passing init= option to kernel.");
	pr_info("init: running %s as pid 1\n", init_argv[0]);
	enter_user_mode(current_pt_regs());
}

/*
 * The kthread's first frames sit at the very top of its stack, where a
 * user task keeps its pt_regs; move below them before building pid 1.
 */
static int init_thread(void *arg)
{
	(void)arg;
	u64 sp = ((u64)current->stack + THREAD_SIZE - 1024) & ~15ull;
	__asm__ __volatile__("movq %0, %%rsp\n\t"
			     "xorl %%ebp, %%ebp\n\t"
			     "call kernel_init_user"
			     : : "r"(sp) : "memory");
	__builtin_unreachable();
}

void start_init_process(void)
{
	int err = vfs_init();
	if (err)
		panic("vfs_init failed: %d", err);
	err = devices_init();
	if (err)
		pr_err("devices_init failed: %d\n", err);
	for (int i = 0; i < boot_info.nr_mods; i++) {
		const struct boot_module *m = &boot_info.mods[i];
		err = populate_rootfs(phys_to_virt(m->start), m->end - m->start);
		if (err)
			pr_err("initramfs: module %d: unpacking failed (%d)\n", i, err);
		/* Its files are copies now (as Linux's free_initrd_mem). */
		free_boot_range(m->start, m->end);
	}
	if (boot_info.nr_mods)
		pr_info("initramfs: unpacked, module memory freed: %lu pages free\n",
			(unsigned long)nr_free_pages());
	if (!kthread_create(init_thread, NULL, "init"))
		panic("cannot start init");
}
