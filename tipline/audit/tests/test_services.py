"""The audit log is append-only and chained under a key."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.audit.services import Actor, audit_append, event_record_bytes
from tipline.vault.digests import ChainDigester, chain_digest_unkeyed
from tipline.vault.providers import loaded_keys

pytestmark = pytest.mark.django_db


def _append(action: str) -> AuditEvent:
    with transaction.atomic():
        return audit_append(actor=Actor.system(), action=action, subject="R1", details={"n": 1})


def test_events_chain_to_each_other_and_to_the_head() -> None:
    first, second = _append("a"), _append("b")
    assert second.sequence == first.sequence + 1
    assert bytes(second.previous_hash) == bytes(first.hash)
    record = event_record_bytes(
        sequence=second.sequence,
        occurred_at=second.occurred_at.isoformat(),
        actor_kind=second.actor_kind,
        actor_id=None,
        action="b",
        subject="R1",
        reason="",
        details={"n": 1},
    )
    assert second.key_id == loaded_keys().audit_chain.primary_id()
    assert ChainDigester().digest(second.key_id, bytes(first.hash), record) == bytes(second.hash)
    assert chain_digest_unkeyed(bytes(first.hash), record) != bytes(second.hash)  # without the key: no chain
    head = AuditChainHead.objects.get()
    assert head.sequence == second.sequence and bytes(head.hash) == bytes(second.hash)


@pytest.mark.django_db(transaction=True)
def test_appending_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError):
        audit_append(actor=Actor.system(), action="x")


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_database_refuses_to_change_or_remove_events(change: str) -> None:
    event = _append("a")
    with pytest.raises(DatabaseError), transaction.atomic():
        if change == "update":
            AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
        else:
            AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "a"
