/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The match/target extension contract: one const descriptor per module in filter/ext/<name>.c. */
#ifndef ULOG_FILTER_EXT_H
#define ULOG_FILTER_EXT_H

/*
 * Every match and target (except the core's ACCEPT, DROP, RETURN, QUEUE,
 * jump and goto) is a module filter/ext/<base>.c that defines
 *
 *     const struct filter_ext filter_ext_<base> = { .abi = FILTER_EXT_ABI, ... };
 *
 * The Makefile generates a registry table from the wildcard
 * (filter_ext_registry[], NULL-terminated; see filter_ext_find()). A file may
 * hold only one descriptor; give an IPv4 and an IPv6 variant with different
 * behaviour their own files (e.g. REJECT.c and REJECT6.c, both .name "REJECT",
 * families V4 and V6).
 *
 * Life of an extension instance (struct filter_ext_data) in one rule:
 *   1. the core allocates it with priv_size bytes of zeroed private data and
 *      calls init() if set (set defaults);
 *   2. for each option of this extension on the rule line, in order, the core
 *      checks arity and negation (an option without FILTER_OPT_INVERT given
 *      with "!" is rejected by the core), stores it generically when the
 *      option has FILTER_OPT_PUT, calls parse() (which still sees the bits
 *      of earlier options only, so it can report its own "Only one ..."
 *      repeats), then marks it in d->seen/d->inverted;
 *   3. after the whole line: the core checks FILTER_OPT_MANDATORY options and
 *      FILTER_OPT_ONCE repeats, then calls final_check();
 *   4. at COMMIT (the kernel's checkentry): check() with the table, the hook
 *      mask of every built-in chain that reaches the rule, and the rule's
 *      standard part; then bind() to attach per-rule or per-name state from
 *      the ruleset context;
 *   5. packets: match() or target();
 *   6. the rule is deleted or its table replaced: unbind(), then freed.
 *
 * d->priv must be self-contained (no pointers to allocated memory): the
 * core copies rules with memcpy (--noflush, -R, state files). Anything
 * allocated belongs in d->state, made by bind() and freed by unbind().
 *
 * Printers write save format into caller buffers (one printer serves
 * iptables-save, -S, -L, error messages and TRACE): snprintf semantics,
 * return the length the full text needs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include "../lib/err.h"
#include "../lib/pkt.h"

#define FILTER_EXT_ABI 1

/* Families an extension serves (bit set). */
enum filter_family {
	FILTER_V4 = 1u << 0,    /* iptables */
	FILTER_V6 = 1u << 1,    /* ip6tables */
	FILTER_BOTH = FILTER_V4 | FILTER_V6,
};

enum filter_ext_kind {
	FILTER_EXT_MATCH,
	FILTER_EXT_TARGET,
};

/* Netfilter hooks, in the kernel's numbering (NF_INET_*). */
enum filter_hook {
	FILTER_PRE_ROUTING = 0,
	FILTER_LOCAL_IN = 1,
	FILTER_FORWARD = 2,
	FILTER_LOCAL_OUT = 3,
	FILTER_POST_ROUTING = 4,
	FILTER_NHOOKS = 5,
};
#define FILTER_HOOK_BIT(h) (1u << (h))

/* ---------------------------------------------------------------- options */

enum filter_opt_arg {
	FILTER_ARG_NONE,        /* --syn */
	FILTER_ARG_ONE,         /* --dport 22 */
	FILTER_ARG_TWO,         /* --tcp-flags SYN,ACK SYN, --match-set NAME src */
};

/* Value types for the generic store (FILTER_OPT_PUT) and for documentation. */
enum filter_opt_type {
	FILTER_T_NONE,          /* flag only, or parsed by parse() */
	FILTER_T_U8,            /* decimal or 0x hex, min..max */
	FILTER_T_U16,
	FILTER_T_U32,
	FILTER_T_U64,
	FILTER_T_STRING,        /* char[size] at offset, NUL-terminated, must fit */
};

