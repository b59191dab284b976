/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host model from `ip -j addr` and `ip -j route` JSON (jansson). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <jansson.h>

#include "host_priv.h"

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static json_t *load_array(const char *text, const char *file, struct ulog_err *err, int *rc)
{
	json_error_t je;
	json_t *root = json_loads(text, 0, &je);

	*rc = 0;
	if (!root || !json_is_array(root)) {
		json_decref(root);
		ulog_err_at(err, file, root ? 1 : (unsigned)je.line);
		*rc = ulog_errf(err, -EINVAL, "%s:%d: not an `ip -j` JSON array%s%s", file,
				root ? 1 : je.line, root ? "" : ": ", root ? "" : je.text);
		return NULL;
	}
	return root;
}

static void if_flags(struct host_if *f, json_t *flags)
{
	size_t i;
	json_t *v;

	json_array_foreach(flags, i, v) {
		const char *s = json_string_value(v);

		if (!s)
			continue;
		f->flags |= !strcmp(s, "UP") ? HOST_IF_UP : 0;
		f->flags |= !strcmp(s, "LOOPBACK") ? HOST_IF_LOOPBACK : 0;
		f->flags |= !strcmp(s, "BROADCAST") ? HOST_IF_BROADCAST : 0;
		f->flags |= !strcmp(s, "MULTICAST") ? HOST_IF_MULTICAST : 0;
		f->flags |= !strcmp(s, "POINTOPOINT") ? HOST_IF_POINTOPOINT : 0;
	}
}

static int one_addr(struct host *h, const struct host_if *f, json_t *ai)
{
	struct host_addr a = { .ifindex = f->index };
	const char *local = jstr(ai, "local"), *brd = jstr(ai, "broadcast"), *scope = jstr(ai, "scope");
	json_t *pl = json_object_get(ai, "prefixlen");
	uint8_t fam, l;
	char buf[80];

	if (!local || !json_is_integer(pl))
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%s/%d", local, (int)json_integer_value(pl));
	if (host_parse_prefix(buf, &a.family, a.addr, &a.plen))
		return -EINVAL;
	if (brd && !host_parse_prefix(brd, &fam, a.brd, &l) && fam == a.family)
		a.has_brd = true;
	if (scope)
		snprintf(a.scope, sizeof(a.scope), "%s", scope);
	a.secondary = json_is_true(json_object_get(ai, "secondary"));
	return host_addr_add(h, &a);
}

