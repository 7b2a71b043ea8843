/*
 * libFuzzer target: the initramfs (cpio newc) unpacker on arbitrary
 * bytes.  Each input gets a fresh VFS; the unpacker must return without
 * a sanitizer report, and tearing the VFS down must free everything.
 * Build and run: make fuzz-cpio [FUZZ_SECONDS=60].
 */
#include <stdio.h>
#include <stdlib.h>
#include <tern/initramfs.h>
#include <tern/vfs.h>
#include "shim/host.h"

static struct cred root;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct vfs_ctx c = { .cred = &root, .nofile = 64 };

	if (vfs_init())
		abort();
	c.fs = fs_struct_alloc_root();
	c.files = files_alloc();
	if (!c.fs || !c.files)
		abort();
	unpack_initramfs(&c, data, size, NULL);
	files_put(c.files);
	fs_struct_put(c.fs);
	if (vfs_exit() || host_live_allocations() != 0) {
		fprintf(stderr, "fuzz_cpio: VFS not released after unpacking\n");
		abort();
	}
	return 0;
}
