"""What fills a slot's seats: live bookings, and other agents' open hold offers.

One definition for the booking core (which counts them under the slot locks), the waitlist
offering freed seats, and the reads that show open seats (the week grid, its picker and the slots
API), so all agree on what "full" means. The booking batch reads the same rows in plain SQL
(`sql.BLOCK_FACTS_SQL`); a test over random worlds holds it to `taken_blocks`.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypedDict

from django.db.models import (
    Aggregate,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from scheduling.models import Booking, Slot, WaitlistEntry


class Booked(TypedDict):
    booked: int  # live bookings covering the slot


if TYPE_CHECKING:  # WithAnnotations takes one argument at run time
    from django_stubs_ext import WithAnnotations

    SlotWithBooked = WithAnnotations[Slot, Booked]


def seat_bookings() -> QuerySet[Booking]:
    """Bookings that take a seat: every live one (a block pending release keeps its seat)."""
    return Booking.objects.filter(cancelled_at=None)


def seat_holds(*, now: datetime, viewer: User | None) -> QuerySet[WaitlistEntry]:
    """Open hold offers that take a seat from `viewer`: other agents' offers still running (every
    running offer when there is no viewer, as the waitlist offering seats counts them).

    An offer of a pending-release block holds that block's own seat, so it is not counted again.
    """
    holds = WaitlistEntry.objects.filter(
        status=WaitlistEntry.Status.OFFERED, offer_expires_at__gt=now, release_booking=None
    )
    return holds if viewer is None else holds.exclude(agent=viewer)


def taken_blocks(
    *, program_id: int, start: datetime, end: datetime, now: datetime, viewer: User | None
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of every booking and hold taking seats of the program in [start, end):
    what the booking batch's seat rows read under its locks (`sql.BLOCK_FACTS_SQL`)."""
    touching = {"program_id": program_id, "starts_at__lt": end, "ends_at__gt": start}
    return [
        *seat_bookings().filter(**touching).values_list("starts_at", "ends_at"),
        *seat_holds(now=now, viewer=viewer).filter(**touching).values_list("starts_at", "ends_at"),
    ]


def seats_taken(moment: datetime, taken: Iterable[tuple[datetime, datetime]]) -> int:
    """How many of the `taken` blocks cover the interval starting at `moment`."""
    return sum(1 for start, end in taken if start <= moment < end)


def seats_seen_by(*, viewer: User, now: datetime) -> dict[str, QuerySet]:
    """What the grid counts over each slot for `viewer`, by name: the live bookings (`booked`),
    other agents' running holds (`held`) and the viewer's own live bookings (`mine`)."""
    return {
        "booked": seat_bookings(),
        "held": seat_holds(now=now, viewer=viewer),
        "mine": seat_bookings().filter(agent=viewer),
    }


class SeatCounts(Protocol):
    """A slot with its seats counted: a `GridSlot`, or a `Slot` from `slot_list_open`."""

    capacity: int
    required: int
    booked: int  # live bookings
    held: int  # other agents' open hold offers


def open_seats(slot: SeatCounts) -> int:
    """Seats still free for the viewer."""
    return max(slot.capacity - slot.booked - slot.held, 0)


def is_hot(slot: SeatCounts) -> bool:
    """The program is short here: fewer booked than the staffing requires (`HOT_SQL` says the same
    in SQL, for the grid picker's counts)."""
    return slot.booked < slot.required


HOT_SQL = "booked < required"  # `is_hot` over a row with `booked` and `required` columns


def slots_with_booked() -> "QuerySet[SlotWithBooked]":
    """Slots with `booked`: the live bookings covering each one (a correlated count)."""
    return Slot.objects.annotate(booked=Coalesce(per_slot(seat_bookings(), SEATS), Value(0)))


SEATS = Count("pk", output_field=IntegerField())


def per_slot(rows: QuerySet, aggregate: Aggregate) -> Subquery:
    """`aggregate` over the `rows` that cover the outer slot's interval (a correlated subquery)."""
    covering = rows.filter(
        program=OuterRef("program"),
        starts_at__lte=OuterRef("starts_at"),
        ends_at__gt=OuterRef("starts_at"),
    )
    value = covering.order_by().values("program").annotate(value=aggregate).values("value")
    return Subquery(value, output_field=aggregate.output_field)
