# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel's jiffy phase, for replays whose rate matches must count in the kernel's jiffies
# (rule_coverage's coverage_nflog.py, ct_proof's ct_proof_merge.py).
import time


def jiffy_shift():
    """How far to move the packets' wall-clock times so that the evaluator's jiffies (time / 4 ms,
    HZ=250) turn over when the kernel's do: the kernel ticks at CLOCK_MONOTONIC times of a
    fixed phase (/proc/timer_list .last_tick), rate matches count in those jiffies."""
    tick = 4000000
    try:
        last = next(int(l.split(':')[1].split()[0]) for l in open('/proc/timer_list') if '.last_tick' in l)
    except (OSError, StopIteration, ValueError):
        return 0
    off = time.clock_gettime_ns(time.CLOCK_REALTIME) - time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    return (off + last) % tick
