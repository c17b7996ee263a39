"""The program picker's SQL counts mean what `GridSlot` means: equal to counts over `open_week`."""

import random
from datetime import timedelta

import pytest

from scheduling.grid.picker import PickerCounts, picker_counts
from scheduling.grid.selectors import open_week
from scheduling.models import Bonus, Booking, WaitlistEntry, WorkPreference
from tests.factories import AgentFactory, ProgramFactory, SlotFactory
from tests.scheduling.clock import HOUR, NOW
from tests.scheduling.exchange import agent

pytestmark = pytest.mark.django_db

HALF = HOUR / 2


def counted_from_grid_slots(opened) -> dict[int, PickerCounts]:
    counts = {}
    for program in opened.programs:
        bookable = [slot for slot in opened.slots_of(program) if slot.bookable]
        counts[program.pk] = PickerCounts(
            open_seats=sum(slot.open_seats for slot in bookable),
            hot=sum(1 for slot in bookable if slot.hot),
            bonus=sum(1 for slot in bookable if slot.bonus_per_hour),
        )
    return counts


def counted_in_sql(opened, viewer, tier) -> dict[int, PickerCounts]:
    start, end = opened.starts_at, opened.ends_at
    counts = picker_counts(
        agent=viewer,
        programs=opened.programs,
        start=start,
        end=end,
        now=NOW,
        tier=tier,
    )
    return {program.pk: counts.get(program.pk, PickerCounts()) for program in opened.programs}


def interval(rng, base, most_hours=4):
    start = base + rng.randrange(-8, 7 * 48 + 8) * HALF
    return start, start + rng.randint(1, most_hours * 2) * HALF


def varied_world(rng, viewer, others):
    """Slots released at many times, closing soon, past horizons, over- and under-booked; own and
    others' bookings, cancelled ones, running and expired holds, bonuses of zero and more."""
    base = NOW - timedelta(days=2)
    viewer_blocks = []
    for horizon in (1, 3, 30):
        program = ProgramFactory(booking_horizon_days=horizon)
        for n in range(0, 7 * 48, 3):
            SlotFactory(
                program=program,
                starts_at=base + n * HALF,
                capacity=rng.randint(0, 3),
                required=rng.randint(0, 3),
                released_at=rng.choice([None, NOW - timedelta(hours=rng.randint(0, 40))]),
            )
        for _ in range(40):
            starts_at, ends_at = interval(rng, base)
            mine = rng.random() < 0.2 and not any(
                starts_at < end and start < ends_at for start, end in viewer_blocks
            )
            viewer_blocks += [(starts_at, ends_at)] * mine
            Booking.objects.create(
                agent=viewer if mine else AgentFactory(),  # an agent's blocks never overlap
                program=program,
                starts_at=starts_at,
                ends_at=ends_at,
                cancelled_at=rng.choice([None, None, NOW]),
            )
        for _ in range(15):
            starts_at, ends_at = interval(rng, base, most_hours=2)
            WaitlistEntry.objects.get_or_create(  # once per agent and block
                agent=rng.choice([viewer, *others]),
                program=program,
                starts_at=starts_at,
                ends_at=ends_at,
                defaults={
                    "status": WaitlistEntry.Status.OFFERED,
                    "offered_at": NOW,
                    "offer_expires_at": NOW + rng.choice([-1, 1]) * timedelta(minutes=10),
                },
            )
        for _ in range(6):
            starts_at, ends_at = interval(rng, base, most_hours=6)
            Bonus.objects.create(
                program=program,
                starts_at=starts_at,
                ends_at=ends_at,
                per_hour=rng.choice([0, 1, 2.5]),
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("tier", [1, 3])
def test_picker_counts_equal_counts_over_the_grid_slots(
    seed, tier, settings, django_assert_num_queries
):
    settings.SCHEDULING_TOP_TIER, settings.SCHEDULING_RELEASE_DELAY_HOURS = 3, 12
    viewer, others = agent(), [agent() for _ in range(3)]
    WorkPreference.objects.create(agent=viewer, tier=tier)
    varied_world(random.Random(seed), viewer, others)  # noqa: S311 - a made-up world

    opened = open_week(agent=viewer, week=NOW.date(), now=NOW)
    expected = counted_from_grid_slots(opened)

    assert len(opened.programs) == 3
    with django_assert_num_queries(1):
        assert counted_in_sql(opened, viewer, tier) == expected
    assert any(counts.open_seats for counts in expected.values())
    assert any(counts.hot for counts in expected.values())
    assert any(counts.bonus for counts in expected.values())


def test_no_programs_no_query(django_assert_num_queries):
    viewer = agent()
    with django_assert_num_queries(0):
        counts = picker_counts(agent=viewer, programs=[], start=NOW, end=NOW, now=NOW, tier=1)
    assert counts == {}
