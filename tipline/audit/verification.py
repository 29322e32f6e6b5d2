"""Verifying the audit chain: walks every event in sequence order, recomputes its keyed link and reports the first
event that was changed, inserted or removed, or a tail cut off below the chain head.

The walk (`chain_walk`) is plain logic over rows and a digest function, so it can be reasoned about and tested
on its own; `audit_chain_verify` feeds it from the database, in chunks, inside one read snapshot, so a log of any
length is verified in bounded memory and appends made meanwhile do not look like tampering."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.audit.services import event_record_of
from tipline.vault.digests import GENESIS, ChainDigester

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ChainRow:
    """What the verifier needs of one stored event."""

    sequence: int
    record: bytes
    previous_hash: bytes
    hash: bytes
    key_id: int | None


@dataclass(frozen=True)
class ChainHead:
    sequence: int
    hash: bytes


# Recomputes a link: (key id, previous hash, record) -> digest, or None when no key has that id.
LinkDigest = Callable[[int | None, bytes, bytes], bytes | None]


class Problem(enum.StrEnum):
    CHANGED = "changed"  # the next event still chains to the stored hash, which the contents no longer give
    NEWEST_CHANGED = "newest_changed"  # as above, for the last event (only the head vouches for its hash)
    INSERTED = "inserted"  # does not verify, and the next event chains to its predecessor, skipping it
    CHANGED_OR_INSERTED = "changed_or_inserted"  # does not verify and does not chain to its predecessor
    UNKNOWN_KEY = "unknown_key"  # names no key of the audit_chain keyset (forged, or the key was deleted)
    REMOVED = "removed"  # a gap in the sequence numbers
    UNLINKED = "unlinked"  # verifies on its own but does not chain to its predecessor: something between went
    TRUNCATED = "truncated"  # the chain ends below the head
    HEAD_MISMATCH = "head_mismatch"  # the chain ends at the head's sequence with another hash
    BEYOND_HEAD = "beyond_head"  # after the head: written around the application, or the head rolled back
    HEAD_MISSING = "head_missing"  # the head row is gone while events exist


@dataclass(frozen=True)
class Finding:
    """The first problem in the chain: what, at which event, and the numbers an explanation needs."""

    problem: Problem
    sequence: int
    facts: dict[str, int] = field(default_factory=dict)

    def explanation(self) -> str:
        """A sentence for people, in the active language."""
        facts = {"sequence": self.sequence, **self.facts}
        if self.problem in _COUNTED_SENTENCES:
            return _COUNTED_SENTENCES[self.problem](facts)
        return str(_SENTENCES[self.problem]) % facts


def _removed(facts: dict[str, int]) -> str:
    if facts["first"] == facts["last"]:
        return (
            gettext("Event %(first)s was removed: the sequence numbers jump from %(before)s to %(sequence)s.")
            % facts
        )
    count = facts["last"] - facts["first"] + 1
    return gettext(
        "Events %(first)s to %(last)s (%(count)s events) were removed: the sequence numbers jump from "
        "%(before)s to %(sequence)s."
    ) % {**facts, "count": count}


def _truncated(facts: dict[str, int]) -> str:
    count = facts["head"] - facts["last"]
    if count == 1:
        return (
            gettext(
                "The newest event was removed: the chain ends at event %(last)s but the chain head records event "
                "%(head)s."
            )
            % facts
        )
    return gettext(
        "The newest %(count)s events were removed: the chain ends at event %(last)s but the chain head records "
        "event %(head)s."
    ) % {**facts, "count": count}


_SENTENCES = {
    Problem.CHANGED: _(
        "Event %(sequence)s was changed: its contents no longer match its hash, yet the next event still chains "
        "to that hash."
    ),
    Problem.NEWEST_CHANGED: _(
        "Event %(sequence)s, the newest, does not match its hash: it was changed, or added by someone without "
        "the chain key."
    ),
    Problem.INSERTED: _(
        "Event %(sequence)s was inserted: it does not match its hash, and the next event chains directly to "
        "event %(before)s, skipping it."
    ),
    Problem.CHANGED_OR_INSERTED: _(
        "Event %(sequence)s was changed or inserted: it does not match its hash and does not chain to event "
        "%(before)s."
    ),
    Problem.UNKNOWN_KEY: _(
        "Event %(sequence)s was forged, or its chain key was deleted from the key file: it names a key the "
        "audit chain keyset does not hold."
    ),
    Problem.UNLINKED: _(
        "Event %(sequence)s does not chain to event %(before)s: its own hash is sound, so events between them "
        "were removed or replaced."
    ),
    Problem.HEAD_MISMATCH: _(
        "Event %(sequence)s, the newest, is not the event the chain head records: it was replaced, or the head "
        "was altered."
    ),
    Problem.BEYOND_HEAD: _(
        "Event %(sequence)s lies beyond the chain head (event %(head)s): it was written around the application, "
        "or the head was rolled back."
    ),
    Problem.HEAD_MISSING: _("The chain head is missing while the log holds events."),
}
_COUNTED_SENTENCES: dict[Problem, Callable[[dict[str, int]], str]] = {
    Problem.REMOVED: _removed,
    Problem.TRUNCATED: _truncated,
}


@dataclass(frozen=True)
class Verification:
    """The outcome of one walk: how many events were checked, where the chain ends, and the first finding."""

    events: int
    last_sequence: int
    last_hash: bytes
    finding: Finding | None = None

    @property
    def intact(self) -> bool:
        return self.finding is None

    def summary(self) -> str:
        if self.finding is None:
            return ngettext(
                "audit log intact: %(count)s event, last hash %(hash)s",
                "audit log intact: %(count)s events, last hash %(hash)s",
                self.events,
            ) % {"count": self.events, "hash": self.last_hash.hex()}
        return gettext("audit log NOT intact at event %(sequence)s: %(explanation)s") % {
            "sequence": self.finding.sequence,
            "explanation": self.finding.explanation(),
        }

    def as_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "intact": self.intact,
            "events_checked": self.events,
            "last_sequence": self.last_sequence,
            "last_hash": self.last_hash.hex(),
            "finding": None,
        }
        if self.finding is not None:
            document["finding"] = {
                "problem": self.finding.problem.value,
                "sequence": self.finding.sequence,
                "facts": self.finding.facts,
                "explanation": self.finding.explanation(),
            }
        return document


def chain_walk(rows: Iterable[ChainRow], head: ChainHead | None, link_digest: LinkDigest) -> Verification:
    """Checks rows given in ascending sequence order against each other and the head. Holds two rows at a time.

    For each event, three things must hold: its sequence number follows its predecessor's; its previous hash is
    its predecessor's hash; its own hash is the keyed link over that previous hash and its record. The first
    event where one fails is the finding; the event after it (looked ahead to) tells a changed event (the next
    one still chains to its stored hash) from an inserted one (the next one chains past it)."""
    checked = 0
    before_sequence, before_hash = 0, GENESIS
    iterator: Iterator[ChainRow] = iter(rows)
    current = next(iterator, None)
    if current is not None and head is None:
        return Verification(0, 0, GENESIS, Finding(Problem.HEAD_MISSING, current.sequence))
    head = head or ChainHead(0, GENESIS)

    def result(finding: Finding | None = None) -> Verification:
        return Verification(checked, before_sequence, before_hash, finding)

    while current is not None:
        following = next(iterator, None)
        at, facts = current.sequence, {"before": before_sequence, "head": head.sequence}
        if at > head.sequence:
            return result(Finding(Problem.BEYOND_HEAD, at, facts))
        # Numbers are handed out under the head's lock, in the transaction that writes the event: a gap is
        # always a removal.
        if at > before_sequence + 1:
            gap = {**facts, "first": before_sequence + 1, "last": at - 1}
            return result(Finding(Problem.REMOVED, at, gap))
        links_back = current.previous_hash == before_hash
        recomputed = link_digest(current.key_id, current.previous_hash, current.record)
        if recomputed is None:
            return result(Finding(Problem.UNKNOWN_KEY, at, facts))
        if recomputed != current.hash or at != before_sequence + 1:
            if following is not None and following.previous_hash == before_hash:
                problem = Problem.INSERTED
            elif following is not None and following.previous_hash == current.hash:
                problem = Problem.CHANGED if links_back else Problem.CHANGED_OR_INSERTED
            elif following is None and links_back:
                problem = Problem.NEWEST_CHANGED
            else:
                problem = Problem.CHANGED_OR_INSERTED
            return result(Finding(problem, at, facts))
        if not links_back:
            return result(Finding(Problem.UNLINKED, at, facts))
        checked, before_sequence, before_hash = checked + 1, at, current.hash
        current = following
    if before_sequence < head.sequence:
        tail = {"last": before_sequence, "head": head.sequence}
        return result(Finding(Problem.TRUNCATED, before_sequence + 1, tail))
    if before_hash != head.hash:
        return result(Finding(Problem.HEAD_MISMATCH, before_sequence, {"head": head.sequence}))
    return result()


def _rows() -> Iterator[ChainRow]:
    columns = (
        "sequence", "occurred_at", "actor_kind", "actor_id", "action", "subject", "reason", "details",
        "previous_hash", "hash", "key_id",
    )  # fmt: skip
    events = AuditEvent.objects.order_by("sequence").values_list(*columns, named=True)
    for event in events.iterator(chunk_size=CHUNK_SIZE):
        yield ChainRow(
            event.sequence,
            event_record_of(event),
            bytes(event.previous_hash),
            bytes(event.hash),
            event.key_id,
        )


def audit_chain_verify() -> Verification:
    """Verifies the whole stored chain against the chain head, in one consistent snapshot of both."""
    digester = ChainDigester()
    own_transaction = not connection.in_atomic_block
    with transaction.atomic():
        if own_transaction and connection.vendor == "postgresql":
            # One snapshot for the head and every chunk; under READ COMMITTED an append committed between the
            # head's read and the events' would show up as an event beyond the head.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # SQLite: a transaction reads one snapshot from its first read on.
        head_row = AuditChainHead.objects.filter(id=1).values_list("sequence", "hash").first()
        head = None if head_row is None else ChainHead(head_row[0], bytes(head_row[1]))
        return chain_walk(_rows(), head, digester.digest)
