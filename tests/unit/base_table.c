/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BASE on crafted packets read from tests/data/base/packets.rows, and on every truncation of each. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp_helpers.h"
#include "test.h"

extern const struct ulog_plugin ulog_plugin_BASE;

#define MAX_PKT 2048
#define MAX_EXP 80

struct row {
	char name[128];
	unsigned family, proto;
	bool has_proto;
	uint8_t pkt[MAX_PKT];
	uint32_t len;
	char key[MAX_EXP][32];
	char val[MAX_EXP][64];
	unsigned n_exp;
};

/* What BASE produced: text per output key, NULL if invalid. */
struct result {
	char text[128][64];
	bool valid[128];
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int parse_hex(struct row *r, const char *s)
{
	while (*s && *s != '\n') {
		int hi, lo;

		if (*s == ' ') {
			s++;
			continue;
		}
		hi = hexval(s[0]);
		lo = hi < 0 ? -1 : hexval(s[1]);
		if (lo < 0 || r->len >= MAX_PKT)
			return -EINVAL;
		r->pkt[r->len++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return 0;
}

/* Reads the next block of @f into @r. Returns 1, 0 at end, -1 on a bad line. */
static int read_row(FILE *f, struct row *r, unsigned *lineno)
{
	char line[512];
	bool any = false;

	memset(r, 0, sizeof(*r));
	while (fgets(line, sizeof(line), f)) {
		char *eq;

		(*lineno)++;
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (!line[0]) {
			if (any)
				return 1;
			continue;
		}
		any = true;
		if (!strncmp(line, "name: ", 6)) {
			snprintf(r->name, sizeof(r->name), "%.127s", line + 6);
		} else if (!strncmp(line, "family: ", 8)) {
			r->family = (unsigned)strtoul(line + 8, NULL, 0);
		} else if (!strncmp(line, "proto: ", 7)) {
			r->proto = (unsigned)strtoul(line + 7, NULL, 0);
			r->has_proto = true;
		} else if (!strncmp(line, "hex: ", 5)) {
			if (parse_hex(r, line + 5) < 0)
				return -1;
		} else if ((eq = strchr(line, '=')) && r->n_exp < MAX_EXP) {
			*eq = 0;
			snprintf(r->key[r->n_exp], sizeof(r->key[0]), "%.31s", line);
			snprintf(r->val[r->n_exp], sizeof(r->val[0]), "%.63s", eq + 1);
			r->n_exp++;
		} else {
			return -1;
		}
	}
	return any ? 1 : 0;
}

/* Runs BASE on the first @len bytes of @r's packet, from an exactly-sized
 * heap copy so that any read past the end trips ASan. */
static void run_base(struct harness *h, const struct row *r, uint32_t len, struct result *res)
{
	uint8_t *copy = malloc(len ? len : 1);
	unsigned k;

	memcpy(copy, r->pkt, len);
	ih_clear(h);
	ih_set_ptr(h, "raw.pkt", ULOG_T_RAW, copy, len);
	ih_set_u64(h, "raw.pktlen", len);
	ih_set_u64(h, "oob.family", r->family);
	if (r->has_proto)
		ih_set_u64(h, "oob.protocol", r->proto);
	h->inst.plugin->interp(&h->inst, &h->rec);
	for (k = 0; k < h->inst.plugin->n_out; k++)
		res->valid[k] = ih_out_text(h, k, res->text[k], sizeof(res->text[k])) != NULL;
	free(copy);
}

/* Every expected key has its value and no other key is valid. */
static bool check_full(const struct harness *h, const struct row *r, const struct result *res)
{
	bool listed[128] = { false };
	bool ok = true;
	unsigned i;

	for (i = 0; i < r->n_exp; i++) {
		int k = ih_out_index(h, r->key[i]);

		if (k < 0) {
			printf("# %s: unknown key %s\n", r->name, r->key[i]);
			ok = false;
			continue;
		}
		listed[k] = true;
		if (!res->valid[k] || strcmp(res->text[k], r->val[i])) {
			printf("# %s: %s = %s, want %s\n", r->name, r->key[i],
			       res->valid[k] ? res->text[k] : "(absent)", r->val[i]);
			ok = false;
		}
	}
	for (i = 0; i < h->inst.plugin->n_out; i++) {
		if (res->valid[i] && !listed[i]) {
			printf("# %s: unexpected %s = %s\n", r->name,
			       h->inst.plugin->out_keys[i].name, res->text[i]);
			ok = false;
		}
	}
	return ok;
}

/* Truncated to every length: each key present carries the full packet's
 * value, and a longer capture never loses a key a shorter one had. */
static bool check_truncations(struct harness *h, const struct row *r, const struct result *full)
{
	static struct result prev, cur;
	bool ok = true;
	uint32_t len;
	unsigned k;

	for (len = 0; len <= r->len; len++) {
		run_base(h, r, len, &cur);
		for (k = 0; k < h->inst.plugin->n_out; k++) {
			if (cur.valid[k] && (!full->valid[k] || strcmp(cur.text[k], full->text[k]))) {
				printf("# %s: at %u bytes %s = %s, full packet has %s\n", r->name, len,
				       h->inst.plugin->out_keys[k].name, cur.text[k],
				       full->valid[k] ? full->text[k] : "(absent)");
				ok = false;
			}
			if (len && prev.valid[k] && !cur.valid[k]) {
				printf("# %s: %s present at %u bytes, absent at %u\n", r->name,
				       h->inst.plugin->out_keys[k].name, len - 1, len);
				ok = false;
			}
		}
		prev = cur;
	}
	return ok;
}

static bool valid_named(const struct harness *h, const struct result *res, const char *name)
{
	int k = ih_out_index(h, name);

	return k >= 0 && res->valid[k];
}

/* Header boundaries of the first IPv4 TCP row: 20 bytes of IP, 20 of TCP. */
static void check_boundaries(struct harness *h, const struct row *r)
{
	static struct result res;

	run_base(h, r, 19, &res);
	CHECK(!valid_named(h, &res, "ip.saddr") && valid_named(h, &res, "oob.protocol"),
	      "base: 19 bytes of IPv4 give no ip keys");
	run_base(h, r, 20, &res);
	CHECK(valid_named(h, &res, "ip.saddr") && valid_named(h, &res, "ip.totlen") &&
	      !valid_named(h, &res, "tcp.sport"), "base: 20 bytes give ip keys, no tcp keys");
	run_base(h, r, 39, &res);
	CHECK(!valid_named(h, &res, "tcp.sport") && !valid_named(h, &res, "tcp.offset"),
	      "base: 19 bytes of TCP give no tcp keys");
	run_base(h, r, 40, &res);
	CHECK(valid_named(h, &res, "tcp.sport") && valid_named(h, &res, "tcp.csum") &&
	      !strcmp(res.text[ih_out_index(h, "tcp.offset")], "6"),
	      "base: a complete fixed TCP header gives tcp keys, tcp.offset 6");
}

/* Keys nobody consumes are not written. */
static void check_unwanted(const struct row *r)
{
	struct harness *h = harness_new(&ulog_plugin_BASE);
	static struct result res;
	int k = ih_out_index(h, "tcp.sport");
	int slot = h->out_slot[k];

	h->out_slot[k] = -1;
	run_base(h, r, r->len, &res);
	CHECK(!ulog_rec_valid(&h->rec, slot) && valid_named(h, &res, "tcp.dport"),
	      "base: an unwanted key is not produced, the others are");
	harness_free(h);
}

/* xorshift32: a fixed sequence, so a failure replays. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Each row's packet with random bytes flipped, cut at a random length, from
 * an exactly-sized buffer (ASan fails the run on any read past the end);
 * every integer produced fits the width of its key's type. */
static bool check_mutations(struct harness *h, const struct row *r, uint32_t *seed)
{
	static struct row m;
	static struct result res;
	const struct ulog_plugin *p = h->inst.plugin;
	bool ok = true;
	unsigned i, j, k;

	for (i = 0; i < 300; i++) {
		m = *r;
		for (j = 0; j < 1 + rnd(seed) % 4; j++)
			m.pkt[rnd(seed) % m.len] ^= (uint8_t)(1u << (rnd(seed) % 8));
		m.len = rnd(seed) % (m.len + 1);
		run_base(h, &m, m.len, &res);
		for (k = 0; k < p->n_out; k++) {
			unsigned w = ulog_type_int_width(p->out_keys[k].type);
			const struct ulog_value *v = &h->v[h->out_slot[k]];

			if (res.valid[k] && w && w < 8 && v->u64 >> (8 * w)) {
				printf("# %s: %s = %llu overflows %u bytes\n", r->name,
				       p->out_keys[k].name, (unsigned long long)v->u64, w);
				ok = false;
			}
		}
	}
	return ok;
}

int main(void)
{
	const char *top = getenv("ULOG_TOP");
	struct harness *h = harness_new(&ulog_plugin_BASE);
	static struct row r;
	static struct result full;
	unsigned lineno = 0, n = 0;
	uint32_t seed = 0x2545f491;
	char path[1024];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/base/packets.rows", top ? top : ".");
	f = fopen(path, "r");
	CHECK(f != NULL, "base: open %s", path);
	if (!f)
		TEST_EXIT();
	while ((rc = read_row(f, &r, &lineno)) > 0) {
		run_base(h, &r, r.len, &full);
		CHECK(check_full(h, &r, &full), "base: %s", r.name);
		CHECK(check_truncations(h, &r, &full), "base truncated: %s", r.name);
		CHECK(check_mutations(h, &r, &seed), "base mutated: %s", r.name);
		if (n++ == 0) {
			check_boundaries(h, &r);
			check_unwanted(&r);
		}
	}
	CHECK(rc == 0, "base: rows file parses (line %u)", lineno);
	CHECK(n >= 30, "base: %u rows read", n);
	fclose(f);
	harness_free(h);
	TEST_EXIT();
}
