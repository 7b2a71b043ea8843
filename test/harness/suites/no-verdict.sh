#!/usr/bin/env bash
# A declared check that never reports (the program died before it).
echo "PLAN h.a"
echo "PLAN h.b"
echo "PASS h.a"
