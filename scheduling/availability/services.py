"""An agent's availability: recurring weekly windows, date exceptions and the weekly hours target.

Windows and exceptions are wall-clock times in the agent's own time zone (`ends` 00:00 is
midnight), so a 09:00 window stays at 09:00 local across a DST change; `available_intervals`
turns them into UTC interval starts for the booking grid."""

from collections.abc import Iterable
from datetime import date, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from gigcx.errors import DomainError
from gigcx.locking import Locks, locked
from scheduling.availability.selectors import minute_of_day
from scheduling.booking.services import lock_agents, work_preference_for
from scheduling.models import AvailabilityException, AvailabilityWindow, WorkPreference

MAX_WEEKLY_HOURS = 80  # the models' validators say the same


class AvailabilityInvalid(DomainError):
    """A window, exception or target that breaks a rule; `field` names the input at fault."""


class AvailabilityNotFound(DomainError):
    code = "not_found"
    status_code = 404

    def __init__(self) -> None:
        super().__init__("You have no such availability entry.")


def window_add(*, agent: User, weekday: int, starts: time, ends: time) -> AvailabilityWindow:
    """Add a recurring weekly window; it may touch but not overlap the day's other windows."""
    _check_times(starts, ends)
    with locked() as locks:
        _lock_agent(locks, agent)
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
    with locked() as locks:
        _lock_agent(locks, agent)
        return _exception_add(
            agent=agent, day=day, available=available, starts=starts, ends=ends, note=note
        )


def _exception_add(
    *,
    agent: User,
    day: date,
    available: bool,
    starts: time | None,
    ends: time | None,
    note: str,
) -> AvailabilityException:
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


def work_target_set(*, agent: User, hours_min: int, hours_max: int) -> WorkPreference:
    """Set the weekly target; the maximum is the hard cap bookings never pass.

    The agent is locked first, as a booking locks them before it reads the cap, so a booking
    and a lower cap never pass each other."""
    if hours_max < 1 or hours_max > MAX_WEEKLY_HOURS:
        raise AvailabilityInvalid(
            f"The most hours a week must be between 1 and {MAX_WEEKLY_HOURS}.", field="hours_max"
        )
    if hours_min < 0 or hours_min > hours_max:
        raise AvailabilityInvalid(
            "The least hours a week must be between 0 and your most.", field="hours_min"
        )
    with locked() as locks:
        _lock_agent(locks, agent)
        preference = work_preference_for(agent)
        preference.hours_min, preference.hours_max = hours_min, hours_max
        preference.full_clean()
        preference.save(update_fields=["hours_min", "hours_max"])
        return preference


def _lock_agent(locks: Locks, agent: User) -> None:
    """Two adds for one agent at once queue here, so the overlap checks see each other."""
    lock_agents(locks, [agent.pk])


def _check_times(starts: time, ends: time) -> None:
    for field, moment in (("starts", starts), ("ends", ends)):
        if moment.minute % 30 or moment.second or moment.microsecond:
            raise AvailabilityInvalid(
                f"The {'start' if field == 'starts' else 'end'} must be on the hour or half hour.",
                field=field,
            )
    if minute_of_day(ends, end=True) <= minute_of_day(starts):
        raise AvailabilityInvalid("The end must come after the start.", field="ends")


def _check_no_overlap(starts: time, ends: time, others: Iterable, what: str) -> None:
    start, end = minute_of_day(starts), minute_of_day(ends, end=True)
    for other in others:
        if other.starts is None:
            continue
        if minute_of_day(other.starts) < end and minute_of_day(other.ends, end=True) > start:
            raise AvailabilityInvalid(
                f"This overlaps {what} ({other.starts:%H:%M}–{other.ends:%H:%M}).", field="starts"
            )
