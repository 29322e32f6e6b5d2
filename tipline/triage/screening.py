"""Screening: in scope, out of scope (with the hotline that handles it) or junk.

The rules lean towards "in scope": a report that speaks of national security is never set aside, however much
else it says (an espionage approach dressed as a part-time job offer reads a lot like a scam)."""

from __future__ import annotations

import re

from tipline.triage.configuration import ScreeningConfig
from tipline.triage.lexicon import OwnerKey
from tipline.triage.results import CategorySuggestion, Identifier, Reason, Referral, Screening
from tipline.triage.scoring import signal_reason, signal_score
from tipline.triage.text_forms import CJK_CLASS

_MEANINGFUL = re.compile(f"[A-Za-z0-9{CJK_CLASS}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{5,}")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{4,}", re.IGNORECASE)

EMPTY = Reason(code="junk.empty", en="almost no content", zh="几乎没有内容")
GIBBERISH = Reason(code="junk.gibberish", en="looks like random typing", zh="疑似乱码或随意输入")


def _looks_like_gibberish(text: str, config: ScreeningConfig) -> bool:
    compact = "".join(_MEANINGFUL.findall(text))
    if re.search(f"(.)\\1{{{config.junk_repeated_run - 1},}}", compact):
        return len(set(compact)) <= max(3, len(compact) // 10)
    # Few distinct characters for the length ("哈哈哈哈哈哈", "1111 2222"); only for short texts, since any
    # long English text uses few distinct letters.
    short = config.junk_minimum_length_for_ratio <= len(compact) <= 5 * config.junk_minimum_length_for_ratio
    if short and len(set(compact)) / len(compact) < config.junk_minimum_distinct_ratio:
        return True
    words = _LATIN_WORD.findall(text)
    if len(words) >= 3:
        mashed = sum(1 for word in words if _CONSONANT_RUN.search(word))
        return mashed / len(words) > 0.5
    return False


def screen(
    text: str,
    matches: dict[OwnerKey, set[str]],
    identifiers: tuple[Identifier, ...],
    category: CategorySuggestion,
    config: ScreeningConfig,
) -> Screening:
    security_terms = matches.get(("security", config.security.code), set())
    security_term_score = signal_score(
        config.security, security_terms, repeat_bonus=config.repeat_bonus, repeat_limit=config.repeat_limit
    )
    security = category.score + security_term_score
    security_reasons = tuple(category.reasons if category.confident else ())
    if security_terms:
        security_reasons += (signal_reason(config.security, security_terms, security_term_score),)

    meaningful = len(_MEANINGFUL.findall(text))
    if meaningful < config.junk_minimum_characters and not identifiers and security == 0:
        return Screening("junk", (EMPTY,), security_score=security)
    if security < config.junk_security_floor and _looks_like_gibberish(text, config):
        return Screening("junk", (GIBBERISH,), security_score=security)

    junk_reasons = []
    junk_score = 0.0
    for signal in config.junk_signals:
        terms = matches.get(("junk", signal.code), set())
        score = signal_score(
            signal, terms, repeat_bonus=config.repeat_bonus, repeat_limit=config.repeat_limit
        )
        if score:
            junk_score += score
            junk_reasons.append(signal_reason(signal, terms, score, prefix="junk."))

    best_referral: tuple[float, Referral, Reason] | None = None
    for rule in config.referrals:
        terms = matches.get(("referral", rule.signal.code), set())
        score = signal_score(
            rule.signal, terms, repeat_bonus=config.repeat_bonus, repeat_limit=config.repeat_limit
        )
        if score and (best_referral is None or score > best_referral[0]):
            referral = Referral(rule.signal.code, rule.hotline, rule.signal.en, rule.signal.zh)
            best_referral = (score, referral, signal_reason(rule.signal, terms, score, prefix="referral."))

    referral_score = best_referral[0] if best_referral else 0.0
    if (
        junk_score >= config.junk_minimum_score
        and security < config.junk_security_floor
        and junk_score > referral_score
    ):
        return Screening("junk", tuple(junk_reasons), security_score=security)
    if (
        best_referral is not None
        and referral_score >= config.out_of_scope_minimum
        and referral_score > security * config.security_factor
    ):
        return Screening(
            "out_of_scope", (best_referral[2],), referral=best_referral[1], security_score=security
        )
    return Screening("in_scope", security_reasons, security_score=security)