enum filter_opt_flags {
	FILTER_OPT_INVERT = 1u << 0,     /* "! --opt" accepted */
	FILTER_OPT_MANDATORY = 1u << 1,  /* final: error if not given */
	FILTER_OPT_ONCE = 1u << 2,       /* given twice: error */
	FILTER_OPT_PUT = 1u << 3,        /* core stores the value at offset (type, size, min, max) */
};

struct filter_opt {
	const char *name;        /* without the leading "--": "dport" */
	enum filter_opt_arg arg;
	enum filter_opt_type type;
	unsigned flags;          /* enum filter_opt_flags */
	size_t offset;           /* FILTER_OPT_PUT: into the private data */
	size_t size;             /* FILTER_OPT_PUT: field size (STRING: buffer size) */
	uint64_t min, max;       /* FILTER_OPT_PUT integers: inclusive range (0,0 = type's range) */
};

/* ---------------------------------------------------------- rule context */

/* The standard part of a rule, as extensions see it (parse, check, print). */
struct filter_std {
	uint8_t family;          /* FILTER_V4 or FILTER_V6 */
	uint16_t proto;          /* -p number, 0 = any */
	bool proto_inv;          /* ! -p */
	bool frag;               /* -f (IPv4) */
	bool frag_inv;
};

/* What check() sees: the kernel's checkentry facts. */
struct filter_check_ctx {
	const char *table;       /* "filter", "nat", "mangle", "raw", "security" */
	unsigned hook_mask;      /* FILTER_HOOK_BIT()s of built-in chains reaching the rule */
	const struct filter_std *std;
	const char *chain;       /* the rule's chain (for messages) */
	/* The rule's matches in order (TCPMSS needs a tcp match with SYN); NULL if unknown. */
	struct filter_ext_data *const *matches;
	unsigned n_matches;
};

struct filter_ctx;           /* per-ruleset context: named state, host facts (ctx.h) */

/* ---------------------------------------------------------- packet context */

/* Conntrack state bits as the state/conntrack matches test them (XT_STATE_*). */
enum filter_ct_state {
	FILTER_CT_INVALID = 1u << 0,
	FILTER_CT_ESTABLISHED = 1u << 1,
	FILTER_CT_RELATED = 1u << 2,
	FILTER_CT_NEW = 1u << 3,
	FILTER_CT_UNTRACKED = 1u << 4,   /* XT_STATE_UNTRACKED */
	FILTER_CT_SNAT = 1u << 5,        /* conntrack --ctstate SNAT/DNAT */
	FILTER_CT_DNAT = 1u << 6,
};

/* One direction of a conntrack tuple. */
struct filter_tuple {
	uint8_t src[16], dst[16];        /* IPv4 in the first 4 bytes */
	uint16_t sport, dport;           /* host order; ICMP: id / type<<8|code */
	uint8_t proto;
};

/* One IPsec transform (xfrm state) the packet came through or will go through
 * (policy match). */
struct filter_xfrm {
	uint32_t reqid;
	uint32_t spi;                    /* host order */
	uint8_t proto;                   /* IPPROTO_ESP 50, IPPROTO_AH 51, IPPROTO_COMP 108 */
	uint8_t mode;                    /* XFRM_MODE_*: 0 transport, 1 tunnel, 4 beet */
	uint8_t saddr[16], daddr[16];    /* the SA's outer source and destination; IPv4 in the first 4 bytes */
};
#define FILTER_XFRM_MAX 6            /* XFRM_MAX_DEPTH */

/*
 * Facts about a packet beyond its bytes: filled by nfcore, or by hand in
 * tests. Targets may change the writable parts (mark, ct_mark, ct_zone, ...).
 * Strings are NUL-terminated; "" means none.
 */
