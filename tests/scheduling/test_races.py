"""booking_create stays exact when requests arrive at the same moment, on real connections.

Each race runs threads on their own PostgreSQL connections. Each has a negative control: the same
race with the row locks switched off (`gigcx.locking.for_update`, `row_lock_clause`) and the
no-overlap exclusion constraint dropped, every racer held after its checks until all have read,
must overbook — proving the harness sees the race.
"""

from collections.abc import Callable
from importlib import import_module

import pytest
from django.db import connection

from gigcx import locking
from scheduling.booking import services
from scheduling.errors import BookingRefused
from scheduling.models import Booking, WorkPreference
from tests.races import all_read_before_any_writes, holds_until_someone_queues, race
from tests.scheduling.bookings_api import agent, program_with_slots
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9

pytestmark = pytest.mark.django_db(transaction=True)

NO_OVERLAP = "booking_agent_no_overlap"
NO_OVERLAP_SQL = import_module("scheduling.migrations.0003_booking_core").NO_OVERLAP


@pytest.fixture(autouse=True)
def _patient_locks(settings):
    """Forty threads on a busy 2-core machine may queue past 3 s: these races test exactness,
    not the lock timeout (503, tested in test_booking_api)."""
    settings.SCHEDULING_LOCK_TIMEOUT_MS = 60_000


def attempts(work: list[Callable[[], object]]) -> list[str]:
    """Run `work` at once; each attempt's outcome: "booked" or the refusal's code."""
    outcomes: list[str] = []

    def attempt(book: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            try:
                book()
                outcomes.append("booked")
            except BookingRefused as refusal:
                outcomes.append(refusal.code)

        return run

    assert race(*[attempt(book) for book in work]) == []  # nothing else went wrong
    return outcomes


def booking(person: object, program: object, start: object = TOMORROW_9) -> Callable[[], object]:
    return lambda: services.booking_create(
        agent=person, program=program, starts_at=start, ends_at=start + HOUR, now=NOW
    )


@pytest.fixture
def no_locks(monkeypatch):
    """The row locks switched off, as every negative control runs."""
    monkeypatch.setattr(locking, "for_update", lambda queryset: queryset)
    monkeypatch.setattr(locking, "row_lock_clause", lambda: "")


@pytest.fixture
def unlocked(no_locks, monkeypatch):
    """The negative control's world: no row locks, no exclusion constraint. It hands `work` back
    with every attempt held after its last check until all have passed it: the checks judge
    facts read in one round trip before them, so every attempt has read before any books."""

    def all_read_first(work: list[Callable[[], object]]) -> list[Callable[[], object]]:
        checked = services.check_agent_time
        met = all_read_before_any_writes(len(work), checked)
        monkeypatch.setattr(services, "check_agent_time", met)
        return work

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE scheduling_booking DROP CONSTRAINT {NO_OVERLAP}")
    yield all_read_first
    Booking.objects.all().delete()  # the overbooked rows would break the constraint
    with connection.cursor() as cursor:
        cursor.execute(NO_OVERLAP_SQL)


def crowd_for_one_slot() -> list[Callable[[], object]]:
    program = program_with_slots(seats=5, hours=1)
    return [booking(agent(), program) for _ in range(40)]


def test_forty_agents_for_five_seats_book_exactly_five():
    outcomes = attempts(crowd_for_one_slot())
    assert outcomes.count("booked") == 5
    assert outcomes.count("slot_full") == 35
    assert Booking.objects.count() == 5


def test_without_the_locks_forty_agents_overbook_five_seats(unlocked):
    """Negative control."""
    outcomes = attempts(unlocked(crowd_for_one_slot()))
    assert outcomes.count("booked") > 5


def prepared_agent() -> object:
    """An agent whose weekly target exists: its creation on first use would queue the racers."""
    person = agent()
    services.work_preference_for(person)
    return person


def same_block_many_times() -> list[Callable[[], object]]:
    program = program_with_slots(seats=20, hours=1)
    person = prepared_agent()
    return [booking(person, program) for _ in range(10)]


def test_one_agent_sending_the_same_block_ten_times_books_it_once():
    outcomes = attempts(same_block_many_times())
    assert outcomes.count("booked") == 1
    assert outcomes.count("overlap") == 9


def test_without_the_locks_one_agent_books_the_same_block_twice(unlocked):
    """Negative control."""
    assert attempts(unlocked(same_block_many_times())).count("booked") > 1


def two_programs_overlapping() -> list[Callable[[], object]]:
    acme = program_with_slots(name="Acme Voice")
    globex = program_with_slots(name="Globex Chat")
    person = prepared_agent()
    return [booking(person, acme), booking(person, globex, TOMORROW_9 + HOUR / 2)]


def test_two_programs_overlapping_blocks_are_never_both_booked():
    outcomes = attempts(two_programs_overlapping())
    assert sorted(outcomes) == ["booked", "overlap"]


def test_without_the_locks_both_overlapping_blocks_are_booked(unlocked):
    """Negative control."""
    assert attempts(unlocked(two_programs_overlapping())) == ["booked", "booked"]


def two_blocks_over_the_cap() -> list[Callable[[], object]]:
    """An agent with a 1 h weekly cap asks for an hour of Acme on Wednesday and an hour of Globex
    on Thursday: either fits the cap, not both. They share no slot, so only the agent's lock can
    make the second request see the first."""
    acme = program_with_slots(name="Acme Voice", hours=1)
    thursday_9 = TOMORROW_9 + 24 * HOUR
    globex = program_with_slots(name="Globex Chat", hours=1, start=thursday_9)
    person = prepared_agent()
    WorkPreference.objects.filter(agent=person).update(hours_min=0, hours_max=1)
    return [booking(person, acme), booking(person, globex, thursday_9)]


def test_two_blocks_over_the_weekly_cap_at_once_book_only_one(monkeypatch):
    """The first request holds its locks until the second is seen waiting for them."""
    checked = services.check_agent_time
    monkeypatch.setattr(services, "check_agent_time", holds_until_someone_queues(checked))
    assert sorted(attempts(two_blocks_over_the_cap())) == ["booked", "weekly_cap"]
    assert Booking.objects.count() == 1


def test_without_the_locks_both_blocks_are_booked_past_the_cap(no_locks, monkeypatch):
    """Negative control: both requests read an empty week before either books."""
    checked = services.check_agent_time
    monkeypatch.setattr(services, "check_agent_time", all_read_before_any_writes(2, checked))
    assert attempts(two_blocks_over_the_cap()) == ["booked", "booked"]
    assert Booking.objects.count() == 2  # two hours against a one-hour cap
