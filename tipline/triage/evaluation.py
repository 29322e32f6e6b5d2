"""Measuring triage against the synthetic ground truth: link precision and recall over pairs of reports,
category accuracy with its confusion matrix, out-of-scope/junk flagging, identifier recall, language.

The held-out split is the default and the figure to report; ``--split dev`` is for refining lexicons and
thresholds, and only there may individual errors be listed (``--show-errors``), so that the held-out reports
are never read while tuning (see synthetic.py).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from math import comb

from tipline.triage.batch import BatchReport, propose_all_links, triage_lines
from tipline.triage.clues import group_into_clues, registration_order
from tipline.triage.configuration import load_config
from tipline.triage.results import CATEGORY_CODES, SCREENING_CODES
from tipline.triage.synthetic import DEV_SEED, HELDOUT_SEED, Split, SyntheticReport, generate_reports
from tipline.vault.feature_keys import FeatureKeys

DEFAULT_COUNT = 3000
PREDICTED_COLUMNS = (*CATEGORY_CODES, *SCREENING_CODES)
SHORT_NAMES = {
    "espionage_organization": "esp_org",
    "state_secrets": "secrets",
    "defection": "defect",
    "cyber_espionage": "cyber",
    "target_indication": "target",
    "other_security": "other",
    "out_of_scope": "out",
    "junk": "junk",
}


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})"


@dataclass(frozen=True)
class Evaluation:
    split: str
    seed: int
    reports: int
    link_precision: Ratio
    link_recall: Ratio
    category_accuracy: Ratio
    confusion: dict[str, Counter[str]]
    flag_precision: Ratio
    flag_recall: Ratio
    flag_outcome_accuracy: Ratio
    referral_accuracy: Ratio
    identifier_recall: Ratio
    language_accuracy: Ratio
    errors: tuple[str, ...]


def _pair_counts(clusters: dict[str, str], truth: dict[str, str]) -> tuple[int, int, int]:
    """(pairs grouped by both, pairs grouped by the prediction, pairs grouped by the truth)."""
    cells = Counter((clusters[report], truth[report]) for report in clusters)
    predicted = Counter(clusters.values())
    actual = Counter(truth.values())
    both = sum(comb(size, 2) for size in cells.values())
    return (
        both,
        sum(comb(size, 2) for size in predicted.values()),
        sum(comb(size, 2) for size in actual.values()),
    )


def evaluate(
    *,
    split: Split = "heldout",
    seed: int | None = None,
    count: int = DEFAULT_COUNT,
    keys: FeatureKeys,
    show_errors: int = 0,
) -> Evaluation:
    if show_errors and split != "dev":
        raise ValueError(
            "errors may only be listed for the dev split: the held-out reports are not for tuning"
        )
    seed = seed if seed is not None else (HELDOUT_SEED if split == "heldout" else DEV_SEED)
    config = load_config()
    synthetic = generate_reports(seed, count, split)
    by_id: dict[str, SyntheticReport] = {report.id: report for report in synthetic}
    reports, bad = triage_lines(
        (report.to_json() for report in synthetic), keys=keys, config=config, errors=io.StringIO()
    )
    if bad:
        raise RuntimeError(f"{bad} generated lines were rejected")
    links = propose_all_links(reports, config)
    clusters = group_into_clues(
        [report.report_id for report in reports],
        [registration_order(report.submitted_at) for report in reports],
        ((report_id, link.report_id) for report_id, proposed in links.items() for link in proposed),
    )
    truth_matter = {report.report_id: str(by_id[report.report_id].truth["matter"]) for report in reports}
    both, predicted_pairs, actual_pairs = _pair_counts(clusters, truth_matter)

    confusion: dict[str, Counter[str]] = {code: Counter() for code in CATEGORY_CODES}
    category_hits = category_total = 0
    flag_true = flag_predicted = flag_both = outcome_hits = 0
    referral_hits = referral_total = 0
    identifier_hits = identifier_total = 0
    language_hits = language_total = 0
    errors: list[str] = []
    for report in reports:
        truth = by_id[report.report_id].truth
        actual = str(truth["category"])
        predicted = report.result.suggested_code
        if actual in CATEGORY_CODES:
            confusion[actual][predicted] += 1
            category_total += 1
            category_hits += predicted == actual
        is_flag, flagged = actual in SCREENING_CODES, predicted in SCREENING_CODES
        flag_true += is_flag
        flag_predicted += flagged
        flag_both += is_flag and flagged
        outcome_hits += is_flag and flagged and predicted == actual
        if actual == "out_of_scope" and predicted == "out_of_scope":
            referral_total += 1
            referral = report.result.screening.referral
            referral_hits += referral is not None and referral.code == truth["referral"]
        found = {str(identifier) for identifier in report.result.identifiers}
        for identifier in truth["identifiers"]:  # type: ignore[attr-defined]
            identifier_total += 1
            identifier_hits += identifier in found
        if truth["language"] in ("zh", "en") and actual not in SCREENING_CODES:
            language_total += 1
            language_hits += report.result.language == truth["language"]
        if show_errors and predicted != actual and len(errors) < show_errors:
            errors.append(_describe_error(report, actual, by_id[report.report_id].text))
    if show_errors:
        errors.extend(_link_errors(reports, clusters, truth_matter, by_id, show_errors))
    return Evaluation(
        split=split,
        seed=seed,
        reports=len(reports),
        link_precision=Ratio(both, predicted_pairs),
        link_recall=Ratio(both, actual_pairs),
        category_accuracy=Ratio(category_hits, category_total),
        confusion=confusion,
        flag_precision=Ratio(flag_both, flag_predicted),
        flag_recall=Ratio(flag_both, flag_true),
        flag_outcome_accuracy=Ratio(outcome_hits, flag_both),
        referral_accuracy=Ratio(referral_hits, referral_total),
        identifier_recall=Ratio(identifier_hits, identifier_total),
        language_accuracy=Ratio(language_hits, language_total),
        errors=tuple(errors),
    )


def _describe_error(report: BatchReport, actual: str, text: str) -> str:
    result = report.result
    reasons = ", ".join(reason.code for reason in (*result.screening.reasons, *result.category.reasons))
    return f"[category] truth={actual} predicted={result.suggested_code} ({reasons})\n    {text[:300]}"


def _link_errors(
    reports: list[BatchReport],
    clusters: dict[str, str],
    truth: dict[str, str],
    by_id: dict[str, SyntheticReport],
    limit: int,
) -> list[str]:
    """Examples of wrongly merged groups (precision) and of split matters (recall)."""
    lines: list[str] = []
    members: dict[str, list[str]] = {}
    for report in reports:
        members.setdefault(clusters[report.report_id], []).append(report.report_id)
    for group in members.values():
        matters = Counter(truth[report_id] for report_id in group)
        if len(matters) > 1 and len(lines) < limit:
            lines.append(f"[merged] {len(group)} reports of matters {dict(matters)}")
            for report_id in group[:4]:
                lines.append(f"    {truth[report_id]} {by_id[report_id].text[:160]}")
    by_matter: dict[str, set[str]] = {}
    for report_id, matter in truth.items():
        by_matter.setdefault(matter, set()).add(clusters[report_id])
    split_count = 0
    for matter, groups in by_matter.items():
        if len(groups) > 1 and split_count < limit:
            split_count += 1
            lines.append(f"[split] matter {matter} in {len(groups)} groups")
            for report_id, other in truth.items():
                if other == matter:
                    lines.append(f"    {clusters[report_id]} {by_id[report_id].text[:160]}")
    return lines


def format_evaluation(evaluation: Evaluation) -> str:
    out = io.StringIO()
    write = out.write
    write(
        f"Triage evaluation on the {evaluation.split} split "
        f"(seed {evaluation.seed}, {evaluation.reports} reports)\n\n"
    )
    write(f"  link precision (pairs)         {evaluation.link_precision}   target >= 0.95\n")
    write(f"  link recall (pairs)            {evaluation.link_recall}   target >= 0.90\n")
    write(f"  category top-1 accuracy        {evaluation.category_accuracy}   target >= 0.85 (in scope)\n")
    write(f"  out-of-scope/junk precision    {evaluation.flag_precision}   target >= 0.95\n")
    write(f"  out-of-scope/junk recall       {evaluation.flag_recall}\n")
    write(f"  flagged with the right outcome {evaluation.flag_outcome_accuracy}   (out_of_scope vs junk)\n")
    write(f"  right hotline when out of scope {evaluation.referral_accuracy}\n")
    write(f"  identifier recall              {evaluation.identifier_recall}\n")
    write(f"  language (zh/en reports)       {evaluation.language_accuracy}\n\n")
    write("  confusion matrix (rows: truth, columns: suggested)\n")
    header = "".join(f"{SHORT_NAMES[column]:>9}" for column in PREDICTED_COLUMNS)
    write(f"  {'':<10}{header}\n")
    for row in CATEGORY_CODES:
        cells = "".join(f"{evaluation.confusion[row][column]:>9}" for column in PREDICTED_COLUMNS)
        write(f"  {SHORT_NAMES[row]:<10}{cells}\n")
    if evaluation.errors:
        write("\n  errors (dev split only)\n")
        for line in evaluation.errors:
            write(f"  {line}\n")
    return out.getvalue()
