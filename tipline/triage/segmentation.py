"""Chinese word segmentation with jieba, started lazily and once per process.

jieba builds a prefix dictionary on first use (0.4-0.5 s, RECIPES.md) and caches it in a file; the cache goes
to ``TIPLINE_JIEBA_CACHE_DIR`` or a directory under the system's temporary directory, never next to the
package. ``enable_paddle`` is never called (it would run pip). The project's user dictionary
(config/userdict.txt) keeps terms such as 国家安全 and 微信号 in one piece.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

import jieba  # type: ignore[import-untyped]  # jieba ships no type information

from tipline.triage.configuration import TriageConfig

CACHE_DIRECTORY_VARIABLE = "TIPLINE_JIEBA_CACHE_DIR"

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def jieba_cache_directory() -> Path:
    configured = os.environ.get(CACHE_DIRECTORY_VARIABLE)
    directory = Path(configured) if configured else Path(tempfile.gettempdir()) / "tipline-jieba"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def segmenter(config: TriageConfig) -> jieba.Tokenizer:
    """The process's jieba tokenizer, initialised on first call (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                logging.getLogger("jieba").setLevel(logging.WARNING)
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = str(jieba_cache_directory())
                tokenizer.initialize()
                if config.user_dictionary.exists():
                    tokenizer.load_userdict(str(config.user_dictionary))
                _tokenizer = tokenizer
    return _tokenizer


def chinese_words(text: str, config: TriageConfig) -> list[str]:
    """Words of a run of Chinese text, with the shorter words inside long ones (search mode), without HMM
    guessing so that a query and a report cut the same string the same way."""
    return [word for word in segmenter(config).cut_for_search(text, HMM=False) if word.strip()]
