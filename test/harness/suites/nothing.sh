#!/usr/bin/env bash
# Declares and reports nothing, and exits 0.
exit 0
