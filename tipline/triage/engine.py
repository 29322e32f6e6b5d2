"""Triage of one report: the function the submission path calls while the plaintext is in memory."""

from __future__ import annotations

from collections.abc import Mapping

from tipline.triage.classification import suggest_category
from tipline.triage.configuration import TriageConfig, load_config
from tipline.triage.features import ReportFeatures, feature_extractor
from tipline.triage.identifiers import extract_identifiers, normalise_field
from tipline.triage.language import detect_language
from tipline.triage.priority import suggest_priority
from tipline.triage.results import IDENTIFIER_KINDS, Identifier, TriageResult
from tipline.triage.screening import screen
from tipline.vault.feature_keys import FeatureKeys


def triage_report(
    text: str,
    *,
    fields: Mapping[str, str] | None = None,
    language_hint: str | None = None,
    chosen_category: str | None = None,
    config: TriageConfig | None = None,
) -> TriageResult:
    """Suggests language, identifiers, category, priority and screening for one report.

    ``fields`` are the other fields of the form: a key that names an identifier kind ("phone", "wechat",
    "plate", ...) holds an identifier typed into its own field; any other key ("title", "place", "people")
    holds free text that is read with the report. ``language_hint`` is the language of the page the report
    was written in; ``chosen_category`` the reporter's own choice, used only when the text says nothing.
    Pure: the same input always gives the same result."""
    return _triage(text, fields, language_hint, chosen_category, config or load_config())[0]


def triage_with_features(
    text: str,
    *,
    keys: FeatureKeys,
    fields: Mapping[str, str] | None = None,
    language_hint: str | None = None,
    chosen_category: str | None = None,
    config: TriageConfig | None = None,
) -> tuple[TriageResult, ReportFeatures]:
    """``triage_report`` and the report's keyed features in one pass: what submission calls while the
    plaintext is in memory. Store the features (``ReportFeatures.to_json_dict``), never the text."""
    config = config or load_config()
    result, remaining = _triage(text, fields, language_hint, chosen_category, config)
    features = feature_extractor(keys, config).features(remaining, result.identifiers)
    return result, features


def _triage(
    text: str,
    fields: Mapping[str, str] | None,
    language_hint: str | None,
    chosen_category: str | None,
    config: TriageConfig,
) -> tuple[TriageResult, str]:
    free_text = [text]
    typed: set[Identifier] = set()
    for key, value in (fields or {}).items():
        if not value:
            continue
        if key in IDENTIFIER_KINDS:
            typed.update(normalise_field(key, value, config.identifiers))
        else:
            free_text.append(value)
    full_text = "\n".join(free_text)
    extraction = extract_identifiers(full_text, config.identifiers)
    identifiers = tuple(sorted(set(extraction.identifiers) | typed))
    remaining = extraction.remaining_text
    language = detect_language(remaining, config.language, hint=language_hint)
    matches = config.matcher.find(remaining.lower())
    category = suggest_category(matches, identifiers, config.classification, chosen_category=chosen_category)
    screening = screen(remaining, matches, identifiers, category, config.screening)
    priority = suggest_priority(matches, config.priority, in_scope=screening.outcome == "in_scope")
    result = TriageResult(
        language=language,
        identifiers=identifiers,
        category=category,
        priority=priority,
        screening=screening,
        chosen_category=chosen_category,
    )
    return result, remaining
