"""Rotating the key-encryption key re-wraps every data key; reports keep opening."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tipline.intake.bindings import content_binding
from tipline.intake.models import Report
from tipline.testsupport.factories import draft_make, report_make
from tipline.vault import envelope, tinkset
from tipline.vault.models import DataKey
from tipline.vault.providers import loaded_keys

pytestmark = pytest.mark.django_db


def test_rotation_rewraps_every_data_key_and_content_still_opens(units: object) -> None:
    receipts = [report_make(draft_make(text=f"report number {i}")) for i in range(3)]
    old_primary = tinkset.primary_key_id(loaded_keys().file.keyset("content_kek"))
    wrapped_before = {k.pk: bytes(k.wrapped) for k in DataKey.objects.all()}

    call_command("vault_rotate_kek")

    new_primary = tinkset.primary_key_id(loaded_keys().file.keyset("content_kek"))
    assert new_primary != old_primary
    for key in DataKey.objects.all():
        assert key.kek_key_id == new_primary
        assert bytes(key.wrapped) != wrapped_before[key.pk]
    for i, receipt in enumerate(receipts):
        report = Report.objects.get(public_id=receipt.report_public_id)
        content = envelope.decrypt(
            report.content_key, bytes(report.content), binding=content_binding(report.public_id)
        )
        assert f"report number {i}".encode() in content
