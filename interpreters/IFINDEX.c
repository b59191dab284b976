/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IFINDEX: oob.ifindex_in/out to interface names (oob.in/oob.out), kept current from rtnetlink link events. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>

#include "lib/ifwatch.h"
#include "ulogd/loop.h"
#include "ulogd/plugin.h"

enum { IN_IFINDEX_IN, IN_IFINDEX_OUT };
enum { K_IN, K_OUT, K_N };

static const struct ulog_key_def ifindex_in[] = {
	[IN_IFINDEX_IN] = { .name = "oob.ifindex_in", .type = ULOG_T_UINT32 },
	[IN_IFINDEX_OUT] = { .name = "oob.ifindex_out", .type = ULOG_T_UINT32 },
};

static const struct ulog_key_def ifindex_out[K_N] = {
	[K_IN] = { .name = "oob.in", .type = ULOG_T_STRING },
	[K_OUT] = { .name = "oob.out", .type = ULOG_T_STRING },
};

struct ifindex_priv {
	struct ifwatch w;
	bool open;
	bool in_loop;
	char name[K_N][IF_NAMESIZE];   /* this record's names, stable until the next */
};

static void ifindex_ready(int fd, uint32_t events, void *arg)
{
	struct ulog_instance *inst = arg;
	struct ifindex_priv *p = ULOG_PRIV(inst, struct ifindex_priv);
	int rc = ifwatch_read(&p->w);

	if (rc < 0)
		ulog_log(ULOG_ERROR, "%s: reading link events: %s\n", inst->id, strerror(-rc));
}

static int ifindex_start(struct ulog_instance *inst, struct ulog_err *err)
{
	struct ifindex_priv *p = ULOG_PRIV(inst, struct ifindex_priv);
	int rc = ifwatch_open(&p->w, err);

	if (rc < 0)
		return rc;
	p->open = true;
	if (inst->loop) {
		rc = ulog_loop_add_fd(inst->loop, ifwatch_fd(&p->w), EPOLLIN, ifindex_ready, inst);
		if (rc < 0) {
			ifwatch_close(&p->w);
			p->open = false;
			return ulog_errf(err, rc, "%s: watching link events: %s", inst->id, strerror(-rc));
		}
		p->in_loop = true;
	}
	return 0;
}

static void ifindex_stop(struct ulog_instance *inst)
{
	struct ifindex_priv *p = ULOG_PRIV(inst, struct ifindex_priv);

	if (p->in_loop)
		ulog_loop_del_fd(inst->loop, ifwatch_fd(&p->w));
	if (p->open)
		ifwatch_close(&p->w);
	p->open = p->in_loop = false;
}

/* As ulogd2: index 0 (no interface), an absent input or an unknown index
 * give "". */
static void ifindex_one(struct ulog_instance *inst, struct ulog_record *rec, unsigned in, unsigned k)
{
	struct ifindex_priv *p = ULOG_PRIV(inst, struct ifindex_priv);
	const char *name = NULL;
	uint32_t idx;
	size_t len;

	if (!ulog_out_wanted(inst, k))
		return;
	if (p->open && ulog_in_u32(inst, rec, in, &idx) && idx)
		name = ifwatch_name(&p->w, idx);
	if (!name)
		name = "";
	len = strnlen(name, sizeof(p->name[k]) - 1);
	memcpy(p->name[k], name, len);
	p->name[k][len] = '\0';
	ulog_out_str(inst, rec, k, p->name[k], (uint32_t)len);
}

static int ifindex_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	ifindex_one(inst, rec, IN_IFINDEX_IN, K_IN);
	ifindex_one(inst, rec, IN_IFINDEX_OUT, K_OUT);
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_IFINDEX = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "IFINDEX",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "names the in/out interfaces, following interfaces as they come and go",
	.in_keys = ifindex_in,
	.n_in = ULOG_ARRAY_SIZE(ifindex_in),
	.out_keys = ifindex_out,
	.n_out = K_N,
	.priv_size = sizeof(struct ifindex_priv),
	.start = ifindex_start,
	.stop = ifindex_stop,
	.interp = ifindex_interp,
};

ULOG_PLUGIN(IFINDEX)
