"""The work on a report: its queue, screening, assignment, deadlines, notes, outcome, and identity requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSED = "closed", _("closed")


class Screening(models.TextChoices):
    IN_SCOPE = "in_scope", _("in scope")
    OUT_OF_SCOPE = "out_of_scope", _("out of scope (referred)")
    JUNK = "junk", _("junk (empty, advertising, test, abuse)")
    MALICIOUS = "malicious", _("malicious or fabricated")


class Hotline(models.TextChoices):
    POLICE = "110", _("Police: 110")
    CITIZEN_SERVICE = "12345", _("Citizen service: 12345")
    CONSUMER = "12315", _("Consumer complaints: 12315")
    SPAM_FRAUD = "12321", _("Spam and fraud reports: 12321")
    ANTI_FRAUD = "96110", _("Anti-fraud: 96110")
    OTHER = "other", _("Another authority")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("verified and acted on")
    NOT_SUBSTANTIATED = (
        "not_substantiated",
        _("not substantiated (honest mistake, not held against the reporter)"),
    )
    INSUFFICIENT = "insufficient", _("not enough information to act on")
    REFERRED = "referred", _("referred to another authority")
    DUPLICATE = "duplicate", _("about a matter already known")


class Case(models.Model):
    """The handling side of one report. Queue fields (unit, state, category, priority, channel, region,
    deadlines, assignee) live here so that the queue reads one table; the report itself never changes."""

    report = models.OneToOneField(
        "intake.Report", on_delete=models.CASCADE, primary_key=True, related_name="case"
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cases"
    )
    state = models.CharField(_("state"), max_length=12, choices=CaseState.choices, default=CaseState.NEW)
    category = models.ForeignKey(
        "intake.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=12)
    region = models.CharField(_("region"), max_length=6)
    registered_at = models.DateTimeField(_("registered at"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=50, help_text=_("0-100; higher is sooner.")
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    screening = models.CharField(_("screening"), max_length=12, choices=Screening.choices, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=8, choices=Hotline.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.BinaryField(_("reason (encrypted)"), null=True)
    acknowledge_due = models.DateTimeField(_("acknowledge by"), null=True)
    screen_due = models.DateTimeField(_("screen by"), null=True)
    feedback_due = models.DateTimeField(_("give feedback by"), null=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True)
    screened_at = models.DateTimeField(_("screened at"), null=True)
    feedback_at = models.DateTimeField(_("feedback given at"), null=True)
    next_due = models.DateTimeField(_("next deadline"), null=True)
    due_estimated = models.BooleanField(
        _("deadline estimated"),
        default=False,
        help_text=_("A working-day deadline crossed a year the holiday calendar has no data for."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["unit", "state", "registered_at"], name="cases_queue_registered_idx"),
            models.Index(fields=["unit", "state", "next_due"], name="cases_queue_due_idx"),
            models.Index(fields=["unit", "state", "priority"], name="cases_queue_priority_idx"),
            models.Index(fields=["assigned_to", "state", "registered_at"], name="cases_assignee_idx"),
            # One index per sort order of the queue, in exactly that order (primary key last, as the tie-break),
            # with the unit and state after it: a page is read off the index in order, filtered in the index,
            # without a sort and without touching the table, however many units a supervisor sees.
            models.Index(
                fields=["next_due", "registered_at", "report", "unit", "state"], name="cases_order_due_idx"
            ),
            models.Index(fields=["registered_at", "report", "unit", "state"], name="cases_order_time_idx"),
            models.Index(
                fields=["-urgent", "-priority", "registered_at", "report", "unit", "state"],
                name="cases_order_priority_idx",
            ),
        ]


class CaseNote(models.Model):
    """An internal note on a case; never shown to the reporter. Encrypted with the report's content key."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.BinaryField(_("note (encrypted)"))
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at"]


class IdentityRequest(models.Model):
    """A handler asks to see a real-name reporter's identity; a custodian decides, with a reason either way."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for a custodian")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identity_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    reason = models.BinaryField(_("reason (encrypted)"))
    requested_at = models.DateTimeField(_("requested at"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.BinaryField(_("decision reason (encrypted)"), null=True)
    decided_at = models.DateTimeField(_("decided at"), null=True)

    class Meta:
        verbose_name = _("identity request")
        verbose_name_plural = _("identity requests")
        indexes = [models.Index(fields=["state", "requested_at"], name="cases_identity_req_idx")]


class DeadlineKind(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class DeadlinePolicy(models.Model):
    """How long a unit has to acknowledge, screen and give feedback. A unit without a policy uses its parent's;
    the policy without a unit is the default (EU whistleblowing rules: acknowledge in 7 days, feedback in 3
    months)."""

    unit = models.OneToOneField(
        "accounts.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("unit"),
        help_text=_("Empty: the default for every unit."),
    )
    acknowledge_amount = models.PositiveSmallIntegerField(_("acknowledge within"), default=7)
    acknowledge_kind = models.CharField(
        _("counted in"), max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.CALENDAR_DAYS
    )
    screen_amount = models.PositiveSmallIntegerField(_("screen within"), default=10)
    screen_kind = models.CharField(
        _("counted in"), max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.WORKING_DAYS
    )
    feedback_amount = models.PositiveSmallIntegerField(_("give feedback within"), default=3)
    feedback_kind = models.CharField(
        _("counted in"), max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.MONTHS
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")

    def __str__(self) -> str:
        return str(self.unit or _("default"))


class CalendarYear(models.Model):
    """China's official holidays and make-up working days for a year the chinese-calendar package does not know
    yet, entered by an administrator when the State Council publishes them."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    holidays = models.JSONField(
        _("public holidays"), default=list, help_text=_("Dates (YYYY-MM-DD) that are days off.")
    )
    make_up_workdays = models.JSONField(
        _("make-up working days"),
        default=list,
        help_text=_("Weekend dates (YYYY-MM-DD) that are working days."),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("working-day calendar year")
        verbose_name_plural = _("working-day calendar years")

    def __str__(self) -> str:
        return str(self.year)
