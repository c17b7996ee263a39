"""Each booking rule has one definition, and every reader of it agrees with the booking path.

Random worlds — programs with different horizons, some an agent may not book; slots released at
different times, some inside the closing window or beyond the horizon; other agents' bookings and
hold offers, live, cancelled and expired — and then:
- every slot `GET /api/v1/slots/` calls open is one `POST /api/v1/bookings/` accepts, and the
  reverse (the slots API used to list slots in the closing window and beyond the horizon);
- the seats the booking batch's SQL finds taken are the seats `seats.taken_blocks` finds, and
  the grid shows the same seats;
- the awards the eligibility statement counts are training's `valid_awards_q`.
"""

import random
from datetime import timedelta

import pytest
from django.db import transaction

from accounts.models import User
from clients.models import Program
from gigcx.locking import locked
from scheduling.booking.eligibility import is_eligible
from scheduling.booking.seats import seats_taken, taken_blocks
from scheduling.booking.sql import locked_block_facts
from scheduling.grid.selectors import open_week
from scheduling.models import Booking, ClientBlock, Slot, WaitlistEntry, WorkPreference
from tests.factories import (
    BookingFactory,
    CertificationFactory,
    ProgramFactory,
    SlotFactory,
    working_agent,
)
from tests.scheduling.bookings_api import BOOKINGS, agent, api_as
from tests.scheduling.clock import HOUR, NOW
from training.models import Award
from training.selectors import valid_awards_q

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]

HALF_HOUR = timedelta(minutes=30)
SEEDS = range(6)


def random_world(rng: random.Random, viewer: User) -> list[Program]:
    """Three programs of random horizons, one maybe blocked for `viewer`, with random slots,
    releases, capacities, bookings and holds of other agents (and one of the viewer's own)."""
    WorkPreference.objects.update_or_create(
        agent=viewer, defaults={"tier": rng.randint(1, 3), "hours_min": 0, "hours_max": 80}
    )
    programs = []
    for n in range(3):
        others = [working_agent() for _ in range(3)]  # their own per program: no overlaps
        program = ProgramFactory(
            name=f"Program {n}", min_block_minutes=30, booking_horizon_days=rng.randint(1, 3)
        )
        if rng.random() < 0.25:
            ClientBlock.objects.create(organisation=program.organisation, agent=viewer)
        for start in rng.sample(range(4 * 24 * 2), 14):
            slot = SlotFactory(
                program=program,
                starts_at=NOW + start * HALF_HOUR,
                capacity=rng.randint(1, 2),
                released_at=rng.choice([None, NOW - HOUR, NOW - 20 * HOUR, NOW - 30 * HOUR]),
            )
            fill_seats(rng, slot, others, viewer)
        programs.append(program)
    return programs


def fill_seats(rng: random.Random, slot: Slot, others: list[User], viewer: User) -> None:
    for other in rng.sample(others, rng.randint(0, 2)):
        BookingFactory(
            agent=other,
            program=slot.program,
            starts_at=slot.starts_at,
            ends_at=slot.starts_at + HALF_HOUR,  # one slot: an agent's blocks never overlap
            cancelled_at=rng.choice([None, None, NOW - HOUR]),
        )
    if rng.random() < 0.3:
        WaitlistEntry.objects.create(
            agent=rng.choice([*others, viewer]),
            program=slot.program,
            starts_at=slot.starts_at,
            ends_at=slot.starts_at + HALF_HOUR,
            status=WaitlistEntry.Status.OFFERED,
            offered_at=NOW - HOUR,
            offer_expires_at=NOW + rng.choice([-HOUR, HOUR]),
        )


def api_open_slots(viewer: User) -> set[int]:
    query = {"start": NOW.isoformat(), "end": (NOW + timedelta(days=5)).isoformat()}
    rows = api_as(viewer).get("/api/v1/slots/", {**query, "page_size": 1000}).json()
    assert rows["next"] is None
    return {row["id"] for row in rows["results"] if row["open"] > 0}


def accepted_by_post(viewer: User, slot: Slot) -> bool:
    """Whether `POST /api/v1/bookings/` books the slot alone; the booking is rolled back."""
    body = {
        "program": slot.program_id,
        "start": slot.starts_at.isoformat(),
        "end": (slot.starts_at + HALF_HOUR).isoformat(),
    }
    savepoint = transaction.savepoint()
    try:
        response = api_as(viewer).post(BOOKINGS, body, format="json")
    finally:
        transaction.savepoint_rollback(savepoint)
    assert response.status_code in (201, 409), response.content
    return response.status_code == 201


@pytest.mark.parametrize("seed", SEEDS)
def test_the_slots_api_calls_open_exactly_what_booking_accepts(seed):
    viewer = agent()
    random_world(random.Random(seed), viewer)  # noqa: S311 - a made-up world
    listed = api_open_slots(viewer)
    accepted = {slot.pk for slot in Slot.objects.all() if accepted_by_post(viewer, slot)}
    assert listed == accepted
    assert not Booking.objects.filter(agent=viewer).exists()


@pytest.mark.parametrize("seed", SEEDS)
def test_the_booking_sql_the_orm_and_the_grid_count_the_same_seats(seed):
    viewer = agent()
    programs = random_world(random.Random(seed), viewer)  # noqa: S311 - a made-up world
    grid = {}
    for week in (NOW.date(), NOW.date() + timedelta(days=7)):
        slots = open_week(agent=viewer, week=week, now=NOW).slots
        grid |= {slot.slot_id: slot.booked + slot.held for slot in slots}
    for program in programs:
        slots = list(program.slots.order_by("starts_at"))
        start, end = slots[0].starts_at, slots[-1].starts_at + HALF_HOUR
        in_orm = taken_blocks(program_id=program.pk, start=start, end=end, now=NOW, viewer=viewer)
        with locked(timeout_ms=None) as locks:
            in_sql = locked_block_facts(
                {"agent": viewer.pk, "program": program.pk, "start": start, "end": end}
                | {"now": NOW, "at": NOW, "window_start": start, "window_end": end}
                | {"lock_wait": "1000"},
                locks=locks,
            ).taken
        for slot in slots:
            counted = seats_taken(slot.starts_at, in_orm)
            assert seats_taken(slot.starts_at, in_sql) == counted, slot
            assert grid.get(slot.pk, counted) == counted, slot


@pytest.mark.parametrize("seed", SEEDS)
def test_the_eligibility_statement_counts_the_awards_training_counts(seed):
    rng = random.Random(seed)  # noqa: S311 - a made-up world
    viewer = agent()
    program = ProgramFactory()
    certification = CertificationFactory()
    certification.programs.add(program)
    for _ in range(rng.randint(1, 3)):
        awarded_at = NOW + rng.choice([-48, -1, 0, 1]) * HOUR
        Award.objects.create(
            agent=viewer,
            certification=certification,
            awarded_at=awarded_at,
            expires_at=max(awarded_at + HOUR, NOW + rng.choice([-1, 0, 1, 48]) * HOUR),
            revoked_at=rng.choice([None, NOW - HOUR]),
        )
    held = Award.objects.filter(valid_awards_q(NOW), agent=viewer).exists()
    assert is_eligible(agent=viewer, program=program, at=NOW) == held
