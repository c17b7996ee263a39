"""The booking rules of scheduling/services.py, each with the refusal a person reads."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from agents.models import ApplicationLanguage, ApplicationSkill
from clients.models import ProgramLanguage
from scheduling.booking.eligibility import eligible_programs, is_eligible
from scheduling.booking.pay import block_pay
from scheduling.booking.services import (
    booking_cancel,
    booking_create,
    booking_transfer,
    work_preference_for,
)
from scheduling.errors import BookingInvalid, BookingNotFound, BookingRefused
from scheduling.models import Bonus, Booking, ClientBlock, WaitlistEntry, WorkPreference
from tests.factories import ProgramFactory, SkillFactory, open_slots, working_agent
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from training.models import Award, Certification

pytestmark = [pytest.mark.django_db, pytest.mark.program(hours=12)]


def book(agent, program, start, hours, **kwargs):
    return booking_create(
        agent=agent,
        program=program,
        starts_at=start,
        ends_at=start + hours * HOUR,
        now=NOW,
        **kwargs,
    )


def refusal(code, agent, program, start, hours):
    with pytest.raises(BookingRefused) as caught:
        book(agent, program, start, hours)
    assert caught.value.code == code
    return caught.value.message


def test_a_block_is_booked_whole_with_its_pay_fixed(ada, program):
    Bonus.objects.create(
        program=program, starts_at=TOMORROW_9 + HOUR, ends_at=TOMORROW_9 + 3 * HOUR, per_hour=4
    )
    booking = book(ada, program, TOMORROW_9, 2)
    assert (booking.starts_at, booking.ends_at) == (TOMORROW_9, TOMORROW_9 + 2 * HOUR)
    assert booking.pay_rate == 18
    assert booking.bonus_amount == 4  # one of the two hours carries $4/h


def test_block_pay_takes_the_best_bonus_of_each_slot(program):
    for per_hour in (2, 5):
        Bonus.objects.create(
            program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=per_hour
        )
    pay = block_pay(program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + 2 * HOUR)
    assert (pay.base, pay.bonus, pay.total) == (36, 5, 41)


def test_a_full_slot_refuses_the_whole_block(ada, program):
    for _ in range(2):
        book(working_agent(), program, TOMORROW_9 + HOUR, 1)
    message = refusal("slot_full", ada, program, TOMORROW_9, 2)
    assert message == "Wed 2 Dec 10:00 is full."
    assert not Booking.objects.filter(agent=ada).exists()


def test_another_agents_open_hold_takes_a_seat_but_ones_own_does_not(ada, program):
    book(working_agent(), program, TOMORROW_9, 1)
    hold = WaitlistEntry.objects.create(
        agent=working_agent(),
        program=program,
        starts_at=TOMORROW_9,
        ends_at=TOMORROW_9 + HOUR,
        status=WaitlistEntry.Status.OFFERED,
        offer_expires_at=NOW + timedelta(minutes=15),
    )
    refusal("slot_full", ada, program, TOMORROW_9, 1)
    hold.offer_expires_at = NOW  # an expired hold frees its seat
    hold.save()
    assert book(ada, program, TOMORROW_9, 1).agent == ada


def test_the_offered_agent_books_into_their_own_hold(ada, program):
    book(working_agent(), program, TOMORROW_9, 1)
    WaitlistEntry.objects.create(
        agent=ada,
        program=program,
        starts_at=TOMORROW_9,
        ends_at=TOMORROW_9 + HOUR,
        status=WaitlistEntry.Status.OFFERED,
        offer_expires_at=NOW + timedelta(minutes=15),
    )
    assert book(ada, program, TOMORROW_9, 1).agent == ada


def test_an_agent_never_holds_two_bookings_at_once_across_programs(ada, program):
    book(ada, program, TOMORROW_9, 2)
    other = ProgramFactory(name="Globex Chat")
    open_slots(other, TOMORROW_9, hours=4)
    message = refusal("overlap", ada, other, TOMORROW_9 + HOUR, 2)
    assert message == "Overlaps your Acme Voice block at Wed 2 Dec 09:00."


def test_the_database_refuses_overlapping_live_bookings_too(ada, program):
    """The exclusion constraint holds even if a writer skips the service."""
    from django.db import IntegrityError, transaction

    book(ada, program, TOMORROW_9, 2)
    with pytest.raises(IntegrityError, match="booking_agent_no_overlap"), transaction.atomic():
        Booking.objects.create(
            agent=ada, program=program, starts_at=TOMORROW_9 + HOUR, ends_at=TOMORROW_9 + 3 * HOUR
        )


def test_the_weekly_cap_counts_what_is_booked_that_week(ada, program):
    WorkPreference.objects.create(agent=ada, hours_min=1, hours_max=3)
    book(ada, program, TOMORROW_9, 2)
    message = refusal("weekly_cap", ada, program, TOMORROW_9 + 3 * HOUR, 2)
    assert message == "That would exceed your 3 h weekly cap by 1 h (2 h already booked that week)."


def test_the_weekly_cap_is_per_local_week(ada):
    """Sunday night and Monday morning fall in different weeks of the agent's zone."""
    program = ProgramFactory(min_block_minutes=60)
    sunday_22 = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Sunday 22:00 in New York
    open_slots(program, sunday_22, hours=6)
    WorkPreference.objects.create(agent=ada, hours_min=1, hours_max=2)
    book(ada, program, sunday_22, 2)  # Sunday 22:00–24:00: the week's 2 h
    assert book(ada, program, sunday_22 + 3 * HOUR, 2).agent == ada  # Monday 01:00–03:00


