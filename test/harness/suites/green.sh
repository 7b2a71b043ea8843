#!/usr/bin/env bash
# kernels: tern linux
# A suite that passes: the harness can say yes.
echo "PLAN h.one"
echo "# a note for people"
echo "PASS h.one: with a note"
