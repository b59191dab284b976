/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Replaying records: direction and interfaces from the capture, the hooks, and the end report. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_packet.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../filter/filter.h"
#include "../filter/text.h"
#include "../lib/pcapio.h"
#include "replay.h"
#include "replay_map.h"

/* Where a record came from, as far as the capture tells. */
struct origin {
	bool outgoing;
	uint8_t pkttype;         /* skb->pkt_type of an arriving packet: PACKET_HOST, ... */
	char dev[IFNAMSIZ];      /* "" if unknown */
};

static void dev_by_index(const struct host *h, uint32_t index, char *out)
{
	const struct host_if *f = index ? host_if_by_index(h, (int)index) : NULL;

	if (f)
		memcpy(out, f->name, IFNAMSIZ);
}

static bool host_mac(const struct host *h, const uint8_t *mac)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		if (h->ifs[i].has_mac && !memcmp(h->ifs[i].mac, mac, 6) &&
		    memcmp(mac, "\0\0\0\0\0\0", 6))
			return true;
	return false;
}

/* What eth_type_trans makes of an Ethernet destination: broadcast, multicast,
 * else the host's own (a capture does not say whether another host's MAC was
 * seen in promiscuous mode). */
static uint8_t eth_pkttype(const struct pktbuf *b)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!b->hw || b->hw_len < 14 || b->hw_type != ARPHRD_ETHER)
		return PACKET_HOST;
	if (!memcmp(b->hw, bcast, 6))
		return PACKET_BROADCAST;
	return b->hw[0] & 1 ? PACKET_MULTICAST : PACKET_HOST;
}

static void origin_of(const struct replay *r, int dlt, const uint8_t *data, const struct nfula_pkt *p,
		      const struct pktbuf *b, struct origin *o)
{
	const uint8_t *src = b->data + (b->family == AF_INET6 ? 8 : 12);

	memset(o, 0, sizeof(*o));
	if (dlt == DLT_LINUX_SLL2) {
		o->outgoing = p->outdev != 0;
		o->pkttype = o->outgoing ? PACKET_HOST : data[10];
		dev_by_index(r->host, o->outgoing ? p->outdev : p->indev, o->dev);
		return;
	}
	if (dlt == DLT_LINUX_SLL) {
		o->outgoing = (data[0] << 8 | data[1]) == PACKET_OUTGOING;
		o->pkttype = o->outgoing ? PACKET_HOST : data[1];
		return;
	}
	o->outgoing = (p->hwaddr && p->hwaddr_len == 6 && host_mac(r->host, p->hwaddr)) ||
		      host_is_local(r->host, b->family, src);
	o->pkttype = o->outgoing ? PACKET_HOST : eth_pkttype(b);
}

/* The interface a packet from @src arrives on: towards the source. */
static void guess_in(const struct replay *r, const struct pktbuf *b, char *dev)
{
	const uint8_t *src = b->data + (b->family == AF_INET6 ? 8 : 12);

	if (r->in) {
		memset(dev, 0, IFNAMSIZ);
		strncpy(dev, r->in, IFNAMSIZ - 1);
		return;
	}
	if (host_route_output(r->host, b->family, src, dev) < 0)
		memset(dev, 0, IFNAMSIZ);
}

/* A forwarded packet's identity, without what forwarding changes (TTL, checksum, MACs):
 * a hash of its network header and the first 8 bytes of its transport header. */
