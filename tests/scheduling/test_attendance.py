"""Check-in and check-out, the no-show sweep, lapsed pending releases, adherence and reliability."""

from datetime import timedelta

import pytest

from scheduling.attendance.selectors import (
    attendance_summaries,
    attendance_summaries_by_program,
    today_blocks,
)
from scheduling.attendance.services import attendance_sweep, booking_check_in, booking_check_out
from scheduling.errors import BookingNotFound, BookingRefused
from scheduling.models import Booking
from tests.factories import AgentFactory, ProgramFactory
from tests.queries import assert_flat_queries
from tests.scheduling.attendance_world import MINUTE, START, block, reload
from tests.scheduling.clock import HOUR, NOW

pytestmark = pytest.mark.django_db

Attendance = Booking.Attendance


class TestCheckIn:
    def test_opens_fifteen_minutes_before_the_start(self):
        booking = block()
        checked = booking_check_in(
            agent=booking.agent, booking_id=booking.pk, now=START - 15 * MINUTE
        )
        assert checked.attendance == Attendance.CHECKED_IN
        assert reload(booking).checked_in_at == START - 15 * MINUTE

    def test_a_second_earlier_is_refused_saying_when_it_opens(self):
        booking = block()
        with pytest.raises(BookingRefused, match="Check-in opens at Tue 1 Dec 11:45") as refusal:
            booking_check_in(
                agent=booking.agent,
                booking_id=booking.pk,
                now=START - 15 * MINUTE - timedelta(seconds=1),
            )
        assert refusal.value.code == "too_early"
        assert reload(booking).checked_in_at is None

    def test_open_until_the_last_second_of_the_block(self):
        booking = block(hours=1)
        last_second = START + HOUR - timedelta(seconds=1)
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=last_second)
        assert reload(booking).attendance == Attendance.CHECKED_IN

    def test_closed_once_the_block_ends(self):
        booking = block(hours=1)
        with pytest.raises(BookingRefused, match="has ended"):
            booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START + HOUR)
        assert reload(booking).attendance == Attendance.SCHEDULED

    def test_twice_is_refused(self):
        booking = block()
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        with pytest.raises(BookingRefused, match="You checked in at Tue 1 Dec 12:00"):
            booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START + MINUTE)

    def test_a_cancelled_block_is_refused(self):
        booking = block(cancelled_at=NOW, cancellation="in_time")
        with pytest.raises(BookingRefused, match="no longer booked"):
            booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)

    def test_another_agents_booking_is_not_found_and_unchanged(self):
        booking = block()
        with pytest.raises(BookingNotFound):
            booking_check_in(agent=AgentFactory(), booking_id=booking.pk, now=START)
        assert reload(booking).attendance == Attendance.SCHEDULED

    def test_a_late_check_in_replaces_a_no_show(self):
        booking = block()
        attendance_sweep(now=START + 11 * MINUTE)
        assert reload(booking).attendance == Attendance.NO_SHOW
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START + 30 * MINUTE)
        assert reload(booking).attendance == Attendance.CHECKED_IN

    def test_a_pending_release_block_can_still_be_worked(self):
        booking = block(release_requested_at=NOW)
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        attendance_sweep(now=START + HOUR)
        booking = reload(booking)
        assert booking.cancelled_at is None
        assert booking.attendance == Attendance.CHECKED_IN


class TestCheckOut:
    def test_after_check_in_the_block_is_attended(self):
        booking = block()
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        booking_check_out(agent=booking.agent, booking_id=booking.pk, now=START + 3 * HOUR)
        booking = reload(booking)
        assert booking.attendance == Attendance.ATTENDED
        assert booking.checked_out_at == START + 3 * HOUR

    def test_before_check_in_is_refused(self):
        booking = block()
        with pytest.raises(BookingRefused, match="Check in first"):
            booking_check_out(agent=booking.agent, booking_id=booking.pk, now=START)
        assert reload(booking).checked_out_at is None

    def test_twice_is_refused(self):
        booking = block()
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        booking_check_out(agent=booking.agent, booking_id=booking.pk, now=START + HOUR)
        with pytest.raises(BookingRefused, match="already checked out"):
            booking_check_out(agent=booking.agent, booking_id=booking.pk, now=START + 2 * HOUR)
        assert reload(booking).checked_out_at == START + HOUR

    def test_another_agents_booking_is_not_found(self):
        booking = block()
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        with pytest.raises(BookingNotFound):
            booking_check_out(agent=AgentFactory(), booking_id=booking.pk, now=START + HOUR)
        assert reload(booking).attendance == Attendance.CHECKED_IN


