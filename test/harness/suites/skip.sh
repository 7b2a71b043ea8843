#!/usr/bin/env bash
echo "PLAN h.unlisted"
echo "SKIP h.unlisted: no reason that is allowed"
