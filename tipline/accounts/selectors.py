"""Reads about units and staff."""

from __future__ import annotations

from tipline.accounts.models import Unit


def unit_route_for_region(region: str) -> Unit:
    """The unit whose queue receives a report about `region`: the unit serving it, else the national unit."""
    unit = Unit.objects.filter(region=region).order_by("id").first() if region else None
    if unit is not None:
        return unit
    national = Unit.objects.filter(level=Unit.Level.NATIONAL).order_by("id").first()
    if national is None:
        raise Unit.DoesNotExist("no national unit is configured")
    return national