def test_the_minimum_block_length_is_kept(ada, program):
    message = refusal("min_block", ada, program, TOMORROW_9, 0.5)
    assert message == "Acme Voice books blocks of at least 1 h; this one is 0.5 h."


def test_a_long_run_needs_a_half_hour_break(ada, program, settings):
    settings.SCHEDULING_MAX_CONSECUTIVE_HOURS = 4
    book(ada, program, TOMORROW_9, 3)
    message = refusal("no_break", ada, program, TOMORROW_9 + 3 * HOUR, 2)
    assert message == "That would make 5 h in a row without a 30-minute break (the limit is 4 h)."
    assert book(ada, program, TOMORROW_9 + 3.5 * HOUR, 2).agent == ada  # after a 30-minute gap


def test_booking_closes_before_the_start(ada, settings):
    settings.SCHEDULING_BOOKING_CLOSES_MINUTES = 60
    program = ProgramFactory()
    open_slots(program, NOW + 0.5 * HOUR, hours=3)
    message = refusal("booking_closed", ada, program, NOW + 0.5 * HOUR, 1)
    assert message == "Booking for Tue 1 Dec 10:30 closed 60 minutes before it starts."
    assert book(ada, program, NOW + HOUR, 1).agent == ada


def test_slots_past_the_horizon_cannot_be_booked(ada):
    program = ProgramFactory(name="Far", booking_horizon_days=1)
    open_slots(program, NOW + 30 * HOUR, hours=2)
    assert refusal("beyond_horizon", ada, program, NOW + 30 * HOUR, 1).startswith(
        "Far opens slots 1 days ahead"
    )


def test_a_closed_interval_refuses_the_block(ada, program):
    message = refusal("closed", ada, program, TOMORROW_9 + 11 * HOUR, 2)
    assert message == "Acme Voice takes no bookings at Wed 2 Dec 21:00."


def test_staged_release_opens_to_higher_tiers_first(ada, program, settings):
    settings.SCHEDULING_TOP_TIER, settings.SCHEDULING_RELEASE_DELAY_HOURS = 3, 12
    program.slots.update(released_at=NOW - HOUR)
    message = refusal("not_released", ada, program, TOMORROW_9, 1)  # tier 1 waits 24 h
    assert message == "Wed 2 Dec 09:00 opens to your tier at Wed 2 Dec 09:00."
    top = working_agent()
    WorkPreference.objects.create(agent=top, tier=3)
    assert book(top, program, TOMORROW_9, 1).agent == top


