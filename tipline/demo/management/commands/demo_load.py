"""Loads the demo agency once. Staff passwords are random and printed only when the accounts are created."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.management.base import BaseCommand

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.accounts.services import staff_create
from tipline.audit.services import Actor
from tipline.demo.content import CONTACTS, GUIDANCE, NOTICES, STAFF, UNITS
from tipline.publications.models import ContactEntry, Notice


class Command(BaseCommand):
    help = "Load the demo units, contact directory, notices and staff accounts (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        if Unit.objects.exists():
            self.stdout.write(
                "Demo data is already loaded (staff passwords were printed when it was first loaded)."
            )
            return
        units: dict[str, Unit] = {}
        for code, name_zh, name_en, level, parent, region in UNITS:
            units[code] = Unit.objects.create(
                code=code,
                name_zh=name_zh,
                name_en=name_en,
                level=level,
                parent=units.get(parent) if parent else None,
                region=region,
                duty_email=f"duty-{code}@example.invalid",
            )
        for code, (telephone, mailbox_zh, mailbox_en, online) in CONTACTS.items():
            ContactEntry.objects.create(
                unit=units[code],
                telephone=telephone,
                mailbox_zh=mailbox_zh,
                mailbox_en=mailbox_en,
                online_url=online,
            )
        now = clock.now()
        for notice in NOTICES + GUIDANCE:
            fields = {k: v for k, v in notice.items() if k != "days_ago"}
            Notice.objects.create(**fields, published_at=now - dt.timedelta(days=int(notice["days_ago"])))

        self.stdout.write(self.style.WARNING("Demo staff accounts. The passwords are shown this once only:"))
        for username, role, unit_code, full_name in STAFF:
            if StaffUser.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            staff_create(
                acting=Actor.system(),
                username=username,
                password=password,
                role=Role(role),
                unit=units[unit_code],
                full_name=full_name,
            )
            self.stdout.write(f"  {username:<16} {role:<20} {unit_code:<10} {password}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
