/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interface index to name table: a sorted array, binary search per lookup. */
#include "iftable.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void iftable_init(struct iftable *t)
{
	memset(t, 0, sizeof(*t));
}

void iftable_free(struct iftable *t)
{
	free(t->ent);
	iftable_init(t);
}

void iftable_clear(struct iftable *t)
{
	t->n = 0;
}

/* Position of @index, or where it would be inserted. */
static unsigned iftable_pos(const struct iftable *t, uint32_t index)
{
	unsigned lo = 0, hi = t->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (t->ent[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *iftable_name(const struct iftable *t, uint32_t index)
{
	unsigned i = iftable_pos(t, index);

	return i < t->n && t->ent[i].index == index ? t->ent[i].name : NULL;
}

int iftable_set(struct iftable *t, uint32_t index, const char *name)
{
	unsigned i = iftable_pos(t, index);

	if (i >= t->n || t->ent[i].index != index) {
		if (t->n == t->cap) {
			unsigned cap = t->cap ? t->cap * 2 : 16;
			struct iftable_ent *e = realloc(t->ent, cap * sizeof(*e));

			if (!e)
				return -ENOMEM;
			t->ent = e;
			t->cap = cap;
		}
		memmove(&t->ent[i + 1], &t->ent[i], (t->n - i) * sizeof(t->ent[0]));
		t->n++;
		t->ent[i].index = index;
	}
	snprintf(t->ent[i].name, sizeof(t->ent[i].name), "%s", name);
	return 0;
}

void iftable_del(struct iftable *t, uint32_t index)
{
	unsigned i = iftable_pos(t, index);

	if (i < t->n && t->ent[i].index == index) {
		memmove(&t->ent[i], &t->ent[i + 1], (t->n - i - 1) * sizeof(t->ent[0]));
		t->n--;
	}
}

static int iftable_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) == IFLA_IFNAME &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
		tb[IFLA_IFNAME] = a;
	return MNL_CB_OK;
}

int iftable_apply(struct iftable *t, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { NULL };
	const struct ifinfomsg *ifi;

	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return 0;
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*ifi)))
		return -EINVAL;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (ifi->ifi_index <= 0)
		return -EINVAL;
	if (nlh->nlmsg_type == RTM_DELLINK) {
		iftable_del(t, (uint32_t)ifi->ifi_index);
		return 0;
	}
	if (mnl_attr_parse(nlh, sizeof(*ifi), iftable_attr_cb, tb) < 0 || !tb[IFLA_IFNAME])
		return -EINVAL;
	return iftable_set(t, (uint32_t)ifi->ifi_index, mnl_attr_get_str(tb[IFLA_IFNAME]));
}
