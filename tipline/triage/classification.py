"""Suggesting a category from the lexicons of categories.toml and the kinds of identifiers in the report."""

from __future__ import annotations

from tipline.triage.configuration import ClassificationConfig
from tipline.triage.lexicon import OwnerKey
from tipline.triage.results import CATEGORY_CODES, CategorySuggestion, Identifier, Reason
from tipline.triage.scoring import signal_reason, signal_score

FALLBACK_CATEGORY = "other_security"
NO_SIGNAL = Reason(
    code="no_specific_signal",
    en="no category-specific words found",
    zh="未发现可判断类别的词语",
)
REPORTER_CHOICE = Reason(
    code="reporter_choice",
    en="the category the reporter chose",
    zh="举报人选择的类别",
)


def suggest_category(
    matches: dict[OwnerKey, set[str]],
    identifiers: tuple[Identifier, ...],
    config: ClassificationConfig,
    *,
    chosen_category: str | None = None,
) -> CategorySuggestion:
    kinds = {identifier.kind for identifier in identifiers}
    scored: list[tuple[float, int, str, tuple[Reason, ...]]] = []
    for order, category in enumerate(config.categories):
        reasons: list[Reason] = []
        total = 0.0
        fired = [
            (signal, matches.get(("category", f"{category.code}.{signal.code}"), set()))
            for signal in category.signals
        ]
        has_main_signal = any(terms and not signal.supporting for signal, terms in fired)
        for signal, terms in fired:
            if signal.supporting and not has_main_signal:
                continue
            score = signal_score(
                signal, terms, repeat_bonus=config.repeat_bonus, repeat_limit=config.repeat_limit
            )
            if score:
                total += score
                reasons.append(signal_reason(signal, terms, score, prefix=f"{category.code}."))
        indicator_weight = sum(weight for kind, weight in category.identifier_weights if kind in kinds)
        if indicator_weight:
            total += indicator_weight
            present = sorted(kind for kind, _ in category.identifier_weights if kind in kinds)
            reasons.append(
                Reason(
                    code=f"{category.code}.technical_indicators",
                    en="technical indicators (IP addresses, hashes, domains) are given",
                    zh="提供了技术指标（IP地址、哈希值、域名）",
                    weight=round(indicator_weight, 3),
                    terms=tuple(present),
                )
            )
        scored.append((total, -order, category.code, tuple(reasons)))
    scored.sort(reverse=True)
    best_score, _, best_code, best_reasons = scored[0]
    alternatives = tuple((code, round(score, 3)) for score, _, code, _ in scored[1:] if score > 0)
    if best_score >= config.minimum_score:
        return CategorySuggestion(best_code, round(best_score, 3), True, best_reasons, alternatives)
    if chosen_category in CATEGORY_CODES:
        return CategorySuggestion(chosen_category, 0.0, False, (REPORTER_CHOICE,), alternatives)
    return CategorySuggestion(FALLBACK_CATEGORY, 0.0, False, (NO_SIGNAL,), alternatives)
