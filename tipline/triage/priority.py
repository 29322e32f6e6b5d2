"""Suggesting a priority score (0-100) and level from the signals of priority.toml."""

from __future__ import annotations

from tipline.triage.configuration import PriorityConfig
from tipline.triage.lexicon import OwnerKey
from tipline.triage.results import PrioritySuggestion, Reason
from tipline.triage.scoring import signal_reason

NOT_IN_SCOPE = Reason(
    code="not_in_scope",
    en="screening suggests the report is not for this tip line",
    zh="初筛认为不属于本平台受理范围",
)


def suggest_priority(
    matches: dict[OwnerKey, set[str]], config: PriorityConfig, *, in_scope: bool = True
) -> PrioritySuggestion:
    score = float(config.base)
    reasons = []
    for signal in config.signals:
        terms = matches.get(("priority", signal.code), set())
        if terms:
            score += signal.weight
            reasons.append(signal_reason(signal, terms, signal.weight))
    if not in_scope:
        return PrioritySuggestion(0, config.levels[-1].code, (NOT_IN_SCOPE, *reasons))
    value = min(100, round(score))
    level = next(level.code for level in config.levels if value >= level.minimum)
    return PrioritySuggestion(value, level, tuple(reasons))
