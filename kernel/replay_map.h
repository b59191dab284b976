/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Replaying a plain Ethernet pcap file through a memory map instead of libpcap's reads. */
#ifndef ULOG_KERNEL_REPLAY_MAP_H
#define ULOG_KERNEL_REPLAY_MAP_H

#include "replay.h"

/*
 * Runs the records of @file through replay_record(), reading the file
 * through mmap: no read() copy into stdio's buffer and none from there into
 * libpcap's. Only what it reads exactly as libpcap does: a classic pcap file
 * in this host's byte order, version 2.4, microsecond or nanosecond
 * timestamps (nanoseconds cut to microseconds, as libpcap's microsecond
 * precision does), link type Ethernet, snapshot length up to 262144; and
 * records up to the first that is cut short, longer than the snapshot
 * length or with a timestamp from 2^31 s on. Returns 1 when it replayed the
 * whole file; else 0 with *@done the records replayed: the caller reads
 * the rest with libpcap (after skipping those).
 */
int replay_map_file(struct replay *r, const char *file, long *done);

#endif
