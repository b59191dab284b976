/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conntrack helpers: the FTP line parser on tricky inputs, the helper's newline tracking, expectations and their limits. */
#include <string.h>

#include "kernel/ct_priv.h"
#include "kernel/helper.h"
#include "ct_build.h"
#include "test.h"

#define S 1000000000ull

struct parse_case {
	const char *name, *line;
	int dir;
	uint8_t family;
	int want;                 /* 1 found, 0 none, -1 partial (dropped) */
	const char *addr;         /* expected address when found (NULL: the preset sender) */
	uint16_t port;
};

static const struct parse_case parse_cases[] = {
	{ "port", "PORT 10,0,0,1,156,65\r\n", 0, AF_INET, 1, "10.0.0.1", 40001 },
	{ "port_lowercase", "port 10,0,0,1,4,1\r\n", 0, AF_INET, 1, "10.0.0.1", 1025 },
	{ "port_no_cr", "PORT 10,0,0,1,4,1\n", 0, AF_INET, -1, NULL, 0 },
	{ "port_five_numbers", "PORT 10,0,0,1,4\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "port_seven_numbers", "PORT 10,0,0,1,4,1,5\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "port_no_space", "PORT10,0,0,1,4,1\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "port_octet_wraps", "PORT 300,0,0,1,4,1\r\n", 0, AF_INET, 1, "44.0.0.1", 1025 },
	{ "port_prefix_P", "P", 0, AF_INET, -1, NULL, 0 },
	{ "port_prefix_PORT", "PORT", 0, AF_INET, -1, NULL, 0 },
	{ "eprt_prefix_E", "E", 0, AF_INET, -1, NULL, 0 },
	{ "user", "USER anonymous\r\n", 0, AF_INET, 0, NULL, 0 },
	{ "eprt_v4", "EPRT |1|10.0.0.1|6275|\r\n", 0, AF_INET, 1, "10.0.0.1", 6275 },
	{ "eprt_v6", "EPRT |2|fd00::1|6275|\r\n", 0, AF_INET6, 1, "fd00::1", 6275 },
	{ "eprt_v6_on_v4", "EPRT |2|fd00::1|6275|\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "eprt_port_wraps", "EPRT |1|10.0.0.1|70000|\r\n", 0, AF_INET, 1, "10.0.0.1", 4464 },
	{ "eprt_port_65536", "EPRT |1|10.0.0.1|65536|\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "eprt_digit_delim", "EPRT 1110.0.0.1161\r\n", 0, AF_INET, -1, NULL, 0 },
	{ "pasv", "227 Entering Passive Mode (10,0,0,2,195,80).\r\n", 1, AF_INET, 1, "10.0.0.2", 50000 },
	{ "pasv_no_parens", "227 =10,0,0,2,195,80\r\n", 1, AF_INET, 1, "10.0.0.2", 50000 },
	{ "pasv_no_numbers", "227 Entering Passive Mode\r\n", 1, AF_INET, -1, NULL, 0 },
	{ "pasv_ends_at_number", "227 10,0,0,2,195,80", 1, AF_INET, -1, NULL, 0 },
	{ "reply_prefix_22", "22", 1, AF_INET, -1, NULL, 0 },
	{ "epsv", "229 Entering Extended Passive Mode (|||50001|)\r\n", 1, AF_INET, 1, NULL, 50001 },
	{ "epsv_other_delim", "229 ok (!!!6446!)\r\n", 1, AF_INET6, 1, NULL, 6446 },
	{ "epsv_port_zero", "229 ok (|||0|)\r\n", 1, AF_INET, -1, NULL, 0 },
	{ "epsv_no_paren", "229 |||50001|\r\n", 1, AF_INET, -1, NULL, 0 },
	{ "reply_150", "150 Opening data connection\r\n", 1, AF_INET, 0, NULL, 0 },
	{ "port_in_reply_dir", "PORT 10,0,0,1,4,1\r\n", 1, AF_INET, 0, NULL, 0 },
};

static void parse_table(void)
{
	unsigned i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct ct_ftp_cmd cmd;
		uint8_t want[16] = { 0 }, preset[16] = { 0 };
		int af = c->family, rc;
		bool ok;

		inet_pton(af, af == AF_INET ? "192.0.2.7" : "2001:db8::7", preset);
		memcpy(cmd.addr, preset, 16);
		cmd.port = 0;
		rc = ct_ftp_parse(c->line, (uint32_t)strlen(c->line), c->dir, c->family, &cmd);
		ok = rc == c->want;
		if (ok && rc == 1) {
			if (c->addr)
				inet_pton(strchr(c->addr, ':') ? AF_INET6 : AF_INET, c->addr, want);
			else
				memcpy(want, preset, 16);
			ok = !memcmp(cmd.addr, want, 16) && cmd.port == c->port;
		}
		if (!ok)
			printf("# %s: rc %d (want %d) port %u\n", c->name, rc, c->want, cmd.port);
		CHECK(ok, "ftp_parse_%s", c->name);
	}
}

/* A control connection 10.0.0.1:40000 -> 10.0.0.2:21 with the ftp helper. */
struct ftp {
	struct ct_table *t;
	struct ct_entry *master;
	uint32_t cseq, sseq;
	uint16_t dport;          /* 21, or 6667 for IRC */
	uint64_t now;
};

/* One packet through conntrack, the helper hook and confirm; returns the hook's verdict. */
static int step(struct ftp *f, struct pkt_view *pv, const char *want, struct ct_ref *ref)
{
	int rc;

	f->now += S / 100;
	ct_in(f->t, pv, 0, f->now, ref);
	ct_helper_in(f->t, ref, want, f->now);
	rc = ct_helper_hook(f->t, ref, pv, f->now);
	if (rc)
		ct_abort(f->t, ref);
	else
		ct_confirm(f->t, ref, f->now);
	return rc;
}

static int send_data(struct ftp *f, bool from_client, const void *line, uint32_t n)
{
	struct tpkt p;
	struct ct_ref ref;
	struct pkt_view *pv;

	if (from_client)
		pv = mk_tcp(&p, "10.0.0.1", 40000, "10.0.0.2", f->dport, f->cseq, f->sseq,
			    TH_ACK | TH_PSH, 65535, n);
	else
		pv = mk_tcp(&p, "10.0.0.2", f->dport, "10.0.0.1", 40000, f->sseq, f->cseq,
			    TH_ACK | TH_PSH, 65535, n);
	memcpy(p.b + 40, line, n);
	if (step(f, pv, "", &ref))
		return -1;
	*(from_client ? &f->cseq : &f->sseq) += n;
	return 0;
}

static int send_line(struct ftp *f, bool from_client, const char *line)
{
	return send_data(f, from_client, line, (uint32_t)strlen(line));
}

/* A handshake 10.0.0.1:40000 -> 10.0.0.2:@dport asking for helper @helper. */
static void conn_open(struct ftp *f, uint16_t dport, const char *helper)
{
	struct ct_config cfg;
	struct tpkt p;
	struct ct_ref ref;

	ct_config_default(&cfg);
	cfg.max = 1024;
	memset(f, 0, sizeof(*f));
	f->t = ct_table_new(&cfg);
	f->now = 1700000000ull * S;
	f->cseq = 1000;
	f->sseq = 5000;
	f->dport = dport;
	step(f, mk_tcp(&p, "10.0.0.1", 40000, "10.0.0.2", dport, f->cseq++, 0, TH_SYN, 65535, 0),
	     helper, &ref);
	f->master = ref.ct;
	step(f, mk_tcp(&p, "10.0.0.2", dport, "10.0.0.1", 40000, f->sseq++, f->cseq,
		       TH_SYN | TH_ACK, 65535, 0), "", &ref);
	step(f, mk_tcp(&p, "10.0.0.1", 40000, "10.0.0.2", dport, f->cseq, f->sseq, TH_ACK, 65535, 0),
	     "", &ref);
}

static void ftp_open(struct ftp *f)
{
	conn_open(f, 21, "ftp");
	send_line(f, false, "220 ready\r\n");
	send_line(f, true, "USER anonymous\r\n");
}

/* The first packet of a connection from @src:@sp to @dst:@dp: its ctinfo. */
static uint8_t data_syn(struct ftp *f, const char *src, uint16_t sp, const char *dst, uint16_t dp,
			struct ct_ref *ref)
{
	struct tpkt p;

	step(f, mk_tcp(&p, src, sp, dst, dp, 777, 0, TH_SYN, 65535, 0), "", ref);
	return ref->ctinfo;
}

static void active_and_passive(void)
{
	struct ftp f;
	struct ct_ref ref;
	char line[CT_LINE_MAX];

	ftp_open(&f);
	CHECK(f.master && f.master->helper == ct_helper_find("ftp", IPPROTO_TCP), "helper_assigned");
	ct_print(f.t, f.master, f.now, false, line, sizeof(line));
	CHECK(strstr(line, " helper=ftp use=1") != NULL, "helper_listed: %s", line);
	CHECK(send_line(&f, true, "PORT 10,0,0,1,156,65\r\n") == 0 && ct_expect_count(f.t, f.now) == 1,
	      "port_expects");
	CHECK(data_syn(&f, "10.0.0.2", 20, "10.0.0.1", 40001, &ref) == CT_RELATED &&
	      (ref.ct->status & CT_S_EXPECTED) && ref.ct->master_helper == f.master->helper &&
	      !ref.ct->helper, "active_data_related");
	CHECK(ct_expect_count(f.t, f.now) == 0, "expectation_used_once");
	send_line(&f, true, "PASV\r\n");
	send_line(&f, false, "227 Entering Passive Mode (10,0,0,2,195,80).\r\n");
	CHECK(data_syn(&f, "10.0.0.1", 41000, "10.0.0.2", 50000, &ref) == CT_RELATED, "passive_data_related");
	send_line(&f, false, "229 Entering Extended Passive Mode (|||50002|)\r\n");
	CHECK(data_syn(&f, "10.0.0.1", 41001, "10.0.0.2", 50002, &ref) == CT_RELATED, "epsv_data_related");
	ct_table_free(f.t);
}

static void limits(void)
{
	struct ftp f;
	struct ct_ref ref;

	ftp_open(&f);
	send_line(&f, true, "PORT 10,0,0,1,156,65\r\n");
	send_line(&f, true, "PORT 10,0,0,1,156,66\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 1, "max_expected_one");
	CHECK(data_syn(&f, "10.0.0.2", 20, "10.0.0.1", 40001, &ref) == CT_NEW, "oldest_evicted");
	CHECK(data_syn(&f, "10.0.0.2", 20, "10.0.0.1", 40002, &ref) == CT_RELATED, "newest_kept");
	send_line(&f, true, "PORT 10,0,0,9,156,67\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 0, "other_address_not_recorded");
	send_line(&f, true, "PORT 10,0,0,1,156,68\r\n");
	f.now += 301 * S;
	CHECK(data_syn(&f, "10.0.0.2", 20, "10.0.0.1", 40004, &ref) == CT_NEW, "expect_timeout_300s");
	send_line(&f, true, "PORT 10,0,0,1,156,69\r\n");
	ct_kill(f.t, f.master, f.now);
	CHECK(ct_expect_count(f.t, f.now) == 0, "dies_with_master");
	ct_table_free(f.t);
}

/* The kernel reads a line only at a segment that starts just after a '\n'. */
static void segments(void)
{
	struct ftp f;

	ftp_open(&f);
	CHECK(send_line(&f, true, "PO") == -1, "split_command_first_part_dropped");
	CHECK(send_line(&f, true, "PORT 10,0,0,") == -1, "split_command_numbers_dropped");
	send_line(&f, true, "NOOP");
	CHECK(send_line(&f, true, " x\r\n") == 0 && send_line(&f, true, "PORT 10,0,0,1,156,70\r\n") == 0 &&
	      ct_expect_count(f.t, f.now) == 1, "line_after_newline_parsed");
	send_line(&f, true, "NOOP ");
	CHECK(send_line(&f, true, "PORT 10,0,0,1,156,71\r\n") == 0 &&
	      !ct_expect_take(f.t, &(struct ct_tuple){ .family = AF_INET, .proto = IPPROTO_TCP,
						       .dport = 40007, .src = { 10, 0, 0, 2 },
						       .dst = { 10, 0, 0, 1 } }, f.now, &(struct ct_expect){ 0 }),
	      "mid_line_not_parsed");
	ct_table_free(f.t);
}

/* IRC DCC: "PRIVMSG x :\1DCC SEND name IP PORT" from the client, with the
 * client's own address, expects a connection from anywhere to it. */
static void irc_dcc(void)
{
	struct ftp f;
	struct ct_ref ref;

	conn_open(&f, 6667, "irc");
	CHECK(f.master && f.master->helper == ct_helper_find("irc", IPPROTO_TCP), "irc_assigned");
	send_line(&f, true, "NICK alice\r\n");
	send_line(&f, true, "PRIVMSG bob :\1DCC SEND file.txt 167772161 5000 100\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 1, "irc_dcc_send_expects");
	CHECK(data_syn(&f, "192.0.2.44", 33000, "10.0.0.1", 5000, &ref) == CT_RELATED &&
	      ref.ct->master_helper == f.master->helper, "irc_dcc_from_anywhere_related");
	send_line(&f, true, "PRIVMSG bob :\1DCC CHAT chat 167772169 5001\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 0, "irc_forged_address_ignored");
	send_line(&f, true, "NOTICE bob :\1DCC CHAT chat 167772161 5002\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 0, "irc_not_privmsg_ignored");
	send_line(&f, true, "PRIVMSG bob :hi \1DCC CHAT chat 167772161 5003\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 0, "irc_dcc_not_at_message_start_ignored");
	send_line(&f, false, "PRIVMSG alice :\1DCC CHAT chat 167772162 5004\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 0, "irc_server_side_ignored");
	send_line(&f, true, "  privmsg bob :\1DCC CHAT chat 167772161 5005\1\r\n");
	CHECK(ct_expect_count(f.t, f.now) == 1, "irc_leading_blanks_any_case");
	ct_table_free(f.t);
}

/* SANE: the reply to exactly one SANE_NET_START request (8 bytes) with
 * status 0 and a zero word announces the data port, client -> server. */
static void sane(void)
{
	static const uint8_t start[8] = { 0, 0, 0, 7, 0, 0, 0, 1 };
	static const uint8_t params[8] = { 0, 0, 0, 6, 0, 0, 0, 1 };
	static const uint8_t start9[9] = { 0, 0, 0, 7, 0, 0, 0, 1, 0 };
	static const uint8_t ok[16] = { 0, 0, 0, 0, 0, 0, 0x1b, 0x58, 0, 0, 0x12, 0x34 };
	static const uint8_t refused[16] = { 0, 0, 0, 1, 0, 0, 0x1b, 0x59 };
	struct ftp f;
	struct ct_ref ref;

	conn_open(&f, 6566, "sane");
	send_data(&f, true, start, 8);
	send_data(&f, false, ok, 16);
	CHECK(ct_expect_count(f.t, f.now) == 1 &&
	      data_syn(&f, "10.0.0.1", 41000, "10.0.0.2", 7000, &ref) == CT_RELATED,
	      "sane_net_start_reply_expects");
	send_data(&f, true, params, 8);
	send_data(&f, false, ok, 16);
	CHECK(ct_expect_count(f.t, f.now) == 0, "sane_other_request_ignored");
	send_data(&f, true, start, 8);
	send_data(&f, false, refused, 16);
	CHECK(ct_expect_count(f.t, f.now) == 0, "sane_refused_start_ignored");
	send_data(&f, true, start9, 9);
	send_data(&f, false, ok, 16);
	CHECK(ct_expect_count(f.t, f.now) == 0, "sane_request_of_9_bytes_ignored");
	ct_table_free(f.t);
}

/* One UDP datagram of the Amanda exchange (client 10.0.0.1:850, server :10080). */
static void amanda_udp(struct ftp *f, bool from_client, const char *text, const char *want)
{
	struct tpkt p;
	struct ct_ref ref;
	uint32_t n = (uint32_t)strlen(text);
	struct pkt_view *pv = from_client ? mk_udp(&p, IPPROTO_UDP, "10.0.0.1", 850, "10.0.0.2", 10080, n)
					  : mk_udp(&p, IPPROTO_UDP, "10.0.0.2", 10080, "10.0.0.1", 850, n);

	memcpy(p.b + 28, text, n);
	step(f, pv, want, &ref);
	if (from_client && !f->master)
		f->master = ref.ct;
}

/* Amanda: the reply's CONNECT line names up to three TCP ports, expected
 * client -> server; the reply makes the master live 300 s. */
static void amanda(void)
{
	struct ct_config cfg;
	struct ftp f;
	struct ct_ref ref;

	ct_config_default(&cfg);
	cfg.max = 1024;
	memset(&f, 0, sizeof(f));
	f.t = ct_table_new(&cfg);
	f.now = 1700000000ull * S;
	amanda_udp(&f, true, "Amanda 2.6 REQ HANDLE 000 SEQ 1\nSERVICE sendbackup\n", "amanda");
	amanda_udp(&f, false, "Amanda 2.6 REP HANDLE 000 SEQ 1\nCONNECT DATA 50010 MESG 50011 INDEX 50012\n", "");
	CHECK(f.master && ct_expect_count(f.t, f.now) == 3, "amanda_three_ports_expected");
	CHECK(f.master && ct_expires_s(f.master, f.now) == 300, "amanda_master_timeout_300s");
	CHECK(data_syn(&f, "10.0.0.1", 41000, "10.0.0.2", 50011, &ref) == CT_RELATED, "amanda_mesg_related");
	amanda_udp(&f, false, "REP\nCONNECT MESG 50021 DATA 0 INDEX 50022\n", "");
	CHECK(ct_expect_count(f.t, f.now) == 2, "amanda_port_0_stops_the_line");
	amanda_udp(&f, false, "CONNECT DATA 50031", "");
	CHECK(ct_expect_count(f.t, f.now) == 2, "amanda_line_without_newline_ignored");
	ct_table_free(f.t);
}

static void unknown_helpers(void)
{
	CHECK(ct_helper_find("pptp", IPPROTO_TCP) && !ct_helper_get(ct_helper_find("pptp", IPPROTO_TCP))->help,
	      "pptp_named_only");
	CHECK(ct_helper_find("sip", IPPROTO_UDP) && ct_helper_find("sip", IPPROTO_TCP), "sip_both");
	CHECK(!ct_helper_find("ftp", IPPROTO_UDP) && !ct_helper_find("nosuch", IPPROTO_TCP), "no_such_helper");
	CHECK(!strcmp(ct_helper_name(0), ""), "name_of_none");
}

/* Random lines from the parser's alphabet (ASan/UBSan catch any read past
 * the line): every result is -1, 0 or 1, and an EPRT/EPSV line found has
 * a non-zero port (get_port refuses 0). */
static void parse_fuzz(void)
{
	static const char *const heads[] = { "PORT 10,0,0,", "EPRT |1|10.0.0.", "EPRT |2|fd00::",
					     "227 (10,0,0,2,", "229 (|||", "P" };
	static const char alpha[] = "0123456789012345678901234567890123456789,,,||..::)\r\n abc";
	uint32_t x = 2463534242u, i, n, bad = 0, found[2] = { 0, 0 };
	char buf[80];
	int dir;

	for (i = 0; i < 200000; i++) {
		struct ct_ftp_cmd cmd = { { 0 }, 0 };
		const char *h = heads[i % 6];
		uint32_t len = (uint32_t)strlen(h), k;
		int rc;

		memcpy(buf, h, len);
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		n = x % (sizeof(buf) - len);
		for (k = 0; k < n; k++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			buf[len + k] = alpha[x % (sizeof(alpha) - 1)];
		}
		dir = (int)(i / 6) & 1;
		rc = ct_ftp_parse(buf, len + n, dir, (i / 12) & 1 ? AF_INET6 : AF_INET, &cmd);
		found[rc == 1] += 1;
		bad += rc < -1 || rc > 1 ||
		       (rc == 1 && ((h[0] == 'E' && !dir) || (h[2] == '9' && dir)) && !cmd.port);
	}
	CHECK(bad == 0, "ftp_parse_fuzz: 200000 random lines, %u found (%u odd results)", found[1], bad);
}

int main(void)
{
	parse_table();
	parse_fuzz();
	active_and_passive();
	limits();
	segments();
	irc_dcc();
	sane();
	amanda();
	unknown_helpers();
	return test_failures ? 1 : 0;
}
