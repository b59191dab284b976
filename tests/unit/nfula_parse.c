/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfula_parse_msg's one pass against its oracle, libnetfilter_log's nflog_nlmsg_parse() + the policy. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/nfula.h"
#include "test.h"

/* What nfula_parse_msg() did before the single pass: the library's parse, then every stored
 * attribute against nfula_policy, then the decode. */
static int oracle(const struct nlmsghdr *nlh, struct nfula_pkt *p)
{
	struct nlattr *tb[NFULA_TB_SIZE];
	const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
	unsigned i;

	memset(tb, 0, sizeof(tb));
	if (nflog_nlmsg_parse(nlh, tb) < 0)
		return -EINVAL;
	for (i = 0; i < NFULA_TB_SIZE; i++)
		if (tb[i] && nfula_check_attr(nfula_policy, tb[i], NULL) < 0)
			return -EINVAL;
	nfula_decode((const struct nlattr *const *)tb, p);
	p->family = nfg->nfgen_family;
	p->group = ntohs(nfg->res_id);
	p->raw = nlh;
	p->raw_len = nlh->nlmsg_len;
	return 0;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Payload sizes the kernel sends, per attribute type (0..NFULA_ATTR_LAST). */
static const uint16_t good_len[NFULA_ATTR_LAST + 1] = {
	[NFULA_PACKET_HDR] = 4, [NFULA_MARK] = 4, [NFULA_TIMESTAMP] = 16,
	[NFULA_IFINDEX_INDEV] = 4, [NFULA_IFINDEX_OUTDEV] = 4, [NFULA_IFINDEX_PHYSINDEV] = 4,
	[NFULA_IFINDEX_PHYSOUTDEV] = 4, [NFULA_HWADDR] = 12, [NFULA_PAYLOAD] = 40,
	[NFULA_PREFIX] = 6, [NFULA_UID] = 4, [NFULA_SEQ] = 4, [NFULA_SEQ_GLOBAL] = 4,
	[NFULA_GID] = 4, [NFULA_HWTYPE] = 2, [NFULA_HWHEADER] = 14, [NFULA_HWLEN] = 2,
	[NFULA_CT] = 8, [NFULA_CT_INFO] = 4, [NFULA_ATTR_VLAN] = 8, [NFULA_ATTR_L2HDR] = 14,
};

/* A random message: mostly well-formed attributes, some of any length, some duplicated,
 * now and then one byte of the attribute area overwritten. */
static struct nlmsghdr *random_msg(char *buf, uint64_t *s)
{
	struct nlmsghdr *nlh = nflog_nlmsg_put_header(buf, NFULNL_MSG_PACKET, AF_INET, 5);
	unsigned n = (unsigned)(rnd(s) % 10), k;

	for (k = 0; k < n; k++) {
		uint16_t type = (uint16_t)(rnd(s) % (NFULA_ATTR_LAST + 2));
		bool good = rnd(s) % 8 < 5;
		uint16_t len = good && type <= NFULA_ATTR_LAST ? good_len[type]
			       : (uint16_t)(rnd(s) % 24);
		char data[64];
		unsigned j;

		for (j = 0; j < sizeof(data); j++)
			data[j] = (char)rnd(s);
		if (type == NFULA_PREFIX && good)
			data[len - 1 - rnd(s) % 2] = '\0';
		if (type == NFULA_CT && good)
			len = 0;
		mnl_attr_put(nlh, type, len, data);
	}
	if (rnd(s) % 4 == 0 && nlh->nlmsg_len > 20)
		((unsigned char *)buf)[16 + rnd(s) % (nlh->nlmsg_len - 16)] = (unsigned char)rnd(s);
	return nlh;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, i;
	unsigned long same = 0, accepted = 0, unnamed = 0;
	static char buf[8192];
	uint64_t s = 88172645463325252ULL;

	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh = random_msg(buf, &s);
		struct nfula_pkt a, b;
		struct ulog_err err;
		int ra, rb;

		memset(&a, 0x55, sizeof(a));
		memset(&b, 0x55, sizeof(b));
		ulog_err_clear(&err);
		ra = oracle(nlh, &a);
		rb = nfula_parse_msg(nlh, &b, &err);
		if (ra == rb && (ra < 0 || !memcmp(&a, &b, sizeof(a))))
			same++;
		else if (same + 1 == i)
			printf("# message %lu: oracle %d, nfula_parse_msg %d (%s)\n", i, ra, rb,
			       err.msg);
		accepted += rb == 0;
		unnamed += rb < 0 && !strstr(err.msg, "NFULA_");
	}
	CHECK(same == n, "%lu random messages: same verdict and decode as the two passes "
	      "(%lu same, %lu accepted)", n, same, accepted);
	CHECK(accepted > n / 10 && accepted < n - n / 10,
	      "random messages both accepted and refused (%lu of %lu accepted)", accepted, n);
	CHECK(unnamed == 0, "every refusal names its attribute (%lu do not)", unnamed);
	TEST_EXIT();
}
