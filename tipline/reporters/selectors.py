"""What a reporter (or a complainant) holding a receipt code may read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tipline.intake.bindings import content_binding
from tipline.intake.models import Report
from tipline.reporters.models import Complaint, ReportMessage
from tipline.vault import envelope
from tipline.vault.receipts import ReceiptCode, receipt_lookup_candidates


def report_for_receipt(code: ReceiptCode) -> Report | None:
    """The report a receipt code opens, or None. Costs one Argon2id call per pepper key: that cost is the point."""
    return report_for_lookups(receipt_lookup_candidates(code))


def report_for_lookups(lookups: list[bytes]) -> Report | None:
    return Report.objects.filter(receipt_lookup__in=lookups).first()


def complaint_for_lookups(lookups: list[bytes]) -> Complaint | None:
    return Complaint.objects.select_related("content_key").filter(receipt_lookup__in=lookups).first()


def receipt_holder(code: ReceiptCode) -> Report | Complaint | None:
    """What a receipt code opens: a report or a complaint about staff. The lookup keys are derived once (the
    Argon2id cost is paid once, not per table) and tried against reports, then complaints."""
    lookups = receipt_lookup_candidates(code)
    return report_for_lookups(lookups) or complaint_for_lookups(lookups)


def message_binding(public_id: str) -> str:
    return content_binding(public_id) + ":message"


@dataclass(frozen=True)
class ThreadEntry:
    author: str
    text: str
    at: dt.datetime


def reporter_thread(report: Report) -> list[ThreadEntry]:
    """The questions from staff and the reporter's messages, oldest first, decrypted."""
    messages = list(ReportMessage.objects.filter(report=report).order_by("created_at", "id"))
    if not messages:
        return []
    binding = message_binding(report.public_id)
    key = report.content_key
    return [
        ThreadEntry(
            author=message.author,
            text=envelope.decrypt(key, bytes(message.body), binding=binding).decode("utf-8"),
            at=message.created_at,
        )
        for message in messages
    ]
