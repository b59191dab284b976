/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ulogd.conf tokenizer: splits a buffer into sections and key=value entries, as ulogd2 reads them. */
#include "conffile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ulogd2 ends a word at these (get_word() with " =\t\n\r"). */
#define WORD_DELIMS " =\t\r"

static int grow(void **p, unsigned *cap, unsigned n, size_t elem)
{
	unsigned ncap;
	void *np;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	np = realloc(*p, (size_t)ncap * elem);
	if (!np)
		return -ENOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

static int add_section(struct ulog_cfg *c, const char *name, size_t len, unsigned line)
{
	struct ulog_cfg_section *s;

	if (grow((void **)&c->s, &c->cap, c->n, sizeof(*c->s)))
		return -ENOMEM;
	s = &c->s[c->n];
	memset(s, 0, sizeof(*s));
	s->name = strndup(name, len);
	if (!s->name)
		return -ENOMEM;
	s->line = line;
	c->n++;
	return 0;
}

static int add_entry(struct ulog_cfg_section *s, const char *key, size_t klen, const char *val,
		     size_t vlen, const char *bad, unsigned line)
{
	struct ulog_cfg_entry *e;

	if (grow((void **)&s->e, &s->cap, s->n, sizeof(*s->e)))
		return -ENOMEM;
	e = &s->e[s->n];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->bad = bad;
	e->key = strndup(key, klen);
	if (!e->key)
		return -ENOMEM;
	s->n++;
	if (val) {
		e->value = strndup(val, vlen);
		if (!e->value)
			return -ENOMEM;
	}
	return 0;
}

static int at(struct ulog_err *err, const char *file, unsigned line, int code, const char *msg)
{
	ulog_err_at(err, file, line);
	return ulog_errf(err, code, "%s", msg);
}

/* "[name]": the name between the brackets, blanks trimmed. */
static int parse_header(struct ulog_cfg *c, const char *p, const char *end, unsigned line,
			struct ulog_err *err)
{
	const char *close = memchr(p, ']', (size_t)(end - p));
	const char *b = p + 1, *e;

	if (!close)
		return at(err, c->file, line, -EINVAL, "section header without ']'");
	while (b < close && (*b == ' ' || *b == '\t'))
		b++;
	e = close;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == b)
		return at(err, c->file, line, -EINVAL, "empty section name");
	return add_section(c, b, (size_t)(e - b), line) ? -ENOMEM : 0;
}

/* "key=value ...": key up to a delimiter, then a quoted or bare word; the rest is ignored. */
static int parse_entry(struct ulog_cfg *c, const char *p, const char *end, unsigned line,
		       struct ulog_err *err)
{
	const char *k = p, *v, *ve, *bad = NULL;
	size_t klen = strcspn(p, WORD_DELIMS);

	if (c->n == 0)
		return at(err, c->file, line, -EINVAL, "key outside of any [section]");
	v = k + klen;
	v += strspn(v, WORD_DELIMS);
	if (v >= end) {
		bad = "missing value";
		v = ve = NULL;
	} else if (*v == '"') {
		v++;
		ve = memchr(v, '"', (size_t)(end - v));
		if (!ve) {
			bad = "unterminated quoted value";
			v = NULL;
		}
	} else {
		ve = v + strcspn(v, WORD_DELIMS);
	}
	return add_entry(&c->s[c->n - 1], k, klen, v, v ? (size_t)(ve - v) : 0, bad, line)
		? -ENOMEM : 0;
}

/* One line, NUL-terminated at @end (which excludes the newline). */
static int parse_line(struct ulog_cfg *c, char *p, char *end, unsigned line,
		      struct ulog_err *err)
{
	if (end > p && end[-1] == '\r')
		*--end = '\0';
	p += strspn(p, " \t");
	if (p >= end || *p == '#')
		return 0;
	if (*p == '[')
		return parse_header(c, p, end, line, err);
	return parse_entry(c, p, end, line, err);
}

int ulog_cfg_parse(struct ulog_cfg *c, const char *file, const char *buf, size_t len,
		   struct ulog_err *err)
{
	size_t off = 0;
	unsigned line = 0;
	char *tmp = NULL;
	size_t tcap = 0;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	snprintf(c->file, sizeof(c->file), "%s", file);
	while (off < len && rc == 0) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t ll = nl ? (size_t)(nl - (buf + off)) : len - off;

		line++;
		if (ll + 1 > tcap) {
			char *nt = realloc(tmp, ll + 1);

			if (!nt) {
				rc = ulog_errf(err, -ENOMEM, "out of memory");
				break;
			}
			tmp = nt;
			tcap = ll + 1;
		}
		memcpy(tmp, buf + off, ll);
		tmp[ll] = '\0';
		/* an embedded NUL ends the line, as fgets() would see it */
		rc = parse_line(c, tmp, tmp + strlen(tmp), line, err);
		off += ll + (nl ? 1 : 0);
	}
	free(tmp);
	if (rc == -ENOMEM)
		ulog_errf(err, rc, "out of memory");
	if (rc)
		ulog_cfg_free(c);
	return rc;
}

int ulog_cfg_read_file(struct ulog_cfg *c, const char *path, struct ulog_err *err)
{
	struct stat st;
	char *buf;
	ssize_t n;
	int fd, rc;

	memset(c, 0, sizeof(*c));
	ulog_err_at(err, path, 0);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ulog_errf(err, -errno, "unable to read configfile: %s", strerror(errno));
	if (fstat(fd, &st) < 0 || st.st_size > (64 << 20)) {
		close(fd);
		return ulog_errf(err, -EFBIG, "configfile unreadable or too large");
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return ulog_errf(err, -ENOMEM, "out of memory");
	}
	n = read(fd, buf, (size_t)st.st_size);
	rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc == 0)
		rc = ulog_cfg_parse(c, path, buf, (size_t)n, err);
	else
		ulog_errf(err, rc, "read: %s", strerror(-rc));
	free(buf);
	return rc;
}

void ulog_cfg_free(struct ulog_cfg *c)
{
	unsigned i, j;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->s[i].n; j++) {
			free(c->s[i].e[j].key);
			free(c->s[i].e[j].value);
		}
		free(c->s[i].e);
		free(c->s[i].name);
	}
	free(c->s);
	memset(c, 0, sizeof(*c));
}

const struct ulog_cfg_section *ulog_cfg_find(const struct ulog_cfg *c, const char *name,
					     const struct ulog_cfg_section **dup)
{
	const struct ulog_cfg_section *first = NULL;
	unsigned i;

	if (dup)
		*dup = NULL;
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->s[i].name, name))
			continue;
		if (!first) {
			first = &c->s[i];
		} else if (dup) {
			*dup = &c->s[i];
			break;
		}
	}
	return first;
}
