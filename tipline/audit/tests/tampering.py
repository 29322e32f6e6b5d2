"""What an attacker with write access to the database can do to the audit log, for the tests to catch."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import F

from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.audit.services import Actor, audit_append, event_record_of
from tipline.vault.digests import chain_digest_unkeyed


def events_append(count: int, **fields: Any) -> list[AuditEvent]:
    events = []
    for n in range(count):
        with transaction.atomic():
            values = {"action": "case.note_added", "subject": f"R{n:09d}", "details": {"n": n}, **fields}
            events.append(audit_append(actor=Actor.system(), **values))
    return events


def triggers_drop() -> None:
    """The first thing an attacker does: lift the append-only triggers (the test's transaction restores them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_event_no_update ON audit_auditevent")
        else:  # pragma: no cover
            raise NotImplementedError(connection.vendor)


def record_of(event: AuditEvent) -> bytes:
    """The bytes an event's link covers, as they stand in the database (or in memory, for an unsaved one)."""
    if event.pk is not None:
        event.refresh_from_db()
    return event_record_of(event)


def event_edit(sequence: int, **changes: Any) -> None:
    AuditEvent.objects.filter(sequence=sequence).update(**changes)


def event_remove(*sequences: int) -> None:
    AuditEvent.objects.filter(sequence__in=sequences).delete()


def chain_rehash_unkeyed(start: int) -> None:
    """Recomputes every link from `start` on with plain SHA-256, and the head, as an attacker without the key
    would after editing an event."""
    previous = bytes(AuditEvent.objects.get(sequence=start - 1).hash) if start > 1 else bytes(32)
    for event in AuditEvent.objects.filter(sequence__gte=start).order_by("sequence"):
        digest = chain_digest_unkeyed(previous, record_of(event))
        AuditEvent.objects.filter(pk=event.pk).update(previous_hash=previous, hash=digest)
        previous = digest
    AuditChainHead.objects.filter(id=1).update(hash=previous)


def event_insert(at: int, action: str = "case.closed") -> None:
    """Slips a forged event in at sequence `at`: later events move up by one (highest first, so the unique
    sequence never clashes), the forgery copies its predecessor's hash and guesses its own with SHA-256."""
    for event in AuditEvent.objects.filter(sequence__gte=at).order_by("-sequence"):
        AuditEvent.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    predecessor = AuditEvent.objects.get(sequence=at - 1)
    forged = AuditEvent(
        sequence=at,
        occurred_at=predecessor.occurred_at,
        actor_kind=AuditEvent.ActorKind.SYSTEM,
        action=action,
        subject=predecessor.subject,
        details={},
        previous_hash=bytes(predecessor.hash),
        hash=b"",
        key_id=predecessor.key_id,
    )
    forged.hash = chain_digest_unkeyed(bytes(predecessor.hash), record_of(forged))
    forged.save()
    AuditChainHead.objects.filter(id=1).update(sequence=F("sequence") + 1)