static int one_link(struct host *h, json_t *o)
{
	const char *name = jstr(o, "ifname"), *link = jstr(o, "link"), *mac = jstr(o, "address");
	json_t *idx = json_object_get(o, "ifindex"), *ai, *v;
	struct host_if *f;
	unsigned m[6];
	size_t i;
	int rc;

	if (!name)
		return -EINVAL;
	f = host_if_add(h, name, json_is_integer(idx) ? (int)json_integer_value(idx) : 0);
	if (!f)
		return -ENOMEM;
	if (link)
		snprintf(f->link, sizeof(f->link), "%s", link);
	if_flags(f, json_object_get(o, "flags"));
	if (json_is_integer(json_object_get(o, "mtu")))
		f->mtu = (uint32_t)json_integer_value(json_object_get(o, "mtu"));
	if (mac && sscanf(mac, "%2x:%2x:%2x:%2x:%2x:%2x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) == 6) {
		for (i = 0; i < 6; i++)
			f->mac[i] = (uint8_t)m[i];
		f->has_mac = true;
	}
	ai = json_object_get(o, "addr_info");
	json_array_foreach(ai, i, v) {
		rc = one_addr(h, f, v);
		if (rc)
			return rc;
	}
	return 0;
}

int host_json_addr(struct host *h, const char *text, const char *file, struct ulog_err *err)
{
	int rc;
	json_t *root = load_array(text, file, err, &rc), *v;
	size_t i;

	if (!root)
		return rc;
	json_array_foreach(root, i, v) {
		rc = one_link(h, v);
		if (rc) {
			ulog_errf(err, rc, "%s: `ip -j addr` entry %zu is not an interface with addresses",
				  file, i);
			break;
		}
	}
	json_decref(root);
	return rc;
}

static int one_route(struct host *h, json_t *o)
{
	struct host_route r = { .type = HOST_RTN_UNICAST };
	const char *dst = jstr(o, "dst"), *type = jstr(o, "type"), *gw = jstr(o, "gateway");
	const char *dev = jstr(o, "dev"), *src = jstr(o, "prefsrc"), *table = jstr(o, "table");
	json_t *metric = json_object_get(o, "metric");
	uint8_t fam, pl;

	if (!dst)
		return -EINVAL;
	if (table && host_table_word(table, &r))
		return 0;
	if (type && host_rtn_type(type) >= 0)
		r.type = (uint8_t)host_rtn_type(type);
	if (gw) {
		if (host_parse_prefix(gw, &fam, r.gw, &pl))
			return -EINVAL;
		r.has_gw = true;
		r.family = fam;
	}
	if (!strcmp(dst, "default")) {
		if (!r.family)
			r.family = strchr(gw ? gw : (src ? src : ""), ':') ? AF_INET6 : AF_INET;
	} else if (host_parse_prefix(dst, &r.family, r.dst, &r.plen)) {
		return -EINVAL;
	}
	if (src && !host_parse_prefix(src, &fam, r.src, &pl))
		r.has_src = true;
	if (dev) {
		const struct host_if *f = host_if_add(h, dev, 0);

		if (!f)
			return -ENOMEM;
		r.ifindex = f->index;
	}
	if (json_is_integer(metric))
		r.metric = (uint32_t)json_integer_value(metric);
	return host_route_add(h, &r);
}

int host_json_route(struct host *h, const char *text, const char *file, struct ulog_err *err)
{
	int rc;
	json_t *root = load_array(text, file, err, &rc), *v;
	size_t i;

	if (!root)
		return rc;
	json_array_foreach(root, i, v) {
		rc = one_route(h, v);
		if (rc) {
			ulog_errf(err, rc, "%s: `ip -j route` entry %zu is not a route", file, i);
			break;
		}
	}
	json_decref(root);
	return rc;
}

/* A rule's "src"/"srclen" or "dst"/"dstlen" pair ("all": none) into @a/@plen. */
static int rule_prefix(json_t *o, const char *key, const char *lenkey, uint8_t *fam, uint8_t *a,
		       uint8_t *plen)
{
	const char *v = jstr(o, key);
	json_t *l = json_object_get(o, lenkey);
	uint8_t f;

	if (!v || !strcmp(v, "all"))
		return 0;
	if (host_parse_prefix(v, &f, a, plen))
		return -EINVAL;
	*fam = f;
	*plen = json_is_integer(l) ? (uint8_t)json_integer_value(l) : *plen;
	return 0;
}

/* The action of a rule: "table", "goto", or "action" (blackhole, ...). */
static int rule_action(json_t *o, struct host_rule *r)
{
	const char *table = jstr(o, "table"), *act = jstr(o, "action");
	json_t *go = json_object_get(o, "goto");
	long t;

	if (json_is_integer(go)) {
		r->action = HOST_RULE_GOTO;
		r->target = (uint32_t)json_integer_value(go);
	} else if (table) {
		t = host_table_id(table);
		r->action = HOST_RULE_TABLE;
		r->target = (uint32_t)t;
		r->never = t < 0;
	} else if (act && host_rtn_type(act) >= HOST_RTN_BLACKHOLE &&
		   host_rtn_type(act) <= HOST_RTN_PROHIBIT) {
		r->action = (uint8_t)host_rtn_type(act);
	} else {
		r->action = HOST_RULE_NOP;
	}
	return 0;
}

static int one_rule(struct host *h, json_t *o, uint8_t deffam)
{
	struct host_rule r = { .family = deffam, .suppress_plen = -1 };
	const char *iif = jstr(o, "iif"), *oif = jstr(o, "oif");
	const char *mark = jstr(o, "fwmark"), *mask = jstr(o, "fwmask");
	json_t *prio = json_object_get(o, "priority"), *sup = json_object_get(o, "suppress_prefixlen");

	if (!json_is_integer(prio))
		return -EINVAL;
	r.priority = (uint32_t)json_integer_value(prio);
	if (rule_prefix(o, "src", "srclen", &r.family, r.src, &r.src_len) ||
	    rule_prefix(o, "dst", "dstlen", &r.family, r.dst, &r.dst_len))
		return -EINVAL;
	r.invert = json_object_get(o, "not") != NULL;
	snprintf(r.iif, sizeof(r.iif), "%s", iif ? iif : "");
	snprintf(r.oif, sizeof(r.oif), "%s", oif ? oif : "");
	if (mark) {
		r.has_mark = true;
		r.mark = (uint32_t)strtoul(mark, NULL, 0);
		r.mask = mask ? (uint32_t)strtoul(mask, NULL, 0) : 0xffffffffu;
	}
	if (json_is_integer(sup))
		r.suppress_plen = (int)json_integer_value(sup);
	r.never = json_object_get(o, "ipproto") || json_object_get(o, "sport") ||
		  json_object_get(o, "dport") || json_object_get(o, "uid_start");
	return rule_action(o, &r) ? -EINVAL : host_rule_add(h, &r);
}

/* The family of a rule listing: the first address in it, else AF_UNSPEC. */
static uint8_t rule_family(json_t *root)
{
	uint8_t fam, a[16], pl;
	size_t i;
	json_t *v;

	json_array_foreach(root, i, v) {
		const char *s = jstr(v, "src"), *d = jstr(v, "dst");

		if (s && strcmp(s, "all") && !host_parse_prefix(s, &fam, a, &pl))
			return fam;
		if (d && strcmp(d, "all") && !host_parse_prefix(d, &fam, a, &pl))
			return fam;
	}
	return AF_UNSPEC;
}

int host_json_rule(struct host *h, const char *text, const char *file, struct ulog_err *err)
{
	int rc;
	json_t *root = load_array(text, file, err, &rc), *v;
	uint8_t fam;
	size_t i;

	if (!root)
		return rc;
	fam = rule_family(root);
	json_array_foreach(root, i, v) {
		rc = one_rule(h, v, fam);
		if (rc) {
			ulog_errf(err, rc, "%s: `ip -j rule` entry %zu is not a rule", file, i);
			break;
		}
	}
	json_decref(root);
	return rc;
}
