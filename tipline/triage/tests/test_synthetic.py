"""The synthetic generator: reproducible, covers every kind of report, keeps the held-out phrases apart."""

from __future__ import annotations

from collections import Counter

import phonenumbers

from tipline.triage import synthetic_phrases as phrases
from tipline.triage.results import CATEGORY_CODES
from tipline.triage.synthetic import generate_reports


def test_same_seed_same_reports_and_splits_differ() -> None:
    assert generate_reports(5, 200, "dev") == generate_reports(5, 200, "dev")
    assert generate_reports(5, 200, "dev") != generate_reports(5, 200, "heldout")


def test_every_category_and_kind_of_report_is_there() -> None:
    reports = generate_reports(11, 1500, "dev")
    categories = Counter(str(report.truth["category"]) for report in reports)
    assert set(categories) == {*CATEGORY_CODES, "out_of_scope", "junk"}
    roles = Counter(str(report.truth["role"]) for report in reports)
    assert roles["repost"] > 0
    languages = Counter(str(report.truth["language"]) for report in reports)
    assert {"zh", "en", "mixed"} <= set(languages)
    matters = Counter(str(report.truth["matter"]) for report in reports)
    assert max(matters.values()) >= 3


def test_dev_never_uses_held_out_phrases() -> None:
    held_out = [
        sentence.split("{")[0][:12]
        for by_language in phrases.BEHAVIOUR.values()
        for pool in by_language.values()
        for index, sentence in enumerate(pool)
        if index % 3 == 2 and len(sentence.split("{")[0]) >= 12
    ]
    texts = [report.text for report in generate_reports(12, 1500, "dev")]
    assert held_out
    for opening in held_out:
        assert not any(opening in text for text in texts), opening
    held_out_texts = [report.text for report in generate_reports(12, 1500, "heldout")]
    assert any(opening in text for opening in held_out for text in held_out_texts)


def test_generated_telephone_numbers_are_valid() -> None:
    for report in generate_reports(13, 800, "dev"):
        for identifier in report.truth["identifiers"]:  # type: ignore[attr-defined]
            kind, value = str(identifier).split(":", 1)
            if kind == "phone":
                assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value
