#!/usr/bin/env bash
# kernels: tern linux
# Listed in ../known-failures.txt.
echo "PLAN h.known"
echo "FAIL h.known: as expected"