class TestSweep:
    def test_no_check_in_by_start_plus_grace_is_a_no_show(self):
        booking = block()
        assert attendance_sweep(now=START + 10 * MINUTE - timedelta(seconds=1)).no_shows == 0
        assert reload(booking).attendance == Attendance.SCHEDULED
        assert attendance_sweep(now=START + 10 * MINUTE).no_shows == 1
        assert reload(booking).attendance == Attendance.NO_SHOW

    def test_is_idempotent(self):
        block()
        first = attendance_sweep(now=START + HOUR)
        second = attendance_sweep(now=START + HOUR)
        assert (first.no_shows, second.no_shows) == (1, 0)

    def test_leaves_checked_in_cancelled_and_future_blocks_alone(self):
        checked = block()
        booking_check_in(agent=checked.agent, booking_id=checked.pk, now=START)
        cancelled = block(cancelled_at=NOW, cancellation="in_time")
        later = block(start=START + 2 * HOUR)
        attendance_sweep(now=START + HOUR)
        assert reload(checked).attendance == Attendance.CHECKED_IN
        assert reload(cancelled).attendance == Attendance.SCHEDULED
        assert reload(later).attendance == Attendance.SCHEDULED

    def test_closes_a_block_left_checked_in_at_its_end(self):
        booking = block(hours=1)
        booking_check_in(agent=booking.agent, booking_id=booking.pk, now=START)
        assert attendance_sweep(now=START + HOUR).closed == 1
        booking = reload(booking)
        assert booking.attendance == Attendance.ATTENDED
        assert booking.checked_out_at == START + HOUR

    def test_an_unclaimed_pending_release_lapses_as_a_late_cancellation(self):
        booking = block(release_requested_at=NOW)
        result = attendance_sweep(now=START + 10 * MINUTE)
        booking = reload(booking)
        assert (result.lapsed, result.no_shows) == (1, 0)
        assert booking.cancelled_at == START
        assert booking.cancellation == Booking.Cancellation.LATE
        assert booking.attendance == Attendance.SCHEDULED  # a late cancellation, not a no-show too
        assert attendance_sweep(now=START + HOUR).lapsed == 0

    def test_a_pending_release_taken_by_someone_else_does_not_lapse(self):
        booking = block(release_requested_at=NOW, cancelled_at=NOW, cancellation="transferred")
        assert attendance_sweep(now=START + HOUR).lapsed == 0
        assert reload(booking).cancellation == Booking.Cancellation.TRANSFERRED


class TestSummaries:
    def test_adherence_and_reliability(self):
        agent = AgentFactory(timezone="America/New_York")
        worked = block(agent, start=START - 48 * HOUR)  # 4 h, in 10 min late, out an hour early
        booking_check_in(agent=agent, booking_id=worked.pk, now=worked.starts_at + 10 * MINUTE)
        booking_check_out(agent=agent, booking_id=worked.pk, now=worked.ends_at - HOUR)
        block(agent, start=START - 24 * HOUR, attendance=Attendance.NO_SHOW)
        block(agent, start=START - 12 * HOUR, cancelled_at=NOW, cancellation="late")
        block(agent, start=START - 6 * HOUR, cancelled_at=NOW, cancellation="in_time")
        summary = attendance_summaries(start=START - 72 * HOUR, end=NOW, agent_ids=[agent.pk])[
            agent.pk
        ]
        assert summary.booked_blocks == 3
        assert (summary.booked_minutes, summary.attended_minutes) == (480, 170)
        assert summary.adherence == pytest.approx(170 / 480)
        assert (summary.late_check_ins, summary.no_shows, summary.late_cancellations) == (1, 1, 1)
        assert summary.reliability == pytest.approx(1 / 3)
        assert summary.on_time_check_ins == 0

    def test_by_program_keeps_each_programs_blocks_apart(self):
        agent = AgentFactory(timezone="America/New_York")
        voice, chat = ProgramFactory(name="Voice"), ProgramFactory(name="Chat")
        on_time = block(agent, start=START - 48 * HOUR, program=voice)
        booking_check_in(agent=agent, booking_id=on_time.pk, now=on_time.starts_at - MINUTE)
        block(agent, start=START - 24 * HOUR, program=chat, attendance=Attendance.NO_SHOW)
        block(agent, start=START - 12 * HOUR, program=ProgramFactory(name="Not asked for"))
        found = attendance_summaries_by_program(
            start=START - 72 * HOUR, end=NOW, program_ids=[voice.pk, chat.pk]
        )
        assert set(found) == {(agent.pk, voice.pk), (agent.pk, chat.pk)}
        assert (
            found[agent.pk, voice.pk].on_time_check_ins,
            found[agent.pk, voice.pk].no_shows,
        ) == (1, 0)
        assert (found[agent.pk, chat.pk].attended_minutes, found[agent.pk, chat.pk].no_shows) == (
            0,
            1,
        )

    def test_one_query_however_many_agents(self):
        def no_shows(agents):
            for _ in range(agents):
                block(start=START - 24 * HOUR, attendance=Attendance.NO_SHOW)
            return agents

        def summaries(agents):
            found = attendance_summaries(start=START - 48 * HOUR, end=NOW)
            assert len(found) == agents
            assert all(s.reliability == 0 for s in found.values())

        assert assert_flat_queries(no_shows, summaries) == 1


def test_today_lists_todays_and_next_blocks_with_what_can_be_done(django_assert_num_queries):
    agent = AgentFactory(timezone="America/New_York")
    done = block(agent, start=NOW - 4 * HOUR, hours=2)  # earlier today, ended
    soon = block(agent, start=START, hours=2)
    block(agent, start=NOW - 30 * HOUR, hours=2)  # yesterday: not listed
    with django_assert_num_queries(1):
        items = today_blocks(agent=agent, now=START - 10 * MINUTE)
    assert [item.booking.pk for item in items] == [done.pk, soon.pk]
    assert [item.can_check_in for item in items] == [False, True]
