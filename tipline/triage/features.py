"""Keyed features of a report for storage without plaintext: blind-index tokens for search and duplicate
detection, keyed identifier tokens for linking, and a keyed MinHash signature with its LSH band keys.

Tokens: Chinese is cut by jieba (search mode) and also into character bigrams (so a query matches whatever the
segmentation did); English words are lower-cased and stemmed lightly; identifiers are normalised and carry
their kind ("phone", "wechat") as the hash's domain. Every token leaves this module only as a keyed hash.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from tipline.triage.configuration import TriageConfig, load_config
from tipline.triage.identifiers import extract_identifiers, is_common
from tipline.triage.minhash import MinHasher, Signature
from tipline.triage.results import Identifier
from tipline.triage.segmentation import chinese_words
from tipline.triage.text_forms import CJK_RUN, english_words, fold_width
from tipline.vault.feature_keys import FeatureKeys

_WECHAT_LIKE = re.compile(r"[A-Za-z][-_A-Za-z0-9]{5,19}")
_QQ_LIKE = re.compile(r"[1-9]\d{4,10}")
WORD = "word"  # a Chinese word from jieba or a stemmed English word
BIGRAM = "bigram"  # two consecutive Chinese characters


@dataclass(frozen=True, order=True)
class IdentifierToken:
    """A keyed identifier: its kind in clear (to say "same WeChat ID"), its value only as a keyed hash.
    ``common`` marks stop-listed identifiers (a big platform's domain), kept for search, never for links."""

    kind: str
    digest: bytes
    common: bool = False


@dataclass(frozen=True)
class ReportFeatures:
    """Everything linking and search need about a report, with no plaintext in it."""

    blind_tokens: tuple[bytes, ...]
    identifier_tokens: tuple[IdentifierToken, ...]
    signature: bytes  # little-endian uint32 MinHash values
    band_keys: tuple[int, ...]  # one uint64 per band
    shingle_count: int

    def signature_array(self) -> Signature:
        return np.frombuffer(self.signature, dtype="<u4").astype(np.uint32)

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-friendly form for storage (base64 bytes, integer band keys)."""

        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")

        return {
            "blind_tokens": [b64(token) for token in self.blind_tokens],
            "identifier_tokens": [[t.kind, b64(t.digest), t.common] for t in self.identifier_tokens],
            "signature": b64(self.signature),
            "band_keys": list(self.band_keys),
            "shingle_count": self.shingle_count,
        }

    @classmethod
    def from_json_dict(cls, document: dict[str, Any]) -> ReportFeatures:
        return cls(
            blind_tokens=tuple(base64.b64decode(token) for token in document["blind_tokens"]),
            identifier_tokens=tuple(
                IdentifierToken(str(kind), base64.b64decode(digest), bool(common))
                for kind, digest, common in document["identifier_tokens"]
            ),
            signature=base64.b64decode(document["signature"]),
            band_keys=tuple(int(key) for key in document["band_keys"]),
            shingle_count=int(document["shingle_count"]),
        )


def _cjk_bigrams(text: str) -> set[str]:
    bigrams: set[str] = set()
    for run in CJK_RUN.findall(text):
        bigrams.update(run[i : i + 2] for i in range(len(run) - 1))
    return bigrams


def _text_terms(text: str, config: TriageConfig) -> tuple[set[str], set[str], list[str]]:
    """(Chinese words, Chinese bigrams, English words in order) of text already free of identifiers."""
    lowered = fold_width(text).lower()
    zh_words: set[str] = set()
    for run in CJK_RUN.findall(lowered):
        zh_words.update(
            word for word in chinese_words(run, config) if word not in config.tokens.chinese_stopwords
        )
    words = english_words(lowered)
    return zh_words, _cjk_bigrams(lowered), words


class FeatureExtractor:
    """Computes features under one pair of keys; built once (the MinHash permutations are derived once)."""

    def __init__(self, keys: FeatureKeys, config: TriageConfig | None = None) -> None:
        self.config = config or load_config()
        self.keys = keys
        linking = self.config.linking
        self.hasher = MinHasher(keys, permutations=linking.permutations, bands=linking.bands)

    def _token_hashes(self, zh_words: set[str], bigrams: set[str], en_words: Iterable[str]) -> set[bytes]:
        stopwords = self.config.tokens.english_stopwords
        token_hash = self.keys.token_hash
        hashes = {token_hash(WORD, word) for word in zh_words}
        hashes.update(token_hash(BIGRAM, bigram) for bigram in bigrams)
        hashes.update(token_hash(WORD, word) for word in en_words if word not in stopwords)
        return hashes

    def features(self, text_without_identifiers: str, identifiers: Sequence[Identifier]) -> ReportFeatures:
        zh_words, bigrams, en_words = _text_terms(text_without_identifiers, self.config)
        blind = self._token_hashes(zh_words, bigrams, en_words)
        identifier_tokens = sorted(
            IdentifierToken(
                identifier.kind,
                self.keys.token_hash(identifier.kind, identifier.value),
                is_common(identifier, self.config.identifiers),
            )
            for identifier in set(identifiers)
        )
        blind.update(token.digest for token in identifier_tokens)
        # Shingles: Chinese character bigrams and English word pairs; identifiers join as whole shingles, so
        # a repost with the same number scores higher than a template filled in with another one.
        content_words = [word for word in en_words if word not in self.config.tokens.english_stopwords]
        shingles = set(bigrams)
        shingles.update(f"{a} {b}" for a, b in pairwise(content_words))
        if len(content_words) == 1:
            shingles.add(content_words[0])
        text_shingle_count = len(shingles)
        shingles.update(f"\x00{identifier.kind}:{identifier.value}" for identifier in identifiers)
        signature = self.hasher.signature(shingles)
        return ReportFeatures(
            blind_tokens=tuple(sorted(blind)),
            identifier_tokens=tuple(identifier_tokens),
            signature=signature.astype("<u4").tobytes(),
            band_keys=tuple(int(key) for key in self.hasher.band_keys(signature)),
            shingle_count=text_shingle_count,
        )

    def features_of_text(self, text: str) -> ReportFeatures:
        """Features of a raw text (identifiers are extracted first)."""
        extraction = extract_identifiers(text, self.config.identifiers)
        return self.features(extraction.remaining_text, extraction.identifiers)

    def query_tokens(self, query: str) -> tuple[tuple[bytes, ...], ...]:
        """Blind-index tokens of a search query, as groups of alternatives: a report matches when it holds at
        least one token of every group. A bare word that may be an ID ("spy_handler01", "12345678") is
        looked for both as a word and as a WeChat ID or QQ number, since reports label them and queries
        usually do not. Chinese is matched by its bigrams, which do not depend on how jieba cut the report."""
        token_hash = self.keys.token_hash
        extraction = extract_identifiers(query, self.config.identifiers)
        groups: list[tuple[bytes, ...]] = [
            (token_hash(identifier.kind, identifier.value),) for identifier in extraction.identifiers
        ]
        remaining = extraction.remaining_text
        for chunk in remaining.split():
            if _WECHAT_LIKE.fullmatch(chunk) and re.search(r"[\d_-]", chunk):
                groups.append((token_hash("wechat", chunk.lower()), token_hash(WORD, chunk.lower())))
                remaining = remaining.replace(chunk, " ", 1)
            elif _QQ_LIKE.fullmatch(chunk):
                groups.append((token_hash("qq", chunk), token_hash(WORD, chunk)))
                remaining = remaining.replace(chunk, " ", 1)
        zh_words, bigrams, en_words = _text_terms(remaining, self.config)
        single = self._token_hashes(set() if bigrams else zh_words, bigrams, en_words)
        groups.extend((token,) for token in sorted(single))
        return tuple(dict.fromkeys(groups))


@lru_cache(maxsize=8)
def feature_extractor(keys: FeatureKeys, config: TriageConfig | None = None) -> FeatureExtractor:
    """A shared extractor per keys (holding the keys object alive, so its identity stays unique)."""
    return FeatureExtractor(keys, config)


def compute_features(
    *,
    text: str,
    identifiers: Sequence[Identifier] | None = None,
    keys: FeatureKeys,
    config: TriageConfig | None = None,
) -> ReportFeatures:
    """Features of one report. Pass the identifiers of its ``TriageResult`` to include those typed into form
    fields; without them, the identifiers in the text are used."""
    extractor = feature_extractor(keys, config)
    extraction = extract_identifiers(text, extractor.config.identifiers)
    found = set(extraction.identifiers) | set(identifiers or ())
    return extractor.features(extraction.remaining_text, sorted(found))
