/*
 * kernel/tern.config, gzipped at build time (mk/kernel.mk), inside the
 * kernel: /proc/config.gz serves these bytes (fs/proc/version.c).
 * IKCONFIG_GZ names the built file.
 */
	.section .rodata
	.globl ikconfig_gz_start, ikconfig_gz_end
ikconfig_gz_start:
	.incbin IKCONFIG_GZ
ikconfig_gz_end:
	.previous
