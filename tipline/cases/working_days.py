"""Working days in China: weekends and official holidays off, make-up working days on.

The chinese-calendar package knows the State Council's calendar up to the last year it was released for; for
later years an administrator enters the year (CalendarYear). A year known to neither is counted Monday to Friday
and the result is marked estimated, so the workspace can say so instead of showing a wrong date as certain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar


@dataclass(frozen=True)
class YearCalendar:
    holidays: frozenset[dt.date]
    make_up_workdays: frozenset[dt.date]


@dataclass
class WorkingDayCounter:
    """Counts working days with the package's data, administrator-entered years first."""

    entered_years: dict[int, YearCalendar] = field(default_factory=dict)
    missing_years: set[int] = field(default_factory=set)

    def is_working_day(self, day: dt.date) -> bool:
        entered = self.entered_years.get(day.year)
        if entered is not None:
            if day in entered.holidays:
                return False
            return day in entered.make_up_workdays or day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            self.missing_years.add(day.year)
            return day.weekday() < 5

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (the day of receipt itself does not count)."""
        day = start
        counted = 0
        while counted < count:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day


def calendar_years_known_to_package() -> range:
    """The years chinese-calendar has data for (its holiday table)."""
    years = sorted({day.year for day in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def calendar_years_missing(years: range, entered: set[int]) -> list[int]:
    """Of `years`, those neither the package nor an administrator has a calendar for."""
    known = calendar_years_known_to_package()
    return [year for year in years if year not in known and year not in entered]
