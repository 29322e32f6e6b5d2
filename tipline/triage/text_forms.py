"""The written forms of text that every part of triage agrees on: width folding, defanging, English words with
light stemming, and runs of Chinese characters."""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs, Extension A and the compatibility block: what people type in Chinese reports.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHARACTER = re.compile(f"[{CJK_CLASS}]")
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
LATIN_LETTER = re.compile("[A-Za-z]")
# Words of Latin letters and digits, keeping inner hyphens and apostrophes ("spear-phishing", "don't").
ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")

_DEFANGINGS = (
    (re.compile(r"(?<![A-Za-z])hxxp(s?)", re.IGNORECASE), r"http\1"),
    (re.compile(r"(?<![A-Za-z])h\*\*p(s?)", re.IGNORECASE), r"http\1"),
    (re.compile(r"\s?[\[({](?:\.|dot|点)[\])}]\s?", re.IGNORECASE), "."),
    (re.compile(r"\[:\]|\(:\)"), ":"),
    (re.compile(r"\[/\]"), "/"),
    (re.compile(r"\s?[\[({](?:@|at|艾特)[\])}]\s?", re.IGNORECASE), "@"),
)


def fold_width(text: str) -> str:
    """NFKC: full-width digits, letters and punctuation ("１３８", "＠", "：") become their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def defang(text: str) -> str:
    """Undoes the ways people write indicators so that they cannot be clicked: hxxps://, [.], (.), [at]."""
    for pattern, replacement in _DEFANGINGS:
        text = pattern.sub(replacement, text)
    return text


def light_stem(word: str) -> str:
    """A deliberately small English stemmer: plurals first, then -ing and -ed. Enough to match "drawings" with
    "drawing" and "recruited" with "recruit"; it only has to be the same on both sides."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, minimum in (("ing", 6), ("ed", 5)):
        if word.endswith(suffix) and len(word) >= minimum:
            stem = word[: -len(suffix)]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]
            return stem
    return word


def english_words(text: str) -> list[str]:
    """Lower-cased words of Latin letters and digits, stemmed lightly."""
    return [light_stem(word) for word in ENGLISH_WORD.findall(text.lower())]


def has_cjk(text: str) -> bool:
    return CJK_CHARACTER.search(text) is not None
