"""Reads for the public site."""

from __future__ import annotations

from django.db.models import QuerySet

from tipline import clock
from tipline.accounts.models import Unit
from tipline.publications.models import ContactEntry, Notice


def notices_published(*, kind: Notice.Kind = Notice.Kind.NOTICE) -> QuerySet[Notice]:
    return Notice.objects.filter(kind=kind, published_at__isnull=False, published_at__lte=clock.now())


def notice_published(*, slug: str) -> Notice | None:
    return Notice.objects.filter(slug=slug, published_at__isnull=False, published_at__lte=clock.now()).first()


def contact_directory() -> list[tuple[ContactEntry, list[ContactEntry]]]:
    """Units with a published contact entry, national first, each followed by the units under it."""
    entries = list(ContactEntry.objects.filter(published=True).select_related("unit", "unit__parent"))
    children: dict[int | None, list[ContactEntry]] = {}
    for entry in entries:
        children.setdefault(entry.unit.parent_id, []).append(entry)
    for group in children.values():
        group.sort(key=lambda e: e.unit.code)
    roots = [e for e in entries if e.unit.level == Unit.Level.NATIONAL]
    provinces = [e for e in entries if e.unit.level == Unit.Level.PROVINCIAL]
    ordered = roots + sorted(provinces, key=lambda e: e.unit.code)
    return [
        (entry, children.get(entry.unit_id, []) if entry.unit.level != Unit.Level.NATIONAL else [])
        for entry in ordered
    ]