@pytest.mark.parametrize("missing", ["application", "certification", "language", "skill", "block"])
def test_only_eligible_agents_book(missing, program):
    agent = working_agent()
    certification = Certification.objects.create(name="Acme basics", slug="acme")
    certification.programs.add(program)
    Award.objects.create(
        agent=agent,
        certification=certification,
        awarded_at=NOW - HOUR,
        expires_at=NOW + 300 * 24 * HOUR,
    )
    ProgramLanguage.objects.create(program=program, language="es", min_level=4)
    ApplicationLanguage.objects.create(application=agent.application, language="es", level=5)
    skill = SkillFactory()
    program.required_skills.add(skill)
    ApplicationSkill.objects.create(application=agent.application, skill=skill, years=2)
    assert book(agent, program, TOMORROW_9, 1)  # eligible with everything in place
    assert same_eligibility(agent, program) is True
    if missing == "application":
        agent.application.status = "screening"
        agent.application.save()
    elif missing == "certification":
        Award.objects.update(expires_at=NOW)
    elif missing == "language":
        agent.application.languages.update(level=3)
    elif missing == "skill":
        agent.application.skills.all().delete()
    else:
        ClientBlock.objects.create(organisation=program.organisation, agent=agent)
    assert refusal("not_eligible", agent, program, TOMORROW_9 + 2 * HOUR, 1).startswith(
        "You are not eligible for Acme Voice"
    )
    assert same_eligibility(agent, program) is False


def same_eligibility(agent, program) -> bool:
    """The booking path's one-statement check (`is_eligible`) and the pages' `eligible_programs`
    are two spellings of one rule: they must agree. Returns their common answer."""
    in_sql = is_eligible(agent=agent, program=program, at=NOW)
    in_orm = eligible_programs(agent=agent, at=NOW, programs=[program]) == [program]
    assert in_sql == in_orm
    return in_sql


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (TOMORROW_9 + timedelta(minutes=10), TOMORROW_9 + HOUR, "start"),
        (TOMORROW_9, TOMORROW_9 - HOUR, "end"),
        (TOMORROW_9.replace(tzinfo=None), TOMORROW_9 + HOUR, "start"),
    ],
)
def test_a_malformed_block_is_bad_input(ada, program, start, end, field):
    with pytest.raises(BookingInvalid) as caught:
        booking_create(agent=ada, program=program, starts_at=start, ends_at=end, now=NOW)
    assert caught.value.field == field
    assert caught.value.status_code == 400


def test_the_weekly_target_starts_from_the_hours_applied_for(ada):
    ada.application.hours_min, ada.application.hours_max = 10, 25
    ada.application.save()
    preference = work_preference_for(ada)
    assert (preference.hours_min, preference.hours_max) == (10, 25)


