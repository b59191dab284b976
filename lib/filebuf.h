/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Buffered append-only output files (mode 0640) that reopen for log rotation; shared by file outputs. */
#ifndef ULOG_LIB_FILEBUF_H
#define ULOG_LIB_FILEBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/*
 * An output file: lines are appended to an in-memory buffer allocated once at
 * open, and written with write(2) when the buffer fills, on filebuf_flush()
 * (end of a batch), or after every record when @sync is set.
 */
struct filebuf {
	int fd;                 /* -1 when closed */
	char path[4096];
	char *buf;
	size_t cap, len;
	bool sync;
	unsigned long long n_errors;  /* failed writes (data dropped) */
};

#define FILEBUF_DEFAULT_CAP (64 * 1024)

/* Sets @fb to the closed state. A zeroed struct filebuf is closed too. */
void filebuf_init(struct filebuf *fb);

/*
 * Opens @path for appending, creating it with mode 0640 (minus the umask),
 * and allocates a buffer of @cap bytes (0 = FILEBUF_DEFAULT_CAP). Returns 0,
 * or -errno with @err naming the file; @fb stays closed on error.
 */
int filebuf_open(struct filebuf *fb, const char *path, size_t cap, bool sync,
		 struct ulog_err *err);

/*
 * Returns a pointer to @n free bytes at the end of the buffer, writing the
 * buffer out first if it lacks room, or NULL if @n exceeds the buffer's size
 * or the file is closed. The caller writes its bytes there and then calls
 * filebuf_commit() with how many it used.
 */
char *filebuf_reserve(struct filebuf *fb, size_t n);

/* Adds @n bytes written at filebuf_reserve()'s pointer. With @sync set this
 * also writes them out. Returns 0 or -errno from the write. */
int filebuf_commit(struct filebuf *fb, size_t n);

/* Appends @n bytes (any length). Returns 0 or -errno. */
int filebuf_write(struct filebuf *fb, const void *p, size_t n);

/* Writes out what is buffered. Returns 0 or -errno (the data is dropped and
 * counted in n_errors: a full disk must not grow memory). */
int filebuf_flush(struct filebuf *fb);

/*
 * Flushes, then opens the path again (after logrotate moved the file). On
 * failure the old file stays in use and -errno is returned with @err set.
 */
int filebuf_reopen(struct filebuf *fb, struct ulog_err *err);

/* Flushes, closes and frees the buffer. */
void filebuf_close(struct filebuf *fb);

#endif
