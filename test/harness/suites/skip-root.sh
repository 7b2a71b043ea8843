#!/usr/bin/env bash
# Listed in ../allowed-skips.txt as needing root only.
echo "PLAN h.needs-root"
echo "SKIP h.needs-root: not root"
