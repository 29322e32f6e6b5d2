"""Loading the triage configuration: lexicons, rules, weights and thresholds are data files in ``config/``,
read once per process and checked as they are read, so that a typo fails at start-up, not at the first report.

Another directory with the same files can be given (``load_config(path)``) to run triage for another kind of
tip line without touching the code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from tipline.triage.lexicon import PhraseMatcher
from tipline.triage.results import CATEGORY_CODES, IDENTIFIER_KINDS

DEFAULT_CONFIG_DIRECTORY = Path(__file__).resolve().parent / "config"


class ConfigurationError(ValueError):
    pass


@dataclass(frozen=True)
class Signal:
    """A group of terms that mean one thing, with its weight and its bilingual label (a reason)."""

    code: str
    en: str
    zh: str
    weight: float
    terms: tuple[str, ...]
    supporting: bool = False


@dataclass(frozen=True)
class Category:
    code: str
    en: str
    zh: str
    signals: tuple[Signal, ...]
    identifier_weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ClassificationConfig:
    minimum_score: float
    repeat_bonus: float
    repeat_limit: int
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class PriorityLevel:
    code: str
    minimum: int
    en: str
    zh: str


@dataclass(frozen=True)
class PriorityConfig:
    base: int
    levels: tuple[PriorityLevel, ...]
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class ReferralRule:
    signal: Signal
    hotline: str


@dataclass(frozen=True)
class ScreeningConfig:
    security: Signal
    out_of_scope_minimum: float
    security_factor: float
    repeat_bonus: float
    repeat_limit: int
    referrals: tuple[ReferralRule, ...]
    junk_minimum_characters: int
    junk_security_floor: float
    junk_minimum_score: float
    junk_repeated_run: int
    junk_minimum_distinct_ratio: float
    junk_minimum_length_for_ratio: int
    junk_signals: tuple[Signal, ...]


@dataclass(frozen=True)
class LanguageConfig:
    latin_letters_per_cjk_character: float
    chinese_share: float
    english_share: float
    minimum_letters: int


@dataclass(frozen=True)
class IdentifierConfig:
    default_phone_region: str
    top_level_domains: frozenset[str]
    wechat_labels: tuple[str, ...]
    qq_labels: tuple[str, ...]
    plate_provinces: str
    common: frozenset[tuple[str, str]]
    kind_labels: tuple[tuple[str, str, str], ...]  # (kind, en, zh)

    def kind_label(self, kind: str, language: str) -> str:
        for candidate, en, zh in self.kind_labels:
            if candidate == kind:
                return zh if language == "zh" else en
        return kind


@dataclass(frozen=True)
class LinkingConfig:
    permutations: int
    bands: int
    minimum_shingles: int
    link_threshold: float
    identifier_weights: tuple[tuple[str, float], ...]
    full_weight_up_to: int
    no_weight_from: int
    maximum_postings_read: int
    text_floor: float
    text_full: float
    text_maximum_weight: float
    conflict_factor: float
    conflict_kinds: frozenset[str]
    evidence_templates: tuple[tuple[str, str, str], ...]  # (code, en, zh)

    @property
    def rows_per_band(self) -> int:
        return self.permutations // self.bands

    def identifier_weight(self, kind: str) -> float:
        return dict(self.identifier_weights).get(kind, 0.0)


@dataclass(frozen=True)
class TokenConfig:
    english_stopwords: frozenset[str]
    chinese_stopwords: frozenset[str]


@dataclass(frozen=True)
class TriageConfig:
    directory: Path
    classification: ClassificationConfig
    priority: PriorityConfig
    screening: ScreeningConfig
    language: LanguageConfig
    identifiers: IdentifierConfig
    linking: LinkingConfig
    tokens: TokenConfig

    @property
    def user_dictionary(self) -> Path:
        return self.directory / "userdict.txt"

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """One matcher for every lexicon, so that a report is scanned once."""
        entries: list[tuple[tuple[str, str], tuple[str, ...]]] = []
        for category in self.classification.categories:
            for signal in category.signals:
                entries.append((("category", f"{category.code}.{signal.code}"), signal.terms))
        for signal in self.priority.signals:
            entries.append((("priority", signal.code), signal.terms))
        entries.append((("security", self.screening.security.code), self.screening.security.terms))
        for rule in self.screening.referrals:
            entries.append((("referral", rule.signal.code), rule.signal.terms))
        for signal in self.screening.junk_signals:
            entries.append((("junk", signal.code), signal.terms))
        return PhraseMatcher(entries)


def _read(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"{path}: {error}") from error


def _signal(table: dict[str, Any], where: str, *, code: str | None = None) -> Signal:
    try:
        terms = tuple(table.get("zh_terms", [])) + tuple(table.get("en_terms", []))
        if not terms:
            raise ConfigurationError(f"{where}: a signal needs zh_terms or en_terms")
        return Signal(
            code=code or str(table["code"]),
            en=str(table["en"]),
            zh=str(table["zh"]),
            weight=float(table["weight"]),
            terms=terms,
            supporting=bool(table.get("supporting", False)),
        )
    except KeyError as missing:
        raise ConfigurationError(f"{where}: missing {missing.args[0]!r}") from None


def _classification(document: dict[str, Any]) -> ClassificationConfig:
    categories = []
    tables = document.get("categories", {})
    if set(tables) != set(CATEGORY_CODES):
        raise ConfigurationError(
            f"categories.toml must define exactly {CATEGORY_CODES}, not {sorted(tables)}"
        )
    identifier_weights = document.get("identifier_weights", {})
    for code in CATEGORY_CODES:
        table = tables[code]
        signals = tuple(
            _signal(signal, f"categories.{code}.signals[{index}]")
            for index, signal in enumerate(table.get("signals", []))
        )
        weights = tuple(
            (str(kind), float(weight)) for kind, weight in identifier_weights.get(code, {}).items()
        )
        unknown = {kind for kind, _ in weights} - set(IDENTIFIER_KINDS)
        if unknown:
            raise ConfigurationError(f"identifier_weights.{code}: unknown kinds {sorted(unknown)}")
        categories.append(Category(code, str(table["en"]), str(table["zh"]), signals, weights))
    return ClassificationConfig(
        minimum_score=float(document["minimum_score"]),
        repeat_bonus=float(document["repeat_bonus"]),
        repeat_limit=int(document["repeat_limit"]),
        categories=tuple(categories),
    )


def _priority(document: dict[str, Any]) -> PriorityConfig:
    levels = tuple(
        PriorityLevel(str(level["code"]), int(level["minimum"]), str(level["en"]), str(level["zh"]))
        for level in document["levels"]
    )
    if [level.minimum for level in levels] != sorted((level.minimum for level in levels), reverse=True):
        raise ConfigurationError("priority.toml: levels must be listed from the highest minimum down")
    if levels[-1].minimum != 0:
        raise ConfigurationError("priority.toml: the last level must start at 0")
    signals = tuple(_signal(signal, f"priority.signals[{i}]") for i, signal in enumerate(document["signals"]))
    return PriorityConfig(base=int(document["base"]), levels=levels, signals=signals)


def _screening(document: dict[str, Any]) -> ScreeningConfig:
    out_of_scope = document["out_of_scope"]
    junk = document["junk"]
    referrals = tuple(
        ReferralRule(_signal(table, f"out_of_scope.referrals[{i}]"), str(table["hotline"]))
        for i, table in enumerate(out_of_scope["referrals"])
    )
    return ScreeningConfig(
        security=_signal(
            {"en": "speaks of national security", "zh": "涉及国家安全", **document["security"]},
            "security",
            code="security_terms",
        ),
        out_of_scope_minimum=float(out_of_scope["minimum_score"]),
        security_factor=float(out_of_scope["security_factor"]),
        repeat_bonus=float(out_of_scope["repeat_bonus"]),
        repeat_limit=int(out_of_scope["repeat_limit"]),
        referrals=referrals,
        junk_minimum_characters=int(junk["minimum_characters"]),
        junk_security_floor=float(junk["security_floor"]),
        junk_minimum_score=float(junk["minimum_score"]),
        junk_repeated_run=int(junk["repeated_run"]),
        junk_minimum_distinct_ratio=float(junk["minimum_distinct_ratio"]),
        junk_minimum_length_for_ratio=int(junk["minimum_length_for_ratio"]),
        junk_signals=tuple(_signal(signal, f"junk.signals[{i}]") for i, signal in enumerate(junk["signals"])),
    )


def _identifiers(document: dict[str, Any]) -> IdentifierConfig:
    common = frozenset(
        (str(kind), str(value)) for kind, values in document.get("common", {}).items() for value in values
    )
    unknown = {kind for kind, _ in common} - set(IDENTIFIER_KINDS)
    if unknown:
        raise ConfigurationError(f"identifiers.toml [common]: unknown kinds {sorted(unknown)}")
    kinds = document.get("kinds", {})
    missing = set(IDENTIFIER_KINDS) - set(kinds)
    if missing:
        raise ConfigurationError(f"identifiers.toml: no labels for {sorted(missing)}")
    return IdentifierConfig(
        default_phone_region=str(document["default_phone_region"]),
        top_level_domains=frozenset(str(tld).lower() for tld in document["top_level_domains"]),
        wechat_labels=tuple(str(label) for label in document["wechat_labels"]),
        qq_labels=tuple(str(label) for label in document["qq_labels"]),
        plate_provinces=str(document["plate_provinces"]),
        common=common,
        kind_labels=tuple(
            (kind, str(kinds[kind]["en"]), str(kinds[kind]["zh"])) for kind in IDENTIFIER_KINDS
        ),
    )


def _linking(document: dict[str, Any]) -> LinkingConfig:
    minhash, scoring, damping, text = (document[name] for name in ("minhash", "scoring", "damping", "text"))
    config = LinkingConfig(
        permutations=int(minhash["permutations"]),
        bands=int(minhash["bands"]),
        minimum_shingles=int(minhash["minimum_shingles"]),
        link_threshold=float(scoring["link_threshold"]),
        identifier_weights=tuple((str(k), float(v)) for k, v in scoring["identifier_weights"].items()),
        full_weight_up_to=int(damping["full_weight_up_to"]),
        no_weight_from=int(damping["no_weight_from"]),
        maximum_postings_read=int(damping["maximum_postings_read"]),
        text_floor=float(text["floor"]),
        text_full=float(text["full"]),
        text_maximum_weight=float(text["maximum_weight"]),
        conflict_factor=float(text["conflict_factor"]),
        conflict_kinds=frozenset(str(kind) for kind in text["conflict_kinds"]),
        evidence_templates=tuple(
            (str(code), str(table["en"]), str(table["zh"])) for code, table in document["evidence"].items()
        ),
    )
    if config.permutations % config.bands:
        raise ConfigurationError("linking.toml: permutations must be a multiple of bands")
    if not config.full_weight_up_to < config.no_weight_from:
        raise ConfigurationError("linking.toml: full_weight_up_to must be below no_weight_from")
    if config.maximum_postings_read < config.no_weight_from:
        raise ConfigurationError("linking.toml: maximum_postings_read must reach no_weight_from")
    if not 0 <= config.text_floor < config.text_full <= 1:
        raise ConfigurationError("linking.toml: need 0 <= text.floor < text.full <= 1")
    return config


def load_config(directory: Path | None = None) -> TriageConfig:
    """Reads and checks every configuration file of ``directory`` (the package's own by default), once."""
    return _load_config(directory.resolve() if directory else DEFAULT_CONFIG_DIRECTORY)


@cache
def _load_config(directory: Path) -> TriageConfig:
    try:
        language = _read(directory, "language.toml")
        tokens = _read(directory, "tokens.toml")
        return TriageConfig(
            directory=directory,
            classification=_classification(_read(directory, "categories.toml")),
            priority=_priority(_read(directory, "priority.toml")),
            screening=_screening(_read(directory, "screening.toml")),
            language=LanguageConfig(
                latin_letters_per_cjk_character=float(language["latin_letters_per_cjk_character"]),
                chinese_share=float(language["chinese_share"]),
                english_share=float(language["english_share"]),
                minimum_letters=int(language["minimum_letters"]),
            ),
            identifiers=_identifiers(_read(directory, "identifiers.toml")),
            linking=_linking(_read(directory, "linking.toml")),
            tokens=TokenConfig(
                english_stopwords=frozenset(tokens["english_stopwords"]),
                chinese_stopwords=frozenset(tokens["chinese_stopwords"]),
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ConfigurationError):
            raise
        raise ConfigurationError(f"{directory}: {error!r}") from error
