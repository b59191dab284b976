/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inputs that end: the daemon's loop stops once every input called ulog_input_done(), status 1 on error. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "config_plugins.h"
#include "test.h"
#include "ulogd/daemon.h"

struct step {
	struct ulog_daemon *d;
	int ticks;
};

/* Tick 1: in1 is done; tick 2: in2 fails; tick 5: give up (the loop should have stopped). */
static void on_tick(void *arg)
{
	struct step *s = arg;

	s->ticks++;
	if (s->ticks == 1)
		ulog_input_done(ulog_daemon_instance(s->d, 0, "in1"), 0);
	if (s->ticks == 2)
		ulog_input_done(ulog_daemon_instance(s->d, 1, "in2"), -EIO);
	if (s->ticks == 5)
		ulog_loop_stop(ulog_daemon_loop(s->d));
}

static void on_alarm(int sig)
{
	printf("not ok done: the loop never stopped\n");
	_exit(1);
}

static int run(int *ticks)
{
	const char *conf = "[global]\nstack=in1:TIN,d1:TDBL,out1:TOUT\nstack=in2:TIN,all:TALL\n";
	struct step s = { .d = ulog_daemon_new(test_table) };
	struct ulog_err err;
	int status;

	if (ulog_daemon_load_buf(s.d, "t.conf", conf, strlen(conf), &err) ||
	    ulog_daemon_start(s.d, &err)) {
		printf("# %s\n", err.msg);
		return -1;
	}
	ulog_loop_add_timer(ulog_daemon_loop(s.d), 20, on_tick, &s);
	ulog_daemon_run(s.d);
	status = ulog_daemon_status(s.d);
	*ticks = s.ticks;
	ulog_daemon_free(s.d);
	return status;
}

static void stop_loop(void *arg)
{
	ulog_loop_stop(arg);
}

/* With no records at all, the 1 s timer still flushes every output. */
static void test_flush_timer(void)
{
	const char *conf = "[global]\nstack=in1:TIN,d1:TDBL,out1:TOUT\n";
	struct ulog_daemon *d = ulog_daemon_new(test_table);
	struct ulog_err err;
	struct tout_priv *p;

	if (ulog_daemon_load_buf(d, "t.conf", conf, strlen(conf), &err) ||
	    ulog_daemon_start(d, &err)) {
		printf("# %s\n", err.msg);
		ulog_daemon_free(d);
		return;
	}
	p = ULOG_PRIV(ulog_daemon_instance(d, 0, "out1"), struct tout_priv);
	ulog_loop_add_timer(ulog_daemon_loop(d), 1300, stop_loop, ulog_daemon_loop(d));
	ulog_daemon_run(d);
	CHECK(p->flushes == 1, "flush: the 1 s timer flushed the output once in 1.3 s (%d)", p->flushes);
	ulog_daemon_free(d);
}

int main(void)
{
	int ticks, status;

	signal(SIGALRM, on_alarm);
	alarm(10);
	status = run(&ticks);
	CHECK(ticks == 2, "done: loop stops when the last input is done, not before (ticks %d)", ticks);
	CHECK(status == 1, "done: an input that ended with an error makes the status 1");
	test_flush_timer();
	TEST_EXIT();
}
