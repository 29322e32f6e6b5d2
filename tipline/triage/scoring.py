"""How matched terms turn into a signal's score and a reason: shared by category, priority and screening."""

from __future__ import annotations

from tipline.triage.configuration import Signal
from tipline.triage.results import Reason


def signal_score(signal: Signal, terms: set[str], *, repeat_bonus: float, repeat_limit: int) -> float:
    """A signal counts once; each further distinct term adds a little, up to a limit, so that a long report
    that repeats one idea does not drown a short one that states it."""
    if not terms:
        return 0.0
    return signal.weight * (1.0 + repeat_bonus * min(len(terms) - 1, repeat_limit))


def signal_reason(signal: Signal, terms: set[str], score: float, *, prefix: str = "") -> Reason:
    return Reason(
        code=f"{prefix}{signal.code}",
        en=signal.en,
        zh=signal.zh,
        weight=round(score, 3),
        terms=tuple(sorted(terms)),
    )
