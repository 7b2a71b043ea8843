#!/usr/bin/env bash
# Listed in ../allowed-skips.txt as needing a working KVM.
echo "PLAN h.needs-kvm"
echo "SKIP h.needs-kvm: no usable /dev/kvm"
