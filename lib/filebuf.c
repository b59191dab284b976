/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Buffered append-only output files with reopen (lib/filebuf.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filebuf.h"

void filebuf_init(struct filebuf *fb)
{
	memset(fb, 0, sizeof(*fb));
	fb->fd = -1;
}

static int open_append(const char *path, struct ulog_err *err)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

	if (fd < 0)
		return ulog_errf(err, -errno, "can't open %s: %s", path, strerror(errno));
	return fd;
}

int filebuf_open(struct filebuf *fb, const char *path, size_t cap, bool sync,
		 struct ulog_err *err)
{
	int fd;

	filebuf_init(fb);
	if (strlen(path) >= sizeof(fb->path))
		return ulog_errf(err, -ENAMETOOLONG, "file name too long: %.64s...", path);
	if (!cap)
		cap = FILEBUF_DEFAULT_CAP;
	fb->buf = malloc(cap);
	if (!fb->buf)
		return ulog_errf(err, -ENOMEM, "no memory for the buffer of %s", path);
	fd = open_append(path, err);
	if (fd < 0) {
		free(fb->buf);
		fb->buf = NULL;
		return fd;
	}
	fb->fd = fd;
	fb->cap = cap;
	fb->sync = sync;
	strcpy(fb->path, path);
	return 0;
}

int filebuf_flush(struct filebuf *fb)
{
	size_t off = 0;

	if (!fb->buf)
		return 0;
	while (off < fb->len) {
		ssize_t w = write(fb->fd, fb->buf + off, fb->len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;

			fb->n_errors++;
			fb->len = 0;
			return -e;
		}
		off += (size_t)w;
	}
	fb->len = 0;
	return 0;
}

char *filebuf_reserve(struct filebuf *fb, size_t n)
{
	if (!fb->buf || fb->fd < 0 || n > fb->cap)
		return NULL;
	if (fb->cap - fb->len < n)
		filebuf_flush(fb);
	return fb->buf + fb->len;
}

int filebuf_commit(struct filebuf *fb, size_t n)
{
	fb->len += n;
	return fb->sync ? filebuf_flush(fb) : 0;
}

int filebuf_write(struct filebuf *fb, const void *p, size_t n)
{
	char *dst;

	if (!fb->buf || fb->fd < 0)
		return -EBADF;
	if (n > fb->cap) {  /* larger than the buffer: straight through */
		int rc = filebuf_flush(fb);

		if (rc < 0)
			return rc;
		while (n) {
			ssize_t w = write(fb->fd, p, n);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				fb->n_errors++;
				return w < 0 ? -errno : -EIO;
			}
			p = (const char *)p + w;
			n -= (size_t)w;
		}
		return 0;
	}
	dst = filebuf_reserve(fb, n);
	memcpy(dst, p, n);
	return filebuf_commit(fb, n);
}

int filebuf_reopen(struct filebuf *fb, struct ulog_err *err)
{
	int fd;

	if (!fb->buf || fb->fd < 0)
		return ulog_errf(err, -EBADF, "%s is not open", fb->path);
	filebuf_flush(fb);
	fd = open_append(fb->path, err);
	if (fd < 0)
		return fd;
	close(fb->fd);
	fb->fd = fd;
	return 0;
}

void filebuf_close(struct filebuf *fb)
{
	if (!fb->buf)  /* never opened (a zeroed struct has fd 0, not ours) */
		return;
	if (fb->fd >= 0) {
		filebuf_flush(fb);
		close(fb->fd);
	}
	free(fb->buf);
	filebuf_init(fb);
}