class TestCancelling:
    def test_within_five_minutes_it_is_free(self, ada, program):
        with time_machine.travel(NOW, tick=False):
            booking = book(ada, program, TOMORROW_9, 2)
        cancelled = booking_cancel(agent=ada, booking_id=booking.pk, now=NOW + timedelta(minutes=5))
        assert cancelled.cancellation == Booking.Cancellation.FREE
        assert cancelled.cancelled_at == NOW + timedelta(minutes=5)

    def test_before_the_cut_off_it_is_in_time(self, ada, program):
        program.cancel_cutoff_hours = 12
        program.save()
        with time_machine.travel(NOW, tick=False):
            booking = book(ada, program, TOMORROW_9, 2)
        cancelled = booking_cancel(agent=ada, booking_id=booking.pk, now=NOW + HOUR)
        assert cancelled.cancellation == Booking.Cancellation.IN_TIME

    def test_after_the_cut_off_the_block_waits_for_a_taker(self, ada, program):
        with time_machine.travel(NOW, tick=False):
            booking = book(ada, program, TOMORROW_9, 2)
        pending = booking_cancel(agent=ada, booking_id=booking.pk, now=NOW + HOUR)
        assert pending.is_active
        assert pending.release_requested_at == NOW + HOUR
        with pytest.raises(BookingRefused) as caught:
            booking_cancel(agent=ada, booking_id=booking.pk, now=NOW + 2 * HOUR)
        assert caught.value.code == "pending_release"

    def test_a_started_or_cancelled_block_cannot_be_cancelled(self, ada, program):
        with time_machine.travel(NOW, tick=False):
            booking = book(ada, program, TOMORROW_9, 2)
        with pytest.raises(BookingRefused) as caught:
            booking_cancel(agent=ada, booking_id=booking.pk, now=TOMORROW_9)
        assert caught.value.code == "started"
        booking_cancel(agent=ada, booking_id=booking.pk, now=NOW)
        with pytest.raises(BookingRefused) as caught:
            booking_cancel(agent=ada, booking_id=booking.pk, now=NOW)
        assert caught.value.code == "cancelled"

    def test_a_checked_in_block_cannot_be_cancelled(self, ada, program):
        booking = book(ada, program, TOMORROW_9, 2)
        Booking.objects.filter(pk=booking.pk).update(attendance=Booking.Attendance.CHECKED_IN)
        with pytest.raises(BookingRefused) as caught:
            booking_cancel(agent=ada, booking_id=booking.pk, now=TOMORROW_9 - timedelta(minutes=10))
        assert caught.value.code == "checked_in"
        assert Booking.objects.get(pk=booking.pk).is_active

    def test_an_agent_cannot_cancel_another_agents_booking(self, ada, program):
        booking = book(ada, program, TOMORROW_9, 2)
        with pytest.raises(BookingNotFound):
            booking_cancel(agent=working_agent(), booking_id=booking.pk, now=NOW)
        assert Booking.objects.get(pk=booking.pk).is_active


class TestTransfer:
    def test_the_taker_gets_the_block_and_the_giver_is_released(self, ada, program):
        booking = book(ada, program, TOMORROW_9, 2)
        taker = working_agent()
        taken = booking_transfer(booking_id=booking.pk, to_agent=taker, now=NOW)
        booking.refresh_from_db()
        assert booking.cancellation == Booking.Cancellation.TRANSFERRED
        assert (taken.agent, taken.transferred_from, taken.pay_rate) == (taker, booking, 18)

    def test_the_takers_rules_apply(self, ada, program):
        booking = book(ada, program, TOMORROW_9, 2)
        taker = working_agent()
        WorkPreference.objects.create(agent=taker, hours_min=0, hours_max=1)
        with pytest.raises(BookingRefused) as caught:
            booking_transfer(booking_id=booking.pk, to_agent=taker, now=NOW)
        assert caught.value.code == "weekly_cap"
        booking.refresh_from_db()
        assert booking.is_active  # nothing changed

    def test_one_cannot_take_ones_own_block(self, ada, program):
        booking = book(ada, program, TOMORROW_9, 2)
        with pytest.raises(BookingRefused) as caught:
            booking_transfer(booking_id=booking.pk, to_agent=ada, now=NOW)
        assert caught.value.code == "own_booking"


def test_staff_cancel_future_bookings_from_the_admin(client_as, staff, ada, program):
    future = book(ada, program, TOMORROW_9, 2)
    with time_machine.travel(NOW):
        response = client_as(staff).post(
            "/admin/scheduling/booking/",
            {"action": "cancel_bookings", "index": 0, "_selected_action": [future.pk]},
            follow=True,
        )
    assert "Cancelled 1 booking(s)." in response.content.decode()
    future.refresh_from_db()
    assert future.cancellation == Booking.Cancellation.STAFF
    assert client_as(staff).get(f"/admin/scheduling/booking/{future.pk}/change/").status_code == 200
