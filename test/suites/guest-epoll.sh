#!/usr/bin/env bash
# In-guest suite: the epoll, eventfd, timerfd and signalfd checks of
# test/guest/epoll/, booted on $KERNEL.
exec tools/guest-suite epoll 300
