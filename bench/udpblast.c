// SPDX-License-Identifier: GPL-2.0-or-later
// udpblast: sends N UDP datagrams round-robin to a list of addresses, paced or flat out (bench load).
//
// Usage: udpblast COUNT RATE PORT ADDR [ADDR...]
//   COUNT  datagrams in all; RATE datagrams per second (0: as fast as possible);
//   PORT   destination port; ADDR an IPv4 or IPv6 literal. Payload: 64 bytes.
// Sends in batches of BATCH with sendmmsg; pacing sleeps to an absolute deadline per batch so
// that the average rate holds even when a sleep overshoots. Prints "sent N errors E seconds S".
// Run it only inside a namespace that holds the destination addresses.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH    32
#define PAYLOAD  64
#define MAX_DST  8

struct dst {
	int fd;
	struct sockaddr_storage sa;
	socklen_t len;
};

/* parse_dst: fills d from an address literal and a port and opens its socket; 0 or -1. */
static int parse_dst(struct dst *d, const char *addr, unsigned port)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&d->sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&d->sa;

	memset(d, 0, sizeof(*d));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		d->len = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		d->len = sizeof(*s6);
	} else {
		return -1;
	}
	d->fd = socket(d->sa.ss_family, SOCK_DGRAM, 0);
	return d->fd < 0 ? -1 : 0;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* sleep_until: sleeps to the monotonic time t (seconds); returns at once if it is past. */
static void sleep_until(double t)
{
	struct timespec ts = { .tv_sec = (time_t)t, .tv_nsec = (long)((t - (time_t)t) * 1e9) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/* send_batch: sends n datagrams to d; returns how many the kernel took. */
static int send_batch(const struct dst *d, unsigned char *payload, int n)
{
	struct mmsghdr m[BATCH];
	struct iovec iov = { .iov_base = payload, .iov_len = PAYLOAD };
	int i, r;

	memset(m, 0, sizeof(m));
	for (i = 0; i < n; i++) {
		m[i].msg_hdr.msg_name = (void *)&d->sa;
		m[i].msg_hdr.msg_namelen = d->len;
		m[i].msg_hdr.msg_iov = &iov;
		m[i].msg_hdr.msg_iovlen = 1;
	}
	r = sendmmsg(d->fd, m, n, 0);
	return r < 0 ? 0 : r;
}

int main(int argc, char **argv)
{
	struct dst dst[MAX_DST];
	unsigned char payload[PAYLOAD];
	long count, rate, sent = 0, errors = 0, b = 0;
	int ndst, i;
	double t0, t;

	if (argc < 5 || argc - 4 > MAX_DST) {
		fprintf(stderr, "usage: udpblast COUNT RATE PORT ADDR [ADDR...] (at most %d)\n", MAX_DST);
		return 2;
	}
	count = atol(argv[1]);
	rate = atol(argv[2]);
	ndst = argc - 4;
	for (i = 0; i < ndst; i++) {
		if (parse_dst(&dst[i], argv[4 + i], (unsigned)atoi(argv[3])) < 0) {
			fprintf(stderr, "udpblast: %s: %s\n", argv[4 + i], strerror(errno ? errno : EINVAL));
			return 1;
		}
	}
	memset(payload, 'u', sizeof(payload));
	t0 = now_s();
	while (sent + errors < count) {
		int n = count - sent - errors < BATCH ? (int)(count - sent - errors) : BATCH;
		int got = send_batch(&dst[b % ndst], payload, n);

		sent += got;
		errors += n - got;
		b++;
		if (rate > 0)
			sleep_until(t0 + (double)(sent + errors) / rate);
	}
	t = now_s() - t0;
	printf("sent %ld errors %ld seconds %.3f\n", sent, errors, t);
	return errors ? 1 : 0;
}
