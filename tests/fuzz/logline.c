/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: arbitrary bytes as a logged packet (kernel LOG line printer) and as a JSON string. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/jsonw.h"
#include "lib/logline.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char line[8192], small[48];
	struct logline_kmeta m = {
		.prefix = "fuzz: ", .in = "eth0", .mac = d, .mac_len = n < 14 ? (uint16_t)n : 14,
		.flags = n ? d[0] : 0, .mark = 1, .has_uid = true,
	};
	struct jsonw w;

	logline_kernel(line, sizeof(line), &m, AF_INET, d, (uint32_t)n);
	logline_kernel(line, sizeof(line), &m, AF_INET6, d, (uint32_t)n);
	logline_kernel(small, sizeof(small), &m, AF_INET6, d, (uint32_t)n);
	jw_begin(&w, line, sizeof(line));
	jw_key(&w, "oob.prefix");
	jw_str(&w, (const char *)d, n);
	jw_end(&w);
	jw_begin(&w, small, sizeof(small));
	jw_key(&w, "oob.prefix");
	jw_str(&w, (const char *)d, n);
	jw_end(&w);
	return 0;
}
