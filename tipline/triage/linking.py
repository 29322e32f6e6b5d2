"""Proposing links between reports about the same matter, with the evidence for each link.

``LinkIndex`` holds the keyed features of earlier reports in memory: LSH band buckets for similar text and
posting lists for identifiers, both in compact sorted arrays (``postings.py``), plus each report's b-bit
MinHash signature for estimating similarity. A proposal reads only the buckets and posting lists of the new
report's keys, capped in length, so its cost does not grow with the number of reports (binary searches only).

Evidence combines like independent chances, ``1 - product(1 - weight)``:
- a shared identifier weighs what its kind weighs (linking.toml), damped by how many reports hold it (a
  hotline or a number passed around many unrelated reports means little) and never counted when stop-listed;
- similar text weighs from nothing at ``text.floor`` up to ``text.maximum_weight`` at ``text.full``, and
  less when both reports name identifiers of one kind and share none of them (a template filled in with
  another telephone number is another matter).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tipline.triage.configuration import LinkingConfig, TriageConfig, load_config
from tipline.triage.features import IdentifierToken, ReportFeatures
from tipline.triage.postings import PostingTable
from tipline.triage.results import IDENTIFIER_KINDS, DisplayLanguage

# Only this many low bits of each MinHash value are kept in memory; equal by chance once in 65,536.
_SIGNATURE_DTYPE = np.uint16
_KIND_NUMBER = {kind: number for number, kind in enumerate(IDENTIFIER_KINDS)}


@dataclass(frozen=True)
class Evidence:
    """One reason for a link: a stable code with parameters, rendered in either language for staff."""

    code: str  # same_identifier, text_similar, conflicting_identifier, common_identifier
    params: tuple[tuple[str, str | int], ...] = ()
    weight: float = 0.0

    def param(self, name: str) -> str | int | None:
        return dict(self.params).get(name)

    def render(self, language: DisplayLanguage, config: TriageConfig | None = None) -> str:
        config = config or load_config()
        templates = {code: (en, zh) for code, en, zh in config.linking.evidence_templates}
        en, zh = templates.get(self.code, (self.code, self.code))
        values = {
            name: config.identifiers.kind_label(str(value), language) if name == "kind" else value
            for name, value in self.params
        }
        return (zh if language == "zh" else en).format(**values)


@dataclass(frozen=True)
class ProposedLink:
    """A suggested link to an earlier report: a person confirms or rejects it."""

    report_id: str
    score: float
    evidence: tuple[Evidence, ...]


def _identifier_key(token: IdentifierToken) -> int:
    return int.from_bytes(token.digest[:8], "little")


def _noisy_or(weights: Iterable[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


class LinkIndex:
    """Keyed features of earlier reports, in memory, for proposing links to a new one."""

    def __init__(self, config: LinkingConfig | None = None) -> None:
        self.config = config or load_config().linking
        self._ids: list[str] = []
        self._signatures = np.empty((1024, self.config.permutations), dtype=_SIGNATURE_DTYPE)
        self._text_ok = np.zeros(1024, dtype=bool)
        self._identifier_offsets = array("Q", [0])
        self._identifier_keys = array("Q")
        self._identifier_kinds = array("B")
        self._identifier_postings = PostingTable()
        self._band_postings = PostingTable()

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        """Memory held in arrays (the list of report ids comes on top)."""
        size = len(self._ids)
        return int(
            self._signatures[:size].nbytes
            + self._text_ok[:size].nbytes
            + self._identifier_offsets.itemsize * len(self._identifier_offsets)
            + self._identifier_keys.itemsize * len(self._identifier_keys)
            + self._identifier_kinds.itemsize * len(self._identifier_kinds)
            + self._identifier_postings.nbytes
            + self._band_postings.nbytes
        )

    def _reserve(self, extra: int) -> None:
        needed = len(self._ids) + extra
        capacity = len(self._text_ok)
        if needed <= capacity:
            return
        while capacity < needed:
            capacity *= 2
        signatures = np.empty((capacity, self.config.permutations), dtype=_SIGNATURE_DTYPE)
        signatures[: len(self._ids)] = self._signatures[: len(self._ids)]
        text_ok = np.zeros(capacity, dtype=bool)
        text_ok[: len(self._ids)] = self._text_ok[: len(self._ids)]
        self._signatures, self._text_ok = signatures, text_ok

    def _linkable(self, features: ReportFeatures) -> list[IdentifierToken]:
        return [token for token in features.identifier_tokens if not token.common]

    def _text_usable(self, features: ReportFeatures) -> bool:
        return features.shingle_count >= self.config.minimum_shingles

    def add(self, report_id: str, features: ReportFeatures) -> int:
        """Adds one report; returns its number in the index."""
        self._reserve(1)
        number = len(self._ids)
        self._ids.append(str(report_id))
        self._signatures[number] = features.signature_array().astype(_SIGNATURE_DTYPE)
        text_ok = self._text_usable(features)
        self._text_ok[number] = text_ok
        for token in self._linkable(features):
            key = _identifier_key(token)
            self._identifier_keys.append(key)
            self._identifier_kinds.append(_KIND_NUMBER[token.kind])
            self._identifier_postings.add(key, number)
        self._identifier_offsets.append(len(self._identifier_keys))
        if text_ok:
            for band_key in features.band_keys:
                self._band_postings.add(band_key, number)
        return number

    def add_many(self, items: Iterable[tuple[str, ReportFeatures]]) -> None:
        """Adds many reports at once (one sort at the end instead of merging as they come)."""
        for report_id, features in items:
            self._reserve(1)
            number = len(self._ids)
            self._ids.append(str(report_id))
            self._signatures[number] = features.signature_array().astype(_SIGNATURE_DTYPE)
            text_ok = self._text_usable(features)
            self._text_ok[number] = text_ok
            tokens = self._linkable(features)
            if tokens:
                keys = np.array([_identifier_key(token) for token in tokens], dtype=np.uint64)
                self._identifier_keys.extend(keys.tolist())
                self._identifier_kinds.extend(_KIND_NUMBER[token.kind] for token in tokens)
                self._identifier_postings.add_bulk(keys, np.full(len(keys), number, dtype=np.int32))
            self._identifier_offsets.append(len(self._identifier_keys))
            if text_ok:
                band_keys = np.array(features.band_keys, dtype=np.uint64)
                self._band_postings.add_bulk(band_keys, np.full(len(band_keys), number, dtype=np.int32))
        self._identifier_postings.compact()
        self._band_postings.compact()

    def add_block(
        self,
        report_ids: list[str],
        signatures: npt.NDArray[np.uint32],
        band_keys: npt.NDArray[np.uint64],
        text_ok: npt.NDArray[np.bool_],
        identifier_keys: npt.NDArray[np.uint64],
        identifier_kinds: npt.NDArray[np.uint8],
        identifier_counts: npt.NDArray[np.int64],
    ) -> None:
        """Adds a block of reports from arrays (as loaded from storage): signatures (n, permutations), band
        keys (n, bands), and each report's identifier keys laid end to end with a count per report."""
        count = len(report_ids)
        self._reserve(count)
        first = len(self._ids)
        numbers = np.arange(first, first + count, dtype=np.int32)
        self._ids.extend(str(report_id) for report_id in report_ids)
        self._signatures[first : first + count] = signatures.astype(_SIGNATURE_DTYPE)
        self._text_ok[first : first + count] = text_ok
        owners = np.repeat(numbers, identifier_counts)
        self._identifier_keys.extend(identifier_keys.tolist())
        self._identifier_kinds.extend(identifier_kinds.tolist())
        ends = np.cumsum(identifier_counts) + self._identifier_offsets[-1]
        self._identifier_offsets.extend(ends.tolist())
        self._identifier_postings.add_bulk(identifier_keys, owners)
        with_text = np.flatnonzero(text_ok)
        self._band_postings.add_bulk(
            band_keys[with_text].reshape(-1), np.repeat(numbers[with_text], band_keys.shape[1])
        )
        self._identifier_postings.compact()
        self._band_postings.compact()

    def _identifiers_of(self, number: int) -> list[tuple[int, int]]:
        start, end = self._identifier_offsets[number], self._identifier_offsets[number + 1]
        return list(zip(self._identifier_kinds[start:end], self._identifier_keys[start:end], strict=True))

    def _damping(self, reports_holding: int) -> float:
        full, none = self.config.full_weight_up_to, self.config.no_weight_from
        if reports_holding <= full:
            return 1.0
        if reports_holding >= none:
            return 0.0
        return (none - reports_holding) / (none - full)

    def _text_weight(self, similarity: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        config = self.config
        rising = (similarity - config.text_floor) / (config.text_full - config.text_floor)
        weight: npt.NDArray[np.float64] = np.clip(rising, 0.0, 1.0) * config.text_maximum_weight
        return weight

    def propose(
        self, features: ReportFeatures, *, exclude: str | None = None, limit: int = 20
    ) -> tuple[ProposedLink, ...]:
        """Links from a report to reports in the index, best first. ``exclude`` names the report itself when
        it is already in the index (its identifiers then count once in the document frequencies)."""
        config = self.config
        cap = config.maximum_postings_read
        in_index = 1 if exclude is None else 0
        evidence: dict[int, list[Evidence]] = {}

        tokens = self._linkable(features)
        query_keys = {(_KIND_NUMBER[token.kind], _identifier_key(token)) for token in tokens}
        if tokens:
            keys = np.array([_identifier_key(token) for token in tokens], dtype=np.uint64)
            documents, counts = self._identifier_postings.lookup(keys, newest=cap)
            for token, holders, count in zip(tokens, documents, counts, strict=True):
                reports_holding = count + in_index
                damping = self._damping(reports_holding)
                weight = config.identifier_weight(token.kind) * damping
                items = [Evidence("same_identifier", (("kind", token.kind),), round(weight, 4))]
                if damping < 1.0:
                    items.append(
                        Evidence("common_identifier", (("kind", token.kind), ("count", reports_holding)))
                    )
                for number in holders.tolist():
                    evidence.setdefault(number, []).extend(items)

        text_candidates = np.empty(0, dtype=np.int32)
        query_signature = features.signature_array().astype(_SIGNATURE_DTYPE)
        if self._text_usable(features):
            band_documents, _ = self._band_postings.lookup(
                np.array(features.band_keys, dtype=np.uint64), newest=cap
            )
            if band_documents:
                text_candidates = np.concatenate(band_documents)
        candidates = np.unique(
            np.concatenate(
                [text_candidates, np.fromiter(evidence.keys(), dtype=np.int32, count=len(evidence))]
            )
        )
        if not len(candidates):
            return ()
        if self._text_usable(features):
            similarity = (self._signatures[candidates] == query_signature).mean(axis=1)
            text_weights = np.where(self._text_ok[candidates], self._text_weight(similarity), 0.0)
        else:
            similarity = np.zeros(len(candidates))
            text_weights = np.zeros(len(candidates))

        query_kinds = {kind for kind, _ in query_keys if IDENTIFIER_KINDS[kind] in config.conflict_kinds}
        proposals = []
        for position in np.flatnonzero((text_weights > 0) | np.isin(candidates, list(evidence))).tolist():
            number = int(candidates[position])
            if exclude is not None and self._ids[number] == exclude:
                continue
            items = list(evidence.get(number, ()))
            text_weight = float(text_weights[position])
            if text_weight > 0:
                percent = round(float(similarity[position]) * 100)
                items.append(Evidence("text_similar", (("percent", percent),), round(text_weight, 4)))
                for kind in self._conflicting_kinds(number, query_keys, query_kinds):
                    text_weight *= config.conflict_factor
                    items.append(Evidence("conflicting_identifier", (("kind", IDENTIFIER_KINDS[kind]),)))
                    break
            weights = [item.weight for item in items if item.code == "same_identifier"]
            score = _noisy_or([*weights, text_weight])
            if score >= config.link_threshold:
                proposals.append(ProposedLink(self._ids[number], round(score, 4), tuple(items)))
        proposals.sort(key=lambda link: (-link.score, link.report_id))
        return tuple(proposals[:limit])

    def _conflicting_kinds(
        self, number: int, query_keys: set[tuple[int, int]], query_kinds: set[int]
    ) -> list[int]:
        """Kinds that both reports name without sharing any value of that kind."""
        if not query_kinds:
            return []
        theirs = self._identifiers_of(number)
        shared_kinds = {kind for kind, key in theirs if (kind, key) in query_keys}
        their_kinds = {kind for kind, _ in theirs}
        return sorted((query_kinds & their_kinds) - shared_kinds)
