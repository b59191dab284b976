/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event loop: epoll over fds, timerfd timers, and a before-sleep hook run after each round. */
#include "loop.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

struct loop_ent {
	int fd;
	ulog_fd_cb cb;
	void *arg;
	int timer_id;            /* -1 for a plain fd */
	ulog_timer_cb tcb;
	bool dead;
	struct loop_ent *next;
};

struct ulog_loop {
	int epfd;
	struct loop_ent *ents;
	bool stop;
	bool dispatching;
	int next_timer;
	ulog_hook_cb hook;
	void *hook_arg;
};

struct ulog_loop *ulog_loop_new(void)
{
	struct ulog_loop *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		int e = errno;

		free(l);
		errno = e;
		return NULL;
	}
	return l;
}

static void ent_free(struct loop_ent *e)
{
	if (e->timer_id >= 0)
		close(e->fd);
	free(e);
}

void ulog_loop_free(struct ulog_loop *l)
{
	struct loop_ent *e, *n;

	if (!l)
		return;
	for (e = l->ents; e; e = n) {
		n = e->next;
		ent_free(e);
	}
	close(l->epfd);
	free(l);
}

/* Adds an entry watching @fd; returns it or NULL with errno set. */
static struct loop_ent *ent_add(struct ulog_loop *l, int fd, uint32_t events)
{
	struct loop_ent *e = calloc(1, sizeof(*e));
	struct epoll_event ev = { .events = events };

	if (!e)
		return NULL;
	e->fd = fd;
	e->timer_id = -1;
	ev.data.ptr = e;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = errno;

		free(e);
		errno = err;
		return NULL;
	}
	e->next = l->ents;
	l->ents = e;
	return e;
}

int ulog_loop_add_fd(struct ulog_loop *l, int fd, uint32_t events, ulog_fd_cb cb, void *arg)
{
	struct loop_ent *e = ent_add(l, fd, events);

	if (!e)
		return -errno;
	e->cb = cb;
	e->arg = arg;
	return 0;
}

/* Unlinks and frees dead entries (never during a dispatch round). */
static void reap(struct ulog_loop *l)
{
	struct loop_ent **pp = &l->ents, *e;

	while ((e = *pp)) {
		if (e->dead) {
			*pp = e->next;
			ent_free(e);
		} else {
			pp = &e->next;
		}
	}
}

/* Marks the live entry matching @fd (timer_id < 0) or @timer_id dead. */
static int ent_del(struct ulog_loop *l, int fd, int timer_id)
{
	struct loop_ent *e;

	for (e = l->ents; e; e = e->next) {
		if (e->dead)
			continue;
		if (timer_id >= 0 ? e->timer_id == timer_id : (e->timer_id < 0 && e->fd == fd))
			break;
	}
	if (!e)
		return -ENOENT;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, e->fd, NULL);
	e->dead = true;
	if (!l->dispatching)
		reap(l);
	return 0;
}

int ulog_loop_del_fd(struct ulog_loop *l, int fd)
{
	return ent_del(l, fd, -1);
}

int ulog_loop_add_timer(struct ulog_loop *l, unsigned interval_ms, ulog_timer_cb cb, void *arg)
{
	struct itimerspec its = { 0 };
	struct loop_ent *e;
	int fd, err;

	if (interval_ms == 0)
		return -EINVAL;
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	its.it_interval.tv_sec = interval_ms / 1000;
	its.it_interval.tv_nsec = (long)(interval_ms % 1000) * 1000000L;
	its.it_value = its.it_interval;
	if (timerfd_settime(fd, 0, &its, NULL) < 0 || !(e = ent_add(l, fd, EPOLLIN))) {
		err = -errno;
		close(fd);
		return err;
	}
	e->timer_id = l->next_timer++;
	e->tcb = cb;
	e->arg = arg;
	return e->timer_id;
}

int ulog_loop_del_timer(struct ulog_loop *l, int id)
{
	if (id < 0)
		return -EINVAL;
	return ent_del(l, -1, id);
}

void ulog_loop_set_before_sleep(struct ulog_loop *l, ulog_hook_cb cb, void *arg)
{
	l->hook = cb;
	l->hook_arg = arg;
}

static void dispatch(struct loop_ent *e, uint32_t events)
{
	uint64_t ticks;

	if (e->dead)
		return;
	if (e->timer_id >= 0) {
		if (read(e->fd, &ticks, sizeof(ticks)) == (ssize_t)sizeof(ticks))
			e->tcb(e->arg);
		return;
	}
	e->cb(e->fd, events, e->arg);
}

int ulog_loop_run(struct ulog_loop *l)
{
	struct epoll_event evs[64];
	int n, i;

	l->stop = false;
	while (!l->stop) {
		n = epoll_wait(l->epfd, evs, 64, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		l->dispatching = true;
		for (i = 0; i < n && !l->stop; i++)
			dispatch(evs[i].data.ptr, evs[i].events);
		l->dispatching = false;
		reap(l);
		if (l->hook)
			l->hook(l->hook_arg);
	}
	return 0;
}

void ulog_loop_stop(struct ulog_loop *l)
{
	l->stop = true;
}
