/*
 * Socket ioctl numbers of Linux x86_64 (netdevice(7), arp(7), route(4)
 * and socket(7)'s own).  The generic file ioctls they lean on (FIONREAD,
 * TIOCOUTQ) come from <uapi/ioctls.h>.
 */
#ifndef TERN_UAPI_SOCKIOS_H
#define TERN_UAPI_SOCKIOS_H

#include <uapi/ioctls.h>

/* Per-socket (asm-generic/sockios.h). */
#define FIOSETOWN		0x8901
#define SIOCSPGRP		0x8902
#define FIOGETOWN		0x8903
#define SIOCGPGRP		0x8904
#define SIOCATMARK		0x8905	/* at the urgent mark? */
#define SIOCGSTAMP_OLD		0x8906	/* last packet's time, struct timeval */
#define SIOCGSTAMPNS_OLD	0x8907	/* the same as struct timespec */
/* _IOR(0x89, 6 and 7, long long[2]): the 64-bit-time forms */
#define SIOCGSTAMP_NEW		0x80108906
#define SIOCGSTAMPNS_NEW	0x80108907
/* On x86_64 time_t is 64 bits: the plain names are the _OLD numbers. */
#define SIOCGSTAMP		SIOCGSTAMP_OLD
#define SIOCGSTAMPNS		SIOCGSTAMPNS_OLD

#define SIOCINQ		FIONREAD	/* TCP: unread bytes; UDP: next datagram */
#define SIOCOUTQ	TIOCOUTQ	/* TCP: unacknowledged + unsent bytes */
#define SIOCOUTQNSD	0x894b		/* TCP: unsent bytes only */

#define SOCK_IOC_TYPE	0x89

/* Routing table (struct rtentry). */
#define SIOCADDRT	0x890b
#define SIOCDELRT	0x890c
#define SIOCRTMSG	0x890d

/* Interfaces (struct ifreq, struct ifconf). */
#define SIOCGIFNAME	0x8910	/* ifindex -> name */
#define SIOCSIFLINK	0x8911
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCSIFFLAGS	0x8914
#define SIOCGIFADDR	0x8915
#define SIOCSIFADDR	0x8916
#define SIOCGIFDSTADDR	0x8917
#define SIOCSIFDSTADDR	0x8918
#define SIOCGIFBRDADDR	0x8919
#define SIOCSIFBRDADDR	0x891a
#define SIOCGIFNETMASK	0x891b
#define SIOCSIFNETMASK	0x891c
#define SIOCGIFMETRIC	0x891d
#define SIOCSIFMETRIC	0x891e
#define SIOCGIFMEM	0x891f
#define SIOCSIFMEM	0x8920
#define SIOCGIFMTU	0x8921
#define SIOCSIFMTU	0x8922
#define SIOCSIFNAME	0x8923
#define SIOCSIFHWADDR	0x8924
#define SIOCGIFENCAP	0x8925
#define SIOCSIFENCAP	0x8926
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFSLAVE	0x8929
#define SIOCSIFSLAVE	0x8930
#define SIOCADDMULTI	0x8931
#define SIOCDELMULTI	0x8932
#define SIOCGIFINDEX	0x8933	/* name -> ifindex */
#define SIOGIFINDEX	SIOCGIFINDEX
#define SIOCSIFPFLAGS	0x8934
#define SIOCGIFPFLAGS	0x8935
#define SIOCDIFADDR	0x8936
#define SIOCSIFHWBROADCAST 0x8937
#define SIOCGIFCOUNT	0x8938
#define SIOCGIFBR	0x8940
#define SIOCSIFBR	0x8941
#define SIOCGIFTXQLEN	0x8942
#define SIOCSIFTXQLEN	0x8943
#define SIOCETHTOOL	0x8946
#define SIOCGMIIPHY	0x8947
#define SIOCGMIIREG	0x8948
#define SIOCSMIIREG	0x8949
#define SIOCWANDEV	0x894a
#define SIOCGSKNS	0x894c

/* ARP and RARP tables (struct arpreq). */
#define SIOCDARP	0x8953
#define SIOCGARP	0x8954
#define SIOCSARP	0x8955
#define SIOCDRARP	0x8960
#define SIOCGRARP	0x8961
#define SIOCSRARP	0x8962

/* Device map (struct ifmap inside struct ifreq). */
#define SIOCGIFMAP	0x8970
#define SIOCSIFMAP	0x8971

/* Frame relay, VLAN, bonding, bridging, hardware timestamps. */
#define SIOCADDDLCI	0x8980
#define SIOCDELDLCI	0x8981
#define SIOCGIFVLAN	0x8982
#define SIOCSIFVLAN	0x8983
#define SIOCBONDENSLAVE	0x8990
#define SIOCBONDRELEASE	0x8991
#define SIOCBONDSETHWADDR 0x8992
#define SIOCBONDSLAVEINFOQUERY 0x8993
#define SIOCBONDINFOQUERY 0x8994
#define SIOCBONDCHANGEACTIVE 0x8995
#define SIOCBRADDBR	0x89a0
#define SIOCBRDELBR	0x89a1
#define SIOCBRADDIF	0x89a2
#define SIOCBRDELIF	0x89a3
#define SIOCSHWTSTAMP	0x89b0
#define SIOCGHWTSTAMP	0x89b1

/* Ranges left to protocols (0x89e0-0x89ef) and drivers (0x89f0-0x89ff). */
#define SIOCPROTOPRIVATE 0x89e0
#define SIOCDEVPRIVATE	0x89f0

#endif
