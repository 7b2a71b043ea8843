#!/bin/sh
# check-layout.sh READELF ELF: the multiboot1 a.out kludge (qemu -kernel)
# loads the file as one blob from .boot to _edata, so every loadable
# segment with file contents must sit at file offset = physical address
# minus one common constant.  Fails the build otherwise.
set -eu
layout=$("$1" -lW "$2" | awk '$1 == "LOAD" { print $2, $4, $5 }')
delta=
while read -r off pa filesz; do
	[ "$((filesz))" = 0 ] && continue
	d=$((pa - off))
	if [ -z "$delta" ]; then
		delta=$d
	elif [ "$d" != "$delta" ]; then
		echo "kernel: segments are not contiguous in the file (multiboot1 a.out kludge)" >&2
		exit 1
	fi
done <<EOF_LAYOUT
$layout
EOF_LAYOUT
[ -n "$delta" ] || { echo "kernel: no loadable segment" >&2; exit 1; }
