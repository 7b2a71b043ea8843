#!/usr/bin/env bash
# The guest-* fixture under the self-test's .ci/run: one check on both
# kernels, and with HARNESS_MISMATCH one more on Linux only.
echo "PLAN ci.same"
echo "PASS ci.same"
if [ -n "${HARNESS_MISMATCH:-}" ] && [ "$KERNEL" = linux ]; then
	echo "PLAN ci.linux-only"
	echo "PASS ci.linux-only"
fi
