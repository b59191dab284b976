/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON: one flat object per record, every upstream key, to a file or a socket, as ulogd2's JSON output. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/filebuf.h"
#include "lib/jsonw.h"
#include "lib/outsock.h"
#include "lib/timefmt.h"
#include "ulogd/plugin.h"

#define JSON_MAX_KEYS 512
#define JSON_LINE_MAX (32 * 1024)
#define JSON_KEY_TEXT_MAX (16 * 1024)   /* prepared key texts of one instance */

/* jw_key() for a literal key needing no escape, written as "\"key\": ". */
#define JSON_LIT_KEY(w, text) jw_key_text((w), (text), sizeof(text) - 1)

struct json_conf {
	char file[4096];
	int sync;
	int timestamp;
	int eventv1;
	char device[256];
	int boolean_label;
	char mode[16];
	char host[256];
	char port[32];
};

static const struct ulog_option json_opts[] = {
	ULOG_OPT_STR_(struct json_conf, file, "file", "/var/log/ulogd.json",
		      "file to append to; the socket path in mode unix"),
	ULOG_OPT_INT_(struct json_conf, sync, "sync", "0", 0, 1,
		      "1: write every record at once instead of once per batch"),
	ULOG_OPT_INT_(struct json_conf, timestamp, "timestamp", "1", 0, 1,
		      "1: add the packet time, local time with its UTC offset"),
	ULOG_OPT_INT_(struct json_conf, eventv1, "eventv1", "0", 0, 1,
		      "1: logstash event v1 (\"@version\": 1, \"@timestamp\")"),
	ULOG_OPT_STR_(struct json_conf, device, "device", "Netfilter", "value of \"dvc\""),
	ULOG_OPT_INT_(struct json_conf, boolean_label, "boolean_label", "0", 0, 1,
		      "1: raw.label as \"action\": \"allowed\" or \"blocked\""),
	ULOG_OPT_STR_(struct json_conf, mode, "mode", "file", "file, tcp, udp or unix"),
	ULOG_OPT_STR_(struct json_conf, host, "host", "127.0.0.1", "tcp/udp: server host"),
	ULOG_OPT_STR_(struct json_conf, port, "port", "12345", "tcp/udp: server port"),
};

enum json_mode { JSON_MODE_FILE, JSON_MODE_TCP, JSON_MODE_UDP, JSON_MODE_UNIX };

/* Parses ulogd2's mode names, any case. Returns 0 or -EINVAL. */
static int json_mode_parse(const char *s, enum json_mode *m)
{
	static const char *const names[] = {
		[JSON_MODE_FILE] = "file", [JSON_MODE_TCP] = "tcp",
		[JSON_MODE_UDP] = "udp", [JSON_MODE_UNIX] = "unix",
	};
	unsigned i;

	for (i = 0; i < ULOG_ARRAY_SIZE(names); i++) {
		if (!strcasecmp(s, names[i])) {
			*m = (enum json_mode)i;
			return 0;
		}
	}
	return -EINVAL;
}

static enum outsock_kind sock_kind(enum json_mode m)
{
	switch (m) {
	case JSON_MODE_TCP: return OUTSOCK_TCP;
	case JSON_MODE_UDP: return OUTSOCK_UDP;
	case JSON_MODE_UNIX: return OUTSOCK_UNIX;
	case JSON_MODE_FILE: break;
	}
	return OUTSOCK_TCP;
}

/* The field names ulogd2 gives some keys (its producers' "cim_name"). */
static const struct { const char *key, *field; } json_renames[] = {
	{ "ip.saddr.str", "src_ip" }, { "ip.daddr.str", "dest_ip" },
	{ "tcp.sport", "src_port" }, { "tcp.dport", "dest_port" },
	{ "udp.sport", "src_port" }, { "udp.dport", "dest_port" },
	{ "sctp.sport", "src_port" }, { "sctp.dport", "dest_port" },
};

