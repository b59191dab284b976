/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture files over libpcap: reading records with their index, link-layer decoding, writing. */
#ifndef ULOG_LIB_PCAPIO_H
#define ULOG_LIB_PCAPIO_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/time.h>

#include <pcap/pcap.h>

#include "err.h"
#include "nfula.h"

/* ---- reading ---- */

struct pcapio_reader {
	pcap_t *p;
	int linktype;           /* DLT_* */
	long index;             /* 1-based number of the last record read, 0 before */
	char file[256];
};

/* One record: points into libpcap's buffer until the next pcapio_next(). */
struct pcapio_rec {
	struct timeval ts;
	const uint8_t *data;
	uint32_t caplen, len;
};

/*
 * Opens capture @file (pcap or pcapng, microsecond timestamps). Returns 0,
 * or -EINVAL/-ENOENT/... with @err naming the file and what is wrong.
 */
int pcapio_open(struct pcapio_reader *r, const char *file, struct ulog_err *err);

/*
 * Reads the next record into @rec. Returns 1, 0 at the end of the file, or
 * -EINVAL when the record is damaged (truncated, bad length): @err then has
 * file, index (the damaged record's 1-based number) and libpcap's message.
 * Does not allocate.
 */
int pcapio_next(struct pcapio_reader *r, struct pcapio_rec *rec, struct ulog_err *err);

void pcapio_close(struct pcapio_reader *r);

/* True if pcapio_decode() knows link type @dlt. */
bool pcapio_linktype_ok(int dlt);

/*
 * Decodes the link layer of a record of link type @dlt into @p (cleared
 * first), as an NFLOG message would carry it: family, hw_protocol, payload
 * from the network header, hardware header (raw.mac) and source address,
 * hwtype, interfaces (SLL2), and for DLT_NFLOG every TLV. The timestamp is
 * left to the caller. Returns 0, or -EINVAL with @err when the record is
 * too short for its link header or its NFLOG TLVs are malformed.
 */
int pcapio_decode(int dlt, const uint8_t *data, uint32_t caplen, struct nfula_pkt *p,
		  struct ulog_err *err);

/* ---- writing ---- */

struct pcapio_writer {
	pcap_t *dead;
	pcap_dumper_t *d;
};

/*
 * Creates (or with @append, extends) capture @file of link type @dlt and
 * snapshot length @snaplen. Returns 0 or -errno with @err.
 */
int pcapio_create(struct pcapio_writer *w, const char *file, int dlt, unsigned snaplen,
		  bool append, struct ulog_err *err);

/* Appends one record (buffered). @len is the original length. Returns 0. */
int pcapio_write(struct pcapio_writer *w, const struct timeval *ts, const void *data,
		 uint32_t caplen, uint32_t len);

/* Writes buffered records to the file. Returns 0 or -errno. */
int pcapio_flush(struct pcapio_writer *w);

/* Flushes and closes. */
void pcapio_close_writer(struct pcapio_writer *w);

#endif
