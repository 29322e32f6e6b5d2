"""Computing a case's deadlines from its unit's policy."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from tipline.accounts.models import Unit
from tipline.cases.models import CalendarYear, DeadlineKind, DeadlinePolicy
from tipline.cases.working_days import WorkingDayCounter, YearCalendar


@dataclass(frozen=True)
class Deadlines:
    acknowledge: dt.datetime
    screen: dt.datetime
    feedback: dt.datetime
    estimated_years: frozenset[int]


def policy_for_unit(unit: Unit) -> DeadlinePolicy:
    """The unit's policy, else its nearest ancestor's, else the default row, else the built-in defaults."""
    chain = [unit.pk]
    parent = unit.parent
    while parent is not None:
        chain.append(parent.pk)
        parent = parent.parent
    policies = {
        p.unit_id: p for p in DeadlinePolicy.objects.filter(Q(unit_id__in=chain) | Q(unit__isnull=True))
    }
    for unit_id in [*chain, None]:
        if unit_id in policies:
            return policies[unit_id]
    return DeadlinePolicy()


def working_day_counter() -> WorkingDayCounter:
    entered = {
        year.year: YearCalendar(
            holidays=frozenset(dt.date.fromisoformat(d) for d in year.holidays),
            make_up_workdays=frozenset(dt.date.fromisoformat(d) for d in year.make_up_workdays),
        )
        for year in CalendarYear.objects.all()
    }
    return WorkingDayCounter(entered_years=entered)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_after(start: dt.datetime, amount: int, kind: str, counter: WorkingDayCounter) -> dt.datetime:
    """The end (23:59:59, agency time) of the day `amount` units after `start`."""
    local_zone = ZoneInfo(settings.TIME_ZONE)
    start_day = start.astimezone(local_zone).date()
    if kind == DeadlineKind.WORKING_DAYS:
        day = counter.add_working_days(start_day, amount)
    elif kind == DeadlineKind.MONTHS:
        day = _add_months(start_day, amount)
    else:
        day = start_day + dt.timedelta(days=amount)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=local_zone)


def deadlines_for(
    unit: Unit, registered_at: dt.datetime, counter: WorkingDayCounter | None = None
) -> Deadlines:
    policy = policy_for_unit(unit)
    counter = counter or working_day_counter()
    return Deadlines(
        acknowledge=due_after(registered_at, policy.acknowledge_amount, policy.acknowledge_kind, counter),
        screen=due_after(registered_at, policy.screen_amount, policy.screen_kind, counter),
        feedback=due_after(registered_at, policy.feedback_amount, policy.feedback_kind, counter),
        estimated_years=frozenset(counter.missing_years),
    )
