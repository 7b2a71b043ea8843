#!/usr/bin/env bash
echo "PLAN h.a"
echo "PASS h.a"
echo "some tool's chatter on stdout"
