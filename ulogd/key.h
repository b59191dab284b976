/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Keys and records: the values that flow through a stack, by slot index. */
#ifndef ULOGD_KEY_H
#define ULOGD_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Value types, as ulogd2 names them (ULOGD_RET_*). */
enum ulog_type {
	ULOG_T_NONE,    /* consumer accepts any type */
	ULOG_T_BOOL,
	ULOG_T_INT8, ULOG_T_INT16, ULOG_T_INT32, ULOG_T_INT64,
	ULOG_T_UINT8, ULOG_T_UINT16, ULOG_T_UINT32, ULOG_T_UINT64,
	ULOG_T_IPADDR,  /* v.addr; v.len is 4 or 16; network byte order */
	ULOG_T_IP6ADDR, /* v.addr; v.len is 16 */
	ULOG_T_STRING,  /* v.str, NUL-terminated, v.len without the NUL */
	ULOG_T_RAW,     /* v.ptr, v.len bytes */
	ULOG_T_RAWSTR,  /* v.ptr, v.len bytes of text, not NUL-terminated */
	ULOG_T_POINTER, /* v.ptr, opaque */
};

/* Key flags. */
enum {
	ULOG_KEY_OPTIONAL = 1u << 0, /* input: the stack may lack a producer */
	ULOG_KEY_INACTIVE = 1u << 1, /* output: never produced in this config */
};

/* A key a plugin consumes or produces. */
struct ulog_key_def {
	const char *name;       /* "ip.saddr" */
	enum ulog_type type;
	unsigned flags;
	uint32_t ipfix_vendor;  /* for outputs that need it; 0 if none */
	uint16_t ipfix_field;
	const char *help;
};

/* One slot's value. Pointers stay valid until the record is done (end of
 * the stack run); a producer keeps the bytes in its own instance area or in
 * the input's receive buffer. */
struct ulog_value {
	union {
		bool b;
		int64_t i64;
		uint64_t u64;
		uint8_t addr[16];
		const char *str;
		const void *ptr;
	};
	uint32_t len;
	uint8_t type;           /* enum ulog_type of the producer */
};

#define ULOG_RECORD_MAX_SLOTS 1024

/* A record: a flat array of slots and a validity bitmap. */
struct ulog_record {
	struct ulog_value *v;
	uint64_t *valid;
	unsigned n;
};

static inline bool ulog_rec_valid(const struct ulog_record *r, int slot)
{
	return slot >= 0 && (r->valid[slot >> 6] >> (slot & 63)) & 1;
}

static inline void ulog_rec_mark(struct ulog_record *r, int slot)
{
	r->valid[slot >> 6] |= UINT64_C(1) << (slot & 63);
}

static inline void ulog_rec_clear(struct ulog_record *r)
{
	memset(r->valid, 0, ((r->n + 63) / 64) * sizeof(uint64_t));
}

/* Returns the size in bytes of a value of @t when it is a fixed-width integer,
 * 0 otherwise. */
unsigned ulog_type_int_width(enum ulog_type t);

/* Returns ulogd2's name of @t ("uint32", "ipaddr", ...). */
const char *ulog_type_name(enum ulog_type t);

#endif
