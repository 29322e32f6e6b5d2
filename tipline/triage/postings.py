"""A compact posting table for the link index: 64-bit keys to report numbers, in sorted numpy arrays.

A million reports give some 34 million postings (32 LSH bands and a few identifiers each). As Python dicts of
lists that would take several gigabytes; as sorted arrays it takes 12 bytes a posting, and a lookup is a binary
search. New postings wait in a small dict, then become a sorted run; runs are merged when a newer run grows to a
quarter of the one before it (a log-structured merge), so there are never more than a few runs to search and
each posting is re-sorted only a logarithmic number of times.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import numpy.typing as npt

KeyArray = npt.NDArray[np.uint64]
DocumentArray = npt.NDArray[np.int32]
_PENDING_LIMIT = 50_000
_MERGE_RATIO = 4


def _sorted_run(keys: KeyArray, documents: DocumentArray) -> tuple[KeyArray, DocumentArray]:
    # Sorting by (key, document) keeps each key's postings oldest first, so "newest" is the tail.
    order = np.lexsort((documents, keys))
    return keys[order], documents[order]


class PostingTable:
    def __init__(self) -> None:
        self._runs: list[tuple[KeyArray, DocumentArray]] = []  # oldest first
        self._pending: defaultdict[int, list[int]] = defaultdict(list)
        self._pending_count = 0
        self._chunks: list[tuple[KeyArray, DocumentArray]] = []

    def __len__(self) -> int:
        return (
            sum(len(keys) for keys, _ in self._runs)
            + self._pending_count
            + sum(len(keys) for keys, _ in self._chunks)
        )

    @property
    def nbytes(self) -> int:
        return int(sum(keys.nbytes + documents.nbytes for keys, documents in self._runs))

    @property
    def run_count(self) -> int:
        return len(self._runs)

    def add(self, key: int, document: int) -> None:
        self._pending[key].append(document)
        self._pending_count += 1
        if self._pending_count >= _PENDING_LIMIT:
            self.compact()

    def add_bulk(self, keys: KeyArray, documents: DocumentArray) -> None:
        """Adds many postings at once; they are searchable after the next ``compact()``."""
        self._chunks.append((keys.astype(np.uint64, copy=False), documents.astype(np.int32, copy=False)))

    def compact(self) -> None:
        """Turns everything pending into a sorted run, then merges runs while a newer one is large enough."""
        parts_keys = [keys for keys, _ in self._chunks]
        parts_documents = [documents for _, documents in self._chunks]
        if self._pending:
            parts_keys.append(
                np.fromiter((key for key, docs in self._pending.items() for _ in docs), dtype=np.uint64)
            )
            parts_documents.append(
                np.fromiter((doc for docs in self._pending.values() for doc in docs), dtype=np.int32)
            )
        self._pending = defaultdict(list)
        self._pending_count = 0
        self._chunks = []
        if parts_keys:
            self._runs.append(_sorted_run(np.concatenate(parts_keys), np.concatenate(parts_documents)))
        while len(self._runs) >= 2 and len(self._runs[-1][0]) * _MERGE_RATIO >= len(self._runs[-2][0]):
            newer_keys, newer_documents = self._runs.pop()
            older_keys, older_documents = self._runs.pop()
            self._runs.append(
                _sorted_run(
                    np.concatenate([older_keys, newer_keys]),
                    np.concatenate([older_documents, newer_documents]),
                )
            )

    def lookup(self, keys: KeyArray, *, newest: int) -> tuple[list[DocumentArray], list[int]]:
        """For each key: at most ``newest`` of its documents (the latest added) and its full posting count."""
        if self._chunks:
            self.compact()
        bounds = [
            (run_documents, np.searchsorted(run_keys, keys, "left"), np.searchsorted(run_keys, keys, "right"))
            for run_keys, run_documents in self._runs
        ]
        documents: list[DocumentArray] = []
        counts: list[int] = []
        for index, key in enumerate(keys.tolist()):
            found: list[DocumentArray] = []
            count = 0
            for run_documents, left, right in bounds:
                start, end = int(left[index]), int(right[index])
                if end > start:
                    count += end - start
                    found.append(run_documents[max(start, end - newest) : end])
            pending = self._pending.get(key) if self._pending else None
            if pending:
                count += len(pending)
                found.append(np.array(pending[-newest:], dtype=np.int32))
            if not found:
                documents.append(np.empty(0, dtype=np.int32))
            else:
                documents.append(np.concatenate(found)[-newest:] if len(found) > 1 else found[0])
            counts.append(count)
        return documents, counts
