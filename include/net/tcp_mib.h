/*
 * TCP counters: the "Tcp:" group of /proc/net/snmp (RFC 4022 names, in
 * Linux's order) and the TCP part of "TcpExt:" in /proc/net/netstat.
 */
#ifndef NET_TCP_MIB_H
#define NET_TCP_MIB_H

#include <tern/net_platform.h>

/* Tcp: — order is Linux's; RtoAlgorithm..MaxConn are constants. */
enum tcp_mib {
	TCP_MIB_ACTIVEOPENS,
	TCP_MIB_PASSIVEOPENS,
	TCP_MIB_ATTEMPTFAILS,
	TCP_MIB_ESTABRESETS,
	TCP_MIB_CURRESTAB,          /* a gauge */
	TCP_MIB_INSEGS,
	TCP_MIB_OUTSEGS,
	TCP_MIB_RETRANSSEGS,
	TCP_MIB_INERRS,
	TCP_MIB_OUTRSTS,
	TCP_MIB_INCSUMERRORS,
	TCP_MIB_MAX
};

/*
 * TcpExt: — every field of Linux 6.1's /proc/net/netstat TcpExt line,
 * in Linux's order (fields for mechanisms Tern does not
 * have, e.g. MD5 or memory pressure, stay 0 because the events cannot
 * happen).
 */