struct filter_meta {
	char in[IFNAMSIZ];               /* -i; "" outside PREROUTING/INPUT/FORWARD */
	char out[IFNAMSIZ];              /* -o; "" outside FORWARD/OUTPUT/POSTROUTING */
	char phys_in[IFNAMSIZ], phys_out[IFNAMSIZ];  /* bridge ports, "" if none */
	uint32_t mark;                   /* skb->mark */
	uint8_t pkttype;                 /* PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST */
	bool has_mac;                    /* a hardware header with a source MAC */
	uint8_t mac_src[6];
	uint64_t tstamp_ns;              /* packet time, ns since the Unix epoch */

	/* conntrack; ct_valid false = no entry (untracked or not yet seen) */
	bool ct_valid;
	uint32_t ct_state;               /* enum filter_ct_state bits */
	uint32_t ct_status;              /* IPS_* bits */
	uint32_t ct_mark;
	uint16_t ct_zone;
	uint8_t ct_dir;                  /* IP_CT_DIR_ORIGINAL 0, REPLY 1 */
	char ct_helper[16];
	struct filter_tuple ct_orig, ct_reply;
	uint32_t ct_expires_s;           /* seconds left */
	uint64_t ct_pkts[2], ct_bytes[2];/* per direction, if accounting */
	bool notrack;                    /* set by -j NOTRACK / CT --notrack */

	/* local socket (OUTPUT, or early demux on INPUT) */
	bool sk_valid;
	uint32_t sk_uid, sk_gid;
	uint32_t sk_gids[16];            /* supplementary groups (owner --suppl-groups) */
	uint8_t n_sk_gids;

	/* IPsec policy facts (policy match): number of applied transforms, and
	 * the transforms themselves if known (NULL: only the count is known).
	 * sp_in: the secpath in the kernel's order (sec_path xvec[0..len-1], the
	 * outermost, first decapsulated, first); sp_out: the dst bundle in the
	 * kernel's order (skb_dst, then each child). At most FILTER_XFRM_MAX. */
	uint8_t sp_in_len, sp_out_len;
	const struct filter_xfrm *sp_in, *sp_out;

	uint32_t secmark;
	uint32_t priority;               /* skb->priority (CLASSIFY) */
	bool trace;                      /* set by -j TRACE */
	uint8_t dscp_set, tos_set;       /* nonzero if a target rewrote them (informational) */
};

/*
 * Facts the host provides: routing and addresses (addrtype, rpfilter),
 * conntrack counts (connlimit), sets (set match). nfcore implements them;
 * tests fill a small table. Any member may be NULL: the match then treats
 * the fact as absent (addrtype: UNICAST for everything not local).
 */
struct filter_host {
	/* RTN_* bit set (1 << RTN_LOCAL, ...) of @addr; @dev limits to one device or NULL. */
	uint32_t (*addr_type)(const struct filter_host *h, uint8_t family,
			      const uint8_t *addr, const char *dev);
	/* rpfilter: true if the reverse route of the packet leaves via meta->in
	 * (flags: XT_RPFILTER_LOOSE, _VALID_MARK, _ACCEPT_LOCAL as in the kernel). */
	bool (*rpf_ok)(const struct filter_host *h, const struct pkt_view *pv,
		       const struct filter_meta *m, unsigned flags);
	/* connlimit: connections in the table whose masked key equals the packet's. */
	unsigned (*ct_count)(const struct filter_host *h, const struct pkt_view *pv,
			     const struct filter_meta *m, const uint8_t *mask, bool by_dst);
	/* TCPMSS --clamp-mss-to-pmtu: the MTU of interface @dev, or (@dev NULL) of the
	 * route to @addr (@family AF_INET/AF_INET6); 0 unknown, UINT32_MAX no route. */
	uint32_t (*mtu)(const struct filter_host *h, uint8_t family, const uint8_t *addr,
			const char *dev);
	void *arg;                       /* for the implementor */
	/* time --kerneltz: the kernel's sys_tz.tz_minuteswest (what
	 * gettimeofday(NULL, &tz) reads); local time = UTC - minuteswest * 60.
	 * tz_valid false (or no host): UTC. */
	bool tz_valid;
	int32_t tz_minuteswest;
};

