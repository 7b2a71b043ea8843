/* Defaults shared by every protocol's control block (see net/sock.h). */
#include <net/sock.h>

static void sock_no_upcall(struct sock *sk)
{
	(void)sk;
}

void sock_init(struct sock *sk, u16 family, u16 type, u16 protocol)
{
	sk->family = family;
	sk->type = type;
	sk->protocol = protocol;
	sk->refcnt = 1;
	sk->rcvbuf = SOCK_DEFAULT_RCVBUF;
	sk->sndbuf = SOCK_DEFAULT_SNDBUF;
	sk->rcvlowat = 1;
	sk->mc_ttl = 1;
	sk->mc_loop = true;
	sk->pmtudisc = 1;      /* IP_PMTUDISC_WANT */
	sk->peer_uid = sk->peer_gid = 0xffffffffu;
	pkb_queue_init(&sk->error_queue);
	pkb_queue_init(&sk->receive_queue);
	sk->data_ready = sock_no_upcall;
	sk->write_space = sock_no_upcall;
	sk->state_change = sock_no_upcall;
	sk->error_report = sock_no_upcall;
}
