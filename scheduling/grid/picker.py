"""The program picker's counts for the booking grid: per program, the open seats, short-staffed
slots and slots with a bonus among the week's bookable slots — in one grouped SQL aggregate.

The page lays out one program's slots (`open_week`) but counts every eligible program's: building
a `GridSlot` for each of 20 × 336 slots only to count them cost more than the page. The rules are
`GridSlot.bookable`, `open_seats`, `hot` and `bonus_per_hour` said in SQL, from the same sources
(`scheduling.booking.seats`, `scheduling.booking.window`), the bookings, holds,
own blocks and bonuses covering each slot counted in one sorted pass (`scheduling.covering`);
tests/scheduling/test_grid_picker.py holds them equal to counts over `open_week`'s slots.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Q

from accounts.models import User
from clients.models import Program
from scheduling.booking.seats import HOT_SQL, seats_seen_by
from scheduling.booking.window import bookable
from scheduling.grid.covering import covering_counts
from scheduling.models import Bonus, Slot


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
) -> dict[int, PickerCounts]:
    """Counts over each program's slots in [start, end) that `agent` may book now. One query."""
    if not programs:
        return {}
    open_to_agent = _open_to_agent(programs=programs, start=start, end=end, now=now, tier=tier)
    counted, params = covering_counts(
        Slot.objects.filter(open_to_agent),
        fields=("capacity", "required"),
        programs=programs,
        start=start,
        end=end,
        **seats_seen_by(viewer=agent, now=now),
        bonus=Bonus.objects.filter(per_hour__gt=0),
    )
    with connection.cursor() as cursor:
        cursor.execute(_TOTALS.format(counted=counted), params)
        return {pk: PickerCounts(*counts) for pk, *counts in cursor.fetchall()}


# Bookable: not the agent's own, not full (booked + held < capacity, `GridSlot.full`).
_TOTALS = f"""
SELECT program_id, SUM(capacity - booked - held), COUNT(*) FILTER (WHERE {HOT_SQL}),
       COUNT(*) FILTER (WHERE bonus > 0)
FROM ({{counted}}) AS slot
WHERE mine = 0 AND booked + held < capacity
GROUP BY program_id
"""  # noqa: S608 (constants only)


def _open_to_agent(
    *, programs: list[Program], start: datetime, end: datetime, now: datetime, tier: int
) -> Q:
    """Slots of the week released to the tier by `now`, not closed (`GridSlot.released`,
    `closed`: booking closes soon before the start, and each program has its horizon)."""
    return bookable(programs, tier, now) & Q(starts_at__gte=start, starts_at__lt=end)
