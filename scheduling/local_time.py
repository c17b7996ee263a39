"""Times as an agent lives them: their local weeks in UTC bounds, and moments in their words."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.models import User
from clients.intervals import local_period, week_start


def block_span_text(person: User, starts_at: datetime, ends_at: datetime) -> str:
    """A block as messages to `person` write it: "Wed Dec 02, 09:00–11:00" in their time zone."""
    zone = ZoneInfo(person.timezone)
    return f"{starts_at.astimezone(zone):%a %b %d, %H:%M}–{ends_at.astimezone(zone):%H:%M}"


def agent_local_time(agent: User, moment: datetime) -> str:
    """A moment as the agent reads it: "Tue 2 Dec 10:00" in their own time zone."""
    local = moment.astimezone(ZoneInfo(agent.timezone))
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def week_window(*, agent: User, week: date) -> tuple[datetime, datetime]:
    """UTC bounds of the agent's local Monday–Sunday week that contains `week`."""
    return local_period(week_start(week), 7, ZoneInfo(agent.timezone))


def local_weeks_of(
    starts_at: datetime, ends_at: datetime, zone: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """UTC bounds of each local Monday–Sunday week that [starts_at, ends_at) touches."""
    weeks = []
    monday = week_start(starts_at.astimezone(zone).date())
    while True:
        start, end = local_period(monday, 7, zone)
        weeks.append((start, end))
        if end >= ends_at:
            return weeks
        monday += timedelta(days=7)


def overlap_hours(
    start: datetime, end: datetime, window_start: datetime, window_end: datetime
) -> float:
    """Hours of [start, end) inside [window_start, window_end)."""
    seconds = (min(end, window_end) - max(start, window_start)).total_seconds()
    return max(seconds, 0) / 3600
