"""The slots an agent may book, with seats and badges: the read behind `GET /api/v1/slots/`.

Only programs the agent is eligible for, and only slots inside the booking window
(`scheduling.booking.window`: released to the agent's tier, not closed, within the horizon).
Seats are counted from bookings and open holds, never kept as a counter.
"""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypedDict

from django.db.models import DecimalField, Max, QuerySet, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from scheduling.booking.eligibility import agent_tier, eligible_programs
from scheduling.booking.seats import (
    SEATS,
    SeatCounts,
    is_hot,
    open_seats,
    per_slot,
    seat_holds,
    slots_with_booked,
)
from scheduling.booking.window import bookable
from scheduling.local_time import overlap_hours
from scheduling.models import Bonus, Booking, Slot


class Seats(TypedDict):
    booked: int  # live bookings
    held: int  # other agents' open hold offers
    bonus_per_hour: Decimal | None  # the best bonus covering the slot


class SlotSeats(SeatCounts, Protocol):
    """A slot from `slot_list_open`, as `badges` reads it."""

    bonus_per_hour: Decimal | None


if TYPE_CHECKING:  # WithAnnotations takes one argument at run time
    from django_stubs_ext import WithAnnotations

    SlotWithSeats = WithAnnotations[Slot, Seats]


def slot_list_open(
    *, agent: User, start: datetime, end: datetime, now: datetime, program_id: int | None = None
) -> "QuerySet[SlotWithSeats]":
    """Eligible programs' slots in [start, end) the agent can book now (`window.bookable`:
    released to their tier, booking not closed, inside the program's horizon), soonest first.

    Each slot carries `booked` (live bookings), `held` (other agents' open hold offers) and
    `bonus_per_hour` (the best bonus covering it, or None). Six queries, however many slots.
    """
    programs = eligible_programs(agent=agent, at=now)
    if program_id is not None:
        programs = [program for program in programs if program.pk == program_id]
    return (
        _with_seats(agent=agent, now=now)
        .filter(bookable(programs, agent_tier(agent), now), starts_at__gte=start, starts_at__lt=end)
        .select_related("program")
        .order_by("starts_at", "program__name", "pk")
    )


def _with_seats(*, agent: User, now: datetime) -> "QuerySet[SlotWithSeats]":
    return slots_with_booked().annotate(
        held=Coalesce(per_slot(seat_holds(now=now, viewer=agent), SEATS), Value(0)),
        bonus_per_hour=per_slot(
            Bonus.objects.all(),
            Max("per_hour", output_field=DecimalField(max_digits=7, decimal_places=2)),
        ),
    )


def badges(slot: SlotSeats) -> list[str]:
    """`full` (no seat left), `hot` (booked below the program's requirement), `bonus`."""
    found = []
    if open_seats(slot) == 0:
        found.append("full")
    elif is_hot(slot):
        found.append("hot")
    if slot.bonus_per_hour is not None:
        found.append("bonus")
    return found


def booked_hours(*, agent: User, start: datetime, end: datetime) -> float:
    """Hours of the agent's live bookings inside [start, end)."""
    blocks = Booking.objects.filter(
        agent=agent, cancelled_at=None, starts_at__lt=end, ends_at__gt=start
    ).values_list("starts_at", "ends_at")
    return sum(overlap_hours(s, e, start, end) for s, e in blocks)
