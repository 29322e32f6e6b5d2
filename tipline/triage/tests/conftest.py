"""Fixtures for the triage tests. The triage library needs no Django: run these with plain pytest
(``pytest -p no:django tipline/triage`` while the project's settings are not importable)."""

from __future__ import annotations

import os
import tempfile

import pytest

from tipline.vault.feature_keys import FeatureKeys

# jieba's cache goes to a directory of its own for the test run, never next to the package.
os.environ.setdefault("TIPLINE_JIEBA_CACHE_DIR", os.path.join(tempfile.gettempdir(), "tipline-jieba-tests"))


@pytest.fixture(scope="session")
def keys() -> FeatureKeys:
    return FeatureKeys(
        blind_index_key=b"test blind-index key, 32 bytes!!", minhash_key=b"test minhash key, 32 bytes long!"
    )


@pytest.fixture(scope="session")
def other_keys() -> FeatureKeys:
    return FeatureKeys(
        blind_index_key=b"another blind-index key 32 bytes", minhash_key=b"another minhash key of 32 bytes!"
    )
