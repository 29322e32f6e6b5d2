"""Finding the configured terms of every lexicon in one pass over a report.

Chinese terms (any term with a Chinese character) match as substrings: Chinese has no spaces, and the terms
are chosen to be specific. Terms of Latin letters and digits match whole words after light stemming, so that
"apt" never fires inside "chapter". All lexicons share one matcher, so the text is scanned once per report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tipline.triage.text_forms import english_words, fold_width, has_cjk

# A matched entry is reported under its owner key, e.g. ("category", "state_secrets.classified_material").
OwnerKey = tuple[str, str]


class PhraseMatcher:
    """Matches many terms, each owned by one or more lexicon entries, in one scan of a text."""

    def __init__(self, entries: Iterable[tuple[OwnerKey, Iterable[str]]]) -> None:
        by_prefix: dict[str, list[tuple[str, OwnerKey]]] = defaultdict(list)
        by_first_word: dict[str, list[tuple[tuple[str, ...], str, OwnerKey]]] = defaultdict(list)
        for owner, terms in entries:
            for term in terms:
                folded = fold_width(term).lower().strip()
                if has_cjk(folded):
                    if len(folded) < 2:
                        raise ValueError(f"Chinese term {term!r} is too short to match safely")
                    by_prefix[folded[:2]].append((folded, owner))
                else:
                    words = tuple(english_words(folded))
                    if not words:
                        raise ValueError(f"term {term!r} has no words")
                    by_first_word[words[0]].append((words, term, owner))
        self._by_prefix = dict(by_prefix)
        self._by_first_word = dict(by_first_word)

    def find(self, folded_lower_text: str) -> dict[OwnerKey, set[str]]:
        """The terms found, by owner. The text must already be width-folded and lower-cased."""
        found: dict[OwnerKey, set[str]] = defaultdict(set)
        text = folded_lower_text
        by_prefix = self._by_prefix
        if by_prefix:
            for position in range(len(text) - 1):
                candidates = by_prefix.get(text[position : position + 2])
                if candidates:
                    for term, owner in candidates:
                        if text.startswith(term, position):
                            found[owner].add(term)
        words = english_words(text)
        by_first_word = self._by_first_word
        for position, word in enumerate(words):
            phrases = by_first_word.get(word)
            if phrases:
                for phrase, term, owner in phrases:
                    if tuple(words[position : position + len(phrase)]) == phrase:
                        found[owner].add(term)
        return found
