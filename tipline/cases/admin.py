from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.accounts.admin_site import RoleAdmin, staff_admin_site
from tipline.cases.models import CalendarYear, DeadlinePolicy


class DeadlinePolicyAdmin(RoleAdmin):
    list_display = ("__str__", "acknowledge_amount", "acknowledge_kind", "screen_amount", "screen_kind",
                    "feedback_amount", "feedback_kind")  # fmt: skip


class CalendarYearForm(forms.ModelForm):
    """Dates as YYYY-MM-DD, one list per kind; every date must fall in the year."""

    class Meta:
        model = CalendarYear
        fields = ("year", "holidays", "make_up_workdays")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year = cleaned.get("year")
        for name in ("holidays", "make_up_workdays"):
            values = cleaned.get(name) or []
            if not isinstance(values, list):
                self.add_error(name, _('Give a list of dates, e.g. ["2027-01-01"].'))
                continue
            for value in values:
                try:
                    day = dt.date.fromisoformat(str(value))
                except ValueError:
                    self.add_error(name, _("%(value)s is not a date (YYYY-MM-DD).") % {"value": value})
                    continue
                if year and day.year != year:
                    self.add_error(name, _("%(value)s is not in %(year)s.") % {"value": value, "year": year})
        return cleaned


class CalendarYearAdmin(RoleAdmin):
    form = CalendarYearForm
    list_display = ("year", "entered_at")


staff_admin_site.register(DeadlinePolicy, DeadlinePolicyAdmin)
staff_admin_site.register(CalendarYear, CalendarYearAdmin)