/* One TRACE step (the evaluator emits kind "TRACE" with this as ext_priv when
 * meta->trace is set): the kernel's "TRACE: table:chain:comment:rulenum ". */
struct filter_trace {
	const char *table;
	const char *chain;
	const char *comment;     /* "rule", "return" or "policy", as the kernel names them */
	unsigned rulenum;
};

/* What target() may ask for beyond a verdict (nfcore acts on it). */
struct filter_emit {
	/* LOG/NFLOG/REJECT/... report here; NULL = ignored (the evaluator's default).
	 * Kind "TRACE" comes from the evaluator with a struct filter_trace. */
	void (*emit)(void *arg, const char *kind, const void *ext_priv,
		     const struct pkt_view *pv, const struct filter_meta *m);
	void *arg;
};

/*
 * Write access to a packet's bytes, for targets that rewrite them (TCPMSS).
 * writable() makes the packet's bytes writable with room for @extra more
 * at the end and returns them (pv->data from then on), or NULL if it cannot;
 * resized() tells the new length after a change, and re-parses pv.
 */
struct filter_pkt_writer {
	uint8_t *(*writable)(void *arg, uint32_t extra);
	void (*resized)(void *arg, uint32_t len);
	void *arg;
};

/* One packet on one hook, as matches and targets see it. */
struct filter_pkt {
	const struct pkt_view *pv;       /* bytes from the network header (lib/pkt.h) */
	struct filter_meta *meta;
	enum filter_hook hook;
	const char *table;
	const char *chain;               /* current chain (TRACE, LOG) */
	unsigned rulenum;                /* 1-based position in chain (TRACE) */
	uint64_t now_ns;                 /* evaluation clock: meta->tstamp_ns in replay */
	const struct filter_host *host;  /* may be NULL */
	const struct filter_emit *out;   /* may be NULL */
	struct filter_ctx *ctx;          /* the ruleset's context */
	bool hotdrop;                    /* a match sets it: drop at once (kernel par->hotdrop) */
	const struct filter_pkt_writer *wr;  /* NULL: the bytes are read-only (TCPMSS leaves them) */
};

/* ------------------------------------------------------------- instance */

/* One match or target on one rule. */
struct filter_ext_data {
	const struct filter_ext *ext;
	uint64_t seen;           /* bit i: option i (index into ext->opts) was given */
	uint64_t inverted;       /* bit i: ... and with "!" */
	void *state;             /* bind() may set it: per-rule or shared named state */
	size_t priv_size;
	_Alignas(16) unsigned char priv[];  /* ext->priv_size bytes, zeroed */
};

#define FILTER_PRIV(d, type) ((type *)(void *)(d)->priv)
static inline bool filter_opt_seen(const struct filter_ext_data *d, unsigned i)
{
	return (d->seen >> i) & 1;
}
static inline bool filter_opt_inv(const struct filter_ext_data *d, unsigned i)
{
	return (d->inverted >> i) & 1;
}

/* Target verdicts (match() returns enum filter_match). */
enum filter_verdict {
	FILTER_CONTINUE = 0,     /* XT_CONTINUE: next rule (LOG, MARK, ...) */
	FILTER_ACCEPT,
	FILTER_DROP,
	FILTER_QUEUE,            /* NFQUEUE / QUEUE: queue number in pkt->meta? see queue_num */
	FILTER_STOLEN,
	FILTER_RETURN,           /* XT_RETURN */
};

enum filter_match {
	FILTER_NOMATCH = 0,
	FILTER_MATCHED = 1,
};

/* --------------------------------------------------------------- descriptor */

struct filter_ext {
	uint32_t abi;                    /* FILTER_EXT_ABI */
	const char *name;                /* as after -m / -j: "tcp", "LOG" */
	const char *save_name;           /* name save prints after -m/-j if not name, or NULL */
	const char *list_name;           /* the kernel's name, which -L shows, if not name, or NULL */
	const char *const *aliases;      /* other -m/-j names, NULL-terminated, or NULL */
	uint8_t revision;                /* the revision this module implements (informational) */
	unsigned family;                 /* enum filter_family bits */
	enum filter_ext_kind kind;