static uint64_t fwd_key(const struct pktbuf *b)
{
	const struct pkt_view *pv = &b->pv;
	uint64_t w, h = 0xcbf29ce484222325ull;
	uint32_t i, n = pv->l4_ok ? pv->l4_off + (pv->l4_len < 8 ? pv->l4_len : 8) : pv->l3_hdrlen;

	if (n > b->len)
		n = b->len;
	if (n > 128)
		n = 128;
	/* word by word from the packet, the last one zero-padded */
	for (i = 0; i < n; i += 8) {
		uint8_t t[8] = { 0 };

		memcpy(t, b->data + i, n - i < 8 ? n - i : 8);
		if (b->family == AF_INET && i == 8)
			t[0] = t[2] = t[3] = 0;  /* TTL, header checksum */
		else if (b->family != AF_INET && i == 0)
			t[7] = 0;                /* hop limit */
		memcpy(&w, t, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	return h ^ ((uint64_t)n << 48) ^ b->len;
}

static void fwd_note(struct replay *r, uint64_t key)
{
	r->fwd[r->fwd_pos] = key;
	r->fwd_pos = (r->fwd_pos + 1) % (sizeof(r->fwd) / sizeof(r->fwd[0]));
}

static bool fwd_seen(struct replay *r, uint64_t key)
{
	unsigned i;

	for (i = 0; i < sizeof(r->fwd) / sizeof(r->fwd[0]); i++)
		if (r->fwd[i] == key) {
			r->fwd[i] = 0;
			return true;
		}
	return false;
}

static void finish(struct replay *r, struct pktbuf *b, enum filter_verdict v)
{
	if (v == FILTER_QUEUE || v == FILTER_STOLEN)
		hooks_drop(&r->h, b);   /* no queue listener in replay */
}

/* True if the kernel itself makes such a packet (no socket owns it): TCP
 * resets, ICMP replies and errors, neighbour discovery, MLD. A SYN/ACK is
 * the listener's (the kernel's owner match sees the listening socket). */
static bool kernel_made(const struct pkt_view *pv)
{
	const uint8_t *l4 = pv->l4_ok ? pv->data + pv->l4_off : NULL;

	if (!l4)
		return false;
	switch (pv->l4proto) {
	case IPPROTO_TCP:
		return l4[13] & 0x04;
	case IPPROTO_ICMP:
		return l4[0] != 8 && l4[0] != 13 && l4[0] != 15 && l4[0] != 17;
	case IPPROTO_ICMPV6:
		return l4[0] != 128 && l4[0] != 139;
	default:
		return false;
	}
}

/* The --owner UID:GID@ADDR entry for @b's source address, or NULL. */
static const struct replay_owner *owner_by_addr(const struct replay *r, const struct pktbuf *b)
{
	unsigned i, n = b->family == AF_INET6 ? 16 : 4;
	const uint8_t *src = b->data + (b->family == AF_INET6 ? 8 : 12);

	for (i = 0; i < r->n_owners; i++)
		if (r->owners[i].family == b->family && !memcmp(r->owners[i].addr, src, n))
			return &r->owners[i];
	return NULL;
}

static enum filter_verdict send_path(struct replay *r, struct pktbuf *b, const struct origin *o)
{
	const struct replay_owner *ow = owner_by_addr(r, b);
	enum filter_verdict v;

	memcpy(b->meta.out, o->dev, IFNAMSIZ);
	if (ow) {
		b->meta.sk_valid = true;
		b->meta.sk_uid = ow->uid;
		b->meta.sk_gid = ow->gid;
	} else if (r->owner && !kernel_made(&b->pv)) {
		b->meta.sk_valid = true;
		b->meta.sk_uid = r->owner_uid;
		b->meta.sk_gid = r->owner_gid;
	}
	hooks_attach_dropped(&r->h, b);
	v = hooks_send(&r->h, b);
	finish(r, b, v);
	r->sent++;
	return v;
}

static void receive_path(struct replay *r, struct pktbuf *b, const struct origin *o)
{
	enum filter_verdict v;

	memcpy(b->meta.in, o->dev, IFNAMSIZ);
	if (!b->meta.in[0])
		guess_in(r, b, b->meta.in);
	b->meta.pkttype = o->pkttype;
	v = hooks_receive(&r->h, b);
	finish(r, b, v);
	r->received++;
	if (v == FILTER_ACCEPT && b->meta.out[0])
		fwd_note(r, fwd_key(b));
}

/* A packet captured on lo was sent by the host to itself: OUTPUT and
 * POSTROUTING, then PREROUTING and INPUT with the same conntrack entry. */
static void loop_path(struct replay *r, struct pktbuf *b, const struct origin *o)
{
	if (send_path(r, b, o) != FILTER_ACCEPT)
		return;
	memset(b->meta.out, 0, IFNAMSIZ);
	receive_path(r, b, o);
}

/*
 * Fragments: the kernel reassembles before the hooks when conntrack is in
 * use, and always hooks a locally sent datagram whole (it fragments after
 * POSTROUTING). Returns 1 to go on with the (possibly reassembled) packet in
 * @b, 0 when the piece is held or refused.
 */
static int reassemble(struct replay *r, struct pktbuf *b, const struct origin *o, uint64_t ts)
{
	const uint8_t *out;
	uint32_t len;
	const uint8_t *hw = b->hw;
	uint16_t hw_len = b->hw_len, hw_type = b->hw_type;

	if (!b->pv.is_fragment || (!o->outgoing && !r->track[b->family == AF_INET6]))
		return 1;
	switch (defrag_add(&r->defrag, &b->pv, ts, &out, &len)) {
	case DEFRAG_PASS:
		return 1;
	case DEFRAG_HELD:
		r->held++;
		return 0;
	case DEFRAG_BAD:
		r->skipped++;
		return 0;
	case DEFRAG_DONE:
		break;
	}
	if (pktbuf_init(b, out, len, 0, ts, NULL, NULL) < 0)
		return 0;
	pktbuf_set_hw(b, hw, hw_len, hw_type);
	return 1;
}

/* A Linux cooked record carries the link-layer source address but no header:
 * an Ethernet header (destination unknown, zero) rebuilt in @eth gives the
 * packet its source MAC, as the kernel's mac match sees it. */
static void cooked_eth_header(struct pktbuf *b, const struct nfula_pkt *p, uint8_t eth[14])
{
	memset(eth, 0, 6);
	memcpy(eth + 6, p->hwaddr, 6);
	eth[12] = b->family == AF_INET6 ? 0x86 : 0x08;
	eth[13] = b->family == AF_INET6 ? 0xdd : 0x00;
	pktbuf_set_hw(b, eth, 14, ARPHRD_ETHER);
}

int replay_record(struct replay *r, int dlt, const uint8_t *data, uint32_t caplen, uint64_t ts_ns)
{
	uint8_t eth[14];
	struct nfula_pkt p;
	struct ulog_err err;
	struct pktbuf b;
	struct origin o;
	const uint8_t *src;
	bool leaving, was_fragment;

	if ((r->from_ns && ts_ns < r->from_ns) || (r->until_ns && ts_ns > r->until_ns))
		return 0;
	r->pkts++;
	r->now = ts_ns;
	if (pcapio_decode(dlt, data, caplen, &p, &err) < 0 || !p.has_payload ||
	    pktbuf_init(&b, p.payload, p.payload_len, 0, ts_ns, NULL, NULL) < 0) {
		r->skipped++;
		return 0;
	}
	host_prefetch(r->host, b.family, b.data + (b.family == AF_INET6 ? 24 : 16));  /* input routing */
	host_prefetch(r->host, b.family, b.data + (b.family == AF_INET6 ? 8 : 12));   /* origin */
	if (p.hwheader && p.has_hwtype)
		pktbuf_set_hw(&b, p.hwheader, p.hwheader_len, p.hwtype);
	else if (p.has_hwtype && p.hwtype == ARPHRD_ETHER && p.hwaddr && p.hwaddr_len == 6)
		cooked_eth_header(&b, &p, eth);
	origin_of(r, dlt, data, &p, &b, &o);
	if (!o.outgoing && o.pkttype == PACKET_OTHERHOST) {
		r->skipped++;    /* ip_rcv/ipv6_rcv drop them before any hook */
		return 0;
	}
	src = b.data + (b.family == AF_INET6 ? 8 : 12);
	r->h.ct = r->track[b.family == AF_INET6] ? r->ct : NULL;
	if (r->h.ct)
		ct_prefetch(r->h.ct, &b.pv);
	/* a forwarded packet leaving: its incoming copy made the trip (pieces
	 * forwarded one by one match one by one, reassembled ones as a whole);
	 * IPv6 forwards sources that are the host's own too (no martians), IPv4
	 * under accept_local */
	leaving = o.outgoing && (b.family == AF_INET6 || !host_is_local(r->host, b.family, src) ||
				 host_accepts_local(r->host)) && strcmp(o.dev, "lo");
	if (leaving && fwd_seen(r, fwd_key(&b))) {
		r->skipped++;
		return 0;
	}
	was_fragment = b.pv.is_fragment;
	if (!reassemble(r, &b, &o, ts_ns))
		return 1;
	r->cur_hw = b.hw;
	r->cur_hw_len = b.hw_len;
	if (leaving && was_fragment && fwd_seen(r, fwd_key(&b))) {
		r->skipped++;
		return 0;
	}
	if (o.outgoing)
		send_path(r, &b, &o);
	else if (!strcmp(o.dev, "lo"))
		loop_path(r, &b, &o);
	else
		receive_path(r, &b, &o);
	return 1;
}

#define REPLAY_READ_BUF (1u << 20)

/*
 * pcapio_open() with a 1 MiB stdio buffer (*@buf, freed by the caller after
 * pcapio_close()) under libpcap: one read() per MiB
 * instead of per 4 KiB page. Anything unusual (cannot open, not a capture)
 * goes to pcapio_open() for its error report.
 */
static int open_capture(struct pcapio_reader *rd, const char *file, char **buf, struct ulog_err *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	FILE *f = fopen(file, "rb");

	memset(rd, 0, sizeof(*rd));
	*buf = f ? malloc(REPLAY_READ_BUF) : NULL;   /* glibc ignores the size without a buffer */
	if (*buf && !setvbuf(f, *buf, _IOFBF, REPLAY_READ_BUF))
		rd->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!rd->p) {
		if (f)
			fclose(f);
		free(*buf);
		*buf = NULL;
		return pcapio_open(rd, file, err);
	}
	snprintf(rd->file, sizeof(rd->file), "%s", file);
	rd->linktype = pcap_datalink(rd->p);
	return 0;
}

int replay_file(struct replay *r, const char *file, struct ulog_err *err)
{
	struct pcapio_reader rd;
	struct pcapio_rec rec;
	char *buf;
	long done;
	int rc;

	if (replay_map_file(r, file, &done))
		return 0;
	rc = open_capture(&rd, file, &buf, err);
	if (rc < 0)
		return rc;
	if (!pcapio_linktype_ok(rd.linktype)) {
		pcapio_close(&rd);
		free(buf);
		return ulog_errf(err, -EINVAL, "%s: link type %d is not supported", file, rd.linktype);
	}
	while (rd.index < done && pcapio_next(&rd, &rec, err) == 1)
		;  /* replayed from the map already */
	while ((rc = pcapio_next(&rd, &rec, err)) == 1)
		replay_record(r, rd.linktype, rec.data, rec.caplen,
			      (uint64_t)rec.ts.tv_sec * 1000000000ull + (uint64_t)rec.ts.tv_usec * 1000ull);
	pcapio_close(&rd);
	free(buf);
	return rc < 0 ? rc : 0;
}

void replay_report(const struct replay *r, FILE *f)
{
	const struct hooks_stats *s = &r->h.st;

	if (r->rs4->n_tables) {
		fprintf(f, "# iptables-save -c\n");
		filter_ruleset_save(f, r->rs4, NULL, true, false);
	}
	if (r->rs6->n_tables) {
		fprintf(f, "# ip6tables-save -c\n");
		filter_ruleset_save(f, r->rs6, NULL, true, false);
	}
	fprintf(f, "# verdicts: packets=%llu received=%llu sent=%llu skipped=%llu fragments-held=%llu "
		"accepted=%llu dropped=%llu queued=%llu stolen=%llu no-route=%llu conntrack-full=%llu "
		"hotdrop=%llu\n",
		(unsigned long long)r->pkts, (unsigned long long)r->received,
		(unsigned long long)r->sent, (unsigned long long)r->skipped,
		(unsigned long long)r->held,
		(unsigned long long)s->accepted, (unsigned long long)s->dropped,
		(unsigned long long)s->queued, (unsigned long long)s->stolen,
		(unsigned long long)s->route_drop, (unsigned long long)s->ct_full,
		(unsigned long long)s->hotdrop);
	if (r->ct) {
		/* the table as of --until (when the kernel's was listed), else of the last packet */
		fprintf(f, "# conntrack -L\n");
		ct_dump(r->ct, r->until_ns > r->now ? r->until_ns : r->now, false, f);
	}
}
