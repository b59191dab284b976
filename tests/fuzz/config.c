/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: a ulogd.conf from memory: tokenizer round trip, then built into stacks (no dlopen). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ulogd/conffile.h"
#include "ulogd/daemon.h"
#include "ulogd/log.h"

/* Tokenizer round trip: parse, dump, parse again gives the same sections and entries. */
static void round_trip(const uint8_t *data, size_t size)
{
	struct ulog_cfg a, b;
	struct ulog_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (ulog_cfg_parse(&a, "fuzz.conf", (const char *)data, size, &err))
		return;
	f = open_memstream(&text, &len);
	if (!f || ulog_cfg_dump(&a, f))
		abort();
	fclose(f);
	if (ulog_cfg_parse(&b, "dump.conf", text, len, &err) || !ulog_cfg_equal(&a, &b))
		abort();
	ulog_cfg_free(&a);
	ulog_cfg_free(&b);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ulog_daemon *d = ulog_daemon_new(NULL);
	struct ulog_err err;
	char msg[1024];

	if (!d)
		return 0;
	round_trip(data, size);
	ulog_log_set_level(9);
	ulog_daemon_allow_dlopen(d, false);
	ulog_err_clear(&err);
	if (ulog_daemon_load_buf(d, "fuzz.conf", (const char *)data, size, &err) == 0) {
		FILE *f = fopen("/dev/null", "w");

		if (f) {
			ulog_daemon_print(d, f);
			fclose(f);
		}
	} else {
		ulog_err_str(&err, msg, sizeof(msg));
	}
	ulog_daemon_free(d);
	return 0;
}
