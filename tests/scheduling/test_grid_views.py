"""The booking grid page: booking, undoing and waiting through it, refusals, permissions."""

from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse

from scheduling.models import Booking, WaitlistEntry
from tests.factories import ProgramFactory, open_slots
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, book, full_program

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("at_now"),
    pytest.mark.program(hours=6),
]

HTMX = {"HTTP_HX_REQUEST": "true"}


def block(program, start=TOMORROW_9, hours=2.0):
    return {
        "program": program.pk,
        "start": start.isoformat(),
        "end": (start + hours * HOUR).isoformat(),
    }


class TestPage:
    def test_shows_the_week_with_accessible_cells(self, client_as, ada, program):
        page = client_as(ada).get(reverse("scheduling:book"))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'aria-label="Acme Voice, Wed 09:00–09:30, 2 seats open, short-staffed"' in html
        assert "America/New_York" in html
        assert "Week of Mon 30 Nov 2026" in html

    def test_cell_texts_are_escaped(self, client_as, ada):
        program = ProgramFactory(name='Tom & "Jerry" <Chat>')
        open_slots(program, TOMORROW_9, hours=1)
        html = client_as(ada).get(reverse("scheduling:book")).content.decode()
        assert 'aria-label="Tom &amp; &quot;Jerry&quot; &lt;Chat&gt;, Wed 09:00–09:30' in html
        assert "<Chat>" not in html

    def test_another_week_and_program_by_query(self, client_as, ada, program):
        other = ProgramFactory(name="Zed Chat")
        open_slots(other, TOMORROW_9 + timedelta(days=7), hours=1)
        page = client_as(ada).get(
            reverse("scheduling:book"), {"week": "2026-12-09", "program": other.pk}
        )
        html = page.content.decode()
        assert "Week of Mon 7 Dec 2026" in html and "Zed Chat, Wed 09:00–09:30" in html

    def test_a_bad_week_falls_back_to_this_week_with_a_message(self, client_as, ada, program):
        page = client_as(ada).get(reverse("scheduling:book"), {"week": "someday"})
        assert page.status_code == 200
        assert "Week: Enter a valid date." in page.content.decode()

    def test_the_page_reads_the_same_queries_for_one_program_or_twenty(self, client_as, ada):
        browser = client_as(ada)

        def booked_programs(count):
            for _ in range(count):
                program = ProgramFactory()
                open_slots(program, TOMORROW_9, hours=2)
                book(agent(), program, TOMORROW_9, 1)
            return count

        def page(count):
            assert browser.get(reverse("scheduling:book")).status_code == 200

        assert assert_flat_queries(booked_programs, page, sizes=(1, 20)) == 17

    def test_the_estimate_shows_the_blocks_pay_before_booking(self, client_as, ada, program):
        program.bonuses.create(starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=2)
        answer = client_as(ada).get(reverse("scheduling:book_estimate"), block(program), **HTMX)
        html = answer.content.decode()
        assert "$36.00" in html and "+$2.00" in html and "$38.00" in html
        assert "Book this block" in html
        assert not Booking.objects.exists()

    def test_no_estimate_for_a_program_the_agent_may_not_book(self, client_as, ada, program):
        program.organisation.agent_blocks.create(agent=ada)
        answer = client_as(ada).get(reverse("scheduling:book_estimate"), block(program))
        assert answer.status_code == 409
        html = answer.content.decode()
        assert "You are not eligible for Acme Voice." in html and "$36.00" not in html


