"""The web report form. It only turns what the browser sent into a ReportDraft; the rules are in
intake.submissions.report_draft_problems, shared by every channel."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.accounts.regions import REGIONS, UNKNOWN
from tipline.bilingual import language_suffix
from tipline.form_accessibility import AccessibleForm
from tipline.intake.models import Category, Channel, ReporterKind
from tipline.intake.submissions import (
    FIELD_MAX_CHARS,
    NAME_MAX_CHARS,
    TEXT_MAX_CHARS,
    Consent,
    ReportDraft,
    ReporterIdentity,
    report_draft_problems,
)
from tipline.vault.receipts import SubmissionToken, submission_token_valid

IDENTITY_FIELDS = ("name", "contact_person", "id_number", "phone", "email", "address")
CONSENT_FIELDS = ("consent_contact", "consent_disclosure", "consent_ceremony")


def submission_token_new() -> SubmissionToken:
    return SubmissionToken(secrets.token_urlsafe(24))


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.local("name")


class ReportForm(AccessibleForm):
    category = CategoryChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose what the report is about."),
            "invalid_choice": _("Choose one of the listed categories."),
        },
    )
    text = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Describe what you saw or know, in your own words. Facts help most: what, who, how you know."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX_CHARS,
        error_messages={"required": _("Tell us what happened.")},
    )
    occurred = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("A date, or roughly: “since last spring”."),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Where did it happen?"),
        help_text=_("This decides which office handles your report."),
        choices=REGIONS,
        initial=UNKNOWN,
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("City, address or building, if you know it."),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    people = forms.CharField(
        label=_("Who is involved?"),
        help_text=_("Names, jobs, employers, descriptions."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    identifiers = forms.CharField(
        label=_("Telephone numbers, e-mail, WeChat IDs, websites, IP addresses, vehicle plates"),
        help_text=_("Of the people or things involved, not your own. One per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    reporter_kind = forms.ChoiceField(
        label=_("Who are you?"),
        choices=ReporterKind.choices,
        initial=ReporterKind.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Your name, or your organisation's"), max_length=NAME_MAX_CHARS, required=False
    )
    contact_person = forms.CharField(
        label=_("Contact person (organisations)"), max_length=NAME_MAX_CHARS, required=False
    )
    id_number = forms.CharField(
        label=_("ID or registration number"), max_length=NAME_MAX_CHARS, required=False
    )
    phone = forms.CharField(label=_("Telephone"), max_length=NAME_MAX_CHARS, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=NAME_MAX_CHARS, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=NAME_MAX_CHARS, required=False)
    consent_contact = forms.BooleanField(label=_("You may contact me by the details above."), required=False)
    consent_disclosure = forms.BooleanField(
        label=_("You may tell other authorities who I am if the case needs it."), required=False
    )
    consent_ceremony = forms.BooleanField(
        label=_("If I am rewarded, I agree to a ceremony or to payment through my employer."), required=False
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)

    def clean_submission_token(self) -> str:
        token = self.cleaned_data["submission_token"]
        if not submission_token_valid(token):
            raise forms.ValidationError(_("This form is damaged. Reload the page and try again."))
        return token

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        if cleaned["reporter_kind"] == ReporterKind.ANONYMOUS:
            filled = [name for name in IDENTITY_FIELDS + CONSENT_FIELDS if cleaned.get(name)]
            if filled:
                raise forms.ValidationError(
                    _(
                        "You chose to report anonymously but filled in details about yourself. Clear them, or "
                        "choose to report by name."
                    ),
                    code="anonymous_with_identity",
                )
        for problem in report_draft_problems(self.draft()):
            target = problem.field if problem.field in self.fields else None
            self.add_error(target, problem.message)
        return cleaned

    def draft(self) -> ReportDraft:
        data = self.cleaned_data
        identity = None
        if data["reporter_kind"] != ReporterKind.ANONYMOUS:
            identity = ReporterIdentity(
                kind=ReporterKind(data["reporter_kind"]), **{f: data[f] for f in IDENTITY_FIELDS}
            )
        return ReportDraft(
            channel=Channel.WEB,
            category=data["category"].code,
            language=language_suffix(),
            text=data["text"],
            occurred=data["occurred"],
            place=data["place"],
            region=data["region"],
            people=data["people"],
            identifiers=data["identifiers"],
            identity=identity,
            consent=Consent(
                contact=data["consent_contact"],
                disclosure=data["consent_disclosure"],
                ceremony=data["consent_ceremony"],
            ),
        )