struct json_priv {
	enum json_mode mode;
	struct ulog_key_def keys[JSON_MAX_KEYS];   /* our input keys */
	const char *field[JSON_MAX_KEYS];          /* JSON name per input key */
	uint16_t key_off[JSON_MAX_KEYS];           /* its jw_key_prepare() text in key_text */
	uint16_t key_len[JSON_MAX_KEYS];           /* that text's length; 0: jw_key() per record */
	char key_text[JSON_KEY_TEXT_MAX];
	int label_idx, sec_idx, usec_idx;
	struct filebuf fb;
	struct outsock sock;
	struct timefmt stamp;
	int sync;
	size_t out_len;                            /* bytes waiting in @out */
	char out[2 * JSON_LINE_MAX];               /* socket modes: a batch of lines */
};

/* True for the value types ulogd2's JSON prints. */
static bool printable(enum ulog_type t)
{
	return t == ULOG_T_STRING || ulog_type_int_width(t) != 0;
}

static int json_configure(struct ulog_instance *inst, struct ulog_err *err)
{
	struct json_conf *c = ULOG_CONF(inst, struct json_conf);
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	const struct ulog_upstream_key *up;
	unsigned n, i, k = 0;

	if (json_mode_parse(c->mode, &p->mode) < 0)
		return ulog_errf(err, -EINVAL, "%s: unknown mode '%s'", inst->id, c->mode);
	n = ulog_stack_upstream(inst, &up);
	for (i = 0; i < n; i++) {
		if (!printable(up[i].def->type))
			continue;
		if (k == JSON_MAX_KEYS)
			return ulog_errf(err, -E2BIG, "%s: more than %d keys upstream",
					 inst->id, JSON_MAX_KEYS);
		p->keys[k] = *up[i].def;
		p->keys[k].flags = ULOG_KEY_OPTIONAL;
		k++;
	}
	return ulog_instance_set_inputs(inst, p->keys, k);
}

static const char *field_name(const char *key)
{
	unsigned i;

	for (i = 0; i < ULOG_ARRAY_SIZE(json_renames); i++)
		if (!strcmp(json_renames[i].key, key))
			return json_renames[i].field;
	return key;
}

/* Escapes the JSON name of input key @i once into key_text; one that does not fit keeps
 * key_len 0 and is escaped per record. Returns the bytes of key_text now used. */
static size_t prepare_key(struct json_priv *p, unsigned i, size_t used)
{
	struct strbuf b;

	p->key_len[i] = 0;
	sb_init(&b, p->key_text + used, sizeof(p->key_text) - used);
	jw_key_prepare(&b, p->field[i]);
	if (b.full)
		return used;
	p->key_off[i] = (uint16_t)used;
	p->key_len[i] = (uint16_t)b.len;
	return used + b.len;
}

/* Per-key plan from the resolved input keys (ours, or a test's). */
static void json_plan(struct ulog_instance *inst)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	size_t used = 0;
	unsigned i;

	p->label_idx = p->sec_idx = p->usec_idx = -1;
	for (i = 0; i < inst->n_in && i < JSON_MAX_KEYS; i++) {
		const char *name = inst->in_keys[i].name;

		p->field[i] = field_name(name);
		used = prepare_key(p, i, used);
		if (!strcmp(name, "oob.time.sec"))
			p->sec_idx = (int)i;
		else if (!strcmp(name, "oob.time.usec"))
			p->usec_idx = (int)i;
		else if (!strcmp(name, "raw.label"))
			p->label_idx = (int)i;
	}
	timefmt_init(&p->stamp);
}

static int json_start(struct ulog_instance *inst, struct ulog_err *err)
{
	struct json_conf *c = ULOG_CONF(inst, struct json_conf);
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);

	json_plan(inst);
	if (json_mode_parse(c->mode, &p->mode) < 0)
		return ulog_errf(err, -EINVAL, "%s: unknown mode '%s'", inst->id, c->mode);
	p->sync = c->sync;
	p->out_len = 0;
	if (p->mode == JSON_MODE_FILE)
		return filebuf_open(&p->fb, c->file, 0, c->sync != 0, err);
	return outsock_open(&p->sock, sock_kind(p->mode), c->file, c->host, c->port, err);
}

