"""Blocks around a fixed moment for the attendance, reminder and earnings tests."""

from datetime import datetime, timedelta
from decimal import Decimal

from scheduling.models import Booking
from tests.factories import AgentFactory, BookingFactory, ProgramFactory
from tests.scheduling.clock import HOUR, NOW

START = NOW + timedelta(hours=2)  # a block 12:00–16:00 New York time
MINUTE = timedelta(minutes=1)


def block(
    agent: object = None, *, start: datetime = START, hours: float = 4, **fields: object
) -> Booking:
    """A live block of `agent` (a New York agent by default) at $20/h, booked long ago."""
    fields.setdefault("pay_rate", Decimal("20.00"))
    return BookingFactory(
        agent=agent or AgentFactory(timezone="America/New_York"),
        program=fields.pop("program", None) or ProgramFactory(name="Acme Voice"),
        starts_at=start,
        ends_at=start + hours * HOUR,
        **fields,
    )


def reload(booking: Booking) -> Booking:
    return Booking.objects.get(pk=booking.pk)
