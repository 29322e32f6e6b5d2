"""The auditors' workspace: the log, its filters, and the button that verifies the chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.audit.models import AuditEvent
from tipline.audit.services import Actor, audit_append
from tipline.audit.tests.tampering import event_edit, events_append, triggers_drop
from tipline.testsupport.factories import draft_make, report_make
from tipline.testsupport.staff import staff_enrolled, staff_sign_in

pytestmark = pytest.mark.django_db

LIST = "/staff/audit/"
VERIFY = "/staff/audit/verify/"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _signed_in(role: Role, unit: Unit, username: str | None = None) -> tuple[Client, StaffUser]:
    user = staff_enrolled(role, unit, username)
    user.language = "en"  # assertions read the English text, whatever the catalogues hold
    user.save(update_fields=["language"])
    return staff_sign_in(Client(), user), user


@pytest.fixture
def auditor(units: dict[str, Unit]) -> tuple[Client, StaffUser]:
    return _signed_in(Role.AUDITOR, units["national"], "auditor-one")


def _viewed() -> list[dict[str, Any]]:
    return [
        e.details["filters"] for e in AuditEvent.objects.filter(action="audit.viewed").order_by("sequence")
    ]


def _listed(response: Any) -> list[int]:
    return [row.event.sequence for row in response.context["rows"]]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_only_auditors_read_the_log(units: dict[str, Unit], role: Role) -> None:
    client, _ = _signed_in(role, units["national"])
    assert client.get(LIST).status_code == 403
    assert client.get(VERIFY).status_code == 403
    assert client.post(VERIFY).status_code == 403
    assert not AuditEvent.objects.filter(action__in=["audit.viewed", "audit.verified"]).exists()


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(LIST)
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]


def test_the_list_shows_every_column_newest_first(auditor: tuple[Client, StaffUser], units: dict) -> None:
    client, _ = auditor
    handler = staff_enrolled(Role.HANDLER, units["beijing"], "handler-one")
    with transaction.atomic():
        audit_append(
            actor=Actor.staff(handler.pk),
            action="case.closed",
            subject="R123456789",
            reason="verified & closed",
            details={"outcome": "verified", "flags": ["a", "b"]},
        )
    response = client.get(LIST)
    assert response.status_code == 200
    sequences = _listed(response)
    assert sequences == sorted(sequences, reverse=True)
    html = response.content.decode()
    for text in (
        "handler-one",
        "case.closed",
        "R123456789",
        "verified &amp; closed",
        "outcome",
        "[&quot;a&quot;, &quot;b&quot;]",
    ):
        assert text in html
    assert "Verify the chain now" in html


def test_details_and_reasons_are_escaped(auditor: tuple[Client, StaffUser]) -> None:
    client, _ = auditor
    with transaction.atomic():
        audit_append(
            actor=Actor.system(), action="x.y", reason="<b>r</b>", details={"<i>k</i>": "<script>v</script>"}
        )
    html = client.get(LIST).content.decode()
    assert "<script>v</script>" not in html and "&lt;script&gt;v&lt;/script&gt;" in html
    assert "<i>k</i>" not in html and "<b>r</b>" not in html


def test_filters(auditor: tuple[Client, StaffUser], units: dict[str, Unit]) -> None:
    client, _ = auditor
    handler = staff_enrolled(Role.HANDLER, units["beijing"], "handler-two")
    with clock.clock_frozen_at(dt.datetime(2026, 3, 1, 10, tzinfo=SHANGHAI)):
        events_append(2, action="case.assigned", subject="RAAAAAAAAA")
    with clock.clock_frozen_at(dt.datetime(2026, 3, 5, 23, 30, tzinfo=SHANGHAI)), transaction.atomic():
        by_handler = audit_append(
            actor=Actor.staff(handler.pk), action="report.content_read", subject="RBBBBBBBBB"
        )
    with clock.clock_frozen_at(dt.datetime(2026, 3, 6, 0, 30, tzinfo=SHANGHAI)):
        late = events_append(1, action="case.assigned", subject="RBBBBBBBBB")[0]

    by_action = client.get(LIST, {"action": "report.content_read"})
    assert _listed(by_action) == [by_handler.sequence]
    assert "report.content_read" in [value for value, _ in by_action.context["form"].fields["action"].choices]
    assert _listed(client.get(LIST, {"actor": "handler-two"})) == [by_handler.sequence]
    assert _listed(client.get(LIST, {"subject": "RBBBBBBBBB"})) == [late.sequence, by_handler.sequence]
    assert _listed(client.get(LIST, {"subject": "RBBBBBBBBB", "action": "case.assigned"})) == [late.sequence]
    # Dates are days in the workspace's time zone (Asia/Shanghai), both ends included.
    in_march = client.get(LIST, {"since": "2026-03-02", "until": "2026-03-05", "actor_kind": "staff"})
    assert _listed(in_march) == [by_handler.sequence]
    assert _listed(client.get(LIST, {"since": "2026-03-06", "until": "2026-03-06"})) == [late.sequence]
    reversed_range = client.get(LIST, {"since": "2026-03-06", "until": "2026-03-01"})
    assert _listed(reversed_range) == [] and "before its start" in reversed_range.content.decode()


def test_reading_is_recorded_once_per_set_of_filters(auditor: tuple[Client, StaffUser]) -> None:
    client, user = auditor
    events_append(120)
    client.get(LIST)
    client.get(LIST, {"page": 2})
    client.get(LIST, {"page": 3})
    assert _viewed() == [{}]
    client.get(LIST, {"action": "case.note_added"})
    client.get(LIST, {"action": "case.note_added", "page": 2})
    client.get(LIST, {"action": "case.note_added", "subject": "R000000007"})
    assert _viewed() == [
        {},
        {"action": "case.note_added"},
        {"action": "case.note_added", "subject": "R000000007"},
    ]
    viewed = AuditEvent.objects.filter(action="audit.viewed").last()
    assert viewed is not None and viewed.actor_id == user.pk
    assert viewed.subject == ""  # so the viewing never appears in a report's history


def test_pages_hold_still_while_events_arrive(auditor: tuple[Client, StaffUser]) -> None:
    client, _ = auditor
    events_append(60)
    first = client.get(LIST)
    assert len(_listed(first)) == 50 and first.context["page"].paginator.num_pages == 2
    upto = first.context["upto"]
    events_append(5)  # others keep working
    second = client.get(LIST, {"page": 2, "upto": upto})
    assert _listed(second)[0] == _listed(first)[-1] - 1  # no row shown twice, none skipped
    assert "5 newer events have been recorded" in second.content.decode()


def test_the_list_runs_a_constant_number_of_queries(
    auditor: tuple[Client, StaffUser], units: dict[str, Unit], django_assert_max_num_queries: Any
) -> None:
    client, _ = auditor
    handlers = [staff_enrolled(Role.HANDLER, units["beijing"]) for _ in range(3)]

    def counted(query: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, query).status_code == 200
        return len(queries)

    def staff_events(count: int) -> None:
        for n in range(count):
            with transaction.atomic():
                audit_append(
                    actor=Actor.staff(handlers[n % 3].pk), action=f"case.action_{n % 7}", subject=f"R{n}"
                )

    staff_events(3)
    few = counted({"actor_kind": "staff"}), counted({"actor_kind": "staff", "page": "1"})
    staff_events(150)
    many = counted({"actor_kind": ""}), counted({"actor_kind": "", "page": "2"})
    assert few == many  # (filters changed, so recorded) and (same filters, not recorded)
    with django_assert_max_num_queries(12):
        client.get(LIST, {"page": "3"})


def test_the_page_decrypts_nothing(
    auditor: tuple[Client, StaffUser], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = auditor
    report_make(draft_make())

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the audit log page decrypted something")

    for name in ("decrypt", "data_key_open"):
        monkeypatch.setattr(f"tipline.vault.envelope.{name}", refuse, raising=False)
    response = client.get(LIST)
    assert response.status_code == 200 and "report.registered" in response.content.decode()


def test_the_verify_button_shows_the_chain_intact(auditor: tuple[Client, StaffUser]) -> None:
    client, user = auditor
    events_append(4)
    response = client.post(VERIFY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The audit log is intact" in html and "NOT intact" not in html
    recorded = AuditEvent.objects.filter(action="audit.verified").get()
    assert recorded.actor_id == user.pk and recorded.details["intact"] is True


def test_the_verify_button_shows_the_first_problem_after_tampering(auditor: tuple[Client, StaffUser]) -> None:
    client, _ = auditor
    events = events_append(4)
    target = events[1].sequence
    triggers_drop()
    event_edit(target, reason="rewritten")
    response = client.post(VERIFY)
    html = response.content.decode()
    assert f"The audit log is NOT intact: first problem at event {target}" in html
    assert f"Event {target} was changed" in html
    assert f"?upto={target}#event-{target}" in html
    recorded = AuditEvent.objects.filter(action="audit.verified").get()
    assert recorded.details == {
        "intact": False,
        "events_checked": target - 1,
        "problem": "changed",
        "sequence": target,
    }


def test_the_verify_page_offers_the_button(auditor: tuple[Client, StaffUser]) -> None:
    client, _ = auditor
    response = client.get(VERIFY)
    assert response.status_code == 200 and "Verify the chain now" in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit.verified").exists()
