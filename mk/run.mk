# The network of `make run` (Tern) and `make run-linux` (the oracle):
# QEMU's user network with restrict=on (tools/qemu-run), so the guest
# reaches nothing but what is forwarded here, and every forward's host
# side is 127.0.0.1:
#
#   RUN_HOSTFWD   host -> guest: tcp:127.0.0.1:HOSTPORT-:GUESTPORT ...
#                 (default: host 127.0.0.1:8080 is the guest's port 80)
#   RUN_GUESTFWD  guest -> host: tcp:10.0.2.X:PORT-127.0.0.1:HOSTPORT ...
#                 (default: the guest's http://10.0.2.100/ is a server on
#                 the host's 127.0.0.1:8000; each connection runs
#                 tools/guestfwd-connect)
#
# Both are lists; set one empty for no forwards, e.g.
#   make run RUN_HOSTFWD="tcp:127.0.0.1:2323-:23" RUN_GUESTFWD=
# (or export them).  /init brings the network up with udhcpc (10.0.2.15/24).
RUN_HOSTFWD ?= tcp:127.0.0.1:8080-:80
RUN_GUESTFWD ?= tcp:10.0.2.100:80-127.0.0.1:8000
RUN_NET := --net $(foreach f,$(RUN_HOSTFWD),--hostfwd $(f)) \
	$(foreach f,$(RUN_GUESTFWD),--guestfwd $(f))
