"""Batch triage: JSON lines in, one JSON line out per good input line, in input order.

Input fields: ``id`` (required, unique), ``text`` (required), ``language`` (optional hint: zh or en),
``submitted_at`` (optional ISO 8601 time; without a zone it is read as UTC), ``channel`` (optional). Other
fields are ignored (the synthetic generator's ``truth`` rides along this way). A bad line is reported on the
error stream with its line number and skipped; the others still run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from tipline.triage.clues import group_into_clues, registration_order
from tipline.triage.configuration import TriageConfig, load_config
from tipline.triage.engine import triage_with_features
from tipline.triage.features import ReportFeatures
from tipline.triage.linking import LinkIndex, ProposedLink
from tipline.triage.results import TriageResult
from tipline.vault.feature_keys import FeatureKeys


class BadLine(ValueError):
    pass


@dataclass(frozen=True)
class BatchReport:
    report_id: str
    submitted_at: datetime | None
    channel: str | None
    result: TriageResult
    features: ReportFeatures


def parse_line(line: str) -> tuple[str, str, str | None, datetime | None, str | None]:
    """(id, text, language hint, submitted_at, channel) of one input line, or BadLine saying what is wrong."""
    try:
        document = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(document, dict):
        raise BadLine("not a JSON object")
    report_id = document.get("id")
    if isinstance(report_id, bool) or not isinstance(report_id, str | int) or str(report_id) == "":
        raise BadLine("'id' must be a non-empty string or an integer")
    text = document.get("text")
    if not isinstance(text, str):
        raise BadLine("'text' must be a string")
    language = document.get("language")
    if language is not None and language not in ("zh", "en"):
        raise BadLine("'language' must be 'zh' or 'en'")
    submitted_at = _parse_time(document.get("submitted_at"))
    channel = document.get("channel")
    if channel is not None and not isinstance(channel, str):
        raise BadLine("'channel' must be a string")
    return str(report_id), text, language, submitted_at, channel


def _parse_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadLine("'submitted_at' must be an ISO 8601 string")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadLine(f"'submitted_at' is not an ISO 8601 time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def triage_lines(
    lines: Iterable[str], *, keys: FeatureKeys, config: TriageConfig | None = None, errors: TextIO
) -> tuple[list[BatchReport], int]:
    """Triage and features of every good line; returns them and the number of bad lines."""
    config = config or load_config()
    reports: list[BatchReport] = []
    seen: set[str] = set()
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            report_id, text, language, submitted_at, channel = parse_line(line)
            if report_id in seen:
                raise BadLine(f"duplicate id {report_id!r}")
        except BadLine as problem:
            bad += 1
            print(f"line {number}: {problem}", file=errors)
            continue
        seen.add(report_id)
        result, features = triage_with_features(text, keys=keys, language_hint=language, config=config)
        reports.append(BatchReport(report_id, submitted_at, channel, result, features))
    return reports, bad


def propose_all_links(
    reports: list[BatchReport], config: TriageConfig
) -> dict[str, tuple[ProposedLink, ...]]:
    """Each report's proposed links to the others of the batch (document frequencies over the whole batch)."""
    index = LinkIndex(config.linking)
    index.add_many((report.report_id, report.features) for report in reports)
    return {report.report_id: index.propose(report.features, exclude=report.report_id) for report in reports}


def output_record(
    report: BatchReport, clue: str, links: tuple[ProposedLink, ...], config: TriageConfig
) -> dict[str, Any]:
    result = report.result
    reasons = [*result.screening.reasons, *result.category.reasons, *result.priority.reasons]
    record: dict[str, Any] = {
        "id": report.report_id,
        "language": result.language,
        "category": result.suggested_code,
        "priority": result.priority.score,
        "priority_level": result.priority.level,
        "reasons": list(dict.fromkeys(reason.code for reason in reasons)),
        "identifiers": [{"kind": i.kind, "value": i.value} for i in result.identifiers],
        "clue": clue,
    }
    if result.screening.referral:
        record["referral"] = {
            "code": result.screening.referral.code,
            "hotline": result.screening.referral.hotline,
        }
    record["links"] = [
        {
            "id": link.report_id,
            "score": link.score,
            "evidence": [evidence.render("en", config) for evidence in link.evidence],
        }
        for link in links
    ]
    return record


def run_batch(lines: Iterable[str], *, keys: FeatureKeys, output: TextIO, errors: TextIO) -> int:
    """The ``batch`` command: writes one JSON line per good input line; returns the number of bad lines."""
    config = load_config()
    reports, bad = triage_lines(lines, keys=keys, config=config, errors=errors)
    links = propose_all_links(reports, config)
    clues = group_into_clues(
        [report.report_id for report in reports],
        [registration_order(report.submitted_at) for report in reports],
        ((report_id, link.report_id) for report_id, proposed in links.items() for link in proposed),
    )
    for report in reports:
        record = output_record(report, clues[report.report_id], links[report.report_id], config)
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
    return bad
