"""Deadlines in calendar days, working days (China's official calendar) and months."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tipline import clock
from tipline.cases.deadlines import deadlines_for, due_after, working_day_counter
from tipline.cases.models import CalendarYear, Case, DeadlinePolicy
from tipline.testsupport.factories import draft_make, report_make

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=SHANGHAI)


def test_working_days_skip_the_spring_festival_and_count_make_up_saturdays() -> None:
    # Registered Thursday 12 Feb 2026. Off: 15-23 Feb (Spring Festival). Working: Sat 14 and Sat 28 Feb (make-up).
    due = due_after(_at(2026, 2, 12), 10, "working_days", working_day_counter())
    assert due == dt.datetime(2026, 3, 4, 23, 59, 59, tzinfo=SHANGHAI)
    naive_weekdays = due_after(_at(2026, 2, 12), 10, "calendar_days", working_day_counter())
    assert naive_weekdays.date() == dt.date(2026, 2, 22)


def test_calendar_days_and_months() -> None:
    counter = working_day_counter()
    assert due_after(_at(2026, 1, 31), 7, "calendar_days", counter).date() == dt.date(2026, 2, 7)
    assert due_after(_at(2026, 11, 30), 3, "months", counter).date() == dt.date(2027, 2, 28)  # no 30 February
    assert due_after(_at(2026, 11, 29, 23), 1, "calendar_days", counter).date() == dt.date(2026, 11, 30)


def test_a_year_without_calendar_data_is_estimated_until_an_administrator_enters_it() -> None:
    counter = working_day_counter()
    estimated = due_after(_at(2026, 12, 28), 10, "working_days", counter)
    assert counter.missing_years == {2027}
    assert estimated.date() == dt.date(2027, 1, 11)  # Monday to Friday only

    CalendarYear.objects.create(
        year=2027, holidays=["2027-01-01", "2027-01-04"], make_up_workdays=["2027-01-09"]
    )
    counter = working_day_counter()
    entered = due_after(_at(2026, 12, 28), 10, "working_days", counter)
    assert counter.missing_years == set()
    # 29,30,31 Dec; 1 Jan off; 4 Jan off; 5,6,7,8 Jan; Sat 9 Jan worked; 11, 12 Jan.
    assert entered.date() == dt.date(2027, 1, 12)
    assert due_after(_at(2026, 12, 28), 8, "working_days", counter).date() == dt.date(2027, 1, 9)


def test_case_deadlines_follow_the_unit_policy_then_its_parent_then_the_default(units: dict) -> None:
    DeadlinePolicy.objects.create(unit=None, acknowledge_amount=5, acknowledge_kind="calendar_days")
    DeadlinePolicy.objects.create(
        unit=units["national"], acknowledge_amount=3, acknowledge_kind="calendar_days"
    )
    registered = _at(2026, 3, 2)
    assert deadlines_for(units["guangdong"], registered).acknowledge.date() == dt.date(2026, 3, 5)  # parent's
    DeadlinePolicy.objects.create(
        unit=units["guangdong"], acknowledge_amount=1, acknowledge_kind="working_days"
    )
    assert deadlines_for(units["guangdong"], registered).acknowledge.date() == dt.date(2026, 3, 3)


def test_a_new_case_gets_deadlines_and_flags_estimates(units: dict) -> None:
    with clock.clock_frozen_at(_at(2026, 12, 20)):
        receipt = report_make(draft_make())
    case = Case.objects.get(report__public_id=receipt.report_public_id)
    assert case.acknowledge_due.astimezone(SHANGHAI).date() == dt.date(2026, 12, 27)
    assert case.feedback_due.astimezone(SHANGHAI).date() == dt.date(2027, 3, 20)
    assert case.due_estimated  # the default screening deadline counts working days into 2027
    assert case.next_due == case.acknowledge_due
