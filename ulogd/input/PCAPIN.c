/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PCAPIN input (apart from the PCAP output): a capture file fed to the stacks as if logged, in batches. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "../../lib/pcapio.h"
#include "../loop.h"
#include "nflog_keys.h"

struct pcapin_conf {
	char file[1024];
	char prefix[128];       /* oob.prefix of packets whose capture has none */
	int batch;              /* records per loop round */
	int numeric_label;
};

struct pcapin_priv {
	struct pcapio_reader r;
	int evfd;               /* always readable while the file lasts: one batch per round */
	uint64_t packets, skipped;
	bool open;
};

static const struct ulog_option pcapin_options[] = {
	{ .name = "file", .type = ULOG_OPT_STRING, .offset = offsetof(struct pcapin_conf, file),
	  .size = sizeof(((struct pcapin_conf *)0)->file), .flags = ULOG_OPT_MANDATORY,
	  .help = "capture file (pcap or pcapng): Ethernet, raw IP, Linux cooked, NFLOG" },
	ULOG_OPT_STR_(struct pcapin_conf, prefix, "prefix", NULL,
		      "oob.prefix for packets whose capture carries none (non-NFLOG link types)"),
	ULOG_OPT_INT_(struct pcapin_conf, batch, "batch", "512", 1, 1 << 20,
		      "records read per loop round (outputs flush between rounds)"),
	ULOG_OPT_INT_(struct pcapin_conf, numeric_label, "numeric_label", "0", 0, 255,
		      "value of raw.label"),
};

/* The packet keys are NFLOG's: any stack that reads NFLOG reads a capture. */

/* Closes the capture and the wake-up fd. Returns false if nothing was open. */
static bool pcapin_close(struct ulog_instance *inst)
{
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);

	if (!p->open)
		return false;
	ulog_loop_del_fd(inst->loop, p->evfd);
	close(p->evfd);
	pcapio_close(&p->r);
	p->open = false;
	return true;
}

static void pcapin_finish(struct ulog_instance *inst, int status)
{
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);

	if (!pcapin_close(inst))
		return;
	ulog_log(status < 0 ? ULOG_ERROR : ULOG_INFO, "%s: PCAPIN: %s: %" PRIu64 " packets read, "
		 "%" PRIu64 " skipped", inst->id, p->r.file, p->packets, p->skipped);
	ulog_input_done(inst, status);
}

/*
 * One record into the stacks, with the record's time unless it is an NFLOG
 * record with a timestamp TLV (what NFLOG would have said live). Returns 0,
 * or -EINVAL if its link layer is unreadable.
 */
static int pcapin_emit(struct ulog_instance *inst, const struct pcapio_rec *rec)
{
	const struct pcapin_conf *c = ULOG_CONF(inst, struct pcapin_conf);
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);
	struct timespec ts = { .tv_sec = rec->ts.tv_sec, .tv_nsec = rec->ts.tv_usec * 1000L };
	struct ulog_err err;
	struct nfula_pkt pkt;

	ulog_err_clear(&err);
	if (pcapio_decode(p->r.linktype, rec->data, rec->caplen, &pkt, &err) < 0) {
		p->skipped++;
		if (ulog_log_count_due(p->skipped))
			ulog_log(ULOG_ERROR, "%s: PCAPIN: %s: packet %ld skipped: %s", inst->id,
				 p->r.file, p->r.index, err.msg);
		return -EINVAL;
	}
	if (!pkt.prefix && c->prefix[0]) {
		pkt.prefix = c->prefix;
		pkt.prefix_len = (uint32_t)strlen(c->prefix);
	}
	nflog_keys_fill(inst, ulog_input_record(inst), &pkt, (uint8_t)c->numeric_label, &ts);
	p->packets++;
	ulog_input_emit(inst);
	return 0;
}

static void pcapin_read_cb(int fd, uint32_t events, void *arg)
{
	struct ulog_instance *inst = arg;
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);
	int n = ULOG_CONF(inst, struct pcapin_conf)->batch;
	struct pcapio_rec rec;
	struct ulog_err err;
	char msg[1024];
	int rc = 1;

	ulog_err_clear(&err);
	while (n-- > 0 && (rc = pcapio_next(&p->r, &rec, &err)) == 1)
		pcapin_emit(inst, &rec);
	if (rc == 0)
		pcapin_finish(inst, 0);
	if (rc < 0) {
		ulog_log(ULOG_ERROR, "%s: PCAPIN: %s; the %ld packets before it were processed",
			 inst->id, ulog_err_str(&err, msg, sizeof(msg)), p->r.index);
		pcapin_finish(inst, rc);
	}
}

static int pcapin_start(struct ulog_instance *inst, struct ulog_err *err)
{
	const struct pcapin_conf *c = ULOG_CONF(inst, struct pcapin_conf);
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);
	int rc = pcapio_open(&p->r, c->file, err);

	if (rc < 0)
		return rc;
	if (!pcapio_linktype_ok(p->r.linktype)) {
		const char *name = pcap_datalink_val_to_name(p->r.linktype);

		pcapio_close(&p->r);
		ulog_err_at(err, c->file, 0);
		return ulog_errf(err, -EINVAL, "link type %d (%s) is not supported: use Ethernet, "
				 "raw IP, Linux cooked (v1, v2) or NFLOG", p->r.linktype,
				 name ? name : "unknown");
	}
	p->evfd = eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC);
	rc = p->evfd < 0 ? -errno : ulog_loop_add_fd(inst->loop, p->evfd, EPOLLIN,
						      pcapin_read_cb, inst);
	if (rc < 0) {
		if (p->evfd >= 0)
			close(p->evfd);
		pcapio_close(&p->r);
		return ulog_errf(err, rc, "%s: PCAPIN: cannot watch an eventfd: %s", inst->id,
				 strerror(-rc));
	}
	p->open = true;
	return 0;
}

static void pcapin_stop(struct ulog_instance *inst)
{
	pcapin_close(inst);
}

static void pcapin_signal(struct ulog_instance *inst, int signo)
{
	struct pcapin_priv *p = ULOG_PRIV(inst, struct pcapin_priv);

	if (signo == SIGUSR1)
		ulog_log(ULOG_NOTICE, "%s: PCAPIN: %s: packets=%" PRIu64 " skipped=%" PRIu64,
			 inst->id, p->r.file, p->packets, p->skipped);
}

const struct ulog_plugin ulog_plugin_PCAPIN = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "PCAPIN",
	.kind = ULOG_PLUGIN_INPUT,
	.help = "packets from a capture file, as if logged (offline mode)",
	.out_keys = nflog_keys,
	.n_out = NFLOG_KEY_N,
	.options = pcapin_options,
	.n_options = ULOG_ARRAY_SIZE(pcapin_options),
	.conf_size = sizeof(struct pcapin_conf),
	.priv_size = sizeof(struct pcapin_priv),
	.start = pcapin_start,
	.stop = pcapin_stop,
	.signal = pcapin_signal,
};
ULOG_PLUGIN(PCAPIN)
