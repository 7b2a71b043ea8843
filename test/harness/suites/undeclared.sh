#!/usr/bin/env bash
echo "PLAN h.a"
echo "PASS h.a"
echo "PASS h.c"