#define TCP_EXT_MIB_LIST \
	X(SYNCOOKIESSENT, "SyncookiesSent") \
	X(SYNCOOKIESRECV, "SyncookiesRecv") \
	X(SYNCOOKIESFAILED, "SyncookiesFailed") \
	X(EMBRYONICRSTS, "EmbryonicRsts") \
	X(PRUNECALLED, "PruneCalled") \
	X(RCVPRUNED, "RcvPruned") \
	X(OFOPRUNED, "OfoPruned") \
	X(OUTOFWINDOWICMPS, "OutOfWindowIcmps") \
	X(LOCKDROPPEDICMPS, "LockDroppedIcmps") \
	X(ARPFILTER, "ArpFilter") \
	X(TIMEWAITED, "TW") \
	X(TIMEWAITRECYCLED, "TWRecycled") \
	X(TIMEWAITKILLED, "TWKilled") \
	X(PAWSACTIVEREJECTED, "PAWSActive") \
	X(PAWSESTABREJECTED, "PAWSEstab") \
	X(DELAYEDACKS, "DelayedACKs") \
	X(DELAYEDACKLOCKED, "DelayedACKLocked") \
	X(DELAYEDACKLOST, "DelayedACKLost") \
	X(LISTENOVERFLOWS, "ListenOverflows") \
	X(LISTENDROPS, "ListenDrops") \
	X(TCPHPHITS, "TCPHPHits") \
	X(TCPPUREACKS, "TCPPureAcks") \
	X(TCPHPACKS, "TCPHPAcks") \
	X(TCPRENORECOVERY, "TCPRenoRecovery") \
	X(TCPSACKRECOVERY, "TCPSackRecovery") \
	X(TCPSACKRENEGING, "TCPSACKReneging") \
	X(TCPSACKREORDER, "TCPSACKReorder") \
	X(TCPRENOREORDER, "TCPRenoReorder") \
	X(TCPTSREORDER, "TCPTSReorder") \
	X(TCPFULLUNDO, "TCPFullUndo") \
	X(TCPPARTIALUNDO, "TCPPartialUndo") \
	X(TCPDSACKUNDO, "TCPDSACKUndo") \
	X(TCPLOSSUNDO, "TCPLossUndo") \
	X(TCPLOSTRETRANSMIT, "TCPLostRetransmit") \
	X(TCPRENOFAILURES, "TCPRenoFailures") \
	X(TCPSACKFAILURES, "TCPSackFailures") \
	X(TCPLOSSFAILURES, "TCPLossFailures") \
	X(TCPFASTRETRANS, "TCPFastRetrans") \
	X(TCPSLOWSTARTRETRANS, "TCPSlowStartRetrans") \
	X(TCPTIMEOUTS, "TCPTimeouts") \
	X(TCPLOSSPROBES, "TCPLossProbes") \
	X(TCPLOSSPROBERECOVERY, "TCPLossProbeRecovery") \
	X(TCPRENORECOVERYFAIL, "TCPRenoRecoveryFail") \
	X(TCPSACKRECOVERYFAIL, "TCPSackRecoveryFail") \
	X(TCPRCVCOLLAPSED, "TCPRcvCollapsed") \
	X(TCPBACKLOGCOALESCE, "TCPBacklogCoalesce") \
	X(TCPDSACKOLDSENT, "TCPDSACKOldSent") \
	X(TCPDSACKOFOSENT, "TCPDSACKOfoSent") \
	X(TCPDSACKRECV, "TCPDSACKRecv") \
	X(TCPDSACKOFORECV, "TCPDSACKOfoRecv") \
	X(TCPABORTONDATA, "TCPAbortOnData") \
	X(TCPABORTONCLOSE, "TCPAbortOnClose") \
	X(TCPABORTONMEMORY, "TCPAbortOnMemory") \
	X(TCPABORTONTIMEOUT, "TCPAbortOnTimeout") \
	X(TCPABORTONLINGER, "TCPAbortOnLinger") \
	X(TCPABORTFAILED, "TCPAbortFailed") \
	X(TCPMEMORYPRESSURES, "TCPMemoryPressures") \
	X(TCPMEMORYPRESSURESCHRONO, "TCPMemoryPressuresChrono") \
	X(TCPSACKDISCARD, "TCPSACKDiscard") \
	X(TCPDSACKIGNOREDOLD, "TCPDSACKIgnoredOld") \
	X(TCPDSACKIGNOREDNOUNDO, "TCPDSACKIgnoredNoUndo") \
	X(TCPSPURIOUSRTOS, "TCPSpuriousRTOs") \
	X(TCPMD5NOTFOUND, "TCPMD5NotFound") \
	X(TCPMD5UNEXPECTED, "TCPMD5Unexpected") \
	X(TCPMD5FAILURE, "TCPMD5Failure") \
	X(TCPSACKSHIFTED, "TCPSackShifted") \
	X(TCPSACKMERGED, "TCPSackMerged") \
	X(TCPSACKSHIFTFALLBACK, "TCPSackShiftFallback") \
	X(TCPBACKLOGDROP, "TCPBacklogDrop") \
	X(PFMEMALLOCDROP, "PFMemallocDrop") \
	X(TCPMINTTLDROP, "TCPMinTTLDrop") \
	X(TCPDEFERACCEPTDROP, "TCPDeferAcceptDrop") \
	X(IPRPFILTER, "IPReversePathFilter") \
	X(TCPTIMEWAITOVERFLOW, "TCPTimeWaitOverflow") \
	X(TCPREQQFULLDOCOOKIES, "TCPReqQFullDoCookies") \
	X(TCPREQQFULLDROP, "TCPReqQFullDrop") \
	X(TCPRETRANSFAIL, "TCPRetransFail") \
	X(TCPRCVCOALESCE, "TCPRcvCoalesce") \
	X(TCPOFOQUEUE, "TCPOFOQueue") \
	X(TCPOFODROP, "TCPOFODrop") \
	X(TCPOFOMERGE, "TCPOFOMerge") \
	X(TCPCHALLENGEACK, "TCPChallengeACK") \
	X(TCPSYNCHALLENGE, "TCPSYNChallenge") \
	X(TCPFASTOPENACTIVE, "TCPFastOpenActive") \
	X(TCPFASTOPENACTIVEFAIL, "TCPFastOpenActiveFail") \
	X(TCPFASTOPENPASSIVE, "TCPFastOpenPassive") \
	X(TCPFASTOPENPASSIVEFAIL, "TCPFastOpenPassiveFail") \
	X(TCPFASTOPENLISTENOVERFLOW, "TCPFastOpenListenOverflow") \
	X(TCPFASTOPENCOOKIEREQD, "TCPFastOpenCookieReqd") \
	X(TCPFASTOPENBLACKHOLE, "TCPFastOpenBlackhole") \
	X(TCPSPURIOUSRTXHOSTQUEUES, "TCPSpuriousRtxHostQueues") \
	X(BUSYPOLLRXPACKETS, "BusyPollRxPackets") \
	X(TCPAUTOCORKING, "TCPAutoCorking") \
	X(TCPFROMZEROWINDOWADV, "TCPFromZeroWindowAdv") \
	X(TCPTOZEROWINDOWADV, "TCPToZeroWindowAdv") \
	X(TCPWANTZEROWINDOWADV, "TCPWantZeroWindowAdv") \
	X(TCPSYNRETRANS, "TCPSynRetrans") \
	X(TCPORIGDATASENT, "TCPOrigDataSent") \
	X(TCPHYSTARTTRAINDETECT, "TCPHystartTrainDetect") \
	X(TCPHYSTARTTRAINCWND, "TCPHystartTrainCwnd") \
	X(TCPHYSTARTDELAYDETECT, "TCPHystartDelayDetect") \
	X(TCPHYSTARTDELAYCWND, "TCPHystartDelayCwnd") \
	X(TCPACKSKIPPEDSYNRECV, "TCPACKSkippedSynRecv") \
	X(TCPACKSKIPPEDPAWS, "TCPACKSkippedPAWS") \
	X(TCPACKSKIPPEDSEQ, "TCPACKSkippedSeq") \
	X(TCPACKSKIPPEDFINWAIT2, "TCPACKSkippedFinWait2") \
	X(TCPACKSKIPPEDTIMEWAIT, "TCPACKSkippedTimeWait") \
	X(TCPACKSKIPPEDCHALLENGE, "TCPACKSkippedChallenge") \
	X(TCPWINPROBE, "TCPWinProbe") \
	X(TCPKEEPALIVE, "TCPKeepAlive") \
	X(TCPMTUPFAIL, "TCPMTUPFail") \
	X(TCPMTUPSUCCESS, "TCPMTUPSuccess") \
	X(TCPDELIVERED, "TCPDelivered") \
	X(TCPDELIVEREDCE, "TCPDeliveredCE") \
	X(TCPACKCOMPRESSED, "TCPAckCompressed") \
	X(TCPZEROWINDOWDROP, "TCPZeroWindowDrop") \
	X(TCPRCVQDROP, "TCPRcvQDrop") \
	X(TCPWQUEUETOOBIG, "TCPWqueueTooBig") \
	X(TCPFASTOPENPASSIVEALTKEY, "TCPFastOpenPassiveAltKey") \
	X(TCPTIMEOUTREHASH, "TcpTimeoutRehash") \
	X(TCPDUPLICATEDATAREHASH, "TcpDuplicateDataRehash") \
	X(TCPDSACKRECVSEGS, "TCPDSACKRecvSegs") \
	X(TCPDSACKIGNOREDDUBIOUS, "TCPDSACKIgnoredDubious") \
	X(TCPMIGRATEREQSUCCESS, "TCPMigrateReqSuccess") \
	X(TCPMIGRATEREQFAILURE, "TCPMigrateReqFailure") \
	/* end */

enum tcp_ext_mib {
#define X(e, n) LINUX_MIB_##e,
	TCP_EXT_MIB_LIST
#undef X
	LINUX_MIB_MAX
};

extern u64 tcp_mib[TCP_MIB_MAX];
extern u64 tcp_ext_mib[LINUX_MIB_MAX];

#define TCP_INC_STATS(f) (tcp_mib[f]++)
#define TCP_DEC_STATS(f) (tcp_mib[f]--)
#define NET_INC_STATS(f) (tcp_ext_mib[f]++)
#define NET_ADD_STATS(f, n) (tcp_ext_mib[f] += (n))

/*
 * Print the two lines of the Tcp: group as /proc/net/snmp shows them
 * ("Tcp: RtoAlgorithm ...\nTcp: 1 200 ...\n").  Returns the length the
 * whole text needs (like snprintf); writes at most size bytes.
 */
int tcp_snmp_format(char *buf, size_t size);
/* The TcpExt: header and value lines of /proc/net/netstat. */
int tcp_netstat_format(char *buf, size_t size);
/* Zero every counter (tests); CurrEstab is recomputed by its owners. */
void tcp_mib_reset(void);

#endif
