"""Reads of an agent's availability: the week strip, and the UTC intervals they can work."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from clients.intervals import interval_starts
from scheduling.booking.services import work_preference_for
from scheduling.models import AvailabilityException, AvailabilityWindow, WorkPreference

MIDNIGHT = time(0)
DAY_MINUTES = 24 * 60


def minute_of_day(moment: time, *, end: bool = False) -> int:
    """Minutes since midnight; an end at 00:00 is the midnight at the end of the day."""
    minutes = moment.hour * 60 + moment.minute
    return DAY_MINUTES if end and minutes == 0 else minutes


@dataclass(frozen=True)
class StripSegment:
    """A window drawn on a 24-hour bar: `left` and `width` in percent of the day."""

    left: float
    width: float
    label: str


@dataclass(frozen=True)
class Availability:
    windows: list[AvailabilityWindow]
    exceptions: list[AvailabilityException]  # today onwards, in the agent's zone
    preference: WorkPreference

    @property
    def week_strip(self) -> list[tuple[str, list[StripSegment]]]:
        """Monday to Sunday, each with its windows as segments of a 24-hour bar."""
        names = dict(
            cast(list[tuple[int, str]], AvailabilityWindow._meta.get_field("weekday").choices)
        )
        return [
            (names[day], [_segment(w) for w in self.windows if w.weekday == day])
            for day in range(7)
        ]

    @property
    def weekly_hours(self) -> float:
        return (
            sum(minute_of_day(w.ends, end=True) - minute_of_day(w.starts) for w in self.windows)
            / 60
        )


def _segment(window: AvailabilityWindow) -> StripSegment:
    start, end = minute_of_day(window.starts), minute_of_day(window.ends, end=True)
    return StripSegment(
        left=round(start * 100 / DAY_MINUTES, 3),
        width=round((end - start) * 100 / DAY_MINUTES, 3),
        label=f"{window.starts:%H:%M}–{window.ends:%H:%M}",
    )


def availability_of(*, agent: User) -> Availability:
    """The agent's windows, upcoming exceptions and target, for the page. Three queries."""
    today = timezone.now().astimezone(ZoneInfo(agent.timezone)).date()
    return Availability(
        windows=list(AvailabilityWindow.objects.filter(agent=agent).order_by("weekday", "starts")),
        exceptions=list(
            AvailabilityException.objects.filter(agent=agent, date__gte=today).order_by(
                "date", "starts"
            )
        ),
        preference=work_preference_for(agent),
    )


def available_intervals(agent: User, start: datetime, end: datetime) -> set[datetime]:
    """UTC starts of the 30-minute intervals in [start, end) the agent said they are available.

    Weekly windows of each local date, plus that date's extra windows; nothing on a date marked
    away. Two queries whatever the span.
    """
    zone = ZoneInfo(agent.timezone)
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    windows: dict[int, list[tuple[time, time]]] = {}
    for weekday, starts, ends in AvailabilityWindow.objects.filter(agent=agent).values_list(
        "weekday", "starts", "ends"
    ):
        windows.setdefault(weekday, []).append((starts, ends))
    extra: dict[date, list[tuple[time, time]]] = {}
    away: set[date] = set()
    for day, available, opens, closes in AvailabilityException.objects.filter(
        agent=agent, date__range=(first, last)
    ).values_list("date", "available", "starts", "ends"):
        if not available:
            away.add(day)
        elif opens is not None and closes is not None:  # the service requires both
            extra.setdefault(day, []).append((opens, closes))
    result: set[datetime] = set()
    for day in _dates(first, last):
        if day in away:
            continue
        for starts, ends in windows.get(day.weekday(), []) + extra.get(day, []):
            result.update(t for t in _utc_starts(day, starts, ends, zone) if start <= t < end)
    return result


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _utc_starts(day: date, starts: time, ends: time, zone: ZoneInfo) -> Iterator[datetime]:
    """The interval starts of a local window on `day`: real elapsed time, so a window over the
    night the clocks go back holds one interval more, and one less when they go forward."""
    end_day = day + timedelta(days=1) if ends == MIDNIGHT else day
    begin = datetime.combine(day, starts, tzinfo=zone).astimezone(UTC)
    finish = datetime.combine(end_day, ends, tzinfo=zone).astimezone(UTC)
    return interval_starts(begin, finish)
