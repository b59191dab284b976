/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event loop: fd callbacks, timers, the before-sleep hook once per round, removal during dispatch. */
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "ulogd/loop.h"

struct ctx {
	struct ulog_loop *l;
	int efd, efd2;
	int fd_calls, fd2_calls, timer_calls, hooks, slow_calls;
	int timer_id;
};

static void on_fd(int fd, uint32_t ev, void *arg)
{
	struct ctx *c = arg;
	uint64_t v;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return;
	c->fd_calls++;
	/* removing the other fd while both are ready must not call it afterwards */
	ulog_loop_del_fd(c->l, c->efd2);
}

static void on_fd2(int fd, uint32_t ev, void *arg)
{
	struct ctx *c = arg;
	uint64_t v;

	if (read(fd, &v, sizeof(v)) == sizeof(v))
		c->fd2_calls++;
	ulog_loop_del_fd(c->l, c->efd);
}

static void on_timer(void *arg)
{
	struct ctx *c = arg;

	if (++c->timer_calls == 3) {
		ulog_loop_del_timer(c->l, c->timer_id);
		ulog_loop_stop(c->l);
	}
}

static void on_slow(void *arg)
{
	((struct ctx *)arg)->slow_calls++;
}

static void hook(void *arg)
{
	((struct ctx *)arg)->hooks++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	struct ctx c = { 0 };
	uint64_t one = 1;
	double t0;
	int rc, slow;

	c.l = ulog_loop_new();
	CHECK(c.l != NULL, "loop: created");
	c.efd = eventfd(0, EFD_NONBLOCK);
	c.efd2 = eventfd(0, EFD_NONBLOCK);
	CHECK(ulog_loop_add_fd(c.l, c.efd, EPOLLIN, on_fd, &c) == 0, "loop: add fd");
	CHECK(ulog_loop_add_fd(c.l, c.efd2, EPOLLIN, on_fd2, &c) == 0, "loop: add second fd");
	CHECK(ulog_loop_add_fd(c.l, c.efd, EPOLLIN, on_fd, &c) == -EEXIST, "loop: same fd twice refused");
	CHECK(ulog_loop_del_fd(c.l, 12345) == -ENOENT, "loop: del unknown fd");
	CHECK(ulog_loop_add_timer(c.l, 0, on_timer, &c) == -EINVAL, "loop: zero interval refused");
	ulog_loop_set_before_sleep(c.l, hook, &c);
	if (write(c.efd, &one, sizeof(one)) < 0 || write(c.efd2, &one, sizeof(one)) < 0)
		return 1;
	c.timer_id = ulog_loop_add_timer(c.l, 30, on_timer, &c);
	slow = ulog_loop_add_timer(c.l, 10000, on_slow, &c);
	CHECK(c.timer_id >= 0 && slow >= 0 && slow != c.timer_id, "loop: timers get distinct ids");
	t0 = now();
	rc = ulog_loop_run(c.l);
	CHECK(rc == 0, "loop: run returns 0 after stop");
	CHECK(c.fd_calls + c.fd2_calls == 1, "loop: fd removed during dispatch is not called");
	CHECK(c.timer_calls == 3, "loop: periodic timer fired until removed");
	CHECK(now() - t0 >= 0.08 && now() - t0 < 2.0, "loop: timer interval respected (%.3f s)",
	      now() - t0);
	CHECK(c.slow_calls == 0, "loop: slow timer not yet due");
	CHECK(c.hooks >= 3 && c.hooks <= 4, "loop: before-sleep hook once per round (%d)", c.hooks);
	CHECK(ulog_loop_del_timer(c.l, c.timer_id) == -ENOENT, "loop: removed timer is gone");
	CHECK(ulog_loop_del_timer(c.l, slow) == 0, "loop: del timer");
	ulog_loop_free(c.l);
	close(c.efd);
	close(c.efd2);
	TEST_EXIT();
}