static int sock_flush(struct json_priv *p);

static void json_stop(struct ulog_instance *inst)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);

	if (p->mode == JSON_MODE_FILE) {
		filebuf_close(&p->fb);
	} else {
		sock_flush(p);
		outsock_close(&p->sock);
	}
}

static void put_timestamp(struct ulog_instance *inst, const struct ulog_record *r,
			  struct jsonw *w, bool v1)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	uint64_t sec, usec;
	char buf[64];
	struct strbuf b;

	if (p->sec_idx < 0 || !ulog_in_u64(inst, r, (unsigned)p->sec_idx, &sec))
		sec = (uint64_t)time(NULL);
	timefmt_set(&p->stamp, (time_t)sec);
	sb_init(&b, buf, sizeof(buf));
	sb_str(&b, p->stamp.iso);
	if (p->usec_idx >= 0 && ulog_in_u64(inst, r, (unsigned)p->usec_idx, &usec)) {
		char digits[7];
		int i;

		digits[0] = '.';
		for (i = 6; i >= 1; i--) {
			digits[i] = (char)('0' + usec % 10);
			usec /= 10;
		}
		sb_mem(&b, digits, 7);
	}
	sb_str(&b, p->stamp.tz);
	if (v1)
		JSON_LIT_KEY(w, "\"@timestamp\": ");
	else
		JSON_LIT_KEY(w, "\"timestamp\": ");
	jw_str(w, buf, b.len);
}

/* Signed value of an integer of type @t held in @v's low bytes. */
static int64_t as_signed(enum ulog_type t, uint64_t v)
{
	switch (ulog_type_int_width(t)) {
	case 1: return (int8_t)v;
	case 2: return (int16_t)v;
	case 4: return (int32_t)v;
	default: return (int64_t)v;
	}
}

/* Writes the key of input @i: its prepared text, or escaped now if it had no room. */
static void put_key(const struct json_priv *p, struct jsonw *w, unsigned i)
{
	if (p->key_len[i])
		jw_key_text(w, p->key_text + p->key_off[i], p->key_len[i]);
	else
		jw_key(w, p->field[i]);
}

static void put_value(const struct json_priv *p, struct jsonw *w, unsigned i,
		      const struct ulog_value *v, uint64_t num)
{
	switch ((enum ulog_type)v->type) {
	case ULOG_T_STRING:
		if (!v->str)
			return;
		put_key(p, w, i);
		jw_str(w, v->str, v->len ? v->len : strlen(v->str));
		return;
	case ULOG_T_BOOL:
	case ULOG_T_UINT8:
	case ULOG_T_UINT16:
	case ULOG_T_UINT32:
		put_key(p, w, i);
		jw_u64(w, num);
		return;
	case ULOG_T_UINT64:
		/* jansson (ulogd2's encoder and most readers) holds integers as
		 * int64: like ulogd2, values above INT64_MAX wrap negative */
		put_key(p, w, i);
		jw_i64(w, (int64_t)num);
		return;
	case ULOG_T_INT8:
	case ULOG_T_INT16:
	case ULOG_T_INT32:
	case ULOG_T_INT64:
		put_key(p, w, i);
		jw_i64(w, as_signed((enum ulog_type)v->type, num));
		return;
	case ULOG_T_NONE:
	case ULOG_T_IPADDR:
	case ULOG_T_IP6ADDR:
	case ULOG_T_RAW:
	case ULOG_T_RAWSTR:
	case ULOG_T_POINTER:
		return;
	}
}

