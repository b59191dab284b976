/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture files over libpcap: indexed reading, link-layer decoding into struct nfula_pkt, writing. */
#include "pcapio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

/* ---- reading ---- */

int pcapio_open(struct pcapio_reader *r, const char *file, struct ulog_err *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";

	memset(r, 0, sizeof(*r));
	snprintf(r->file, sizeof(r->file), "%s", file);
	if (access(file, R_OK) < 0) {
		ulog_err_at(err, file, 0);
		return ulog_errf(err, -errno, "cannot read: %s", strerror(errno));
	}
	r->p = pcap_open_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!r->p) {
		ulog_err_at(err, file, 0);
		return ulog_errf(err, -EINVAL, "not a capture file libpcap can read: %s", ebuf);
	}
	r->linktype = pcap_datalink(r->p);
	return 0;
}

int pcapio_next(struct pcapio_reader *r, struct pcapio_rec *rec, struct ulog_err *err)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = pcap_next_ex(r->p, &h, &data);

	if (rc == PCAP_ERROR_BREAK)
		return 0;
	if (rc != 1) {
		ulog_err_at(err, r->file, 0);
		if (err)
			err->index = r->index + 1;
		return ulog_errf(err, -EINVAL, "damaged record: %s", pcap_geterr(r->p));
	}
	r->index++;
	rec->ts = h->ts;
	rec->data = data;
	rec->caplen = h->caplen;
	rec->len = h->len;
	return 1;
}

void pcapio_close(struct pcapio_reader *r)
{
	if (r->p)
		pcap_close(r->p);
	r->p = NULL;
}

bool pcapio_linktype_ok(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB: case DLT_RAW: case DLT_IPV4: case DLT_IPV6:
	case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_NFLOG:
		return true;
	}
	return false;
}

static uint16_t be16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

/* Family of a layer 3 protocol as the kernel logs it: IP families, else bridge. */
static uint8_t family_of(uint16_t proto)
{
	switch (proto) {
	case ETH_P_IP:   return AF_INET;
	case ETH_P_IPV6: return AF_INET6;
	}
	return AF_BRIDGE;
}

static void set_payload(struct nfula_pkt *p, uint16_t proto, const uint8_t *data,
			uint32_t caplen, uint32_t off)
{
	p->has_proto = true;
	p->hw_protocol = proto;
	p->family = family_of(proto);
	p->has_payload = true;
	p->payload = data + off;
	p->payload_len = caplen - off;
}

static int too_short(struct ulog_err *err, const char *what, uint32_t caplen, uint32_t need)
{
	return ulog_errf(err, -EINVAL, "%s record of %u bytes, shorter than its %u-byte header",
			 what, caplen, need);
}

static int decode_ether(const uint8_t *d, uint32_t caplen, struct nfula_pkt *p,
			struct ulog_err *err)
{
	uint32_t off = ETH_HLEN;
	uint16_t proto;

	if (caplen < ETH_HLEN)
		return too_short(err, "Ethernet", caplen, ETH_HLEN);
	p->hwheader = d;
	p->hwlen = p->hwheader_len = ETH_HLEN;
	p->has_hwtype = true;
	p->hwtype = ARPHRD_ETHER;
	p->hwaddr = d + ETH_ALEN;
	p->hwaddr_len = ETH_ALEN;
	proto = be16(d + 12);
	/* VLAN tags: the kernel has stripped them before a hook sees the packet */
	while ((proto == ETH_P_8021Q || proto == ETH_P_8021AD) && caplen >= off + 4) {
		proto = be16(d + off + 2);
		off += 4;
	}
	set_payload(p, proto, d, caplen, off);
	return 0;
}

static void decode_raw(int dlt, const uint8_t *d, uint32_t caplen, struct nfula_pkt *p)
{
	int v = dlt == DLT_IPV4 ? 4 : dlt == DLT_IPV6 ? 6 : caplen ? d[0] >> 4 : 0;

	set_payload(p, v == 6 ? ETH_P_IPV6 : ETH_P_IP, d, caplen, 0);
	if (v != 4 && v != 6) {
		p->family = 0;
		p->has_proto = false;
	}
}

