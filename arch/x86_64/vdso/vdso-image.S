/*
 * The vDSO image (arch/x86_64/vdso/, built by mk/vdso.mk) inside the
 * kernel; kernel/vdso.c copies it into pages at boot.  VDSO_SO names
 * the built file.
 */
	.section .rodata
	.balign 4096
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_SO
vdso_image_end:
	.previous
