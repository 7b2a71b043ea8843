#!/usr/bin/env bash
echo "PLAN h.a"
echo "PASS h.a"
echo "FAIL h.a: and again"
