"""Test data made through the same services the application uses."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from tipline.accounts.models import Role, StaffUser, Unit
from tipline.accounts.services import staff_create
from tipline.audit.services import Actor
from tipline.intake.models import Channel, ReporterKind
from tipline.intake.services import report_submit
from tipline.intake.submissions import Consent, IncomingFile, Receipt, ReportDraft, ReporterIdentity
from tipline.vault.receipts import SubmissionToken

STAFF_PASSWORD = "correct horse battery staple"


def units_create() -> dict[str, Unit]:
    national = Unit.objects.create(
        code="national", name_zh="国家", name_en="National", level=Unit.Level.NATIONAL
    )
    return {
        "national": national,
        "beijing": Unit.objects.create(
            code="beijing",
            name_zh="北京",
            name_en="Beijing",
            level=Unit.Level.PROVINCIAL,
            parent=national,
            region="110000",
        ),
        "guangdong": Unit.objects.create(
            code="guangdong",
            name_zh="广东",
            name_en="Guangdong",
            level=Unit.Level.PROVINCIAL,
            parent=national,
            region="440000",
        ),
    }


def staff_make(role: Role, unit: Unit | None, username: str | None = None, language: str = "en") -> StaffUser:
    """Staff work in Chinese by default; test accounts use English so assertions read naturally (the browser
    journeys cover the Chinese workspace)."""
    return staff_create(
        acting=Actor.system(),
        username=username or f"{role}-{secrets.token_hex(3)}",
        password=STAFF_PASSWORD,
        role=role,
        unit=unit,
        language=language,
    )


def draft_make(**overrides: Any) -> ReportDraft:
    draft = ReportDraft(
        channel=Channel.WEB,
        category="state_secrets",
        language="en",
        text="A man photographs the naval port every morning and sends the pictures abroad.",
        occurred="since March",
        place="Harbour road",
        region="440000",
        people="A man in his forties",
        identifiers="+86 138 0013 8000",
    )
    return replace(draft, **overrides)


def identity_make(**overrides: Any) -> ReporterIdentity:
    identity = ReporterIdentity(
        kind=ReporterKind.PERSON, name="Li Ming", phone="13900139000", email="li@example.cn"
    )
    return replace(identity, **overrides)


def named_draft(**overrides: Any) -> ReportDraft:
    return draft_make(identity=identity_make(), consent=Consent(contact=True), **overrides)


def token_make() -> SubmissionToken:
    return SubmissionToken(secrets.token_urlsafe(24))


def report_make(draft: ReportDraft | None = None, files: list[IncomingFile] | None = None) -> Receipt:
    return report_submit(draft=draft or draft_make(), token=token_make(), files=files)
