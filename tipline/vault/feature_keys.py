"""Keys for the triage features: the blind index and the keyed MinHash (DESIGN.md section 4).

Search and duplicate detection run on keyed derivatives of a report, computed while its plaintext is in
memory, so that a copy of the database reveals neither the words of a report nor the identifiers in it, and
offline guessing ("does any report mention +8613812345678?") needs the key. Two separate secrets serve two
separate jobs and can be rotated apart: the blind-index key (keyed hashes of tokens and identifiers) and the
MinHash key (keyed shingle hashes and the MinHash permutations).

Django-free: the triage library (``tipline.triage``) receives a ``FeatureKeys`` and never touches hashlib or
hmac itself, so that all cryptography stays in ``tipline.vault``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable
from pathlib import Path

TOKEN_HASH_BYTES = 16
MINIMUM_KEY_BYTES = 16
# Names of the two secrets in the project's key file (tipline.vault.keyfile.RAW_SECRETS).
KEY_FILE_BLIND_INDEX = "feature_blind_index"
KEY_FILE_MINHASH = "feature_minhash"

_TOKEN_DOMAIN = b"tipline/blind-index/v1"
_SHINGLE_DOMAIN = b"tipline/minhash-shingle/v1"
_PERMUTATION_DOMAIN = b"tipline/minhash-permutation/v1"
_UINT64_MASK = (1 << 64) - 1


class FeatureKeys:
    """The two feature secrets and the keyed functions built on them. Holds no other state."""

    __slots__ = ("_blind_index_key", "_minhash_key", "_shingle_key")

    def __init__(self, *, blind_index_key: bytes, minhash_key: bytes) -> None:
        if len(blind_index_key) < MINIMUM_KEY_BYTES or len(minhash_key) < MINIMUM_KEY_BYTES:
            raise ValueError(f"feature keys must be at least {MINIMUM_KEY_BYTES} bytes long")
        if hmac.compare_digest(blind_index_key, minhash_key):
            raise ValueError("the blind-index key and the MinHash key must differ")
        self._blind_index_key = bytes(blind_index_key)
        self._minhash_key = bytes(minhash_key)
        # BLAKE2b is a PRF when keyed and costs about a third of an HMAC call; a report has hundreds of
        # shingles, so this is where the per-report time goes. Its key is derived, never the raw secret.
        self._shingle_key = hmac.digest(self._minhash_key, _SHINGLE_DOMAIN, "sha256")

    def __repr__(self) -> str:
        return "FeatureKeys(<secret>)"

    @classmethod
    def from_key_file(cls, path: Path) -> FeatureKeys:
        """Reads the two secrets from the project's key file (JSON, ``raw_secrets`` in base64)."""
        document = json.loads(path.read_text(encoding="utf-8"))
        raw = document.get("raw_secrets", {})
        try:
            return cls(
                blind_index_key=base64.b64decode(raw[KEY_FILE_BLIND_INDEX], validate=True),
                minhash_key=base64.b64decode(raw[KEY_FILE_MINHASH], validate=True),
            )
        except KeyError as missing:
            raise ValueError(f"{path}: key file lacks the secret {missing.args[0]!r}") from None

    def token_hash(self, kind: str, value: str) -> bytes:
        """HMAC-SHA256 of one normalised token, truncated to 16 bytes, separated by kind.

        The kind ("word", "phone", ...) is length-prefixed so that no (kind, value) pair can collide with
        another one by moving the boundary between them."""
        kind_bytes = kind.encode("utf-8")
        message = _TOKEN_DOMAIN + len(kind_bytes).to_bytes(2, "big") + kind_bytes + value.encode("utf-8")
        return hmac.digest(self._blind_index_key, message, "sha256")[:TOKEN_HASH_BYTES]

    def shingle_hashes(self, shingles: Iterable[str]) -> list[int]:
        """Keyed 64-bit hashes of MinHash shingles (the input of the permutations)."""
        key = self._shingle_key
        return [
            int.from_bytes(
                hashlib.blake2b(shingle.encode("utf-8"), key=key, digest_size=8).digest(), "little"
            )
            for shingle in shingles
        ]

    def minhash_permutations(self, count: int) -> tuple[tuple[int, int], ...]:
        """``count`` pairs (a, b) of 64-bit integers, ``a`` odd, derived from the MinHash key.

        They parameterise the multiply-shift hash functions ``((a * h + b) mod 2**64) >> 32`` that stand in
        for random permutations. The same key always gives the same pairs, so signatures stay comparable."""
        if not 0 < count <= 4096:
            raise ValueError("permutation count must be between 1 and 4096")
        pairs = []
        for index in range(count):
            block = hmac.digest(self._minhash_key, _PERMUTATION_DOMAIN + index.to_bytes(4, "big"), "sha256")
            multiplier = int.from_bytes(block[:8], "little") | 1
            offset = int.from_bytes(block[8:16], "little")
            pairs.append((multiplier & _UINT64_MASK, offset & _UINT64_MASK))
        return tuple(pairs)