/* Linux cooked v1: pkttype, hatype, halen, addr[8], protocol. */
static int decode_sll(const uint8_t *d, uint32_t caplen, struct nfula_pkt *p,
		      struct ulog_err *err)
{
	uint16_t halen;

	if (caplen < 16)
		return too_short(err, "Linux cooked", caplen, 16);
	p->has_hwtype = true;
	p->hwtype = be16(d + 2);
	halen = be16(d + 4);
	p->hwaddr = d + 6;
	p->hwaddr_len = halen < 8 ? halen : 8;
	set_payload(p, be16(d + 14), d, caplen, 16);
	return 0;
}

/* Linux cooked v2: protocol, reserved, ifindex, hatype, pkttype, halen, addr[8]. */
static int decode_sll2(const uint8_t *d, uint32_t caplen, struct nfula_pkt *p,
		       struct ulog_err *err)
{
	uint32_t ifindex;

	if (caplen < 20)
		return too_short(err, "Linux cooked v2", caplen, 20);
	ifindex = (uint32_t)be16(d + 4) << 16 | be16(d + 6);
	if (d[10] == PACKET_OUTGOING)
		p->outdev = ifindex;
	else
		p->indev = ifindex;
	p->has_hwtype = true;
	p->hwtype = be16(d + 8);
	p->hwaddr = d + 12;
	p->hwaddr_len = d[11] < 8 ? d[11] : 8;
	set_payload(p, be16(d), d, caplen, 20);
	return 0;
}

int pcapio_decode(int dlt, const uint8_t *data, uint32_t caplen, struct nfula_pkt *p,
		  struct ulog_err *err)
{
	memset(p, 0, sizeof(*p));
	p->raw = data;
	p->raw_len = caplen;
	switch (dlt) {
	case DLT_EN10MB:
		return decode_ether(data, caplen, p, err);
	case DLT_RAW: case DLT_IPV4: case DLT_IPV6:
		decode_raw(dlt, data, caplen, p);
		return 0;
	case DLT_LINUX_SLL:
		return decode_sll(data, caplen, p, err);
	case DLT_LINUX_SLL2:
		return decode_sll2(data, caplen, p, err);
	case DLT_NFLOG:
		return nfula_parse_pcap(data, caplen, p, err);
	}
	return ulog_errf(err, -EINVAL, "link type %d is not supported", dlt);
}

/* ---- writing ---- */

int pcapio_create(struct pcapio_writer *w, const char *file, int dlt, unsigned snaplen,
		  bool append, struct ulog_err *err)
{
	memset(w, 0, sizeof(*w));
	w->dead = pcap_open_dead_with_tstamp_precision(dlt, (int)snaplen,
						       PCAP_TSTAMP_PRECISION_MICRO);
	if (!w->dead)
		return ulog_errf(err, -ENOMEM, "%s: cannot create a pcap handle", file);
	w->d = append ? pcap_dump_open_append(w->dead, file) : pcap_dump_open(w->dead, file);
	if (!w->d) {
		int e = errno ? errno : EINVAL;

		ulog_err_at(err, file, 0);
		ulog_errf(err, -e, "cannot open for writing: %s", pcap_geterr(w->dead));
		pcap_close(w->dead);
		w->dead = NULL;
		return -e;
	}
	return 0;
}

int pcapio_write(struct pcapio_writer *w, const struct timeval *ts, const void *data,
		 uint32_t caplen, uint32_t len)
{
	struct pcap_pkthdr h = { .ts = *ts, .caplen = caplen, .len = len };

	pcap_dump((u_char *)w->d, &h, data);
	return 0;
}

int pcapio_flush(struct pcapio_writer *w)
{
	return pcap_dump_flush(w->d) == 0 ? 0 : -EIO;
}

void pcapio_close_writer(struct pcapio_writer *w)
{
	if (w->d)
		pcap_dump_close(w->d);
	if (w->dead)
		pcap_close(w->dead);
	w->d = NULL;
	w->dead = NULL;
}
