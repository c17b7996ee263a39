"""`covering_counts` equals a count per slot (`slots_with_booked`), on PostgreSQL and SQLite."""

import random
from datetime import timedelta

import pytest
from django.db import connection

from scheduling.booking.seats import seat_bookings, slots_with_booked
from scheduling.grid.covering import covering_counts
from scheduling.models import Booking, Slot
from tests.factories import AgentFactory, ProgramFactory, SlotFactory
from tests.scheduling.clock import HOUR, NOW

pytestmark = pytest.mark.django_db

HALF = HOUR / 2
START, END = NOW, NOW + timedelta(days=2)


def counted(programs, **kinds) -> dict[int, tuple]:
    """Each slot of `programs` in [START, END), by id: its program and each kind's count."""
    slots = Slot.objects.filter(program__in=programs, starts_at__gte=START, starts_at__lt=END)
    sql, params = covering_counts(
        slots, fields=("id",), programs=programs, start=START, end=END, **kinds
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk: (program_id, *counts) for program_id, pk, *counts in cursor.fetchall()}


def covering(rows, slot) -> int:
    return sum(
        1
        for row in rows
        if row.program_id == slot.program_id and row.starts_at <= slot.starts_at < row.ends_at
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_equal_a_count_per_slot(seed):
    """Blocks of 30 minutes to 8 hours, some begun before the window or ending after it, some
    cancelled, over two programs: each kind counted on its own, for every slot."""
    rng = random.Random(seed)  # noqa: S311 - a made-up world
    programs = [ProgramFactory(), ProgramFactory()]
    for program in programs:
        for n in range(0, 96, 2):
            SlotFactory(program=program, starts_at=START + n * HALF)
        for _ in range(30):
            starts_at = START + rng.randrange(-16, 100) * HALF
            Booking.objects.create(
                agent=AgentFactory(),
                program=program,
                starts_at=starts_at,
                ends_at=starts_at + rng.randint(1, 16) * HALF,
                cancelled_at=rng.choice([None, None, NOW]),
            )
    cancelled = Booking.objects.exclude(cancelled_at=None)

    counts = counted(programs, booked=seat_bookings(), cancelled=cancelled)

    slots = slots_with_booked().filter(program__in=programs)
    expected = {
        slot.pk: (slot.program_id, slot.booked, covering(cancelled, slot)) for slot in slots
    }
    assert counts == expected
    assert any(booked for _, booked, _ in counts.values())
    assert any(cancelled for _, _, cancelled in counts.values())


def test_a_block_covers_from_its_first_slot_up_to_its_end():
    program, other = ProgramFactory(), ProgramFactory()
    before, first, last, after = (
        SlotFactory(program=program, starts_at=START + n * HOUR) for n in (1, 2, 4, 5)
    )
    SlotFactory(program=other, starts_at=START + 2 * HOUR)
    Booking.objects.create(  # ends where `first` begins
        agent=AgentFactory(), program=program, starts_at=START, ends_at=START + 2 * HOUR
    )
    Booking.objects.create(
        agent=AgentFactory(), program=program, starts_at=first.starts_at, ends_at=after.starts_at
    )

    counts = counted([program], booked=seat_bookings())

    assert counts == {
        before.pk: (program.pk, 1),
        first.pk: (program.pk, 1),
        last.pk: (program.pk, 1),
        after.pk: (program.pk, 0),
    }
