from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.audit.models import AuditEvent
from tipline.audit.selectors import EventFilters


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor_kind = forms.ChoiceField(
        label=_("Actor type"), required=False, choices=[("", _("any")), *AuditEvent.ActorKind.choices]
    )
    actor = forms.CharField(label=_("Staff member (username)"), required=False, max_length=150)
    subject = forms.CharField(label=_("Subject (report number)"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("any")), *((action, action) for action in actions)]
        self.fields["action"].widget.attrs["data-filter-first"] = "1"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the date range is before its start."))
        return cleaned

    def filters(self) -> EventFilters:
        """The filters to apply; none at all while the form is invalid (its errors are shown instead)."""
        if not self.is_bound or not self.is_valid():
            return EventFilters()
        data = self.cleaned_data
        return EventFilters(
            action=data["action"],
            actor_kind=data["actor_kind"],
            actor=data["actor"],
            subject=data["subject"],
            since=data["since"],
            until=data["until"],
        )
