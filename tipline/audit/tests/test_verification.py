"""`manage.py audit_verify` finds the first event that was changed, inserted or removed, even by someone who can
write to the database, drops the append-only triggers and recomputes hashes (but has no chain key)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.audit.tests.tampering import (
    chain_rehash_unkeyed,
    event_edit,
    event_insert,
    event_remove,
    events_append,
    triggers_drop,
)
from tipline.audit.verification import (
    ChainHead,
    ChainRow,
    Problem,
    Verification,
    audit_chain_verify,
    chain_walk,
)
from tipline.vault.providers import key_file_rotate, loaded_keys

pytestmark = pytest.mark.django_db


def _verify_command(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit_verify", *args, stdout=out, no_color=True)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def _finding(verification: Verification) -> tuple[Problem, int]:
    assert verification.finding is not None, verification.summary()
    return verification.finding.problem, verification.finding.sequence


def test_an_untouched_log_is_intact() -> None:
    events = events_append(5)
    status, output = _verify_command()
    assert status == 0
    assert output.strip() == f"audit log intact: 5 events, last hash {bytes(events[-1].hash).hex()}"


def test_an_empty_log_is_intact() -> None:
    assert _verify_command()[0] == 0


def test_an_edited_event_is_found() -> None:
    events_append(6)
    triggers_drop()
    event_edit(3, reason="nothing to see here")
    status, output = _verify_command()
    assert status == 1
    assert "event 3" in output and "was changed" in output
    assert _finding(audit_chain_verify()) == (Problem.CHANGED, 3)


@pytest.mark.parametrize("field", ["action", "subject", "details", "occurred_at", "actor_kind"])
def test_any_edited_field_is_found(field: str) -> None:
    events = events_append(4)
    triggers_drop()
    change: dict[str, Any] = {
        "action": "case.acknowledged",
        "subject": "R999999999",
        "details": {"n": 99},
        "occurred_at": events[1].occurred_at + dt.timedelta(seconds=1),
        "actor_kind": AuditEvent.ActorKind.REPORTER,
    }
    event_edit(2, **{field: change[field]})
    assert _finding(audit_chain_verify()) == (Problem.CHANGED, 2)


def test_a_deleted_event_is_found() -> None:
    events_append(6)
    triggers_drop()
    event_remove(3)
    status, output = _verify_command()
    assert status == 1
    assert "Event 3 was removed" in output
    verification = audit_chain_verify()
    assert _finding(verification) == (Problem.REMOVED, 4)
    assert verification.finding is not None and verification.finding.facts["first"] == 3
    assert verification.events == 2


def test_several_deleted_events_are_named() -> None:
    events_append(8)
    triggers_drop()
    event_remove(3, 4, 5)
    verification = audit_chain_verify()
    assert verification.finding is not None
    assert "Events 3 to 5 (3 events) were removed" in verification.finding.explanation()


def test_an_inserted_event_is_found() -> None:
    events_append(6)
    triggers_drop()
    event_insert(3)
    status, output = _verify_command()
    assert status == 1
    assert "Event 3 was inserted" in output
    assert _finding(audit_chain_verify()) == (Problem.INSERTED, 3)


def test_an_event_written_past_the_head_is_found() -> None:
    events = events_append(3)
    AuditEvent.objects.create(
        sequence=4,
        occurred_at=events[-1].occurred_at,
        actor_kind=AuditEvent.ActorKind.SYSTEM,
        action="case.closed",
        previous_hash=bytes(events[-1].hash),
        hash=bytes(32),
        key_id=events[-1].key_id,
    )  # inserting needs no dropped trigger; the head is not moved
    assert _finding(audit_chain_verify()) == (Problem.BEYOND_HEAD, 4)


def test_a_truncated_tail_is_found() -> None:
    events_append(6)
    triggers_drop()
    event_remove(5, 6)
    status, output = _verify_command()
    assert status == 1
    assert "The newest 2 events were removed" in output and "event 6" in output
    verification = audit_chain_verify()
    assert _finding(verification) == (Problem.TRUNCATED, 5)
    assert verification.events == 4


def test_a_truncated_tail_with_the_head_moved_back_is_still_found_by_the_hash() -> None:
    events = events_append(6)
    triggers_drop()
    event_remove(6)
    AuditChainHead.objects.filter(id=1).update(sequence=5)  # the head's hash still names event 6
    assert _finding(audit_chain_verify()) == (Problem.HEAD_MISMATCH, 5)
    AuditChainHead.objects.filter(id=1).update(hash=bytes(events[4].hash))
    assert audit_chain_verify().intact  # a head moved back consistently: what the transparency log is for


def test_an_attacker_who_recomputes_the_chain_with_plain_sha256_is_caught() -> None:
    events_append(6)
    triggers_drop()
    event_edit(3, action="case.acknowledged")
    chain_rehash_unkeyed(3)
    # The edited chain links up again: every previous hash matches, and the head names the last hash.
    previous = None
    for event in AuditEvent.objects.order_by("sequence"):
        assert previous is None or bytes(event.previous_hash) == previous
        previous = bytes(event.hash)
    assert bytes(AuditChainHead.objects.get().hash) == previous
    status, output = _verify_command()
    assert status == 1 and "Event 3 was changed" in output
    assert _finding(audit_chain_verify()) == (Problem.CHANGED, 3)


def test_a_link_claiming_an_unknown_key_is_found() -> None:
    events_append(4)
    triggers_drop()
    event_edit(2, key_id=12345)
    assert _finding(audit_chain_verify()) == (Problem.UNKNOWN_KEY, 2)


def test_json_output() -> None:
    events_append(4)
    status, output = _verify_command("--json")
    assert status == 0
    document = json.loads(output)
    assert document["intact"] is True and document["events_checked"] == 4 and document["finding"] is None
    triggers_drop()
    event_edit(2, reason="edited")
    status, output = _verify_command("--json")
    assert status == 1
    document = json.loads(output)
    assert document["intact"] is False and document["events_checked"] == 1
    assert document["finding"]["problem"] == "changed" and document["finding"]["sequence"] == 2
    assert "Event 2 was changed" in document["finding"]["explanation"]


def test_events_sealed_under_a_rotated_key_still_verify(settings: Any, tmp_path: Path) -> None:
    copy = tmp_path / "keys.json"
    shutil.copy(settings.TIPLINE_KEY_FILE, copy)
    settings.TIPLINE_KEY_FILE = copy  # rotate a copy: the session's key file stays as other tests expect
    older = events_append(3)
    key_file_rotate("audit_chain")
    newer = events_append(3)
    assert {e.key_id for e in older} != {e.key_id for e in newer}
    assert newer[0].key_id == loaded_keys().audit_chain.primary_id()
    assert audit_chain_verify().intact


def test_verification_reads_in_chunks_without_holding_the_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tipline.audit.verification.CHUNK_SIZE", 3)
    events_append(10)
    verification = audit_chain_verify()
    assert verification.intact and verification.events == 10


@pytest.mark.django_db(transaction=True)
def test_verification_outside_a_transaction_takes_its_own_snapshot() -> None:
    """No events here: a transactional test empties the tables afterwards, which the triggers would refuse."""
    assert not connection.in_atomic_block
    assert audit_chain_verify().intact


# The walk itself, over rows made by hand, with a toy digest.


def _link(key_id: int | None, previous: bytes, record: bytes) -> bytes | None:
    return None if key_id != 1 else (previous + record)[-32:].rjust(32, b"\0")


def _rows(count: int) -> list[ChainRow]:
    rows, previous = [], bytes(32)
    for sequence in range(1, count + 1):
        record = f"event {sequence}".encode()
        digest = _link(1, previous, record)
        assert digest is not None
        rows.append(ChainRow(sequence, record, previous, digest, 1))
        previous = digest
    return rows


def test_walk_consumes_an_iterator_once_and_reports_the_end() -> None:
    rows = _rows(5)
    verification = chain_walk(iter(rows), ChainHead(5, rows[-1].hash), _link)
    assert verification.intact and verification.events == 5 and verification.last_hash == rows[-1].hash


def test_walk_without_a_head_but_with_events() -> None:
    verification = chain_walk(_rows(2), None, _link)
    assert _finding(verification) == (Problem.HEAD_MISSING, 1)


def test_walk_finds_a_removed_first_event() -> None:
    rows = _rows(4)
    assert _finding(chain_walk(rows[1:], ChainHead(4, rows[-1].hash), _link)) == (Problem.REMOVED, 2)


def test_walk_reports_an_unlinked_event_that_verifies_on_its_own() -> None:
    rows = _rows(4)
    stray = _rows(1)[0]
    other = ChainRow(3, b"another", stray.hash, _link(1, stray.hash, b"another") or b"", 1)
    walked = chain_walk([*rows[:2], other], ChainHead(3, other.hash), _link)
    assert _finding(walked) == (Problem.UNLINKED, 3)
