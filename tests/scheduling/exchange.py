"""A small world for the waitlist and swap-board tests: one program, full slots, working agents."""

from datetime import datetime, timedelta

from scheduling.booking.services import booking_create
from scheduling.models import Booking, WaitlistEntry
from tests.factories import ProgramFactory, open_slots, working_agent
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9

LONG_AGO = NOW - timedelta(days=3)


def full_program(*, seats: int = 1, hours: int = 6) -> object:
    """A program open from TOMORROW_9 for `hours`, every seat of the first 2 hours booked."""
    program = ProgramFactory(name="Acme Voice", pay_rate=18, min_block_minutes=60)
    open_slots(program, TOMORROW_9, hours=hours, capacity=seats)
    for _ in range(seats):
        book(agent(), program, TOMORROW_9, 2)
    return program


def agent(**fields: object) -> object:
    return working_agent(timezone="America/New_York", **fields)


def book(person: object, program: object, start: datetime, hours: float) -> Booking:
    """A booking made long ago (past the free-undo window), through the core's rules."""
    booking = booking_create(
        agent=person, program=program, starts_at=start, ends_at=start + hours * HOUR, now=NOW
    )
    Booking.objects.filter(pk=booking.pk).update(created=LONG_AGO)
    booking.created = LONG_AGO
    return booking


def waiting(person: object, program: object, start: datetime, hours: float) -> WaitlistEntry:
    """An entry in line, joined in the order of the calls."""
    return WaitlistEntry.objects.create(
        agent=person, program=program, starts_at=start, ends_at=start + hours * HOUR
    )


def free_seat(booking: Booking) -> None:
    """The booking's agent cancels in time; its seat is free."""
    Booking.objects.filter(pk=booking.pk).update(cancelled_at=NOW, cancellation="in_time")
