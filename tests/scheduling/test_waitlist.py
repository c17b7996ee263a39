"""The waitlist: joining, hold offers, accepting, expiry, and blocks pending release."""

from datetime import timedelta

import pytest
from django.http import Http404

from notifications.models import Notification
from scheduling.booking.services import booking_cancel, booking_create, booking_staff_cancel
from scheduling.errors import BookingInvalid, BookingRefused
from scheduling.exchange.waitlist import (
    offer_accept,
    offer_decline,
    offers_sweep,
    waitlist_join,
    waitlist_leave,
    waitlist_offer_next,
)
from scheduling.models import Booking, WaitlistEntry
from scheduling.tasks import waitlist_offer_next_task
from tests.factories import AgentFactory, ProgramFactory, open_slots
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, book, free_seat, full_program, waiting

pytestmark = pytest.mark.django_db

Status = WaitlistEntry.Status
HOLD = timedelta(minutes=15)


def join(person, program, start=TOMORROW_9, hours=2):
    return waitlist_join(
        agent=person, program_id=program.pk, starts_at=start, ends_at=start + hours * HOUR, now=NOW
    )


def refused(code, call, *args, **kwargs):
    with pytest.raises(BookingRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value.message


def offer_next(program, start=TOMORROW_9, hours=2, now=NOW):
    return waitlist_offer_next(
        program_id=program.pk, starts_at=start, ends_at=start + hours * HOUR, now=now
    )


class TestJoin:
    def test_an_eligible_agent_joins_a_full_block(self):
        program = full_program()
        entry = join(agent(), program, TOMORROW_9 + HOUR, 2)  # its first hour is full
        assert entry.status == Status.WAITING

    def test_a_block_with_seats_open_is_booked_not_waited_for(self):
        program = full_program()
        message = refused("seats_open", join, agent(), program, TOMORROW_9 + 2 * HOUR, 2)
        assert message == "Seats are open in every slot of this block: book it."
        assert not WaitlistEntry.objects.exists()

    def test_once_per_block(self):
        program, ada = full_program(), agent()
        join(ada, program)
        message = refused("already_waiting", join, ada, program)
        assert message == "You are already on the waitlist for this block."
        assert WaitlistEntry.objects.count() == 1

    def test_an_agent_who_cannot_book_the_program_cannot_wait_for_it(self):
        program = full_program()
        message = refused("not_eligible", join, AgentFactory(), program)
        assert message == "You cannot book this program, so you cannot wait for it either."

    def test_an_unknown_program_gets_the_same_refusal(self):
        full_program()
        refused("not_eligible", waitlist_join, agent=agent(), program_id=999999,
                starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, now=NOW)  # fmt: skip

    def test_the_block_keeps_the_booking_rules(self):
        program = full_program()
        message = refused("min_block", join, agent(), program, TOMORROW_9, 0.5)
        assert message == "Acme Voice books blocks of at least 1 h; this one is 0.5 h."
        with pytest.raises(BookingInvalid) as caught:
            join(agent(), program, TOMORROW_9 + timedelta(minutes=10), 1)
        assert caught.value.field == "start"

    def test_hours_the_program_is_closed_are_refused(self):
        program = full_program(hours=2)
        message = refused("closed", join, agent(), program, TOMORROW_9 + HOUR, 2)
        assert message == "Acme Voice takes no bookings for part of this block."


class TestOffers:
    def test_a_freed_seat_goes_to_the_first_in_line_with_a_notification(self):
        program = full_program()
        first, second = agent(), agent()
        entries = [waiting(first, program, TOMORROW_9, 2), waiting(second, program, TOMORROW_9, 2)]
        free_seat(Booking.objects.get(program=program))
        assert offer_next(program) == [entries[0]]
        entries[0].refresh_from_db()
        assert (entries[0].status, entries[0].offer_expires_at) == (Status.OFFERED, NOW + HOLD)
        note = Notification.objects.get(user=first)
        assert note.title == "A seat in Acme Voice is held for you"
        assert note.body == (
            "The block Wed Dec 02, 09:00–11:00 is yours to accept until 10:15; "
            "then it goes to the next in line."
        )
        assert note.link == "/agent/waitlist/"
        assert WaitlistEntry.objects.get(agent=second).status == Status.WAITING

    def test_offering_again_changes_nothing(self):
        program = full_program()
        waiting(agent(), program, TOMORROW_9, 2)
        free_seat(Booking.objects.get(program=program))
        assert len(offer_next(program)) == 1
        assert offer_next(program) == []
        assert Notification.objects.count() == 1

    def test_an_entry_is_offered_only_when_every_slot_of_its_block_is_free(self):
        program = full_program()
        long_wait = waiting(agent(), program, TOMORROW_9, 2)
        short_wait = waiting(agent(), program, TOMORROW_9 + HOUR, 1)
        free_seat(Booking.objects.get(program=program))
        book(agent(), program, TOMORROW_9, 1)  # the first hour is full again
        assert offer_next(program) == [short_wait]
        long_wait.refresh_from_db()
        assert long_wait.status == Status.WAITING

    def test_the_hold_keeps_the_seat_from_everyone_else(self):
        program = full_program()
        waiting(agent(), program, TOMORROW_9, 2)
        free_seat(Booking.objects.get(program=program))
        offer_next(program)
        refused("slot_full", booking_create, agent=agent(), program=program,
                starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, now=NOW)  # fmt: skip

    def test_cancelling_enqueues_the_offer_after_commit(self, django_capture_on_commit_callbacks):
        program = full_program()
        booking = Booking.objects.get(program=program)
        with django_capture_on_commit_callbacks() as callbacks:
            booking_cancel(agent=booking.agent, booking_id=booking.pk, now=NOW)
        assert offers_published(callbacks) == [
            (program.pk, TOMORROW_9.isoformat(), (TOMORROW_9 + 2 * HOUR).isoformat())
        ]

    def test_a_staff_cancel_offers_the_seat_too(self, django_capture_on_commit_callbacks):
        program = full_program()
        booking = Booking.objects.get(program=program)
        with django_capture_on_commit_callbacks() as callbacks:
            assert booking_staff_cancel(booking_ids=[booking.pk], now=NOW) == 1
        assert offers_published(callbacks) == [
            (program.pk, TOMORROW_9.isoformat(), (TOMORROW_9 + 2 * HOUR).isoformat())
        ]


def offers_published(callbacks: list) -> list[tuple]:
    """The arguments of every waitlist offer task a commit would publish."""
    return [
        c.args[1] for c in callbacks if c.args and c.args[0].name == waitlist_offer_next_task.name
    ]


class TestAccept:
    @pytest.fixture
    def offered(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        free_seat(Booking.objects.get(program=program))
        offer_next(program)
        entry.refresh_from_db()
        return entry

    def test_accepting_books_the_held_block(self, offered):
        booking = offer_accept(agent=offered.agent, entry_id=offered.pk, now=NOW + HOLD / 2)
        assert (booking.agent, booking.starts_at, booking.ends_at) == (
            offered.agent,
            TOMORROW_9,
            TOMORROW_9 + 2 * HOUR,
        )
        offered.refresh_from_db()
        assert (offered.status, offered.booking) == (Status.ACCEPTED, booking)

    def test_accepting_after_expiry_is_refused_with_the_time(self, offered):
        message = refused("offer_expired", offer_accept, agent=offered.agent,
                          entry_id=offered.pk, now=NOW + HOLD)  # fmt: skip
        assert message == "This offer expired at 10:15; the seat went to the next in line."
        assert not Booking.objects.filter(agent=offered.agent).exists()

    def test_the_core_still_checks_the_agents_rules(self, offered):
        other = ProgramFactory(name="Globex Chat")
        open_slots(other, TOMORROW_9, hours=2)
        book(offered.agent, other, TOMORROW_9 + HOUR, 1)  # now overlaps the held block
        refused("overlap", offer_accept, agent=offered.agent, entry_id=offered.pk, now=NOW)
        offered.refresh_from_db()
        assert offered.status == Status.OFFERED  # the hold stays until it expires

    def test_someone_elses_offer_is_not_found(self, offered):
        with pytest.raises(Http404):
            offer_accept(agent=agent(), entry_id=offered.pk, now=NOW)

    def test_declining_lets_the_next_in_line_have_it(
        self, offered, django_capture_on_commit_callbacks
    ):
        second = waiting(agent(), offered.program, TOMORROW_9, 2)
        with django_capture_on_commit_callbacks() as callbacks:
            offer_decline(agent=offered.agent, entry_id=offered.pk)
        assert len(callbacks) == 1
        offered.refresh_from_db()
        assert offered.status == Status.LEFT
        assert offer_next(offered.program) == [second]

    def test_there_is_nothing_to_decline_or_accept_while_waiting(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        assert refused("no_offer", offer_decline, agent=entry.agent, entry_id=entry.pk) == (
            "There is no open offer to decline."
        )
        refused("no_offer", offer_accept, agent=entry.agent, entry_id=entry.pk, now=NOW)


class TestLeave:
    def test_leaving_takes_the_agent_out_of_line(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        waitlist_leave(agent=entry.agent, entry_id=entry.pk)
        entry.refresh_from_db()
        assert entry.status == Status.LEFT
        message = refused("not_waiting", waitlist_leave, agent=entry.agent, entry_id=entry.pk)
        assert message == "You are no longer on this waitlist."

    def test_nobody_else_can_take_an_agent_out_of_line(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        with pytest.raises(Http404):
            waitlist_leave(agent=agent(), entry_id=entry.pk)
        entry.refresh_from_db()
        assert entry.status == Status.WAITING


class TestSweep:
    def test_an_overdue_offer_expires_and_the_next_in_line_is_offered(self):
        program = full_program()
        first = waiting(agent(), program, TOMORROW_9, 2)
        second = waiting(agent(), program, TOMORROW_9, 2)
        free_seat(Booking.objects.get(program=program))
        offer_next(program)
        assert offers_sweep(now=NOW + HOLD) == 1
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (Status.EXPIRED, Status.OFFERED)
        assert second.offer_expires_at == NOW + 2 * HOLD

    def test_waiting_for_a_block_that_began_ends(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        offers_sweep(now=TOMORROW_9)
        entry.refresh_from_db()
        assert entry.status == Status.EXPIRED

    def test_seats_a_capacity_rise_opened_are_offered(self):
        program = full_program()
        entry = waiting(agent(), program, TOMORROW_9, 2)
        program.slots.update(capacity=2)
        assert offers_sweep(now=NOW) == 1
        entry.refresh_from_db()
        assert entry.status == Status.OFFERED


class TestPendingRelease:
    """A late cancel leaves the block its agent's; the waitlist may hand it on whole."""

    @pytest.fixture
    def pending(self):
        program = full_program()
        booking = Booking.objects.get(program=program)
        booking_cancel(agent=booking.agent, booking_id=booking.pk, now=NOW)
        booking.refresh_from_db()
        assert booking.release_requested_at == NOW and booking.is_active
        return booking

    def test_the_first_agent_waiting_inside_it_is_offered_the_whole_block(self, pending):
        outside = waiting(agent(), pending.program, TOMORROW_9 + HOUR, 2)
        inside = waiting(agent(), pending.program, TOMORROW_9, 1)
        assert offer_next(pending.program) == [inside]
        inside.refresh_from_db()
        assert (inside.status, inside.release_booking) == (Status.OFFERED, pending)
        assert Notification.objects.get(user=inside.agent).title == (
            "A block pending release in Acme Voice is held for you"
        )
        outside.refresh_from_db()
        assert outside.status == Status.WAITING

    def test_accepting_takes_the_block_over(self, pending):
        entry = waiting(agent(), pending.program, TOMORROW_9, 1)
        offer_next(pending.program)
        booking = offer_accept(agent=entry.agent, entry_id=entry.pk, now=NOW)
        assert (booking.starts_at, booking.ends_at, booking.transferred_from) == (
            pending.starts_at,
            pending.ends_at,
            pending,
        )
        pending.refresh_from_db()
        assert pending.cancellation == Booking.Cancellation.TRANSFERRED

    def test_the_offer_holds_no_second_seat(self, pending):
        entry = waiting(agent(), pending.program, TOMORROW_9, 1)
        offer_next(pending.program)
        entry.refresh_from_db()
        assert entry.release_booking == pending
        pending.program.slots.update(capacity=2)  # one seat more: nobody holds it
        assert book(agent(), pending.program, TOMORROW_9, 2).is_active
