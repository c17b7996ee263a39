"""A week's earnings statement per agent: what each block of the week paid, and CSV of it.

The week is Monday to Sunday in the agent's own time zone; a block belongs to the week it starts
in. A block pays for the minutes worked in it (`attended_minutes`: check-in or start, whichever
is later, to check-out or end, whichever is earlier) at the rate fixed when it was booked, and
its bonus in proportion: worked minutes / booked minutes of `bonus_amount`. A no-show, a lapsed
release and a block not worked yet pay nothing. Each line is rounded to the cent (half up); the
totals add the rounded lines, so the CSV always adds up.
"""

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateparse import parse_date

from accounts.models import User
from clients.intervals import week_start
from gigcx.errors import DomainError
from scheduling.attendance.selectors import accountable_bookings, attended_minutes, booked_minutes
from scheduling.local_time import week_window
from scheduling.models import Booking

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

CENT = Decimal("0.01")
SIXTY = Decimal(60)
Attendance = Booking.Attendance


@dataclass(frozen=True)
class EarningsLine:
    booking: Booking
    starts_at: datetime  # in the agent's zone
    ends_at: datetime
    status: str
    booked_hours: Decimal
    attended_hours: Decimal
    base: Decimal
    bonus: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus


class _LineSum:
    """A statement's total of one line field: the sum of the rounded lines."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, statement: "EarningsStatement", owner: type) -> Decimal:
        return sum((getattr(line, self.name) for line in statement.lines), Decimal(0))


@dataclass
class EarningsStatement:
    agent: User
    week: date  # the Monday
    lines: list[EarningsLine] = field(default_factory=list)

    booked_hours = _LineSum()
    attended_hours = _LineSum()
    base = _LineSum()
    bonus = _LineSum()
    total = _LineSum()

    @property
    def days(self) -> list[tuple[date, Decimal, Decimal]]:
        """Each day of the week: (day, booked hours, attended hours), for the bars."""
        booked: dict[date, Decimal] = defaultdict(lambda: Decimal("0.00"))
        worked: dict[date, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for line in self.lines:
            booked[line.starts_at.date()] += line.booked_hours
            worked[line.starts_at.date()] += line.attended_hours
        days = [self.week + timedelta(days=n) for n in range(7)]
        return [(day, booked[day], worked[day]) for day in days]


def week_monday(*, value: str | None, zone: ZoneInfo) -> date:
    """The Monday of the week asked for (any day of it, YYYY-MM-DD); this week when empty."""
    if not value:
        return week_start(timezone.localdate(timezone=zone))
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        raise DomainError("week must be a date like 2026-03-02.", field="week")
    return week_start(day)


def earnings_week(*, agent: User, week: date, now: datetime | None = None) -> EarningsStatement:
    """The agent's statement for the local week starting on Monday `week`. One query."""
    start, end = week_window(agent=agent, week=week)
    blocks = accountable_bookings().filter(agent=agent, starts_at__gte=start, starts_at__lt=end)
    statement = EarningsStatement(agent=agent, week=week)
    _add_lines(statement, blocks.select_related("program"), now or timezone.now())
    return statement


def earnings_week_all(*, week: date, now: datetime | None = None) -> list[EarningsStatement]:
    """Every agent's statement for their own local week of Monday `week`, by name. One query."""
    now = now or timezone.now()
    # Wide enough for any zone's local week; each agent's own bounds are applied below.
    start = datetime.combine(week, datetime.min.time(), tzinfo=UTC) - timedelta(days=1)
    blocks = accountable_bookings().filter(
        starts_at__gte=start, starts_at__lt=start + timedelta(days=9)
    )
    statements: dict[int, EarningsStatement] = {}
    for booking in blocks.select_related("program", "agent").order_by("starts_at", "pk"):
        agent = booking.agent
        first, last = week_window(agent=agent, week=week)
        if first <= booking.starts_at < last:
            statement = statements.setdefault(agent.pk, EarningsStatement(agent=agent, week=week))
            _add_lines(statement, [booking], now)
    return sorted(statements.values(), key=lambda s: (s.agent.full_name, s.agent.email))


def _add_lines(statement: EarningsStatement, blocks: Iterable[Booking], now: datetime) -> None:
    zone = ZoneInfo(statement.agent.timezone)
    for booking in blocks:
        booked, worked = booked_minutes(booking), attended_minutes(booking)
        statement.lines.append(
            EarningsLine(
                booking=booking,
                starts_at=booking.starts_at.astimezone(zone),
                ends_at=booking.ends_at.astimezone(zone),
                status=line_status(booking, now),
                booked_hours=_hours(0 if booking.cancelled_at else booked),  # lapsed: given up
                attended_hours=_hours(worked),
                base=_cents(booking.pay_rate * worked / SIXTY),
                bonus=_cents(booking.bonus_amount * worked / booked),
            )
        )


def line_status(booking: Booking, now: datetime) -> str:
    if booking.cancellation == Booking.Cancellation.LATE:
        return "Released late, lapsed"
    if booking.attendance == Attendance.ATTENDED:
        return "Attended" if attended_minutes(booking) >= booked_minutes(booking) else "Partly"
    if booking.attendance == Attendance.SCHEDULED:
        return "Upcoming" if booking.starts_at > now else "Not checked in"
    return booking.get_attendance_display()


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / SIXTY).quantize(CENT, ROUND_HALF_UP)


def _cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, ROUND_HALF_UP)


CSV_HEADER = [
    "agent_email",
    "agent_name",
    "program",
    "starts_at",
    "ends_at",
    "status",
    "booked_hours",
    "attended_hours",
    "pay_rate",
    "base_pay",
    "bonus",
    "total",
]


def write_csv(out: "SupportsWrite[str]", statements: Iterable[EarningsStatement]) -> None:
    """One row per block (times in the agent's zone, ISO-8601 with offset), money in dollars."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for statement in statements:
        for line in statement.lines:
            writer.writerow(
                [
                    statement.agent.email,
                    statement.agent.full_name,
                    line.booking.program.name,
                    line.starts_at.isoformat(),
                    line.ends_at.isoformat(),
                    line.status,
                    line.booked_hours,
                    line.attended_hours,
                    line.booking.pay_rate,
                    line.base,
                    line.bonus,
                    line.total,
                ]
            )
