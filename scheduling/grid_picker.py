"""The program picker's counts for the booking grid: per program, the open seats, short-staffed
slots and slots with a bonus among the week's bookable slots — in one grouped SQL aggregate.

The page lays out one program's slots (`open_week`) but counts every eligible program's: building
a `GridSlot` for each of 20 × 336 slots only to count them cost more than the page. The rules are
`GridSlot.bookable`, `open_seats`, `hot` and `bonus_per_hour` said in SQL, from the same sources
(`scheduling.seats`, `bookable_from`, the booking-close and horizon settings);
tests/scheduling/test_grid_picker.py holds them equal to counts over `open_week`'s slots.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from accounts.models import User
from clients.models import Program
from scheduling.eligibility import released_to
from scheduling.models import Slot
from scheduling.seats import seat_bookings, seat_holds
from scheduling.selectors import slots_with_booked


@dataclass(frozen=True, slots=True)
class PickerCounts:
    open_seats: int = 0  # seats left over the program's bookable slots
    hot: int = 0  # bookable slots with fewer booked than required
    bonus: int = 0  # bookable slots a bonus covers


def picker_counts(
    *,
    agent: User,
    programs: list[Program],
    start: datetime,
    end: datetime,
    now: datetime,
    tier: int,
    longest: timedelta,
) -> dict[int, PickerCounts]:
    """Counts over each program's slots in [start, end) that `agent` may book now. One query."""
    if not programs:
        return {}
    open_to_agent = _open_to_agent(programs=programs, start=start, end=end, now=now, tier=tier)
    slots = slots_with_booked(longest=longest).filter(
        open_to_agent,
        ~Exists(_covering(seat_bookings().filter(agent=agent))),  # not the agent's own
    )
    holds = _covering(seat_holds(now=now, viewer=agent))
    counted = holds.values("program").annotate(n=Count("pk")).values("n")
    # count holds only in the few slots any hold covers (found by one semi-join, then by hash)
    held_here = Slot.objects.filter(open_to_agent, Exists(holds)).values("pk")
    rows = (
        slots.annotate(
            held=Case(
                When(pk__in=held_here, then=Subquery(counted, output_field=IntegerField())),
                default=Value(0),
            ),
            bonus=ExpressionWrapper(
                Q(pk__in=_covered_by_bonus(programs=programs, start=start, end=end)),
                output_field=BooleanField(),
            ),
        )
        .order_by()
        .values("program_id", "capacity", "required", "booked", "held", "bonus")
    )
    inner, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_TOTALS.format(inner=inner, fence=_FENCE[connection.vendor]), params)
        return {pk: PickerCounts(*counts) for pk, *counts in cursor.fetchall()}


# Not full: booked + held < capacity (`GridSlot.full`); the fence (OFFSET 0 on PostgreSQL; SQLite
# wants a LIMIT with it) keeps each slot's counts computed once rather than inlined into every
# expression that reads them.
_FENCE = {"postgresql": "OFFSET 0", "sqlite": "LIMIT -1 OFFSET 0"}
_TOTALS = """
SELECT program_id, SUM(capacity - booked - held), COUNT(*) FILTER (WHERE booked < required),
       COUNT(*) FILTER (WHERE bonus)
FROM ({inner} {fence}) AS slot
WHERE booked + held < capacity
GROUP BY program_id
"""


def _open_to_agent(
    *, programs: list[Program], start: datetime, end: datetime, now: datetime, tier: int
) -> Q:
    """Slots of the week released to the tier by `now`, not closed (`GridSlot.released`,
    `closed`: booking closes soon before the start, and each program has its horizon)."""
    closes = now + timedelta(minutes=settings.SCHEDULING_BOOKING_CLOSES_MINUTES)
    windows = Q()
    for program in programs:
        horizon = now + timedelta(days=program.booking_horizon_days)
        windows |= Q(program=program, starts_at__lt=min(end, horizon))
    return windows & released_to(tier, now) & Q(starts_at__gte=max(start, closes))


def _covered_by_bonus(*, programs: list[Program], start: datetime, end: datetime) -> QuerySet:
    """The week's slots a bonus above zero covers (`GridSlot.bonus_per_hour`): one set, looked
    up by hash, not a scan of the bonuses for each slot."""
    return Slot.objects.filter(
        program__in=programs,
        starts_at__gte=start,
        starts_at__lt=end,
        program__bonuses__per_hour__gt=0,
        program__bonuses__starts_at__lte=F("starts_at"),
        program__bonuses__ends_at__gt=F("starts_at"),
    ).values("pk")


def _covering(queryset: QuerySet) -> QuerySet:
    """Rows of the slot's program whose [starts_at, ends_at) covers the slot's start."""
    return queryset.filter(
        program=OuterRef("program"),
        starts_at__lte=OuterRef("starts_at"),
        ends_at__gt=OuterRef("starts_at"),
    ).order_by()
