"""The 30-minute grid in a program's own time zone: local days, weeks and interval starts.

Every instant is stored in UTC; a program's day runs from its local midnight to the next, so a
day has 46 or 50 intervals when the clocks change. Pure Python, no Django.
"""

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

INTERVAL = timedelta(minutes=30)
INTERVAL_SECONDS = 1800
Hours = Mapping[int, tuple[time, time]]  # weekday -> (opens, closes); closes 00:00 = midnight


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant at which `day` begins in `zone`."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def local_period(first_day: date, days: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC bounds of `days` local days starting on `first_day`."""
    return local_midnight(first_day, zone), local_midnight(first_day + timedelta(days=days), zone)


def interval_starts(start: datetime, end: datetime) -> Iterator[datetime]:
    """Every interval start from `start` (inclusive) to `end` (exclusive), in UTC."""
    moment = start
    while moment < end:
        yield moment
        moment += INTERVAL


def is_on_grid(moment: datetime) -> bool:
    return moment.minute % 30 == 0 and moment.second == 0 and moment.microsecond == 0


def parse_local(text: str, zone: ZoneInfo) -> datetime:
    """Read an ISO-8601 interval start: local time of `zone`, or with an explicit UTC offset.

    Raises ValueError naming the problem: unparseable, or a local time the clocks skip. A local
    time that happens twice (clocks going back) is the first one unless an offset says otherwise.
    """
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"“{text}” is not a date and time like 2026-03-02T09:30") from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    aware = parsed.replace(tzinfo=zone)
    moment = aware.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != parsed:
        raise ValueError(
            f"{parsed:%Y-%m-%d %H:%M} does not exist in {zone.key} (clocks go forward)"
        )
    return moment


def is_open(moment: datetime, zone: ZoneInfo, hours: Hours) -> bool:
    """Whether the interval starting at `moment` lies inside the program's hours."""
    local = moment.astimezone(zone)
    window = hours.get(local.weekday())
    if window is None:
        return False
    opens, closes = window
    return opens <= local.time() and (closes == time(0) or local.time() < closes)
