/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading the host model: text or JSON told apart, sysctl dumps recognised, files read whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_priv.h"

static bool is_json(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'); i++)
		;
	return i < len && text[i] == '[';
}

enum kind { K_ADDR, K_ROUTE, K_RULE, K_SYSCTL };

static int load(struct host *h, const char *text, size_t len, const char *file, enum kind kind,
		struct ulog_err *err)
{
	char *copy = malloc(len + 1);
	int rc;

	if (!copy)
		return ulog_errf(err, -ENOMEM, "%s: out of memory", file);
	memcpy(copy, text, len);
	copy[len] = 0;
	if (kind == K_SYSCTL || (kind != K_RULE && host_is_sysctl_listing(copy)))
		rc = host_text_sysctl(h, copy, file, err);
	else if (kind == K_RULE)
		rc = is_json(copy, len) ? host_json_rule(h, copy, file, err)
					: host_text_rule(h, copy, file, err);
	else if (is_json(copy, len))
		rc = kind == K_ROUTE ? host_json_route(h, copy, file, err)
				     : host_json_addr(h, copy, file, err);
	else
		rc = kind == K_ROUTE ? host_text_route(h, copy, file, err)
				     : host_text_addr(h, copy, file, err);
	free(copy);
	return rc;
}

int host_load_addr(struct host *h, const char *text, size_t len, const char *file,
		   struct ulog_err *err)
{
	return load(h, text, len, file, K_ADDR, err);
}

int host_load_sysctl(struct host *h, const char *text, size_t len, const char *file,
		     struct ulog_err *err)
{
	return load(h, text, len, file, K_SYSCTL, err);
}

int host_load_route(struct host *h, const char *text, size_t len, const char *file,
		    struct ulog_err *err)
{
	return load(h, text, len, file, K_ROUTE, err);
}

int host_load_rule(struct host *h, const char *text, size_t len, const char *file,
		   struct ulog_err *err)
{
	return load(h, text, len, file, K_RULE, err);
}

int host_load_file(struct host *h, const char *path, bool is_route, struct ulog_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (!f)
		return ulog_errf(err, -errno, "%s: %s", path, strerror(errno));
	for (;;) {
		if (len + 4096 > cap) {
			char *p = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!p) {
				free(buf);
				fclose(f);
				return ulog_errf(err, -ENOMEM, "%s: out of memory", path);
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	rc = load(h, buf ? buf : "", len, path, is_route ? K_ROUTE : K_ADDR, err);
	free(buf);
	return rc;
}
