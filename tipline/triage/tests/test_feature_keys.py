"""tipline.vault.feature_keys: domain-separated keyed hashes and permutations derived from the key."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tipline.vault.feature_keys import FeatureKeys


def test_token_hash_is_keyed_and_separated_by_kind(keys: FeatureKeys, other_keys: FeatureKeys) -> None:
    digest = keys.token_hash("phone", "+8613812345678")
    assert len(digest) == 16
    assert digest == keys.token_hash("phone", "+8613812345678")
    assert digest != other_keys.token_hash("phone", "+8613812345678")
    assert keys.token_hash("qq", "12345678") != keys.token_hash("word", "12345678")
    assert keys.token_hash("ab", "c") != keys.token_hash("a", "bc")


def test_permutations_come_from_the_minhash_key(keys: FeatureKeys, other_keys: FeatureKeys) -> None:
    pairs = keys.minhash_permutations(128)
    assert pairs == keys.minhash_permutations(128)
    assert pairs != other_keys.minhash_permutations(128)
    assert all(a % 2 == 1 and 0 <= b < 2**64 for a, b in pairs)
    assert keys.shingle_hashes(["军港"]) != other_keys.shingle_hashes(["军港"])


def test_keys_must_be_long_and_different() -> None:
    with pytest.raises(ValueError):
        FeatureKeys(blind_index_key=b"short", minhash_key=b"m" * 32)
    with pytest.raises(ValueError):
        FeatureKeys(blind_index_key=b"same" * 8, minhash_key=b"same" * 8)
    assert "secret" in repr(FeatureKeys(blind_index_key=b"k" * 32, minhash_key=b"m" * 32))


def test_from_key_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text(
        json.dumps({"raw_secrets": {"feature_blind_index": base64.b64encode(b"k" * 32).decode()}})
    )
    with pytest.raises(ValueError, match="feature_minhash"):
        FeatureKeys.from_key_file(path)
