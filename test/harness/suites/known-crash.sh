#!/usr/bin/env bash
# ../known-failures.txt lists the crash line of a whole program.
echo "PLAN h.a"
echo "PASS h.a"
echo "FAIL h.prog: exited with status 139"
