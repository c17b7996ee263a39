"""An agent's availability: recurring weekly windows, date exceptions and the weekly hours target.

Windows and exceptions are wall-clock times in the agent's own time zone (`ends` 00:00 is
midnight), so a 09:00 window stays at 09:00 local across a DST change; `available_intervals`
turns them into UTC interval starts for the booking grid.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clients.intervals import interval_starts
from gigcx.errors import DomainError
from scheduling.models import AvailabilityException, AvailabilityWindow, WorkPreference
from scheduling.services import work_preference_for

MAX_WEEKLY_HOURS = 80  # the models' validators say the same
MIDNIGHT = time(0)
DAY_MINUTES = 24 * 60


class AvailabilityInvalid(DomainError):
    """A window, exception or target that breaks a rule; `field` names the input at fault."""


class AvailabilityNotFound(DomainError):
    code = "not_found"
    status_code = 404

    def __init__(self) -> None:
        super().__init__("You have no such availability entry.")


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def window_add(*, agent: User, weekday: int, starts: time, ends: time) -> AvailabilityWindow:
    """Add a recurring weekly window; it may touch but not overlap the day's other windows."""
    _check_times(starts, ends)
    _lock_agent(agent)
    same_day = AvailabilityWindow.objects.filter(agent=agent, weekday=weekday)
    _check_no_overlap(starts, ends, same_day, "another of your windows that day")
    window = AvailabilityWindow(agent=agent, weekday=weekday, starts=starts, ends=ends)
    window.full_clean()
    window.save()
    return window


def window_remove(*, agent: User, window_id: int) -> None:
    deleted, _ = AvailabilityWindow.objects.filter(agent=agent, pk=window_id).delete()
    if not deleted:
        raise AvailabilityNotFound


@transaction.atomic
def exception_add(
    *,
    agent: User,
    day: date,
    available: bool,
    starts: time | None = None,
    ends: time | None = None,
    note: str = "",
) -> AvailabilityException:
    """Mark a date away all day, or add an extra window on it (not both on one date)."""
    if day < timezone.now().astimezone(ZoneInfo(agent.timezone)).date():
        raise AvailabilityInvalid("That date has passed.", field="day")
    _lock_agent(agent)
    same_date = AvailabilityException.objects.filter(agent=agent, date=day)
    if same_date.filter(available=False).exists():
        raise AvailabilityInvalid(f"You are already away all day on {day:%a %-d %b}.", field="day")
    if available:
        if starts is None or ends is None:
            raise AvailabilityInvalid("An extra window needs a start and an end.", field="starts")
        _check_times(starts, ends)
        _check_no_overlap(starts, ends, same_date, "another extra window that date")
    else:
        if same_date.exists():
            raise AvailabilityInvalid(
                f"Remove the extra windows of {day:%a %-d %b} before marking it away.", field="day"
            )
        starts = ends = None
    exception = AvailabilityException(
        agent=agent, date=day, available=available, starts=starts, ends=ends, note=note
    )
    exception.full_clean()
    exception.save()
    return exception


def exception_remove(*, agent: User, exception_id: int) -> None:
    deleted, _ = AvailabilityException.objects.filter(agent=agent, pk=exception_id).delete()
    if not deleted:
        raise AvailabilityNotFound


@transaction.atomic
def work_target_set(*, agent: User, hours_min: int, hours_max: int) -> WorkPreference:
    """Set the weekly target; the maximum is the hard cap bookings never pass."""
    if hours_max < 1 or hours_max > MAX_WEEKLY_HOURS:
        raise AvailabilityInvalid(
            f"The most hours a week must be between 1 and {MAX_WEEKLY_HOURS}.", field="hours_max"
        )
    if hours_min < 0 or hours_min > hours_max:
        raise AvailabilityInvalid(
            "The least hours a week must be between 0 and your most.", field="hours_min"
        )
    preference = work_preference_for(agent)
    preference = WorkPreference.objects.select_for_update().get(pk=preference.pk)
    preference.hours_min, preference.hours_max = hours_min, hours_max
    preference.full_clean()
    preference.save(update_fields=["hours_min", "hours_max"])
    return preference


def _lock_agent(agent: User) -> None:
    """Two adds for one agent at once queue here, so the overlap checks see each other.

    FOR NO KEY UPDATE, as the booking services take it, so bookings inserted meanwhile (which
    only share-lock the agent's key) are not held up."""
    list(User.objects.select_for_update(no_key=True).filter(pk=agent.pk).values_list("pk"))


def _check_times(starts: time, ends: time) -> None:
    for field, moment in (("starts", starts), ("ends", ends)):
        if moment.minute % 30 or moment.second or moment.microsecond:
            raise AvailabilityInvalid(
                f"The {'start' if field == 'starts' else 'end'} must be on the hour or half hour.",
                field=field,
            )
    if _minutes(ends, end=True) <= _minutes(starts):
        raise AvailabilityInvalid("The end must come after the start.", field="ends")


def _check_no_overlap(starts: time, ends: time, others: Iterable, what: str) -> None:
    start, end = _minutes(starts), _minutes(ends, end=True)
    for other in others:
        if other.starts is None:
            continue
        if _minutes(other.starts) < end and _minutes(other.ends, end=True) > start:
            raise AvailabilityInvalid(
                f"This overlaps {what} ({other.starts:%H:%M}–{other.ends:%H:%M}).", field="starts"
            )


def _minutes(moment: time, *, end: bool = False) -> int:
    """Minutes since midnight; an end at 00:00 is the midnight at the end of the day."""
    minutes = moment.hour * 60 + moment.minute
    return DAY_MINUTES if end and minutes == 0 else minutes


# --- selectors ---------------------------------------------------------------------------------


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
        names = dict(AvailabilityWindow._meta.get_field("weekday").choices)
        return [
            (names[day], [_segment(w) for w in self.windows if w.weekday == day])
            for day in range(7)
        ]

    @property
    def weekly_hours(self) -> float:
        return sum(_minutes(w.ends, end=True) - _minutes(w.starts) for w in self.windows) / 60


def _segment(window: AvailabilityWindow) -> StripSegment:
    start, end = _minutes(window.starts), _minutes(window.ends, end=True)
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
    for day, available, starts, ends in AvailabilityException.objects.filter(
        agent=agent, date__range=(first, last)
    ).values_list("date", "available", "starts", "ends"):
        if available:
            extra.setdefault(day, []).append((starts, ends))
        else:
            away.add(day)
    result = set()
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
