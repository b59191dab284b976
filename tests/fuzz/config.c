/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: a ulogd.conf from memory, parsed and built into stacks (built-in plugins, no dlopen). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ulogd/daemon.h"
#include "ulogd/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ulog_daemon *d = ulog_daemon_new(NULL);
	struct ulog_err err;
	char msg[1024];

	if (!d)
		return 0;
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
