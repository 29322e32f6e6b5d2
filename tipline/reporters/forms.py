from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.bilingual import language_suffix
from tipline.form_accessibility import AccessibleForm
from tipline.intake.submissions import FIELD_MAX_CHARS, TEXT_MAX_CHARS
from tipline.reporters.complaints import RESULT_MAX_CHARS, ComplaintDraft, complaint_draft_problems
from tipline.reporters.models import ComplaintStatus, ProtectionRequest
from tipline.vault.receipts import submission_token_valid


class ReceiptSignInForm(AccessibleForm):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("16 digits. Spaces do not matter."),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "placeholder": "0000 0000 0000 0000",
            }
        ),
        error_messages={"required": _("Enter your receipt code.")},
    )


class MessageForm(AccessibleForm):
    text = forms.CharField(
        label=_("Your answer or more information"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_CHARS,
        error_messages={"required": _("Write something first.")},
    )


class ProtectionRequestForm(AccessibleForm):
    for_whom = forms.ChoiceField(
        label=_("Who needs protection?"), choices=ProtectionRequest.ForWhom.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("What are you afraid of?"),
        help_text=_("What has happened or what you fear will happen, and how we can reach you safely."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=FIELD_MAX_CHARS,
        error_messages={"required": _("Tell us what you are afraid of.")},
    )


class ComplaintForm(AccessibleForm):
    """The public complaint form. It only turns what the browser sent into a ComplaintDraft; the rules are in
    reporters.complaints.complaint_draft_problems."""

    text = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "What the member of staff did or failed to do, in your own words. Do not write your receipt code here."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX_CHARS,
        error_messages={"required": _("Tell us what happened.")},
    )
    staff = forms.CharField(
        label=_("Who was it?"),
        help_text=_("A name, badge number or description, if you know it."),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    unit = forms.CharField(
        label=_("Which office?"),
        help_text=_("The office or unit the person works for, if you know it."),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    occurred = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("A date, or roughly: “since last spring”."),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    contact = forms.CharField(
        label=_("How can oversight reach you? (optional)"),
        help_text=_(
            "Only if you want to be contacted: a telephone number or e-mail address. Leave it empty to stay "
            "anonymous; you can read our answer with your receipt code."
        ),
        max_length=FIELD_MAX_CHARS,
        required=False,
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)

    def clean_submission_token(self) -> str:
        token = self.cleaned_data["submission_token"]
        if not submission_token_valid(token):
            raise forms.ValidationError(_("This form is damaged. Reload the page and try again."))
        return token

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            for problem in complaint_draft_problems(self.draft()):
                self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        return cleaned

    def draft(self) -> ComplaintDraft:
        data = self.cleaned_data
        return ComplaintDraft(
            language=language_suffix(),
            text=data["text"],
            staff=data["staff"],
            unit=data["unit"],
            occurred=data["occurred"],
            contact=data["contact"],
        )


class ComplaintStatusFilterForm(AccessibleForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *ComplaintStatus.choices]
    )

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class ComplaintResultForm(AccessibleForm):
    result = forms.CharField(
        label=_("Result of the review"),
        help_text=_(
            "The complainant reads this with their receipt code. Write what was found and what was done; it "
            "cannot be changed once recorded."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=RESULT_MAX_CHARS,
        error_messages={"required": _("Write the result that the complainant will read.")},
    )
