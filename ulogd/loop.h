/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event loop: epoll over fds, periodic timers, and a before-sleep hook where outputs flush. */
#ifndef ULOGD_LOOP_H
#define ULOGD_LOOP_H

#include <stdint.h>

struct ulog_loop;

typedef void (*ulog_fd_cb)(int fd, uint32_t events, void *arg);
typedef void (*ulog_timer_cb)(void *arg);
typedef void (*ulog_hook_cb)(void *arg);

/* Creates a loop; returns NULL on failure with errno set. */
struct ulog_loop *ulog_loop_new(void);
void ulog_loop_free(struct ulog_loop *l);

/* Watches @fd for @events (EPOLLIN, ...). Returns 0 or -errno. */
int ulog_loop_add_fd(struct ulog_loop *l, int fd, uint32_t events, ulog_fd_cb cb, void *arg);
int ulog_loop_del_fd(struct ulog_loop *l, int fd);

/* Calls @cb every @interval_ms milliseconds. Returns a timer id >= 0 or -errno. */
int ulog_loop_add_timer(struct ulog_loop *l, unsigned interval_ms, ulog_timer_cb cb, void *arg);
int ulog_loop_del_timer(struct ulog_loop *l, int id);

/* Sets the hook run after each round of ready fds, before the loop sleeps. */
void ulog_loop_set_before_sleep(struct ulog_loop *l, ulog_hook_cb cb, void *arg);

/* Runs until ulog_loop_stop(). Returns 0 or -errno. */
int ulog_loop_run(struct ulog_loop *l);
void ulog_loop_stop(struct ulog_loop *l);

#endif
