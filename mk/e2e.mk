# The end-to-end suites (test/suites/guest-e2e*.sh; README "Tests"): they
# boot the test initramfs (mk/initramfs.mk) on $(KERNEL) and drive it from
# the host with test/e2e/ and test/net-host/peer.py.  Host tools beyond the
# build's: openssl makes the HTTPS suite's throwaway CA and certificate;
# ip and nft (iproute2, nftables) build the namespace link of guest-e2e-link.
DEB_PACKAGES += openssl
DEP_COMMANDS += openssl
