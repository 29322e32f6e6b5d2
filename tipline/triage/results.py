"""What triage returns: frozen dataclasses, so a result can be shared, cached and compared safely.

Every suggestion carries its reasons as stable machine codes with bilingual labels: staff see why, the
database stores the codes. The ``terms`` of a reason quote words of the report: show them, never store them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["zh", "en", "mixed"]
DisplayLanguage = Literal["zh", "en"]
ScreeningOutcome = Literal["in_scope", "out_of_scope", "junk"]

CATEGORY_CODES = (
    "espionage_organization",
    "state_secrets",
    "defection",
    "cyber_espionage",
    "target_indication",
    "other_security",
)
SCREENING_CODES = ("out_of_scope", "junk")
IDENTIFIER_KINDS = (
    "phone",
    "email",
    "url",
    "domain",
    "ipv4",
    "ipv6",
    "md5",
    "sha1",
    "sha256",
    "wechat",
    "qq",
    "plate",
)


@dataclass(frozen=True, order=True)
class Identifier:
    """One normalised identifier: ``kind`` is one of IDENTIFIER_KINDS, ``value`` its canonical form
    (E.164 telephone number, lower-case e-mail address, canonical IP address, ...)."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Reason:
    """Why a suggestion was made: a stable code, its labels, how much it weighed, the words that fired it."""

    code: str
    en: str
    zh: str
    weight: float = 0.0
    terms: tuple[str, ...] = ()

    def label(self, language: DisplayLanguage) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class CategorySuggestion:
    """The suggested category with its reasons, and the runners-up with their scores (best first)."""

    code: str
    score: float
    confident: bool
    reasons: tuple[Reason, ...]
    alternatives: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class PrioritySuggestion:
    """A score from 0 to 100, its level (urgent, high, normal, low) and the reasons that raised it."""

    score: int
    level: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Referral:
    """Where an out-of-scope report belongs: a stable code, the hotline and a bilingual description."""

    code: str
    hotline: str
    en: str
    zh: str

    def label(self, language: DisplayLanguage) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Screening:
    """In scope, out of scope (with the hotline to refer to) or junk, with the reasons."""

    outcome: ScreeningOutcome
    reasons: tuple[Reason, ...]
    referral: Referral | None = None
    security_score: float = 0.0


@dataclass(frozen=True)
class TriageResult:
    """Everything triage suggests about one report."""

    language: Language
    identifiers: tuple[Identifier, ...]
    category: CategorySuggestion
    priority: PrioritySuggestion
    screening: Screening
    chosen_category: str | None = None

    @property
    def suggested_code(self) -> str:
        """The category code, or ``out_of_scope`` / ``junk`` when screening says so."""
        if self.screening.outcome != "in_scope":
            return self.screening.outcome
        return self.category.code

    def identifiers_of(self, kind: str) -> tuple[str, ...]:
        return tuple(identifier.value for identifier in self.identifiers if identifier.kind == kind)
