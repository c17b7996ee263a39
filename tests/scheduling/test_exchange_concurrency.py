"""Offers, holds and swaps stay exact when requests arrive at the same moment.

Each race runs real threads on their own PostgreSQL connections; each negative control removes
the locks and shows the harness does see the race they prevent.
"""

from datetime import timedelta

import pytest

from gigcx import locking
from scheduling.booking import services
from scheduling.errors import BookingRefused
from scheduling.exchange import waitlist
from scheduling.exchange.swaps import swap_post, swap_take
from scheduling.exchange.waitlist import offer_accept, offers_sweep, waitlist_offer_next
from scheduling.models import Booking, SwapPost, WaitlistEntry
from tests.races import all_read_before_any_writes, race
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, free_seat, full_program, waiting

pytestmark = pytest.mark.django_db(transaction=True)

Status = WaitlistEntry.Status


def two_seats_freed_with_three_in_line() -> object:
    program = full_program(seats=2)
    for person in (agent(), agent(), agent()):
        waiting(person, program, TOMORROW_9, 2)
    for booking in Booking.objects.filter(program=program):
        free_seat(booking)
    return program


def race_two_frees(program: object) -> list[BaseException]:
    def offer() -> None:
        waitlist_offer_next(
            program_id=program.pk, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + 2 * HOUR, now=NOW
        )

    return race(offer, offer)


def test_two_seats_freed_at_once_go_to_two_different_agents():
    program = two_seats_freed_with_three_in_line()
    assert race_two_frees(program) == []
    offered = WaitlistEntry.objects.filter(status=Status.OFFERED)
    assert offered.count() == 2
    assert len({entry.agent_id for entry in offered}) == 2
    assert WaitlistEntry.objects.filter(status=Status.WAITING).count() == 1


def test_without_the_slot_lock_one_seat_is_offered_twice(monkeypatch):
    """Negative control: both frees count the same two seats and offer three holds."""
    both_counted = all_read_before_any_writes(2, waitlist._free_seats)
    monkeypatch.setattr(waitlist, "_lock_slots", lambda locks, **kwargs: None)
    monkeypatch.setattr(waitlist, "_free_seats", both_counted)
    program = two_seats_freed_with_three_in_line()
    assert race_two_frees(program) == []
    assert WaitlistEntry.objects.filter(status=Status.OFFERED).count() == 3


def test_accepting_races_expiry_and_exactly_one_wins():
    program = full_program()
    first = waiting(agent(), program, TOMORROW_9, 2)
    second = waiting(agent(), program, TOMORROW_9, 2)
    free_seat(Booking.objects.get(program=program))
    waitlist_offer_next(
        program_id=program.pk, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + 2 * HOUR, now=NOW
    )
    expires = WaitlistEntry.objects.get(pk=first.pk).offer_expires_at
    failures = race(
        lambda: offer_accept(
            agent=first.agent, entry_id=first.pk, now=expires - timedelta(seconds=1)
        ),
        lambda: offers_sweep(now=expires),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    booked = Booking.objects.filter(agent=first.agent, cancelled_at=None).exists()
    if booked:  # the accept came first: the seat is booked, nobody else is offered it
        assert failures == []
        assert (first.status, second.status) == (Status.ACCEPTED, Status.WAITING)
    else:  # the sweep came first: the accept is refused, the next in line holds the seat
        assert [error.code for error in failures] == ["no_offer"]
        assert (first.status, second.status) == (Status.EXPIRED, Status.OFFERED)


@pytest.fixture
def posted() -> SwapPost:
    program = full_program(seats=1)
    booking = Booking.objects.get(program=program)
    return swap_post(agent=booking.agent, booking_id=booking.pk, now=NOW)


def race_two_takers(post: SwapPost) -> list[BaseException]:
    takers = [agent(), agent()]
    return race(
        *[lambda taker=taker: swap_take(agent=taker, swap_id=post.pk, now=NOW) for taker in takers]
    )


def test_two_agents_take_the_same_post_and_exactly_one_gets_it(posted):
    failures = race_two_takers(posted)
    assert [(type(error), error.code) for error in failures] == [(BookingRefused, "not_open")]
    assert Booking.objects.filter(transferred_from=posted.booking).count() == 1
    posted.refresh_from_db()
    assert posted.status == SwapPost.Status.TAKEN


def test_without_the_locks_both_takers_get_the_block(monkeypatch, posted):
    """Negative control: with the row locks off, both read the post open and the block still
    theirs to take, and both take it. The block is the last thing a taker reads (after the
    post) before it writes, so both meet there."""
    monkeypatch.setattr(locking, "for_update", lambda queryset: queryset)
    both_read = all_read_before_any_writes(2, services.check_changeable)
    monkeypatch.setattr(services, "check_changeable", both_read)
    assert race_two_takers(posted) == []
    assert Booking.objects.filter(transferred_from=posted.booking).count() == 2
