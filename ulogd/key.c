/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Key types: widths, names, and the typed input accessors plugins read records with. */
#include "plugin.h"

unsigned ulog_type_int_width(enum ulog_type t)
{
	switch (t) {
	case ULOG_T_BOOL:
	case ULOG_T_INT8:
	case ULOG_T_UINT8:
		return 1;
	case ULOG_T_INT16:
	case ULOG_T_UINT16:
		return 2;
	case ULOG_T_INT32:
	case ULOG_T_UINT32:
		return 4;
	case ULOG_T_INT64:
	case ULOG_T_UINT64:
		return 8;
	case ULOG_T_NONE:
	case ULOG_T_IPADDR:
	case ULOG_T_IP6ADDR:
	case ULOG_T_STRING:
	case ULOG_T_RAW:
	case ULOG_T_RAWSTR:
	case ULOG_T_POINTER:
		return 0;
	}
	return 0;
}

const char *ulog_type_name(enum ulog_type t)
{
	switch (t) {
	case ULOG_T_NONE: return "none";
	case ULOG_T_BOOL: return "bool";
	case ULOG_T_INT8: return "int8";
	case ULOG_T_INT16: return "int16";
	case ULOG_T_INT32: return "int32";
	case ULOG_T_INT64: return "int64";
	case ULOG_T_UINT8: return "uint8";
	case ULOG_T_UINT16: return "uint16";
	case ULOG_T_UINT32: return "uint32";
	case ULOG_T_UINT64: return "uint64";
	case ULOG_T_IPADDR: return "ipaddr";
	case ULOG_T_IP6ADDR: return "ip6addr";
	case ULOG_T_STRING: return "string";
	case ULOG_T_RAW: return "raw";
	case ULOG_T_RAWSTR: return "rawstr";
	case ULOG_T_POINTER: return "pointer";
	}
	return "unknown";
}

/* Reads the integer of @v by its producer's type, sign-extending signed ones. */
static bool value_u64(const struct ulog_value *v, uint64_t *out)
{
	switch ((enum ulog_type)v->type) {
	case ULOG_T_BOOL: *out = v->b; return true;
	case ULOG_T_INT8: *out = (uint64_t)(int64_t)(int8_t)v->i64; return true;
	case ULOG_T_INT16: *out = (uint64_t)(int64_t)(int16_t)v->i64; return true;
	case ULOG_T_INT32: *out = (uint64_t)(int64_t)(int32_t)v->i64; return true;
	case ULOG_T_INT64: *out = (uint64_t)v->i64; return true;
	case ULOG_T_UINT8: *out = (uint8_t)v->u64; return true;
	case ULOG_T_UINT16: *out = (uint16_t)v->u64; return true;
	case ULOG_T_UINT32: *out = (uint32_t)v->u64; return true;
	case ULOG_T_UINT64: *out = v->u64; return true;
	case ULOG_T_NONE:
	case ULOG_T_IPADDR:
	case ULOG_T_IP6ADDR:
	case ULOG_T_STRING:
	case ULOG_T_RAW:
	case ULOG_T_RAWSTR:
	case ULOG_T_POINTER:
		return false;
	}
	return false;
}

bool ulog_in_u64(const struct ulog_instance *inst, const struct ulog_record *r,
		 unsigned k, uint64_t *out)
{
	const struct ulog_value *v = ulog_in(inst, r, k);

	return v && value_u64(v, out);
}

const char *ulog_in_str(const struct ulog_instance *inst, const struct ulog_record *r,
			unsigned k)
{
	const struct ulog_value *v = ulog_in(inst, r, k);

	if (!v || v->type != ULOG_T_STRING)
		return NULL;
	return v->str;
}
