from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.accounts.models import Unit
from tipline.accounts.regions import REGIONS
from tipline.cases.models import Hotline, Outcome, Screening
from tipline.cases.selectors import QueueFilters
from tipline.intake.forms import ReportForm
from tipline.intake.models import Category, Channel
from tipline.intake.submissions import NAME_MAX_CHARS, ReportDraft


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("open", _("open")),
            ("new", _("new")),
            ("in_progress", _("in progress")),
            ("closed", _("closed")),
            ("all", _("all")),
        ],
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("any")), ("urgent", _("urgent")), ("high", _("high or urgent"))],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("any")), *Channel.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("any")), *REGIONS])
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("any")),
            ("overdue", _("overdue")),
            ("soon", _("due within 3 days")),
            ("estimated", _("estimated")),
        ],
    )
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        required=False,
        choices=[("", _("anyone")), ("me", _("me")), ("unassigned", _("nobody"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("due", _("next deadline")),
            ("priority", _("priority")),
            ("newest", _("newest")),
            ("oldest", _("oldest")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("any"))] + [
            (c.code, c.local("name")) for c in Category.objects.all()
        ]
        self.fields["state"].widget.attrs["data-filter-first"] = "1"

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        values = {key: value for key, value in self.cleaned_data.items() if value}
        return QueueFilters(**values)


class ScreenForm(forms.Form):
    screening = forms.ChoiceField(
        label=_("Screening result"), choices=Screening.choices, widget=forms.RadioSelect
    )
    referred_to = forms.ChoiceField(
        label=_("Referred to (out of scope)"), required=False, choices=[("", "—"), *Hotline.choices]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for malicious or fabricated reports."),
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Handler"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("To unit"), queryset=Unit.objects.all())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question for the reporter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reporter reads it with their receipt code. Write nothing they must not know."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class IdentityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("approve")), ("refuse", _("refuse"))],
        widget=forms.RadioSelect,
    )
    decision_reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


STAFF_CHANNELS = [
    (c.value, c.label) for c in (Channel.TELEPHONE, Channel.LETTER, Channel.IN_PERSON, Channel.TRANSFERRED)
]


class StaffReportForm(ReportForm):
    """A report taken by telephone, letter, in person, or transferred from another organ or an employer. Same
    fields and rules as the public form, plus how it arrived."""

    field_order = ["channel", "source", "language", "read_back"]
    channel = forms.ChoiceField(label=_("Arrived by"), choices=STAFF_CHANNELS)
    source = forms.CharField(
        label=_("Transferred from"),
        required=False,
        max_length=NAME_MAX_CHARS,
        help_text=_("For transferred reports: the state organ or employer that sent it."),
    )
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=[("zh", "中文"), ("en", "English")]
    )
    read_back = forms.BooleanField(label=_("The transcript was read back to the reporter"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("channel") == Channel.TRANSFERRED and not cleaned.get("source"):
            self.add_error("source", _("Say which organ or employer transferred the report."))
        return cleaned

    def draft(self) -> ReportDraft:
        data = self.cleaned_data
        return replace(
            super().draft(),
            channel=Channel(data["channel"]),
            source=data["source"],
            language=data["language"],
            read_back=data["read_back"],
        )
