/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's IPv4 routing sysctls (net.ipv4.conf.*): a sysctl dump read, stored per entry, combined per device. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "host_priv.h"

/* host_conf_of()'s answers by device name, direct-mapped: a packet's in device is one of a few. */
#define CONF_MEMO_SIZE 16u

struct host_conf_memo {
	struct {
		char name[IFNAMSIZ];
		struct host_conf_eff eff;
		bool known;
	} e[CONF_MEMO_SIZE];
};

static const char *const keys[] = {
	"rp_filter", "accept_local", "route_localnet", "src_valid_mark", "send_redirects", "forwarding",
};

/* The field of @c named @key, or NULL. */
static int8_t *conf_field(struct host_conf *c, const char *key)
{
	int8_t *f[] = { &c->rp_filter, &c->accept_local, &c->route_localnet, &c->src_valid_mark,
			&c->send_redirects, &c->forwarding };
	unsigned i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i]))
			return f[i];
	return NULL;
}

static const struct host_conf *conf_find(const struct host *h, const char *name)
{
	unsigned i;

	for (i = 0; i < h->n_confs; i++)
		if (!strcmp(h->confs[i].name, name))
			return &h->confs[i];
	return NULL;
}

int host_conf_set(struct host *h, const char *name, const char *key, int value)
{
	struct host_conf *c = (struct host_conf *)conf_find(h, name);
	int8_t *f;

	if (!h->conf_memo && !(h->conf_memo = malloc(sizeof(*h->conf_memo))))
		return -ENOMEM;
	memset(h->conf_memo, 0, sizeof(*h->conf_memo));
	if (!c) {
		if (h->n_confs == h->cap_confs) {
			unsigned cap = h->cap_confs ? h->cap_confs * 2 : 8;
			struct host_conf *p = realloc(h->confs, cap * sizeof(*p));

			if (!p)
				return -ENOMEM;
			h->confs = p;
			h->cap_confs = cap;
		}
		c = &h->confs[h->n_confs++];
		memset(c, -1, sizeof(*c));
		memset(c->name, 0, sizeof(c->name));
		strncpy(c->name, name, IFNAMSIZ - 1);
	}
	f = conf_field(c, key);
	if (!f)
		return 1;
	*f = (int8_t)(value < 0 ? 0 : value > 100 ? 100 : value);
	h->accept_local = false;
	for (c = h->confs; c < h->confs + h->n_confs; c++)
		h->accept_local |= c->accept_local > 0;
	return 0;
}

/* @v if the dump gave it, else the kernel's default @def. */
static int val(int8_t v, int def)
{
	return v < 0 ? def : v;
}

/* host_conf_of() without the memo: the entries looked up and combined. */
static struct host_conf_eff conf_combine(const struct host *h, const char *dev)
{
	struct host_conf_eff e = { .send_redirects = true, .forwarding = true };
	const struct host_conf *a, *d;

	a = conf_find(h, "all");
	d = dev ? conf_find(h, dev) : NULL;
	if (!d)
		d = conf_find(h, "default");
	if (a) {
		e.rp_filter = val(a->rp_filter, 0);
		e.accept_local = val(a->accept_local, 0);
		e.route_localnet = val(a->route_localnet, 0);
		e.src_valid_mark = val(a->src_valid_mark, 0);
		e.send_redirects = val(a->send_redirects, 1);
	}
	if (d) {
		if (val(d->rp_filter, 0) > e.rp_filter)
			e.rp_filter = d->rp_filter;
		e.accept_local |= val(d->accept_local, 0) != 0;
		e.route_localnet |= val(d->route_localnet, 0) != 0;
		e.src_valid_mark |= val(d->src_valid_mark, 0) != 0;
		e.send_redirects |= val(d->send_redirects, 1) != 0;
		e.forwarding = val(d->forwarding, 1) != 0;
	}
	return e;
}

struct host_conf_eff host_conf_of(const struct host *h, const char *dev)
{
	static const struct host_conf_eff defaults = { .send_redirects = true, .forwarding = true };
	unsigned slot = 0;
	size_t i;

	if (!h->n_confs)
		return defaults;
	if (!dev || !h->conf_memo)
		return conf_combine(h, dev);
	for (i = 0; i < IFNAMSIZ && dev[i]; i++)
		slot = slot * 31 + (unsigned char)dev[i];
	slot %= CONF_MEMO_SIZE;
	if (!h->conf_memo->e[slot].known || strncmp(h->conf_memo->e[slot].name, dev, IFNAMSIZ)) {
		h->conf_memo->e[slot].eff = conf_combine(h, dev);
		memset(h->conf_memo->e[slot].name, 0, IFNAMSIZ);
		strncpy(h->conf_memo->e[slot].name, dev, IFNAMSIZ - 1);
		h->conf_memo->e[slot].known = true;
	}
	return h->conf_memo->e[slot].eff;
}

bool host_accepts_local(const struct host *h)
{
	return h->accept_local;
}

static const char dot_prefix[] = "net.ipv4.conf.";
static const char proc_prefix[] = "/proc/sys/net/ipv4/conf/";

bool host_is_sysctl_listing(const char *text)
{
	const char *p;

	while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')
		text++;
	if (!strncmp(text, "/proc/sys/", 10))
		return true;
	for (p = text; *p && *p != ' ' && *p != '\n' && *p != '='; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-:@", *p))
			return false;
	return p > text && memchr(text, '.', (size_t)(p - text)) && !strncmp(p, " = ", 3);
}

/*
 * One line: "net.ipv4.conf.IF.KEY = V" (IF's '.' printed as '/') or
 * "/proc/sys/net/ipv4/conf/IF/KEY" then " = V" or ":V". 0 (stored or
 * skipped), -EINVAL (no number) or -ENOMEM.
 */
static int sysctl_line(struct host *h, char *line)
{
	bool proc = !strncmp(line, proc_prefix, sizeof(proc_prefix) - 1);
	char *name, *key, *eq, *end, *q;
	long v;

	if (!proc && strncmp(line, dot_prefix, sizeof(dot_prefix) - 1))
		return 0;
	name = line + (proc ? sizeof(proc_prefix) : sizeof(dot_prefix)) - 1;
	eq = strpbrk(name, proc ? "=:" : "=");
	if (!eq)
		return 0;
	for (end = eq; end > name && end[-1] == ' '; end--)
		;
	*end = 0;
	key = strrchr(name, proc ? '/' : '.');
	if (!key || key == name || strlen(name) - strlen(key) >= IFNAMSIZ)
		return 0;
	*key++ = 0;
	if (!conf_field(&(struct host_conf){ 0 }, key))
		return 0;
	for (q = name; !proc && *q; q++)
		if (*q == '/')
			*q = '.';
	v = strtol(eq + 1, &end, 10);
	if (end == eq + 1 || (*end && *end != ' ' && *end != '\t' && *end != '\r'))
		return -EINVAL;
	return host_conf_set(h, name, key, (int)v) < 0 ? -ENOMEM : 0;
}

/* See host_priv.h: the lines of a sysctl dump, read in place. */
int host_text_sysctl(struct host *h, char *text, const char *file, struct ulog_err *err)
{
	char *line, *next;
	unsigned n = 0;
	int rc = 0;

	for (line = text; line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		n++;
		while (*line == ' ' || *line == '\t')
			line++;
		rc = sysctl_line(h, line);
	}
	if (rc == -EINVAL)
		return ulog_errf(err, rc, "%s:%u: a sysctl value that is not a number", file, n);
	if (rc)
		return ulog_errf(err, rc, "%s: out of memory", file);
	return 0;
}

