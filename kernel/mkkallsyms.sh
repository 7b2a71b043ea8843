#!/bin/sh
# Generates the kernel symbol table (assembly) from `nm -n` output on
# stdin: text symbols only, sorted by address.  With --empty, an empty
# table for the first link.  See include/tern/kallsyms.h.
set -eu
echo '	.section .kallsyms, "a"'
echo '	.balign 8'
echo '	.globl kallsyms_count, kallsyms_addrs, kallsyms_name_offs, kallsyms_names'
if [ "${1:-}" = --empty ]; then
	echo 'kallsyms_count: .quad 0'
	echo 'kallsyms_addrs:'
	echo 'kallsyms_name_offs:'
	echo 'kallsyms_names: .byte 0'
	exit 0
fi
awk 'BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 !~ /^__kstrtab/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "kallsyms_count: .quad " n
	print "kallsyms_addrs:"
	for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
	print "kallsyms_name_offs:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "kallsyms_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
}'