	const struct filter_opt *opts;
	unsigned n_opts;                 /* <= 64 */
	size_t priv_size;

	/* Defaults into d->priv. May be NULL. */
	void (*init)(struct filter_ext_data *d, const struct filter_std *std);

	/*
	 * One option on the rule line: @opt indexes opts[], @args its
	 * opts[opt].arg values (NULL for none), @invert the "!" before it.
	 * Returns 0, or -EINVAL with @err->msg set to iptables' message
	 * without the "iptables-restore v1.8.9 (legacy): " prefix
	 * (e.g. "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP").
	 */
	int (*parse)(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err);

	/* After the whole rule line: combinations, required options. May be NULL. */
	int (*final_check)(struct filter_ext_data *d, const struct filter_std *std,
			   struct ulog_err *err);

	/*
	 * The options in iptables-save form, without "-m name"/"-j name" and
	 * without leading or trailing space ("--dport 22", "! --syn",
	 * "--log-prefix \"a b\" --log-level 6"), "" if none. snprintf
	 * semantics on @buf/@len; returns the full length.
	 */
	int (*print)(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len);

	/*
	 * The kernel's checkentry at COMMIT: table and hook restrictions,
	 * required protocol, ranges the kernel refuses. Returns 0 or -EINVAL
	 * with @err->msg naming the problem (the core reports it as iptables
	 * does, "line N failed", plus one line naming the rule). May be NULL.
	 */
	int (*check)(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err);

	/* Attach state (per-rule: allocate into d->state; per-name:
	 * filter_ctx_shared()). May be NULL. Returns 0 or -errno. */
	int (*bind)(struct filter_ext_data *d, struct filter_ctx *ctx, struct ulog_err *err);
	/* Release what bind took. May be NULL. Also called when bind() was not
	 * (another rule's bind failed first): then d->state is still NULL. */
	void (*unbind)(struct filter_ext_data *d, struct filter_ctx *ctx);

	/*
	 * Optional: the human form iptables -L prints ("tcp dpt:22 ",
	 * "reject-with icmp-port-unreachable"), with iptables' own trailing
	 * space; @numeric is -n. NULL: -L shows the save form. Same buffer
	 * contract as print().
	 */
	int (*list)(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len);

	/* Matches: enum filter_match; may set pkt->hotdrop. */
	int (*match)(struct filter_ext_data *d, struct filter_pkt *pkt);
	/* Targets: enum filter_verdict; may change pkt->meta. */
	int (*target)(struct filter_ext_data *d, struct filter_pkt *pkt);
};

/* ---------------------------------------------------------------- registry */

/* Generated by the Makefile from filter/ext/\*.c: NULL-terminated. */
extern const struct filter_ext *const filter_ext_registry[];

/* The extension called @name (or an alias) of @kind serving @family
 * (FILTER_V4/V6), or NULL. */
const struct filter_ext *filter_ext_find(const char *name, enum filter_ext_kind kind,
					 unsigned family);

/* ------------------------------------------------------- ruleset context */

/*
 * Named state shared by every rule that names it (recent --name, hashlimit
 * --hashlimit-name, set names): the object of @kind/@name, created zeroed
 * with @size bytes on first use and kept for the context's lifetime (so a
 * table replaced by restore keeps its recent lists, as in the kernel).
 * @release (may be NULL) is called on it before it is freed. *@created
 * (may be NULL) tells whether this call created it. Returns NULL if out of
 * memory or if @kind/@name exists with another size.
 */
void *filter_ctx_shared(struct filter_ctx *ctx, const char *kind, const char *name,
			size_t size, void (*release)(void *obj), bool *created);

/* Host facts set on the context (NULL if none); nfcore and tests set them. */
const struct filter_host *filter_ctx_host(const struct filter_ctx *ctx);

#endif
