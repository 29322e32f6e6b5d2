"""What the rest of the machine is doing, for benchmarks that share it with other work: the CPU time all
processes used (from /proc/stat), and a wait for the machine to go idle before measuring."""

from __future__ import annotations

import os
import time
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq + steal
    return busy / _TICK, (busy + idle + iowait) / _TICK


def wait_quiet(max_wait: float, threshold: float = 0.15) -> str:
    """Waits (at most `max_wait` s) until the machine is idle (under `threshold` cores busy) for two half-second
    samples in a row: other work on the machine would otherwise be measured as the application's slowness."""
    start = time.monotonic()
    quiet, busy = 0, 0.0
    previous, previous_at = machine_cpu_seconds()[0], time.monotonic()
    while time.monotonic() - start < max_wait:
        time.sleep(0.5)
        current, current_at = machine_cpu_seconds()[0], time.monotonic()
        busy = (current - previous) / max(current_at - previous_at, 1e-6)
        previous, previous_at = current, current_at
        quiet = quiet + 1 if busy < threshold else 0
        if quiet >= 2:
            return f"machine idle after {time.monotonic() - start:.1f} s"
    return f"machine still busy ({busy:.2f} cores) after waiting {max_wait:.0f} s" if max_wait else "no wait"