/* Encodes @r as one line ending in "\n" into @buf. Returns its length or -ENOSPC. */
static int json_encode(struct ulog_instance *inst, const struct ulog_record *r,
		       char *buf, size_t cap)
{
	struct json_conf *c = ULOG_CONF(inst, struct json_conf);
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	struct jsonw w;
	unsigned i;
	int n;

	jw_begin(&w, buf, cap - 1);
	if (c->eventv1) {
		JSON_LIT_KEY(&w, "\"@version\": ");
		jw_u64(&w, 1);
	}
	if (c->timestamp)
		put_timestamp(inst, r, &w, c->eventv1 != 0);
	JSON_LIT_KEY(&w, "\"dvc\": ");
	jw_str(&w, c->device, strlen(c->device));
	for (i = 0; i < inst->n_in && i < JSON_MAX_KEYS; i++) {
		const struct ulog_value *v = ulog_in(inst, r, i);
		uint64_t num = 0;

		if (!v)
			continue;
		ulog_in_u64(inst, r, i, &num);   /* integer and bool types; others leave 0 */
		if (c->boolean_label && (int)i == p->label_idx && v->type == ULOG_T_UINT8) {
			JSON_LIT_KEY(&w, "\"action\": ");
			jw_str(&w, num ? "allowed" : "blocked", 7);
			continue;
		}
		put_value(p, &w, i, v, num);
	}
	n = jw_end(&w);
	if (n < 0)
		return n;
	buf[n++] = '\n';
	buf[n] = '\0';
	return n;
}

/* Socket modes: sends the lines batched in @out. */
static int sock_flush(struct json_priv *p)
{
	int rc = 0;

	if (p->out_len)
		rc = outsock_send(&p->sock, p->out, p->out_len);
	p->out_len = 0;
	return rc;
}

/* Socket modes: udp sends one datagram per record; tcp and unix streams
 * batch lines until flush() (end of the batch), or per record with sync. */
static int sock_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	int n, rc = 0;

	if (sizeof(p->out) - p->out_len < JSON_LINE_MAX)
		rc = sock_flush(p);
	n = json_encode(inst, r, p->out + p->out_len, JSON_LINE_MAX);
	if (n < 0)
		return n;
	p->out_len += (size_t)n;
	if (p->mode == JSON_MODE_UDP || p->sync)
		rc = sock_flush(p);
	return rc < 0 ? -EIO : ULOG_CONTINUE;
}

static int json_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	char *dst;
	int n;

	if (p->mode != JSON_MODE_FILE)
		return sock_interp(inst, r);
	dst = filebuf_reserve(&p->fb, JSON_LINE_MAX);
	if (!dst)
		return -EBADF;
	n = json_encode(inst, r, dst, JSON_LINE_MAX);
	if (n < 0)
		return n;
	return filebuf_commit(&p->fb, (size_t)n) < 0 ? -EIO : ULOG_CONTINUE;
}

static int json_flush(struct ulog_instance *inst)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);

	if (p->mode == JSON_MODE_FILE)
		return filebuf_flush(&p->fb);
	return sock_flush(p) < 0 ? -EIO : 0;
}

static void json_signal(struct ulog_instance *inst, int signo)
{
	struct json_priv *p = ULOG_PRIV(inst, struct json_priv);
	struct ulog_err err;
	int rc;

	if (signo != SIGHUP)
		return;
	ulog_err_clear(&err);
	if (p->mode == JSON_MODE_FILE) {
		ulog_log(ULOG_NOTICE, "JSON: reopening logfile\n");
		rc = filebuf_reopen(&p->fb, &err);
	} else {
		ulog_log(ULOG_NOTICE, "JSON: reopening socket\n");
		rc = outsock_connect(&p->sock, &err);
	}
	if (rc < 0)
		ulog_log(ULOG_ERROR, "can't reopen JSON output: %s\n", err.msg);
}

const struct ulog_plugin ulog_plugin_JSON = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "JSON",
	.kind = ULOG_PLUGIN_OUTPUT,
	.help = "Writes every upstream key of each record as one JSON object per line",
	.options = json_opts,
	.n_options = ULOG_ARRAY_SIZE(json_opts),
	.conf_size = sizeof(struct json_conf),
	.priv_size = sizeof(struct json_priv),
	.configure = json_configure,
	.start = json_start,
	.stop = json_stop,
	.interp = json_interp,
	.flush = json_flush,
	.signal = json_signal,
};
ULOG_PLUGIN(JSON)
