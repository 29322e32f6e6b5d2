"""Grouping linked reports into proposed clues: the connected components of the proposed links. A clue is
named after its first report, the one with the earliest registration time (DESIGN.md 2.7), ties broken by the
order the reports arrived in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime


class _DisjointSets:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression keeps later finds short
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: int, second: int) -> None:
        first_root, second_root = self.find(first), self.find(second)
        if first_root != second_root:
            self.parent[max(first_root, second_root)] = min(first_root, second_root)


def registration_order(submitted_at: datetime | None) -> tuple[int, float]:
    """Sort key of a registration time: known times first, by time; unknown ones after them."""
    return (0, submitted_at.timestamp()) if submitted_at else (1, 0.0)


def group_into_clues(
    report_ids: Sequence[str], order_keys: Sequence[tuple[int, float]], links: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Maps each report id to the id of the first report of its group. ``order_keys`` (one per report, see
    ``registration_order``) decide which report is first; input order breaks ties."""
    position = {report_id: index for index, report_id in enumerate(report_ids)}
    sets = _DisjointSets(len(report_ids))
    for first, second in links:
        if first in position and second in position:
            sets.union(position[first], position[second])
    earliest: dict[int, int] = {}
    for index in range(len(report_ids)):
        root = sets.find(index)
        best = earliest.get(root)
        if best is None or (order_keys[index], index) < (order_keys[best], best):
            earliest[root] = index
    return {report_id: report_ids[earliest[sets.find(index)]] for index, report_id in enumerate(report_ids)}
