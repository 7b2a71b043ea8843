#!/usr/bin/env bash
# In-guest suite: the programs of test/guest/syscalls/, booted on $KERNEL.
exec tools/guest-suite syscalls 300
