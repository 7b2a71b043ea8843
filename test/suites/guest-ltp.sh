#!/usr/bin/env bash
# In-guest suite: the LTP subset (test/ltp-subset/, run by
# test/guest/ltp/ltp.sh: one check ltp.<name> per runtest entry), or with
# `make test LTP_DIR=... RUNTEST=...` a real LTP build, booted on $KERNEL.
exec tools/guest-suite ltp 600