class TestBooking:
    def test_books_a_block_and_offers_the_free_undo(self, client_as, ada, program):
        answer = client_as(ada).post(reverse("scheduling:book_block"), block(program), **HTMX)
        assert answer.status_code == 200
        booking = Booking.objects.get(agent=ada)
        assert (booking.starts_at, booking.ends_at) == (TOMORROW_9, TOMORROW_9 + 2 * HOUR)
        html = answer.content.decode()
        assert 'id="booking-area"' in html and "<html" not in html  # htmx: the area only
        assert "Booked: Acme Voice" in html and "Undo this booking" in html
        assert "until <strong>10:05</strong>" in html
        assert "Acme Voice, Wed 09:00–09:30, booked by you" in html

    def test_undo_within_five_minutes_is_free(self, client_as, ada, program):
        browser = client_as(ada)
        browser.post(reverse("scheduling:book_block"), block(program), **HTMX)
        booking = Booking.objects.get(agent=ada)
        with time_machine.travel(NOW + timedelta(minutes=4), tick=False):
            answer = browser.post(reverse("scheduling:book_undo", args=[booking.pk]), **HTMX)
        booking.refresh_from_db()
        assert booking.cancellation == Booking.Cancellation.FREE
        assert "is free again, with no penalty" in answer.content.decode()

    def test_refusals_show_the_rules_own_message(self, client_as, ada, program):
        answer = client_as(ada).post(
            reverse("scheduling:book_block"), block(program, hours=0.5), **HTMX
        )
        assert "Acme Voice books blocks of at least 1 h; this one is 0.5 h." in (
            answer.content.decode()
        )
        assert not Booking.objects.exists()

    def test_a_refusal_without_htmx_is_a_409_page(self, client_as, ada):
        program = full_program()
        answer = client_as(ada).post(reverse("scheduling:book_block"), block(program))
        assert answer.status_code == 409
        assert "Wed 2 Dec 09:00 is full." in answer.content.decode()
        assert not Booking.objects.filter(agent=ada).exists()

    def test_a_full_block_offers_the_waitlist_and_joins_it(self, client_as, ada):
        program = full_program()
        browser = client_as(ada)
        estimate = browser.get(reverse("scheduling:book_estimate"), block(program), **HTMX)
        assert "Join the waitlist" in estimate.content.decode()
        answer = browser.post(reverse("scheduling:book_waitlist"), block(program), **HTMX)
        assert "You are on the waitlist for Acme Voice" in answer.content.decode()
        entry = WaitlistEntry.objects.get(agent=ada)
        assert (entry.starts_at, entry.ends_at) == (TOMORROW_9, TOMORROW_9 + 2 * HOUR)


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"start": "tomorrow"}, "Start: Enter a valid date/time."),
            ({"end": TOMORROW_9.isoformat()}, "End: The end must come after the start."),
            ({"program": 999999}, "Program: Choose a program from the grid."),
            ({"program": ""}, "Program: This field is required."),
        ],
    )
    def test_form_errors_and_nothing_booked(self, client_as, ada, program, change, message):
        answer = client_as(ada).post(reverse("scheduling:book_block"), {**block(program), **change})
        assert answer.status_code == 400
        assert message in answer.content.decode()
        assert not Booking.objects.exists()

    def test_off_grid_times_are_refused_by_the_core(self, client_as, ada, program):
        answer = client_as(ada).post(
            reverse("scheduling:book_block"),
            block(program, start=TOMORROW_9 + timedelta(minutes=10)),
        )
        assert answer.status_code == 400
        assert "The start must be on the hour or half hour." in answer.content.decode()
        assert not Booking.objects.exists()


class TestPermissions:
    def test_a_client_user_can_neither_see_nor_book(self, client_as, client_user, program):
        browser = client_as(client_user)
        assert browser.get(reverse("scheduling:book")).status_code == 403
        assert browser.post(reverse("scheduling:book_block"), block(program)).status_code == 403
        assert not Booking.objects.exists()

    def test_anonymous_people_are_sent_to_log_in(self, client_as, program):
        answer = client_as(None).post(reverse("scheduling:book_block"), block(program))
        assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
        assert not Booking.objects.exists()

    def test_an_agent_cannot_undo_someone_elses_booking(self, client_as, ada, program):
        theirs = book(agent(), program, TOMORROW_9, 2)
        answer = client_as(ada).post(reverse("scheduling:book_undo", args=[theirs.pk]))
        assert answer.status_code == 404
        theirs.refresh_from_db()
        assert theirs.cancelled_at is None

    def test_booking_needs_a_post(self, client_as, ada, program):
        assert (
            client_as(ada).get(reverse("scheduling:book_block"), block(program)).status_code == 405
        )


def test_cells_inside_the_agents_availability_are_marked(client_as, ada, program):
    from scheduling.availability.services import window_add

    window_add(agent=ada, weekday=2, starts=time(9), ends=time(10))  # Wednesday 09:00–10:00
    html = client_as(ada).get(reverse("scheduling:book")).content.decode()
    assert "Acme Voice, Wed 09:30–10:00, 2 seats open, short-staffed, in your availability" in html
    assert 'Acme Voice, Wed 10:00–10:30, 2 seats open, short-staffed"' in html
    assert html.count("cell-available") == 2


def test_slots_not_yet_released_to_the_agents_tier_say_when_they_open(client_as, ada, program):
    from scheduling.models import Slot

    Slot.objects.filter(program=program).update(released_at=NOW)  # tier 1 waits 24 h
    page = client_as(ada).get(reverse("scheduling:book"))
    assert page.status_code == 200
    assert "Acme Voice, Wed 09:00–09:30, opens to your tier Wed 10:00" in page.content.decode()
