/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Replaying a plain Ethernet pcap file through a memory map instead of libpcap's reads. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <pcap/dlt.h>

#include "replay_map.h"

#define MAP_MAGIC_US 0xa1b2c3d4u
#define MAP_MAGIC_NS 0xa1b23c4du
#define MAP_MAX_SNAP 262144u
#define MAP_LINKTYPE_ETHERNET 1u   /* = DLT_EN10MB */

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* The file header's snapshot length if the file is one replay_map_file() reads, else 0. */
static uint32_t header_ok(const uint8_t *m, size_t size, bool *ns)
{
	uint32_t magic, snap;

	if (size < 24)
		return 0;
	magic = rd32(m);
	snap = rd32(m + 16);
	*ns = magic == MAP_MAGIC_NS;
	if ((magic != MAP_MAGIC_US && magic != MAP_MAGIC_NS) || m[4] != 2 || m[5] != 0 ||
	    m[6] != 4 || m[7] != 0 || rd32(m + 20) != MAP_LINKTYPE_ETHERNET || !snap ||
	    snap > MAP_MAX_SNAP)
		return 0;
	return snap;
}

/* True when the record at @off is whole, within the snapshot length, with a plain timestamp. */
static bool record_ok(const uint8_t *m, size_t size, size_t off, uint32_t snap, bool ns)
{
	uint32_t cap;

	if (size - off < 16)
		return false;
	cap = rd32(m + off + 8);
	return rd32(m + off) < 1u << 31 && rd32(m + off + 4) < (ns ? 1000000000u : 1000000u) &&
	       cap <= snap && size - off - 16 >= cap;
}

/* Each record copied into @buf (aligned, as libpcap's buffer) and replayed,
 * up to the first that is not plain. Returns true at the end of the file. */
static bool replay_records(struct replay *r, const uint8_t *m, size_t size, uint32_t snap, bool ns,
			   uint8_t *buf, long *done)
{
	size_t off = 24;

	for (; off < size; ++*done) {
		uint64_t sec = rd32(m + off), frac = rd32(m + off + 4);
		uint32_t cap = rd32(m + off + 8);

		if (!record_ok(m, size, off, snap, ns))
			return false;
		memcpy(buf, m + off + 16, cap);
		replay_record(r, DLT_EN10MB, buf, cap, sec * 1000000000ull + (ns ? frac / 1000 : frac) * 1000ull);
		off += 16 + (size_t)cap;
	}
	return true;
}

/* See replay_map.h. */
int replay_map_file(struct replay *r, const char *file, long *done)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	const uint8_t *m = MAP_FAILED;
	uint8_t *buf = NULL;
	uint32_t snap = 0;
	bool ns = false;
	int whole = 0;

	*done = 0;
	if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size >= 24)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (m != MAP_FAILED) {
		madvise((void *)m, (size_t)st.st_size, MADV_SEQUENTIAL);
		snap = header_ok(m, (size_t)st.st_size, &ns);
	}
	if (snap && (buf = malloc(snap)))
		whole = replay_records(r, m, (size_t)st.st_size, snap, ns, buf, done);
	free(buf);
	if (m != MAP_FAILED)
		munmap((void *)m, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	return whole;
}
