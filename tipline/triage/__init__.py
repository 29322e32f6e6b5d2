"""Triage of tip-line reports: language, normalised identifiers, suggested category, priority, screening, and
keyed features for linking reports into clues and for blind-index search. Pure Python, no Django.

At submission, while the plaintext is in memory::

    result, features = triage_with_features(text, keys=feature_keys, fields=form_fields, language_hint="zh")
    links = link_index.propose(features)          # earlier reports about the same matter, with evidence
    link_index.add(report_id, features)

Everything returned is a suggestion with its reasons; a person decides. See DESIGN.md 2.6-2.8.
"""

from tipline.triage.engine import triage_report, triage_with_features
from tipline.triage.features import FeatureExtractor, IdentifierToken, ReportFeatures, compute_features
from tipline.triage.linking import Evidence, LinkIndex, ProposedLink
from tipline.triage.results import (
    CATEGORY_CODES,
    IDENTIFIER_KINDS,
    CategorySuggestion,
    Identifier,
    PrioritySuggestion,
    Reason,
    Referral,
    Screening,
    TriageResult,
)

__all__ = [
    "CATEGORY_CODES",
    "IDENTIFIER_KINDS",
    "CategorySuggestion",
    "Evidence",
    "FeatureExtractor",
    "Identifier",
    "IdentifierToken",
    "LinkIndex",
    "PrioritySuggestion",
    "ProposedLink",
    "Reason",
    "Referral",
    "ReportFeatures",
    "Screening",
    "TriageResult",
    "compute_features",
    "triage_report",
    "triage_with_features",
]
