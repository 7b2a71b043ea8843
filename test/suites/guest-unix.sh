#!/usr/bin/env bash
# In-guest suite: the AF_UNIX checks of test/guest/unix/, booted on $KERNEL.
exec tools/guest-suite unix 600
