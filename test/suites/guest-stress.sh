#!/usr/bin/env bash
# In-guest suite: the programs of test/guest/stress/, booted on $KERNEL.
exec tools/guest-suite stress 400
