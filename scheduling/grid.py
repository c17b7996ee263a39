"""The agent's week of open slots: every slot of the programs they may book, with seats and badges.

`open_week` reads a whole week for any number of programs in a constant number of queries: the
eligibility check, the agent's tier, the longest live block of the week, and one query for the
slots, whose seats taken, own booking and best bonus are correlated subqueries (seats are counted
as the booking core counts them, from `scheduling.seats`). The longest block bounds each count to
the bookings that began less than that before the slot: a short range of the
(program, starts_at, ends_at) index instead of every earlier booking of the program.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from clients.intervals import week_start
from clients.models import Program
from scheduling.eligibility import agent_tier, bookable_from, eligible_programs
from scheduling.models import Bonus, Slot
from scheduling.seats import seat_bookings, seat_holds
from scheduling.selectors import week_window


@dataclass(frozen=True)
class GridSlot:
    """One slot as this agent sees it."""

    slot_id: int
    program_id: int
    starts_at: datetime  # UTC
    capacity: int
    required: int
    booked: int  # live bookings
    held: int  # other agents' open hold offers
    mine: bool  # the agent holds a live booking covering it
    bonus_per_hour: Decimal | None  # the best bonus covering it
    opens_at: datetime | None  # when it opens to the agent's tier (None: always open)
    released: bool  # open to the agent's tier by now
    closed: bool  # booking has closed (too soon) or it lies beyond the program's horizon

    @property
    def taken(self) -> int:
        return self.booked + self.held

    @property
    def open_seats(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def hot(self) -> bool:
        """The program is short here: fewer booked than the staffing requires."""
        return self.booked < self.required

    @property
    def full(self) -> bool:
        return self.open_seats == 0

    @property
    def bookable(self) -> bool:
        return self.released and not self.closed and not self.full and not self.mine

    @property
    def waitlistable(self) -> bool:
        """Full, yet otherwise open to this agent: they may wait for a seat."""
        return self.full and self.released and not self.closed and not self.mine


@dataclass(frozen=True)
class OpenWeek:
    agent: User
    week: date  # the Monday
    zone: ZoneInfo
    starts_at: datetime
    ends_at: datetime
    programs: list[Program]
    slots: list[GridSlot]  # by program, then time

    def slots_of(self, program: Program) -> list[GridSlot]:
        return [slot for slot in self.slots if slot.program_id == program.pk]


def open_week(
    *, agent: User, week: date, now: datetime, programs: list[Program] | None = None
) -> OpenWeek:
    """Every slot of the agent's local Monday–Sunday week containing `week`, for the programs (of
    `programs`, default all) the agent is eligible for. A constant number of queries (ten)."""
    eligible = eligible_programs(agent=agent, at=now, programs=programs)
    start, end = week_window(agent=agent, week=week)
    tier = agent_tier(agent)
    horizons = {program.pk: program.booking_horizon_days for program in eligible}
    program_ids = [program.pk for program in eligible]
    longest = _longest_block(program_ids=program_ids, start=start, end=end)
    rows = _slots_with_seats(agent=agent, now=now, longest=longest).filter(
        program__in=program_ids, starts_at__gte=start, starts_at__lt=end
    )
    closes = now + timedelta(minutes=settings.SCHEDULING_BOOKING_CLOSES_MINUTES)
    slots = []
    for row in rows.order_by("program_id", "starts_at"):
        opens_at = bookable_from(row.released_at, tier)
        horizon = now + timedelta(days=horizons[row.program_id])
        slots.append(
            GridSlot(
                slot_id=row.pk,
                program_id=row.program_id,
                starts_at=row.starts_at,
                capacity=row.capacity,
                required=row.required,
                booked=row.booked,
                held=row.held,
                mine=row.mine,
                bonus_per_hour=row.bonus_per_hour,
                opens_at=opens_at,
                released=opens_at is None or opens_at <= now,
                closed=row.starts_at < closes or row.starts_at >= horizon,
            )
        )
    return OpenWeek(
        agent=agent,
        week=week_start(week),
        zone=ZoneInfo(agent.timezone),
        starts_at=start,
        ends_at=end,
        programs=eligible,
        slots=slots,
    )


def _longest_block(*, program_ids: list[int], start: datetime, end: datetime) -> timedelta:
    """The longest live booking of these programs touching [start, end): a booking covering a
    slot began less than this before it, which bounds each count to a short index range."""
    longest = (
        seat_bookings()
        .filter(program__in=program_ids, starts_at__lt=end, ends_at__gt=start)
        .aggregate(longest=Max(ExpressionWrapper(F("ends_at") - F("starts_at"), DurationField())))[
            "longest"
        ]
    )
    return longest or timedelta(0)


def _slots_with_seats(*, agent: User, now: datetime, longest: timedelta) -> QuerySet[Slot]:
    """Slots with `booked`, `held`, `mine` and `bonus_per_hour` (correlated subqueries)."""
    covering = {
        "program": OuterRef("program"),
        "starts_at__lte": OuterRef("starts_at"),
        "ends_at__gt": OuterRef("starts_at"),
    }
    booked_covering = {**covering, "starts_at__gt": OuterRef("starts_at") - longest}
    best_bonus = Bonus.objects.filter(**covering).order_by("-per_hour").values("per_hour")[:1]
    return Slot.objects.annotate(
        booked=_count(seat_bookings().filter(**booked_covering)),
        held=_count(seat_holds(now=now, viewer=agent).filter(**covering)),
        mine=Exists(seat_bookings().filter(agent=agent, **booked_covering)),
        bonus_per_hour=Subquery(best_bonus),
    )


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("program").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
