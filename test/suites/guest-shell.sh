#!/usr/bin/env bash
# In-guest suite: the programs of test/guest/shell/, booted on $KERNEL.
exec tools/guest-suite shell 300
